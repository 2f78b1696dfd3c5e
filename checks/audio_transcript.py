"""Audio has a transcript.

## What it does
Finds audio: `<audio>` elements, links to audio files (.mp3, .wav, .m4a, .ogg, .oga, .aac, .flac,
.opus) and embedded podcast/audio players (SoundCloud, Spotify, Anchor, Buzzsprout, Podbean, Libsyn).
Near each one (its figure, list item, section or article, or else its parent, plus the elements just
before and after) it looks for a transcript: a link, button or `<details>` whose text or address
mentions a transcript (or "text version", "lyrics"), an element whose id or class says transcript, or
text the audio names with `aria-describedby`.

- No transcript link but 25 or more words of text nearby: warning (the text may be the transcript; a
  person must confirm).
- No transcript and nothing textual near it: error.

## Why it matters
Deaf and hard-of-hearing visitors cannot hear a podcast, a recorded announcement or a voicemail
greeting; a transcript gives them the same content and also helps people who read faster than they
listen or who are in a quiet classroom. The district policy requires text equivalents for audio.

## Example
    <p>Principal's message, May 2025:</p>
    <audio controls src="/media/principal-may.mp3"></audio>

## Use instead
    <figure>
      <audio controls src="/media/principal-may.mp3"></audio>
      <figcaption>Principal's message, May 2025 (<a href="/media/principal-may.html">transcript</a>)</figcaption>
    </figure>

## References
- WCAG 1.2.1 Audio-only and Video-only (Prerecorded); technique G158
- District web policy: text equivalents for audio
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree

from webaudit.dom import accessible_name, elements, is_hidden, referenced, tag, text, xpath
from webaudit.links import link_hrefs

ID = "audio-transcript"
TITLE = "Audio has a transcript"
WCAG = ("1.2.1",)
LEVEL = "A"
POLICY = "Text equivalents for audio"
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = "Put a link to a transcript (or the transcript itself, e.g. in a <details>) right next to the audio."

AUDIO_EXTENSIONS = (".mp3", ".wav", ".m4a", ".ogg", ".oga", ".aac", ".flac", ".opus")
AUDIO_HOSTS = re.compile(r"(?:^|\.)(soundcloud\.com|open\.spotify\.com/embed|anchor\.fm|podcasters\.spotify\.com"
                         r"|buzzsprout\.com|podbean\.com|libsyn\.com)")
MIN_WORDS = 25
_TRANSCRIPT = re.compile(r"transcri|text version|text-version|lyrics|\bscript\b", re.I)
_CANDIDATES = xpath("//audio | //a[@href] | //iframe[@src]")  # what _candidates finds
# in any href _audio takes (or a character urlsplit drops or may raise on, when it is hard to tell)
_MAYBE_AUDIO = re.compile(r"\.(?:mp3|wav|m4a|ogg|oga|aac|flac|opus)|[\t\n\r\[\]]", re.I)
_CONTAINERS = frozenset({"figure", "li", "section", "article", "aside", "details", "td", "dd", "blockquote"})
_LINKISH = xpath(".//a | .//button | .//summary | .//*[@id or @class]")

_EXTENSION = re.compile(r"\.(?:mp3|wav|m4a|ogg|oga|aac|flac|opus)")  # _MAYBE_AUDIO's first half, lower case


def _candidates(tree):
    """_CANDIDATES in one pass (a pass that skips tags the page does not have)."""
    for el in elements(tree, "audio", "a", "iframe"):
        t = el.tag
        if t == "audio" or el.get("href" if t == "a" else "src") is not None:
            yield el


def _links_may_be_audio(resource) -> bool:
    """Is there a link _audio must look into? Not when every href is ASCII and _MAYBE_AUDIO finds nothing
    in them: told by one search of all of them joined (with spaces, which it never matches across), from
    the page's links and hrefs read once for the link checks too, instead of a Python loop over the links.
    (The hrefs of area elements, which _audio never looks into, may only make it look when not needed.)"""
    hrefs = " ".join(filter(None, link_hrefs(resource)))
    return not hrefs.isascii() or any(c in hrefs for c in "\t\n\r[]") or bool(_EXTENSION.search(hrefs.lower()))


def _players(tree) -> list:
    """_candidates less the links: audio and iframe[src] elements (no walk when the page has neither)."""
    return [el for el in elements(tree, "audio", "iframe") if el.tag == "audio" or el.get("src") is not None]


def check(resource, config):
    tree = resource.tree
    for el in (_candidates(tree) if _links_may_be_audio(resource) else _players(tree)):
        what = _audio(el)
        if what is None or is_hidden(el):
            continue
        region = _region(el)
        if _has_transcript(el, region):
            continue
        words = len(_nearby_text(el, region).split())
        if words >= MIN_WORDS:
            yield resource.finding(el, (
                f"{what} has no transcript link; {words} words of text are near it: if that text is the "
                "transcript, say so in a heading or link it"), severity="warning")
        else:
            yield resource.finding(el, f"{what} has no transcript and no text near it")


def _audio(el) -> str | None:
    t = tag(el)
    if t == "audio":
        src = el.get("src") or next((s.get("src") for s in el.iter("source") if s.get("src")), "")
        return f"audio {_base(src)!r}" if src else "<audio>"
    if t == "a":
        href = el.get("href") or ""
        if href.isascii() and not _MAYBE_AUDIO.search(href):
            return None  # no audio extension anywhere in it: the common case, told without splitting it
        path = urlsplit(href).path.lower()
        if path.endswith(AUDIO_EXTENSIONS):
            return f"link to audio file {_base(path)!r}"
        return None
    src = el.get("src") or ""
    u = urlsplit(src if "//" in src else "https://" + src)
    host = (u.hostname or "") + u.path
    m = AUDIO_HOSTS.search(host)
    return f"{m.group(1).split('.')[0].capitalize()} audio player" if m else None


def _base(path: str) -> str:
    return path.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1][:60]


def _region(el) -> list:
    """The audio's container (figure, list item, section, ... within three levels, else its parent)
    and the elements just before and after it."""
    container = el.getparent()
    p = container
    for _ in range(3):
        if p is None or tag(p) in ("body", "html"):
            break
        if tag(p) in _CONTAINERS:
            container = p
            break
        p = p.getparent()
    if container is None:
        return []
    region = [container]
    if tag(container) not in ("body", "html"):
        for sibling in (next(container.itersiblings(etree.Element, preceding=True), None),
                        next(container.itersiblings(etree.Element), None)):
            if sibling is not None:
                region.append(sibling)
    return region


def _has_transcript(el, region) -> bool:
    for ref in referenced(el, "aria-describedby"):
        if len(text(ref).split()) >= MIN_WORDS:
            return True
    for part in region:
        for node in [part, *_LINKISH(part)]:
            if node is el:
                continue
            t = tag(node)
            if t in ("a", "button", "summary"):
                if _TRANSCRIPT.search(accessible_name(node)) or _TRANSCRIPT.search(node.get("href") or ""):
                    return True
            elif _TRANSCRIPT.search((node.get("id") or "") + " " + (node.get("class") or "")):
                return True
    return False


def _nearby_text(el, region) -> str:
    own = text(el) if tag(el) == "a" else ""
    words = " ".join(text(part) for part in region)
    return words.replace(own, " ", 1) if own else words
