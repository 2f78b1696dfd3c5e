"""End to end: `webaudit check page.html --follow-media` on a folder with a page, a GIF, a VTT and a stylesheet."""
from __future__ import annotations

import json
import subprocess
import sys

import mediagen as g
from click.testing import CliRunner
from webaudit.cli import main

PAGE = """<!DOCTYPE html>
<html lang="en">
<head><title>Book fair</title><link rel="stylesheet" href="motion.css"></head>
<body>
<h1>Book fair</h1>
<img src="strobe.gif" alt="Book fair sale" width="300" height="300">
<img src="badge.gif" alt="New" width="40" height="40">
<video controls src="tour.mp4"><track kind="captions" src="captions.vtt" srclang="en"></video>
</body>
</html>
"""


def run_cli(folder, *args):
    """The real command in a process of its own, as a teacher runs it."""
    done = subprocess.run([sys.executable, "-m", "webaudit", "check", "page.html", "--format", "json", *args],
                          cwd=folder, capture_output=True, text=True, timeout=60)
    return done.returncode, json.loads(done.stdout)["findings"]


def run_in_process(folder, *args):
    result = CliRunner().invoke(main, ["check", str(folder / "page.html"), "--format", "json", *args])
    return result.exit_code, json.loads(result.stdout)["findings"]


def test_follow_media_checks_the_files_the_page_uses(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "strobe.gif").write_bytes(g.flashing_gif(5))  # 5 flashes/s over the whole image
    (tmp_path / "badge.gif").write_bytes(g.flashing_gif(2, size=(40, 40)))  # small, 2 flashes/s
    (tmp_path / "captions.vtt").write_bytes(b"1\n00:00:01,000 --> 00:00:03,000\nWelcome!\n")  # SRT in disguise
    (tmp_path / "motion.css").write_text("@keyframes b { 50% { opacity: 0 } }\n.sale { animation: b .5s infinite }\n")

    status, plain = run_in_process(tmp_path)  # without the flag, only the page is checked
    assert all(f["url"].endswith("page.html") for f in plain)  # the same files, unchecked

    status, found = run_cli(tmp_path, "--follow-media")
    got = {(f["url"].rsplit("/", 1)[-1], f["rule"], f["severity"]) for f in found}
    assert ("strobe.gif", "flash", "error") in got
    assert ("strobe.gif", "flash-district", "error") in got
    assert ("badge.gif", "flash-district", "error") in got and ("badge.gif", "flash", "error") not in got
    assert ("captions.vtt", "captions-valid", "error") in got
    assert ("motion.css", "css-animation", "error") in got
    strobe = next(f for f in found if f["rule"] == "flash" and f["url"].endswith("strobe.gif"))
    assert "at its rendered size 300x300 px" in strobe["message"]
    srt = next(f for f in found if f["rule"] == "captions-valid")
    assert srt["line"] == 1 and "SubRip" in srt["message"]
    # tour.mp4 does not exist: the engine says so in a finding; exit 1 (findings), not 2, since the user
    # named only the folder: a followed file that cannot be read is a problem of the page, not a usage error
    assert any(f["rule"] == "unreadable" and "tour.mp4" in f["url"] for f in found) and status == 1
