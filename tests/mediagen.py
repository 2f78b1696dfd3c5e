"""Deterministic media for the media tests and the benchmark: GIFs, WebVTT text and small videos.

Everything is drawn from parameters (no randomness, no files from elsewhere), so a failing test can
be re-created exactly.
"""
from __future__ import annotations

import io

import numpy as np
from PIL import Image

BLACK, WHITE, RED, GRAY = (0, 0, 0), (255, 255, 255), (255, 0, 0), (128, 128, 128)


def gif(frames: list[Image.Image], delays_ms, loop: int | None = 0) -> bytes:
    """An animated GIF; loop=None writes no NETSCAPE loop extension (the GIF plays once)."""
    out = io.BytesIO()
    extra = {} if loop is None else {"loop": loop}
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=list(delays_ms),
                   disposal=1, optimize=False, **extra)
    return out.getvalue()


def animated(fmt: str, flashes_per_second: float, size=(200, 200), seconds: float = 2) -> bytes:
    """A black/white animated PNG (APNG) or WebP, like flashing_gif but in another format."""
    n = round(2 * flashes_per_second * seconds)
    frames = [solid(BLACK if i % 2 == 0 else WHITE, size) for i in range(n)]
    out = io.BytesIO()
    extra = {"lossless": True} if fmt == "WEBP" else {}
    frames[0].save(out, fmt, save_all=True, append_images=frames[1:], duration=round(500 / flashes_per_second),
                   loop=0, **extra)
    return out.getvalue()


def solid(color, size=(200, 200)) -> Image.Image:
    return Image.new("RGB", size, color)


def patch(color, background=WHITE, size=(400, 300), box=(0, 0, 40, 40)) -> Image.Image:
    im = Image.new("RGB", size, background)
    im.paste(color, box)
    return im


def flashing_gif(flashes_per_second: float, a=BLACK, b=WHITE, size=(200, 200), seconds: float = 2,
                 loop: int | None = 0) -> bytes:
    """Alternates a and b: each flash is two transitions, so a frame lasts 1 / (2 x rate) seconds.

    Delays are whole centiseconds (GIF's unit): they are spread so that every second holds exactly
    2 x rate transitions (e.g. 3 flashes/s: 170, 170, 160, 170, 170, 160 ms)."""
    n = round(2 * flashes_per_second * seconds)
    edges = [round(i * 100 / (2 * flashes_per_second)) * 10 for i in range(n + 1)]
    delays = [e2 - e1 for e1, e2 in zip(edges, edges[1:])]
    frames = [solid(a if i % 2 == 0 else b, size) for i in range(n)]
    return gif(frames, delays, loop)


def slideshow_gif(seconds_per_slide: float, size=(240, 180)) -> bytes:
    """Four photo-like slides (textured dark, light, dark, light scenes) shown `seconds_per_slide` each."""
    yy, xx = np.mgrid[0:size[1], 0:size[0]]
    texture = ((xx * 7 + yy * 3) % 40).astype(np.int16)
    frames = []
    for tone, tint in ((30, (1.0, 0.9, 0.8)), (200, (0.9, 1.0, 1.0)), (60, (0.8, 0.9, 1.0)), (190, (1.0, 1.0, 0.9))):
        rgb = np.stack([np.clip((tone + texture) * t, 0, 255) for t in tint], axis=-1).astype(np.uint8)
        frames.append(Image.fromarray(rgb, "RGB"))
    return gif(frames, [round(seconds_per_slide * 1000)] * len(frames))


def still_gif(size=(64, 64)) -> bytes:
    out = io.BytesIO()
    solid(GRAY, size).save(out, "GIF")
    return out.getvalue()


def corrupt_gif() -> bytes:
    good = flashing_gif(2)
    return good[:200] + b"\x00\xff" * 50  # a header and the start of the data, then junk


def video(flashes_per_second: float = 0, seconds: float = 1.0, size=(64, 48), fps: int = 30,
          captions_vtt: bytes | None = None, fmt: str = "matroska", audio_hz: float = 0) -> bytes:
    """A small video (PyAV, H.264), black/white alternating at the rate (0 = a steady gray picture),
    with an in-band WebVTT caption stream when `captions_vtt` is given, and a sound track (a sine tone
    of `audio_hz`, 16-bit PCM mono at 8 kHz) when `audio_hz` is given."""
    import av

    out_buf = io.BytesIO()
    out = av.open(out_buf, "w", format=fmt)
    stream = out.add_stream("libx264", rate=fps, options={"preset": "ultrafast", "tune": "zerolatency"})
    stream.width, stream.height, stream.pix_fmt = size[0], size[1], "yuv420p"
    sub_in = sub_out = None
    if captions_vtt is not None:
        sub_in = av.open(io.BytesIO(captions_vtt), format="webvtt")
        sub_out = out.add_stream_from_template(sub_in.streams[0])
    sound = out.add_stream("pcm_s16le", rate=8000, layout="mono") if audio_hz else None
    total = round(seconds * fps)
    for i in range(total):
        if flashes_per_second:
            on = int(i * 2 * flashes_per_second // fps) % 2
            pixel = 255 if on else 0
        else:
            pixel = 128
        picture = np.full((size[1], size[0], 3), pixel, np.uint8)
        for packet in stream.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")):
            out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)
    if sound is not None:
        rate = 8000
        t = np.arange(round(seconds * rate)) / rate
        samples = (np.sin(2 * np.pi * audio_hz * t) * 8000).astype(np.int16).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(samples, format="s16", layout="mono")
        frame.sample_rate, frame.pts = rate, 0
        for packet in [*sound.encode(frame), *sound.encode()]:
            out.mux(packet)
    if sub_in is not None:
        for packet in sub_in.demux(sub_in.streams[0]):
            if packet.size:
                packet.stream = sub_out
                out.mux(packet)
        sub_in.close()
    out.close()
    return out_buf.getvalue()
