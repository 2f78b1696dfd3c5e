"""`webaudit demo`: a bundled sample district site, served on 127.0.0.1, checked end to end.

The site's pages live in demo_site/ beside this module; its photos, GIF and PDFs are generated here
(deterministically) so the package ships no binaries. Nothing leaves the machine.
"""
from __future__ import annotations

import shutil
import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

SITE = Path(__file__).resolve().parent / "demo_site"


def build_site(dest: Path) -> Path:
    """Copy the pages and generate the media: photos (one with GPS in its EXIF), a flashing GIF, scanned PDFs."""
    from PIL import Image, ImageDraw

    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(SITE, dest)
    (dest / "img").mkdir()
    (dest / "docs").mkdir()

    def photo(name: str, color: tuple[int, int, int], gps: bool = False) -> None:
        img = Image.new("RGB", (640, 400), color)
        ImageDraw.Draw(img).ellipse((200, 100, 440, 300), fill=(250, 220, 120))
        exif = Image.Exif()
        if gps:  # a classroom photo that gives away where children are
            exif[0x8825] = {1: "N", 2: (40.0, 26.0, 46.0), 3: "W", 4: (79.0, 58.0, 56.0)}
        img.save(dest / "img" / name, exif=exif)

    photo("lincoln-banner.jpg", (40, 90, 160), gps=True)
    photo("slide1.jpg", (60, 120, 60))
    photo("slide2.jpg", (120, 60, 60))
    photo("garden.jpg", (70, 140, 70), gps=True)
    Image.new("RGB", (300, 80), (20, 50, 120)).save(dest / "img" / "district-logo.png")
    Image.new("RGB", (600, 4), (200, 200, 200)).save(dest / "img" / "divider.png")
    # 4 flashes per second, full frame: over both the WCAG 2.3.1 and the district's 1-per-second limits
    frames = [Image.new("L", (200, 200), 255 if i % 2 else 0).convert("P") for i in range(16)]
    frames[0].save(dest / "img" / "celebrate.gif", save_all=True, append_images=frames[1:], duration=125, loop=0)
    for name, lines in (("minutes-jan.pdf", ["Board minutes", "January 13", "Budget workshop approved"]),
                        ("reading-log.pdf", ["Reading log", "Name: ____________", "Date: ________"])):
        page = Image.new("L", (1275, 1650), 255)  # a letter page scanned at 150 dpi
        draw = ImageDraw.Draw(page)
        for i, text in enumerate(lines):
            draw.text((150, 200 + 120 * i), text, fill=0, font_size=64)
        page.save(dest / "docs" / name, resolution=150.0)
    return dest


class _Handler(SimpleHTTPRequestHandler):
    """Serves the folder; robots.txt and sitemap.xml get the server's own origin filled in."""

    def log_message(self, *args) -> None:  # quiet
        pass

    def send_head(self):
        if self.path.split("?", 1)[0] in ("/robots.txt", "/sitemap.xml"):
            body = (Path(self.directory) / self.path.lstrip("/").split("?", 1)[0]).read_text()
            body = body.replace("{origin}", f"http://{self.headers.get('Host', '127.0.0.1')}").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain" if self.path.startswith("/robots") else "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            from io import BytesIO

            return BytesIO(body)
        return super().send_head()


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve `root` on a free 127.0.0.1 port for the duration of the block; yields the origin URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def main(out: Path, *, echo=print) -> int:
    """Build and serve the sample site (OUT/site), crawl it into OUT/results.sqlite, and write the
    district report to OUT/report/.

    It runs the same commands a director would run, and prints them."""
    import subprocess
    import sys

    out.mkdir(parents=True, exist_ok=True)
    site = build_site(out / "site")
    db = out / "results.sqlite"
    if db.exists():
        db.unlink()
    with serve(site) as origin:
        echo(f"Serving the sample district site from {site} at {origin}/")
        steps = [
            ["crawl", f"{origin}/", "--db", str(db), "--no-progress"],
            ["report", "--db", str(db), "--out", str(out / "report")],
        ]
        for args in steps:
            echo("\n$ webaudit " + " ".join(args))
            code = subprocess.call([sys.executable, "-m", "webaudit", *args])
            if code not in (0, 1):  # 1 only says the site has findings, which is the point of the demo
                echo(f"webaudit demo: `webaudit {args[0]}` failed (exit status {code})")
                return code
    echo(f"\nThe district report is in {out / 'report' / 'index.html'}: open it in a browser.")
    return 0
