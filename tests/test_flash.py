"""Flash analysis on generated GIFs: WCAG 2.3.1 (`flash`) and the district's one-flash rule (`flash-district`)."""
from __future__ import annotations

import re

import pytest

import mediagen as g
from webaudit.config import Config
from webaudit.model import Severity
from webaudit.parse import make_resource
from webaudit.registry import get
from webaudit.run import check_resource

URL = "https://school.example.org/media/banner.gif"


def findings(body: bytes, rules=("flash", "flash-district"), via=None, url=URL):
    resource = make_resource(url, body, via=via)
    return check_resource(resource, [get(r) for r in rules], Config())


def errors(found, rule):
    return [f for f in found if f.rule == rule and f.severity is Severity.ERROR]


@pytest.mark.parametrize("rate,wcag_fails,district_fails", [
    (0.5, False, False), (1, False, False), (2, False, True), (3, False, True), (5, True, True), (10, True, True),
])
def test_flash_rates(rate, wcag_fails, district_fails):
    found = findings(g.flashing_gif(rate))
    assert bool(errors(found, "flash")) is wcag_fails, found
    assert bool(errors(found, "flash-district")) is district_fails, found


def test_peak_and_where_are_reported():
    found = findings(g.flashing_gif(5))
    [wcag] = errors(found, "flash")
    assert "flashes 5 times in one second (10 opposing transitions, between 0:00.1 and 0:01.1)" in wcag.message
    assert "flashing region x 0-199, y 0-199" in wcag.message
    assert "40,000 px²" in wcag.message and wcag.wcag == ("2.3.1",)
    [district] = errors(found, "flash-district")
    assert "flashes 5 times" in district.message and district.policy and district.wcag == ()


def test_small_area_fails_the_district_rule_but_not_wcag():
    body = g.gif([g.patch(g.BLACK), g.patch(g.WHITE)], [100, 100])  # a 40 x 40 patch, 5 flashes/s
    found = findings(body)
    assert not errors(found, "flash")
    [note] = [f for f in found if f.rule == "flash"]
    assert note.severity is Severity.NOTICE and "x 0-39, y 0-39" in note.message
    assert errors(found, "flash-district")


def seven_transitions(a=g.BLACK, b=g.WHITE, size=(200, 200)) -> bytes:
    """Eight frames 100 ms apart, played once: exactly WCAG_FAIL (7) opposing transitions in one second."""
    return g.gif([g.solid(a if i % 2 == 0 else b, size) for i in range(8)], [100] * 8, loop=None)


@pytest.mark.parametrize("colors,what", [((g.BLACK, g.WHITE), "flashes"), ((g.RED, (127, 127, 127)), "red flashes")])
def test_exactly_seven_transitions_over_a_large_area_is_one_error_and_no_notice(colors, what):
    from webaudit.flash import WCAG_FAIL

    assert WCAG_FAIL == 7
    [f] = findings(seven_transitions(*colors), ["flash"])
    assert f.severity is Severity.ERROR and f"banner.gif {what} 3.5 times in one second (7 opposing" in f.message


def test_exactly_seven_transitions_over_a_small_image_is_a_notice():
    [f] = findings(seven_transitions(size=(100, 100)), ["flash"])
    assert f.severity is Severity.NOTICE and "flashes 3.5 times in one second" in f.message
    assert "the whole image is smaller than the area threshold" in f.message


def test_animation_longer_than_the_frame_limit_says_the_rest_was_not_checked():
    body = g.gif([g.solid(g.BLACK if i % 2 == 0 else g.WHITE, (16, 16)) for i in range(6)], [600] * 6)
    [f] = check_resource(make_resource(URL, body), [get("flash")], Config(options={"media_max_frames": 4}))
    assert f.severity is Severity.NOTICE
    assert f.message == ("banner.gif: only the first 4 of its 6 frames were analysed; "
                         "the rest was not checked for flashing")


def test_area_threshold_scales_to_the_rendered_size():
    body = g.gif([g.patch(g.BLACK), g.patch(g.WHITE)], [100, 100])
    # shown 4x larger, the 40 x 40 patch covers 160 x 160 = 25,600 px², over 21,824
    [err] = errors(findings(body, via={"width": "1600", "height": "1200"}), "flash")
    assert "at its rendered size 1600x1200 px" in err.message
    area = int(re.search(r"over ([\d,]+) px²", err.message).group(1).replace(",", ""))
    assert 25_600 * 0.9 < area < 25_600 * 1.1  # 160 x 160, measured on the analysis grid
    # a full-frame strobe shown at 100 x 100 covers only 10,000 px²
    assert not errors(findings(g.flashing_gif(5), via={"width": "100", "height": "100"}), "flash")


def test_low_contrast_and_bright_flicker_are_not_flashes():
    assert findings(g.flashing_gif(10, (120, 120, 120), (130, 130, 130))) == []
    assert findings(g.flashing_gif(10, g.WHITE, (235, 235, 235))) == []  # darker state above 0.80


def test_red_flashing():
    found = findings(g.flashing_gif(5, g.RED, (127, 127, 127)))  # same luminance: only a red flash
    [err] = errors(found, "flash")
    assert err.message.startswith("banner.gif red flashes 5 times")
    slow = findings(g.flashing_gif(2, g.RED, (127, 127, 127)))
    assert not errors(slow, "flash") and errors(slow, "flash-district")


def test_slideshows():
    assert findings(g.slideshow_gif(3)) == []
    fast = findings(g.slideshow_gif(0.15))
    assert errors(fast, "flash") and errors(fast, "flash-district")


def test_slideshow_gifs_follow_the_five_second_rule():
    assert findings(g.slideshow_gif(6), ["carousel-speed"]) == []
    [f] = findings(g.slideshow_gif(2), ["carousel-speed"])
    assert "slideshow of 4 slides that changes slides after 2 s" in f.message and f.wcag == ()
    assert findings(g.slideshow_gif(2), ["carousel-speed", "flash", "flash-district"])[1:] == []  # no flash
    assert findings(g.gif([g.solid(g.BLACK), g.solid(g.WHITE)], [600, 600]), ["carousel-speed"]) == []  # 2 frames


@pytest.mark.parametrize("delay,flashes", [(0, 5), (10, 5), (20, 25)])
def test_gif_delay_clamping(delay, flashes):
    found = findings(g.gif([g.solid(g.BLACK), g.solid(g.WHITE)], [delay, delay]))
    [err] = errors(found, "flash")
    assert f"flashes {flashes} times in one second" in err.message


def test_loop_flag():
    frames = [g.solid(g.BLACK), g.solid(g.WHITE), g.solid(g.BLACK)]
    assert findings(g.gif(frames, [300] * 3, loop=None)) == []  # plays once: two transitions in all
    assert errors(findings(g.gif(frames, [300] * 3, loop=0)), "flash-district")  # the loop flashes back


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_apng_and_animated_webp(fmt):
    found = findings(g.animated(fmt, 5), url=f"https://school.example.org/media/banner.{fmt.lower()}")
    assert errors(found, "flash") and errors(found, "flash-district")
    assert findings(g.animated(fmt, 1), url=f"https://school.example.org/media/banner.{fmt.lower()}") == []


def test_still_gif_has_nothing_to_flash():
    assert findings(g.still_gif()) == []


def test_corrupt_gif_gets_one_clear_finding():
    [f] = findings(g.corrupt_gif())
    assert f.severity is Severity.WARNING and "corrupt or truncated" in f.message and "banner.gif" in f.message


def test_huge_gif_is_refused_not_decoded():
    body = bytearray(g.flashing_gif(5))
    body[6:10] = (20000).to_bytes(2, "little") * 2  # logical screen 20000 x 20000
    [f] = findings(bytes(body))
    assert "too large" in f.message and f.severity is Severity.WARNING
