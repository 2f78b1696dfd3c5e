"""Published photos carry no GPS location.

## What it does
Reads the metadata of every published JPEG, PNG, HEIC and WebP image (followed from the pages
that show or link it) and flags, as an error, an image whose EXIF or XMP metadata carries GPS
coordinates. Reports say only that a location is present, never the coordinates. HEIC files,
which Pillow cannot open, are read for their EXIF block directly. An image whose metadata cannot
be read at all gets a notice to check it by hand.

## Why it matters
Phones store where a photo was taken. A classroom or playground photo with GPS coordinates tells
anyone who downloads it where those children are every school day. The district's policy on
student photos and its data-privacy rules require stripping that location before publishing.

## Example
    IMG_2041.jpg, taken by a phone, with EXIF GPSLatitude/GPSLongitude, on /news/field-day.html

## Use instead
Strip the metadata before uploading: turn off location tagging in the phone's camera, export
with "remove location info" (Windows: Properties > Details > Remove Properties; macOS Photos:
Image > Location > Hide Location), or run `exiftool -gps:all= -xmp:all= photo.jpg`.

## References
- District web policy: student photos; data-privacy rules for published media
- EXIF 2.3 GPS attribute information (GPS IFD, tag 0x8825); XMP exif:GPSLatitude/GPSLongitude
"""
from __future__ import annotations

import io
import re
import warnings


ID = "photo-gps"
TITLE = "Published photos carry no GPS location"
WCAG = ()
LEVEL = ""
POLICY = "Student photos are published without location metadata"
APPLIES_TO = ("image",)
SEVERITY = "error"
HELP = ("Strip the location from the photo's metadata before publishing (turn off location tagging, or export "
        "without location; `exiftool -gps:all= -xmp:all= photo.jpg`) and upload it again.")

_GPS_LATITUDE, _GPS_LONGITUDE = 2, 4  # tags in the GPS IFD
_XMP_GPS = re.compile(rb"\w+:GPS(?:Latitude|Longitude)\s*(?:=\s*[\"']\s*[^\"'\s]|>\s*[^<\s])")
_EXIF_HEADER = b"Exif\x00\x00"
_XMP_START, _XMP_END = b"<x:xmpmeta", b"</x:xmpmeta>"


def check(resource, config):
    found, problem = gps_metadata(resource.body)
    referrer = resource.via.get("referrer")
    what = f"image shown on {referrer}" if referrer else "image"
    if found:
        yield resource.finding(
            None, f"{what} carries GPS coordinates in its {' and '.join(found)} metadata (present; the values are "
                  "not shown): anyone who downloads it can see where it was taken", snippet="GPS location: present")
    elif problem:
        yield resource.finding(None, f"cannot read the metadata of this {what} ({problem}): check by hand that it "
                                     "carries no GPS location", severity="notice")


def gps_metadata(body: bytes) -> tuple[list[str], str | None]:
    """(["EXIF", "XMP"] where GPS coordinates were found, why the metadata could not be read or None)."""
    from PIL import Image  # (loaded when an image is checked, not when the checks are listed)

    found: list[str] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns about odd metadata; we only read it
            with Image.open(io.BytesIO(body)) as im:
                if _has_gps(im.getexif()):
                    found.append("EXIF")
                xmp = im.info.get("xmp") or im.info.get("XML:com.adobe.xmp") or b""
                if _XMP_GPS.search(xmp.encode("utf-8", "replace") if isinstance(xmp, str) else xmp):
                    found.append("XMP")
        return found, None
    except Exception as e:  # noqa: BLE001 - any unreadable image: fall back to the raw bytes, say why
        problem = _reason(e)
    found = _raw_scan(body)  # HEIC (Pillow has no reader for it) or a damaged file: find the blocks themselves
    return found, (None if found or body[4:8] == b"ftyp" else problem)


def _has_gps(exif) -> bool:
    from PIL import ExifTags

    try:
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    except Exception:  # noqa: BLE001 - a broken GPS IFD is no readable location
        return False
    return any(_nonzero(gps.get(tag)) for tag in (_GPS_LATITUDE, _GPS_LONGITUDE))


def _nonzero(value) -> bool:
    """A coordinate that says something (cameras without a fix write zeros or nothing)."""
    if value is None:
        return False
    try:
        return any(float(v) != 0 for v in (value if isinstance(value, tuple) else (value,)))
    except (TypeError, ValueError, ZeroDivisionError):
        return bool(value)


def _raw_scan(body: bytes) -> list[str]:
    found = []
    at = body.find(_EXIF_HEADER)
    at = at + len(_EXIF_HEADER) if at >= 0 else max(body.find(b"MM\x00*"), body.find(b"II*\x00"))
    if at >= 0:
        from PIL import Image

        exif = Image.Exif()
        try:
            exif.load(body[at:at + 65536])
            if _has_gps(exif):
                found.append("EXIF")
        except Exception:  # noqa: BLE001 - not a TIFF structure after all
            pass
    start = body.find(_XMP_START)
    if start >= 0:
        end = body.find(_XMP_END, start)
        if _XMP_GPS.search(body[start:end if end > 0 else start + 65536]):
            found.append("XMP")
    return found


def _reason(e: Exception) -> str:
    from PIL import Image

    if isinstance(e, Image.UnidentifiedImageError):
        return "not an image format Pillow reads"
    if isinstance(e, Image.DecompressionBombError):
        return "image too large to open safely"
    return f"{type(e).__name__}: {str(e)[:80]}"
