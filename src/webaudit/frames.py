"""Animated images and videos as a timeline of small frames, decoded once per resource.

`timeline(resource)` decodes an animated GIF, APNG or WebP (Pillow) or a video (PyAV, the optional
`video` extra) into small sRGB frames on an analysis grid of at most GRID_SIDE cells a side, with the
time each frame is shown, the way a browser plays it:

- frame delays of 10 ms or less play at 100 ms (what browsers do; 20 ms is honoured);
- a GIF without a NETSCAPE loop extension plays once; a loop count of N plays N + 1 times;
  APNG and WebP loop counts are total plays (0 = forever);
- a looping animation is unrolled long enough that every one-second window of its steady state is seen.

The work is bounded: frames are downscaled while decoding, at most `max_frames` frames are decoded,
and images whose frames are too large to decode safely are refused. Every failure is a MediaProblem
with a message for a person; `video_info(resource)` reads a video's streams (in-band captions) without
decoding pictures.
"""
from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

GRID_SIDE = 128  # the analysis grid's long side, in cells
MAX_FRAMES = 1800  # one minute at 30 fps
MAX_PLAYED = 3600  # frames in the unrolled play order of a looping animation
MAX_FRAME_PIXELS = 40_000_000  # a frame larger than this is not decoded
MAX_TOTAL_PIXELS = 600_000_000  # decoding stops (and says so) after this many source pixels
MIN_DELAY_MS = 10  # delays at or below this play at DEFAULT_DELAY_MS
DEFAULT_DELAY_MS = 100
SECOND_US = 1_000_000


class MediaProblem(Exception):
    """The media cannot be analysed; the message says why. `severity` is how a check should report it."""

    def __init__(self, message: str, severity: str = "warning"):
        super().__init__(message)
        self.severity = severity


@dataclass(frozen=True)
class Timeline:
    frames: np.ndarray  # (F, H, W, 3) uint8 sRGB: each decoded frame, on the analysis grid
    order: np.ndarray  # (N,) indices into frames, in play order (loops unrolled)
    times_us: np.ndarray  # (N,) int64: when each played frame appears
    size: tuple[int, int]  # the media's own width and height in pixels
    format: str  # "GIF", "PNG", "WEBP", or the video codec
    play_us: int  # one play's duration
    plays: str  # "plays once", "loops forever", "plays 3 times"
    truncated: str = ""  # why only part of the media was analysed ("" when all of it was)

    @property
    def grid(self) -> tuple[int, int]:
        return self.frames.shape[2], self.frames.shape[1]


def grid_size(width: int, height: int, side: int = GRID_SIDE) -> tuple[int, int]:
    """The analysis grid for a frame: at most `side` cells on the long side, never upscaled."""
    scale = min(1.0, side / max(width, height, 1))
    return max(1, round(width * scale)), max(1, round(height * scale))


def timeline(resource, max_frames: int = MAX_FRAMES) -> Timeline | None:
    """The resource's frames (None for a still image); cached. Raises MediaProblem."""
    key = ("timeline", max_frames)
    if key not in resource.cache:
        try:
            if resource.kind == "video":
                resource.cache[key] = _video_timeline(resource.body, max_frames)
            else:
                resource.cache[key] = _image_timeline(resource.body, max_frames)
        except MediaProblem as e:
            resource.cache[key] = e
    got = resource.cache[key]
    if isinstance(got, MediaProblem):
        raise got
    return got


def report_problem_once(resource, problem: MediaProblem) -> bool:
    """True for the first check that meets this resource's problem, so a bad file gets one finding."""
    key = ("problem-reported", str(problem))
    if key in resource.cache:
        return False
    resource.cache[key] = True
    return True


# -- images --------------------------------------------------------------------------------------------
def _image_timeline(body: bytes, max_frames: int) -> Timeline | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(body))
            width, height = im.size
            if width * height > MAX_FRAME_PIXELS:
                raise MediaProblem(f"is {width}x{height} pixels, too large to analyse for flashing", "warning")
            count = getattr(im, "n_frames", 1)
            if count < 2:
                im.load()  # a still image cannot flash, but a corrupt one should say so
                return None
            return _decode_image(im, count, max_frames)
    except MediaProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise MediaProblem("declares a picture too large to analyse for flashing (a decompression bomb?)") from None
    except UnidentifiedImageError as e:
        raise MediaProblem(f"cannot be decoded as an image, so it was not checked for flashing ({_short(e)})") from None
    except (OSError, ValueError, EOFError, SyntaxError, MemoryError) as e:  # Pillow's ways of saying "corrupt"
        raise MediaProblem(f"is a corrupt or truncated image, so it was not checked for flashing ({_short(e)})") from None


def _decode_image(im, count: int, max_frames: int) -> Timeline:
    from PIL import Image

    fmt = im.format or "image"
    width, height = im.size
    gw, gh = grid_size(width, height)
    take = min(count, max_frames, max(2, MAX_TOTAL_PIXELS // (width * height)))
    frames = np.empty((take, gh, gw, 3), np.uint8)
    delays = np.empty(take, np.int64)
    for i in range(take):
        im.seek(i)
        im.load()  # WebP sets the frame's duration when it loads the frame
        delay = im.info.get("duration") or 0
        delays[i] = DEFAULT_DELAY_MS if delay <= MIN_DELAY_MS else round(delay)
        if im.mode == "RGB" or (im.mode in ("P", "L") and "transparency" not in im.info):
            frames[i] = np.asarray(_shrink(im.convert("RGB"), gw, gh))
        else:
            frames[i] = _over_white(np.asarray(_shrink(im.convert("RGBA"), gw, gh)))
    loop = im.info.get("loop")
    if fmt == "GIF":
        plays = 1 if loop is None else (0 if loop == 0 else loop + 1)
    else:
        plays = 0 if not loop else int(loop)
    truncated = f"only the first {take} of its {count} frames were analysed" if take < count else ""
    return _unroll(frames, delays * 1000, (width, height), fmt, plays, truncated)


def _shrink(im, gw: int, gh: int):
    """Box-average down to the analysis grid (reducing by whole factors first, which is faster)."""
    from PIL import Image

    return im if im.size == (gw, gh) else im.resize((gw, gh), Image.Resampling.BOX, reducing_gap=2.0)


def _over_white(rgba: np.ndarray) -> np.ndarray:
    """Transparent pixels show the page behind them; assume a white page."""
    alpha = rgba[..., 3:4].astype(np.uint16)
    return ((rgba[..., :3] * alpha + 255 * (255 - alpha)) // 255).astype(np.uint8)


def _unroll(frames, durations_us, size, fmt, plays: int, truncated: str) -> Timeline:
    """Play order and times: one play, or for a loop two plays and one more second, which holds every
    one-second window of the steady state (the first play starts from nothing to compare with)."""
    play_us = int(durations_us.sum())
    needed = 2 + math.ceil(SECOND_US / max(play_us, 1))
    cap = max(1, MAX_PLAYED // len(frames))
    n_plays = min(needed if plays == 0 else plays, needed, cap)
    order = np.tile(np.arange(len(frames)), n_plays)
    durations = np.tile(durations_us, n_plays)
    times = np.concatenate(([0], np.cumsum(durations)[:-1])).astype(np.int64)
    keep = times < 2 * play_us + SECOND_US
    order, times = order[keep], times[keep]
    label = "loops forever" if plays == 0 else ("plays once" if plays == 1 else f"plays {plays} times")
    return Timeline(frames, order, times, size, fmt, play_us, label, truncated)


# -- video ---------------------------------------------------------------------------------------------
def _av():
    try:
        import av
        import av.video.reformatter
    except ImportError:
        raise MediaProblem("was not analysed: video analysis needs PyAV (pip install 'webaudit[video]')",
                           "notice") from None
    return av


def _open_video(av, body: bytes):
    try:
        return av.open(io.BytesIO(body), mode="r")
    except (av.FFmpegError, ValueError, OSError) as e:
        raise MediaProblem(f"cannot be read as a video ({_short(e)})") from None


def _video_timeline(body: bytes, max_frames: int) -> Timeline:
    av = _av()
    with _open_video(av, body) as container:
        if not container.streams.video:
            raise MediaProblem("has no video stream to analyse", "notice")
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        width, height = stream.codec_context.width, stream.codec_context.height
        if not width or not height or width * height > MAX_FRAME_PIXELS:
            raise MediaProblem(f"has a {width}x{height} picture, which cannot be analysed", "warning")
        gw, gh = grid_size(width, height)
        rate = stream.average_rate or stream.guessed_rate or Fraction(30)
        frames, times = [], []
        truncated = ""
        shrink = av.video.reformatter.VideoReformatter()  # one scaler for all frames: 3x faster than frame.reformat
        try:
            for frame in container.decode(stream):
                if len(frames) >= max_frames:
                    truncated = f"only the first {clock(times[-1])} ({max_frames} frames) were analysed"
                    break
                t = frame.time if frame.time is not None else len(frames) / float(rate)
                times.append(round(t * SECOND_US))
                small = shrink.reformat(frame, width=gw, height=gh, format="rgb24", interpolation="AREA")
                frames.append(small.to_ndarray())
        except (av.FFmpegError, ValueError) as e:
            if not frames:
                raise MediaProblem(f"cannot be decoded ({_short(e)})") from None
            truncated = f"decoding stopped at {clock(times[-1])} ({_short(e)})"
        codec = stream.codec_context.name
    if not frames:
        raise MediaProblem("has no decodable video frames", "warning")
    times_us = np.array(times, np.int64)
    times_us -= times_us[0]
    order = np.argsort(times_us, kind="stable")  # presentation order
    frame_us = round(SECOND_US / float(rate)) if rate else 33_333
    play_us = int(times_us[order[-1]] + frame_us)
    return Timeline(np.stack(frames), order, times_us[order], (width, height), codec, play_us,
                    "plays once", truncated)


@dataclass(frozen=True)
class TextTrack:
    codec: str  # mov_text, webvtt, subrip, ...
    language: str  # "" when the file does not say
    title: str
    last_end_s: float | None  # when the last cue ends (None when it cannot be read)


@dataclass(frozen=True)
class VideoInfo:
    duration_s: float | None
    has_audio: bool
    text_tracks: tuple[TextTrack, ...]


def video_info(resource) -> VideoInfo:
    """Streams of a video file: duration, audio, and in-band text (caption/subtitle) tracks; cached."""
    if "video-info" not in resource.cache:
        try:
            resource.cache["video-info"] = _video_info(resource.body)
        except MediaProblem as e:
            resource.cache["video-info"] = e
    got = resource.cache["video-info"]
    if isinstance(got, MediaProblem):
        raise got
    return got


def _video_info(body: bytes) -> VideoInfo:
    av = _av()
    with _open_video(av, body) as container:
        duration = container.duration / 1_000_000 if container.duration else None
        subs = list(container.streams.subtitles)
        last_end: dict[int, float] = {}
        if subs:
            try:
                for packet in container.demux(*subs):
                    if packet.pts is not None and packet.size:
                        end = float((packet.pts + (packet.duration or 0)) * packet.time_base)
                        last_end[packet.stream.index] = max(last_end.get(packet.stream.index, 0.0), end)
            except (av.FFmpegError, ValueError):
                pass
        tracks = []
        for s in subs:
            meta = {k.lower(): v for k, v in (s.metadata or {}).items()}
            tracks.append(TextTrack(s.codec_context.name, s.language or meta.get("language", ""),
                                    meta.get("title", ""), last_end.get(s.index)))
        return VideoInfo(duration, bool(container.streams.audio), tuple(tracks))


# -- small helpers -------------------------------------------------------------------------------------
def _short(e: Exception) -> str:
    s = str(e) or type(e).__name__
    return s if len(s) <= 120 else s[:119] + "…"


def clock(us: int) -> str:
    """A time in media as m:ss.s ("0:01.5")."""
    s = us / SECOND_US
    return f"{int(s // 60)}:{s % 60:04.1f}"


def media_name(resource) -> str:
    """The file name a person recognises ("banner.gif"), for messages."""
    path = resource.url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    return path.rsplit("/", 1)[-1] or resource.url
