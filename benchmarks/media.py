"""Media analysis time: a 100-frame 480x360 animated GIF and a 10-second 640x360 video (PyAV).

    python benchmarks/media.py [--repeat 3]

Generates both deterministically in memory (a bouncing ball over a gradient, with a strobe in part of
the video so the flash analysis has work to do), then times what `--follow-media` costs per file:
decoding to the analysis grid plus the flash analysis that `flash` and `flash-district` share, and
for the video also the stream scan of `video-captions`. Prints the best of `--repeat` runs, and the
parts (decode, analysis) of the best run.
"""
from __future__ import annotations

import argparse
import io
import time

import numpy as np
from PIL import Image

from webaudit.flash import report
from webaudit.frames import timeline, video_info
from webaudit.resource import Resource


def scene(i: int, width: int, height: int, strobe: bool = False) -> np.ndarray:
    yy, xx = np.mgrid[0:height, 0:width]
    frame = np.stack([(xx * 255 // width), (yy * 255 // height), np.full_like(xx, 120)], axis=-1)
    cx = int((np.sin(i / 7) * 0.4 + 0.5) * width)
    cy = int((np.cos(i / 5) * 0.4 + 0.5) * height)
    frame[(xx - cx) ** 2 + (yy - cy) ** 2 < (height // 8) ** 2] = (250, 250, 40)
    if strobe and (i // 3) % 2:
        frame[: height // 3, : width // 3] = 255  # a strobe in one corner, 5 flashes/s at 30 fps
    return frame.astype(np.uint8)


def make_gif(frames: int = 100, size=(480, 360)) -> bytes:
    first = Image.fromarray(scene(0, *size)).quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    images = [Image.fromarray(scene(i, *size)).quantize(palette=first) for i in range(frames)]  # one palette
    out = io.BytesIO()
    images[0].save(out, "GIF", save_all=True, append_images=images[1:], duration=40, loop=0)
    return out.getvalue()


def make_video(seconds: int = 10, size=(640, 360), fps: int = 30) -> bytes:
    import av

    out_buf = io.BytesIO()
    with av.open(out_buf, "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=fps, options={"preset": "veryfast"})
        stream.width, stream.height, stream.pix_fmt = size[0], size[1], "yuv420p"
        for i in range(seconds * fps):
            frame = av.VideoFrame.from_ndarray(scene(i, *size, strobe=True), format="rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return out_buf.getvalue()


def measure(url: str, kind: str, body: bytes, repeat: int) -> tuple[float, float, float, object]:
    best = None
    for _ in range(repeat):
        resource = Resource(url, kind, body)
        t0 = time.perf_counter()
        tl = timeline(resource)
        t1 = time.perf_counter()
        rep = report(tl)
        if kind == "video":
            video_info(resource)
        t2 = time.perf_counter()
        if best is None or t2 - t0 < best[0]:
            best = (t2 - t0, t1 - t0, t2 - t1, rep)
    return best


def peaks(rep) -> str:
    return (f"peak flashes/s: {rep.general.flashes:g} over the 2.3.1 area threshold, "
            f"{rep.any_size.flashes:g} at any size")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    gif = make_gif()
    print(f"GIF   100 frames 480x360, {len(gif) / 1e6:.1f} MB")
    total, decode, analysis, rep = measure("bench.gif", "image", gif, args.repeat)
    print(f"  {total:.3f} s  (decode {decode:.3f} s, flash analysis {analysis:.3f} s; "
          f"{len(rep.timeline.order)} frames played; {peaks(rep)})")
    try:
        video = make_video()
    except ImportError:
        print("video: skipped (PyAV is not installed: pip install 'webaudit[video]')")
        return
    print(f"video 10 s 640x360 30 fps H.264, {len(video) / 1e6:.1f} MB")
    total, decode, analysis, rep = measure("bench.mp4", "video", video, args.repeat)
    print(f"  {total:.3f} s  (decode {decode:.3f} s, flash analysis + stream scan {analysis:.3f} s; "
          f"{len(rep.timeline.order)} frames; {peaks(rep)})")


if __name__ == "__main__":
    main()
