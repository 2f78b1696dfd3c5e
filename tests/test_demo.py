"""The README's first command ends in `webaudit demo`: the bundled district, served on 127.0.0.1, crawled,
and reported. It must keep working and keep showing the problems it is there to show."""
from __future__ import annotations

import sqlite3
import subprocess
import sys


def test_demo_crawls_the_sample_district_and_writes_its_report(tmp_path):
    out = tmp_path / "demo-report"
    done = subprocess.run([sys.executable, "-m", "webaudit", "demo", "--out", str(out)],
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert (out / "report" / "index.html").is_file()
    with sqlite3.connect(out / "results.sqlite") as db:
        rules = {r for (r,) in db.execute("SELECT DISTINCT rule FROM findings")}
    # one of each room's problems the sample site carries on purpose
    assert {"img-alt", "fake-heading", "table-headers", "link-external-warning", "link-broken", "flash",
            "flash-district", "pdf-tagged", "pdf-scanned", "photo-gps", "student-photo-with-name",
            "carousel-speed", "blink", "video-captions", "html-lang"} <= rules
