"""Videos have captions.

## What it does
On a page: flags every `<video>` without a caption track. A `<track kind="captions">` with a `src`
passes; `kind="subtitles"` (the default kind) with a `srclang` passes too, but subtitles in the page's
own language are a warning: subtitles carry dialogue only, captions also carry speaker names and
sounds. A misspelt kind (`kind="caption"`) is named: browsers treat it as metadata. A muted video
without controls (a decorative background loop) is skipped. Whether the track file itself is valid is
the `captions-valid` check's job (run with `--follow-media`).

On a video file (followed from a page with `--follow-media`, or checked directly; needs the optional
`video` extra): captions carried *inside* the file (an MP4 `mov_text` or WebM/Matroska WebVTT text
stream) satisfy the district policy's wording ("embedded within the video"), but browsers render
in-band text tracks unevenly (Safari shows some, Chrome and Firefox generally do not), so they are a
warning asking for a `<track>` as well. In-band captions that end well before the video does (cover
less than half of its duration) are a warning. A file checked on its own with sound and no in-band
captions is a warning: the page that plays it must supply the track.

## Why it matters
Deaf and hard-of-hearing students and families, and anyone watching without sound, need captions to
follow the video. The district policy requires all videos to be closed captioned.

## Example
    <video controls src="/media/board-meeting.mp4"></video>

## Use instead
    <video controls src="/media/board-meeting.mp4">
      <track kind="captions" src="/media/board-meeting.en.vtt" srclang="en" label="English">
    </video>

## References
- WCAG 1.2.2 Captions (Prerecorded); technique H95; failure F8
- District web policy: all videos are closed captioned
"""
from __future__ import annotations

from webaudit.dom import elements, is_hidden

ID = "video-captions"
TITLE = "Videos have captions"
WCAG = ("1.2.2",)
LEVEL = "A"
POLICY = "All videos are closed captioned"
APPLIES_TO = ("html", "video")
SEVERITY = "error"
HELP = ('Add <track kind="captions" src="captions.vtt" srclang="en" label="English"> inside the <video>, '
        "with human-checked captions that include speakers and important sounds.")

_KINDS = {"subtitles", "captions", "descriptions", "chapters", "metadata"}
MIN_COVERAGE = 0.5


def check(resource, config):
    if resource.kind == "video":
        yield from _in_band(resource)
        return
    page_lang = _primary(resource.tree.get("lang") or resource.tree.get("{http://www.w3.org/XML/1998/namespace}lang"))
    for video in elements(resource.tree, "video"):  # (no walk at all when there is none)
        if is_hidden(video) or (video.get("muted") is not None and video.get("controls") is None):
            continue
        tracks = [t for t in video.iter("track") if (t.get("src") or "").strip()]
        kinds = [((t.get("kind") or "subtitles").strip().lower(), t) for t in tracks]
        if any(k == "captions" for k, _ in kinds):
            continue
        subtitles = [t for k, t in kinds if k == "subtitles" and (t.get("srclang") or "").strip()]
        name = _name(video)
        if subtitles:
            same = [t for t in subtitles if page_lang and _primary(t.get("srclang")) == page_lang]
            if same:
                yield resource.finding(video, (
                    f'{name} has subtitles in the page\'s language (srclang="{same[0].get("srclang")}") but no '
                    'captions: subtitles carry dialogue only; use kind="captions" with speakers and sounds'),
                    severity="warning")
            continue
        why = "has no caption track"
        bad = [t.get("kind") for k, t in kinds if k not in _KINDS]
        if bad:
            why += f' (kind="{bad[0]}" is not a track kind; browsers treat it as metadata)'
        elif any(k == "subtitles" for k, _ in kinds):
            why += " (its subtitles track has no srclang)"
        yield resource.finding(video, f'{name} {why}: add <track kind="captions" src="...vtt">')


def _name(video) -> str:
    src = video.get("src") or next((s.get("src") for s in video.iter("source") if s.get("src")), "")
    base = src.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1][:60]
    return f"video {base!r}" if base else "<video>"


def _primary(lang: str | None) -> str:
    return (lang or "").strip().lower().split("-", 1)[0]


def _in_band(resource):
    # numpy loads with these: when media is checked, not when the checks are listed
    from webaudit.frames import MediaProblem, clock, media_name, report_problem_once, video_info

    name = media_name(resource)
    try:
        info = video_info(resource)
    except MediaProblem as e:
        if report_problem_once(resource, e):
            yield resource.finding(None, f"{name} {e}", severity=e.severity)
        return
    if info.text_tracks:
        t = info.text_tracks[0]
        lang = f", language {t.language}" if t.language else ""
        yield resource.finding(None, (
            f"{name} carries captions in-band ({t.codec}{lang}): that meets the policy's wording, but browsers "
            'render in-band text tracks unevenly; unless the page also offers them as <track kind="captions">, '
            "add a WebVTT track"), severity="warning", snippet=name)
        if info.duration_s and t.last_end_s is not None and t.last_end_s < MIN_COVERAGE * info.duration_s:
            yield resource.finding(None, (
                f"{name}: its in-band captions end at {clock(round(t.last_end_s * 1e6))} of a "
                f"{clock(round(info.duration_s * 1e6))} video; the rest is uncaptioned"), severity="warning",
                snippet=name)
    elif info.has_audio and not resource.via:
        yield resource.finding(None, (
            f"{name} has sound and no in-band captions: the page that plays it must offer "
            '<track kind="captions">'), severity="warning", snippet=name)
