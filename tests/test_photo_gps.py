"""photo-gps: images made here with Pillow, with and without GPS in their EXIF or XMP metadata."""
from __future__ import annotations

import io

import pytest
from PIL import ExifTags, Image
from PIL.PngImagePlugin import PngInfo
from PIL.TiffImagePlugin import IFDRational

from webaudit.config import Config
from webaudit.model import Severity
from webaudit.parse import make_resource
from webaudit.registry import get
from webaudit.run import check_resource, run

LATITUDE = (IFDRational(41), IFDRational(53), IFDRational(17))  # digits that must never reach a report
LONGITUDE = (IFDRational(87), IFDRational(37), IFDRational(59))
XMP = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="41,53.283N" '
       'exif:GPSLongitude="87,37.983W"/></rdf:RDF></x:xmpmeta>')


def exif_bytes(gps: dict | None = None) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    if gps is not None:
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(gps)
    return exif.tobytes()


WITH_GPS = {1: "N", 2: LATITUDE, 3: "W", 4: LONGITUDE}
NO_FIX = {0: b"\x02\x03\x00\x00", 2: (IFDRational(0), IFDRational(0), IFDRational(0))}


def image(fmt: str, **save) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (320, 240), (30, 120, 200)).save(buf, fmt, **save)
    return buf.getvalue()


def findings(body: bytes, url: str = "https://school.example.org/media/photo.jpg", via: dict | None = None):
    resource = make_resource(url, body, via=via)
    assert resource.kind == "image"
    return check_resource(resource, [get("photo-gps")], Config())


def png_with_xmp() -> bytes:
    info = PngInfo()
    info.add_itxt("XML:com.adobe.xmp", XMP)
    return image("PNG", pnginfo=info)


def heic_like(payload: bytes) -> bytes:
    """The shape of a HEIC file (an ISO media box with brand heic) holding an EXIF item: Pillow cannot open it."""
    return b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64 + payload + b"\x00" * 64


@pytest.mark.parametrize("name,body,where", [
    ("jpeg-exif", lambda: image("JPEG", exif=exif_bytes(WITH_GPS)), "EXIF"),
    ("png-exif", lambda: image("PNG", exif=exif_bytes(WITH_GPS)), "EXIF"),
    ("webp-exif", lambda: image("WEBP", exif=exif_bytes(WITH_GPS)), "EXIF"),
    ("png-xmp", png_with_xmp, "XMP"),
    ("jpeg-xmp", lambda: image("JPEG", xmp=XMP.encode()), "XMP"),
    ("heic-exif", lambda: heic_like(b"\x00\x00\x00\x06" + exif_bytes(WITH_GPS)), "EXIF"),
])
def test_gps_in_metadata_is_an_error_that_never_shows_the_coordinates(name, body, where):
    (f,) = findings(body())
    assert f.rule == "photo-gps" and f.severity is Severity.ERROR
    assert where in f.message and "present" in f.message and "strip" in f.help.lower()
    for digits in ("41", "53", "17", "87", "37", "59"):
        assert digits not in f.message + f.snippet


@pytest.mark.parametrize("name,body", [
    ("jpeg-plain", lambda: image("JPEG")),
    ("jpeg-exif-without-gps", lambda: image("JPEG", exif=exif_bytes())),
    ("jpeg-gps-without-a-fix", lambda: image("JPEG", exif=exif_bytes(NO_FIX))),
    ("png-plain", lambda: image("PNG")),
    ("gif", lambda: image("GIF")),
    ("heic-without-exif", lambda: heic_like(b"")),
])
def test_images_without_a_location_pass(name, body):
    assert findings(body()) == []


@pytest.mark.parametrize("body", [
    b"\xff\xd8\xff" + b"not really a jpeg" * 20,
    image("JPEG")[:200],
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,
])
def test_unreadable_images_get_a_notice_not_a_traceback(body):
    (f,) = findings(body)
    assert f.rule == "photo-gps" and f.severity is Severity.NOTICE and "cannot read" in f.message


def test_raw_scan_finds_gps_in_an_xmp_packet_pillow_cannot_open():
    from webaudit.checks.photo_gps import gps_metadata

    no_gps = XMP.replace(' exif:GPSLatitude="41,53.283N" exif:GPSLongitude="87,37.983W"', "")
    assert "GPS" not in no_gps
    assert gps_metadata(b"\0\0\0\x18ftypheic" + XMP.encode()) == (["XMP"], None)
    assert gps_metadata(b"\0\0\0\x18ftypheic" + no_gps.encode()) == ([], None)
    assert gps_metadata(XMP.encode()) == (["XMP"], None)  # the packet at the very first byte
    assert gps_metadata(XMP.encode()[:-12]) == (["XMP"], None)  # no closing tag


def test_why_the_metadata_could_not_be_read_is_named():
    from webaudit.checks.photo_gps import gps_metadata

    (f,) = findings(b"\xff\xd8\xff" + b"not really a jpeg" * 20)
    assert f.message == ("cannot read the metadata of this image (not an image format Pillow reads): check by hand "
                         "that it carries no GPS location")
    found, why = gps_metadata(image("JPEG")[:200])
    assert found == [] and why.startswith("OSError: ")  # other errors: their type and text
    bomb = bytearray(image("GIF"))
    bomb[6:10] = (20000).to_bytes(2, "little") * 2  # logical screen 20000 x 20000: refused, not decoded
    assert gps_metadata(bytes(bomb)) == ([], "image too large to open safely")


def test_the_page_that_shows_the_image_is_named():
    (f,) = findings(image("JPEG", exif=exif_bytes(WITH_GPS)), via={"referrer": "https://school.example.org/news.html"})
    assert "shown on https://school.example.org/news.html" in f.message


def test_followed_from_a_page_in_a_run(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(image("JPEG", exif=exif_bytes(WITH_GPS)))
    (tmp_path / "clean.jpg").write_bytes(image("JPEG"))
    (tmp_path / "news.html").write_text('<html lang="en"><title>News</title><img src="photo.jpg" alt="Field day">'
                                        '<img src="clean.jpg" alt="Garden"></html>', encoding="utf-8")
    results = list(run([str(tmp_path / "news.html")], Config(), checks=[get("photo-gps")], follow={"image"}))
    by_url = {r.url.rsplit("/", 1)[-1]: r for r in results}
    assert [f.rule for f in by_url["photo.jpg"].findings] == ["photo-gps"]
    assert by_url["clean.jpg"].findings == [] and by_url["news.html"].findings == []
    assert "news.html" in by_url["photo.jpg"].findings[0].message
