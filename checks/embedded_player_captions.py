"""Embedded video players: captions must be confirmed by a person.

## What it does
Finds videos embedded from hosting services (YouTube, Vimeo, Wistia, Dailymotion, Loom, Vidyard,
Brightcove, Kaltura, Panopto, Google Drive, Microsoft Stream, Facebook, TikTok, Twitch, Streamable,
ScreenPal, Edpuzzle) in `<iframe>` (also lazy-loaded `data-src`), `<embed>`, `<object>` and the
`<lite-youtube>`/`<lite-vimeo>` elements. Their captions live on the host, out of the page's reach, so
each player is a warning that names the player and the video id, asking the owner to confirm the
video has accurate captions (automatic captions alone are not accurate enough).

## Why it matters
Most school videos are embedded from YouTube or Vimeo, and many carry only automatic captions, which
garble names, terms and numbers. The district policy requires all videos to be closed captioned.

## Example
    <iframe src="https://www.youtube.com/embed/abc123XYZ_0" title="Spring concert"></iframe>

## Use instead
    <!-- the same player, once the video has reviewed captions; YouTube can show them by default: -->
    <iframe src="https://www.youtube.com/embed/abc123XYZ_0?cc_load_policy=1" title="Spring concert"></iframe>

## References
- WCAG 1.2.2 Captions (Prerecorded); failure F8
- District web policy: all videos are closed captioned
"""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlsplit

from webaudit.dom import elements, is_hidden, xpath

ID = "embedded-player-captions"
TITLE = "Embedded video players have confirmed captions"
WCAG = ("1.2.2",)
LEVEL = "A"
POLICY = "All videos are closed captioned"
APPLIES_TO = ("html",)
SEVERITY = "warning"
HELP = ("Open the video on its host and check that it has accurate, human-reviewed captions (not only "
        "automatic ones); upload or correct them there.")

_EMBEDS = xpath("//iframe[@src or @data-src] | //embed[@src] | //object[@data]"
                " | //lite-youtube[@videoid] | //lite-vimeo[@videoid]")


def _q(name):
    return lambda u, q, m: (q.get(name) or [""])[0]


def _group(u, q, m):
    return m.group(1)


# host pattern (matched against host + path), player name, how to get the video id
PLAYERS = (
    (re.compile(r"(?:^|\.)youtu\.be/([\w-]{6,})"), "YouTube", _group),
    (re.compile(r"(?:^|\.)youtube(?:-nocookie)?\.com/(?:embed|v|shorts|live)/([\w-]{6,})"), "YouTube", _group),
    (re.compile(r"(?:^|\.)youtube(?:-nocookie)?\.com/(?:embed/videoseries|playlist)"), "YouTube playlist", _q("list")),
    (re.compile(r"(?:^|\.)youtube\.com/watch"), "YouTube", _q("v")),
    (re.compile(r"(?:^|\.)vimeo\.com/(?:video/)?(\d+)"), "Vimeo", _group),
    (re.compile(r"(?:^|\.)wistia\.(?:net|com)/(?:embed/iframe|medias|embed/medias)/(\w+)"), "Wistia", _group),
    (re.compile(r"(?:^|\.)dailymotion\.com/(?:embed/)?video/(\w+)"), "Dailymotion", _group),
    (re.compile(r"(?:^|\.)dailymotion\.com/player"), "Dailymotion", _q("video")),
    (re.compile(r"(?:^|\.)loom\.com/(?:embed|share)/(\w+)"), "Loom", _group),
    (re.compile(r"(?:^|\.)vidyard\.com/(?:watch/)?([\w-]+)"), "Vidyard", _group),
    (re.compile(r"(?:^|\.)brightcove\.net/"), "Brightcove", _q("videoId")),
    (re.compile(r"(?:^|\.)kaltura\.com/.*?entry_id[/=]([\w-]+)"), "Kaltura", _group),
    (re.compile(r"(?:^|\.)kaltura\.com/"), "Kaltura", _q("entry_id")),
    (re.compile(r"(?:^|\.)panopto\.(?:com|eu)/"), "Panopto", _q("id")),
    (re.compile(r"(?:^|\.)drive\.google\.com/file/d/([\w-]+)"), "Google Drive", _group),
    (re.compile(r"(?:^|\.)microsoftstream\.com/(?:embed/)?video/([\w-]+)"), "Microsoft Stream", _group),
    (re.compile(r"(?:^|\.)sharepoint\.com/.*embed\.aspx"), "Microsoft Stream (SharePoint)", _q("UniqueId")),
    (re.compile(r"(?:^|\.)facebook\.com/plugins/video"), "Facebook", _q("href")),
    (re.compile(r"(?:^|\.)tiktok\.com/embed(?:/v2)?/(\d+)"), "TikTok", _group),
    (re.compile(r"(?:^|\.)player\.twitch\.tv/"), "Twitch", lambda u, q, m: (q.get("video") or q.get("channel") or [""])[0]),
    (re.compile(r"(?:^|\.)streamable\.com/(?:e|o)/(\w+)"), "Streamable", _group),
    (re.compile(r"(?:^|\.)(?:screencast-o-matic|screenpal)\.com/(?:player|embed|watch)/?(\w*)"), "ScreenPal",
     lambda u, q, m: m.group(1) or (q.get("sc") or [""])[0]),
    (re.compile(r"(?:^|\.)edpuzzle\.com/embed/media/(\w+)"), "Edpuzzle", _group),
)


def identify(url: str) -> tuple[str, str] | None:
    """(player name, video id or "") for a known video host's URL, else None."""
    u = urlsplit(url)
    if u.scheme not in ("http", "https", ""):
        return None
    where = (u.hostname or "") + u.path
    query = parse_qs(u.query)
    for pattern, player, get_id in PLAYERS:
        m = pattern.search(where)
        if m:
            return player, get_id(u, query, m) or ""
    return None


def _embeds(tree):
    """_EMBEDS in one pass (a pass that skips tags the page does not have: most pages have none)."""
    for el in elements(tree, "iframe", "embed", "object", "lite-youtube", "lite-vimeo"):
        t = el.tag
        if t == "iframe":
            if el.get("src") is not None or el.get("data-src") is not None:
                yield el
        elif el.get({"embed": "src", "object": "data"}.get(t, "videoid")) is not None:
            yield el


def check(resource, config):
    for el in _embeds(resource.tree):
        if is_hidden(el):
            continue
        raw = ""
        if el.tag == "lite-youtube":
            found = ("YouTube", el.get("videoid"))
        elif el.tag == "lite-vimeo":
            found = ("Vimeo", el.get("videoid"))
        else:
            raw = (el.get("src") or el.get("data-src") or el.get("data") or "").strip()
            if raw.startswith("//"):
                raw = "https:" + raw
            found = identify(urljoin(resource.url, raw)) if raw else None
        if found is None:
            continue
        player, video = found
        what = f"{player} player (video id {video})" if video else f"{player} player (video id not in the URL)"
        message = (f"{what}: captions cannot be verified from the page; confirm on {player.split(' ')[0]} that "
                   "the video has accurate captions, not only automatic ones")
        if "cc_load_policy=1" in raw:  # (src, or a lazy-loaded iframe's data-src)
            message += " (cc_load_policy=1 turns captions on, but does not make them accurate)"
        yield resource.finding(el, message)
