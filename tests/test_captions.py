"""Caption files (captions-valid) and video files (video-captions on in-band tracks, flash on video)."""
from __future__ import annotations

import importlib.util
import sys

import pytest

import mediagen as g
from webaudit.config import Config
from webaudit.model import Severity
from webaudit.parse import make_resource
from webaudit.registry import get
from webaudit.run import check_resource

GOOD = b"""WEBVTT - Board meeting

NOTE written by the district office

1
00:00:01.000 --> 00:00:04.000 line:90%
[gavel] Good evening, everyone.

00:04.500 --> 00:08.000
<v Chair>Let's begin with the minutes.
"""


def vtt_findings(body: bytes, url="https://school.example.org/media/board.vtt"):
    resource = make_resource(url, body)
    assert resource.kind == "captions"
    return check_resource(resource, [get("captions-valid")], Config())


def test_good_webvtt_passes():
    assert vtt_findings(GOOD) == []
    assert vtt_findings(b"\xef\xbb\xbf" + GOOD.replace(b"\n", b"\r\n")) == []  # BOM and CRLF


@pytest.mark.parametrize("body,line,words", [
    (b"", 1, "empty"),
    (b"  \n\n", 1, "empty"),
    (b"00:00:01.000 --> 00:00:02.000\nHello\n", 1, "missing the WEBVTT header"),
    (b"1\n00:00:01,000 --> 00:00:04,000\nHello\n\n2\n00:00:05,000 --> 00:00:06,000\nBye\n", 1, "SubRip (SRT)"),
    (b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n\n00:00:03,500 --> 00:00:04.000\nThere\n", 6, "comma"),
    (b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n\n0:0:3.5 --> 00:00:04.000\nThere\n", 6, "broken timestamp '0:0:3.5'"),
    (b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n\n00:61.000 --> 00:00:04.000\nThere\n", 6, "broken timestamp"),
    (b"WEBVTT\n\n00:00:05.000 --> 00:00:06.000\nLater\n\n00:00:01.000 --> 00:00:02.000\nEarlier\n", 6, "out of order"),
    (b"WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nBackwards\n", 3, "ends (00:00:04.000) before"),
    (b"WEBVTT\n00:00:01.000 --> 00:00:02.000\nNo blank line\n", 2, "inside the header"),
    (b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nOne\n00:00:02.000 --> 00:00:03.000\nTwo\n", 5, "blank line is missing"),
    (b"WEBVTT\nKind: captions\n", 1, "no cues"),
    (b"WEBVTT\n\nKind: captions\n", 3, "no cue timing line"),
])
def test_bad_webvtt_names_the_line(body, line, words):
    found = vtt_findings(body)
    assert found, body
    assert any(f.line == line and words in f.message and f.severity is Severity.ERROR for f in found), found


def test_srt_in_disguise_is_sniffed_as_captions_by_extension():
    found = vtt_findings(b"1\n00:00:01,000 --> 00:00:02,000\nHi\n", url="file:///site/media/captions.vtt")
    assert "board" not in found[0].message and "captions.vtt line 1" in found[0].message


def test_junk_gets_findings_not_a_traceback():
    found = vtt_findings(b"WEBVTT\n\n" + b"\n\n".join(b"junk --> %d" % i for i in range(100)))
    assert len(found) == 21 and "more problems" in found[-1].message


def test_exactly_max_findings_problems_are_all_listed_with_no_more_line():
    found = vtt_findings(b"WEBVTT\n\n" + b"\n\n".join(b"junk --> %d" % i for i in range(20)))
    assert len(found) == 20 and not any("more problems" in f.message for f in found), found


# -- videos (PyAV) ---------------------------------------------------------------------------------------
needs_av = pytest.mark.skipif(importlib.util.find_spec("av") is None, reason="PyAV (the video extra)")
CAPTIONS = b"WEBVTT\n\n00:00:00.000 --> 00:00:00.400\nHello\n\n00:00:00.400 --> 00:00:00.900\n[music]\n"


def video_findings(body: bytes, rules, via=None):
    resource = make_resource("https://school.example.org/media/clip.mkv", body, via=via)
    assert resource.kind == "video"
    return check_resource(resource, [get(r) for r in rules], Config())


@needs_av
def test_in_band_captions_are_a_warning_saying_so():
    [f] = video_findings(g.video(captions_vtt=CAPTIONS), ["video-captions"])
    assert f.severity is Severity.WARNING and "in-band (webvtt" in f.message and "unevenly" in f.message


@needs_av
def test_in_band_captions_covering_a_small_part_are_flagged():
    found = video_findings(g.video(seconds=3, captions_vtt=CAPTIONS), ["video-captions"])
    assert any("end at 0:00.9 of a 0:03.0 video" in f.message for f in found), found


@needs_av
def test_video_without_captions_followed_from_a_page_is_left_to_the_page_check():
    assert video_findings(g.video(), ["video-captions"], via={"referrer": "x", "element": "video"}) == []


@needs_av
def test_silent_video_checked_on_its_own_passes():
    assert video_findings(g.video(), ["video-captions"]) == []


@needs_av
def test_video_with_sound_and_no_captions_checked_on_its_own_is_a_warning():
    [f] = video_findings(g.video(audio_hz=440), ["video-captions"])
    assert f.severity is Severity.WARNING and f.rule == "video-captions"
    assert f.message.startswith("clip.mkv has sound and no in-band captions: the page that plays it must offer")
    assert video_findings(g.video(audio_hz=440), ["video-captions"], via={"referrer": "x", "element": "video"}) == []


@needs_av
def test_flashing_video_fails_and_steady_video_passes():
    found = video_findings(g.video(flashes_per_second=5, seconds=2, size=(320, 240)), ["flash", "flash-district"])
    assert {f.rule for f in found if f.severity is Severity.ERROR} == {"flash", "flash-district"}
    assert "flashes 5 times in one second" in found[0].message
    assert video_findings(g.video(seconds=1), ["flash", "flash-district"]) == []


@needs_av
def test_corrupt_video_gets_one_finding():
    found = video_findings(b"\x1aE\xdf\xa3" + b"\x00" * 500, ["flash", "flash-district", "video-captions"])
    assert len(found) == 1 and "cannot be read as a video" in found[0].message


@needs_av
@pytest.mark.parametrize("rule", ["video-captions", "flash-district"])
def test_corrupt_video_gets_one_finding_from_any_one_check_run_alone(rule):
    [f] = video_findings(b"\x1aE\xdf\xa3" + b"\x00" * 500, [rule])
    assert f.rule == rule and f.message.startswith("clip.mkv ") and "cannot be read as a video" in f.message


@needs_av
def test_without_pyav_video_analysis_degrades_to_one_notice(monkeypatch):
    body = g.video()
    monkeypatch.setitem(sys.modules, "av", None)  # import av now raises ImportError
    found = video_findings(body, ["flash", "flash-district", "video-captions"])
    assert len(found) == 1 and found[0].severity is Severity.NOTICE and "webaudit[video]" in found[0].message


@pytest.mark.parametrize("words,severity", [(25, "warning"), (24, "error")])
def test_audio_with_enough_text_beside_it_is_for_a_person_to_review(words, severity):
    """audio-transcript: MIN_WORDS (25) words near a player may be its transcript (a warning); fewer cannot."""
    from webaudit.testing import run_check
    text = " ".join(["word"] * words)
    page = (f'<html lang="en"><head><title>Board meeting</title></head><body><div><audio src="/a/board.mp3" '
            f"controls></audio><p>{text}</p></div></body></html>")
    [f] = run_check("audio-transcript", page)[0]
    assert str(f.severity) == severity and (f"{words} words of text are near it" in f.message) == (words == 25)
