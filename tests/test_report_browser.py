"""Render the HTML report in real headless Chromium and check the screenshot.

Skipped when Chromium is not installed (CI installs it: see .ci/run).
"""

import shutil
import subprocess

import pytest
from test_report import sample_input

from checker.report.html import render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(not CHROMIUM, reason="headless Chromium is not installed")
def test_report_renders_in_chromium(tmp_path):
    page = tmp_path / "link-health.html"
    page.write_text(render_html(sample_input()), encoding="utf-8")
    shot = tmp_path / "shot.png"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
         f"--screenshot={shot}", "--window-size=1280,1600", page.as_uri()],
        capture_output=True, timeout=90, check=False,
    )
    assert shot.exists(), "Chromium wrote no screenshot"
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    # The flagged date is drawn in pure red (#d50000): look for it in the decoded pixels.
    assert _has_colour(data, (0xD5, 0x00, 0x00)), "the flagged date is not visible"


def _has_colour(png: bytes, rgb: tuple[int, int, int]) -> bool:
    import struct
    import zlib

    width, height = struct.unpack(">II", png[16:24])
    bit_depth, colour_type = png[24], png[25]
    assert bit_depth == 8 and colour_type in (2, 6)
    channels = 3 if colour_type == 2 else 4
    raw, position = b"", 8
    while position < len(png):
        length = struct.unpack(">I", png[position: position + 4])[0]
        kind = png[position + 4: position + 8]
        if kind == b"IDAT":
            raw += png[position + 8: position + 8 + length]
        position += 12 + length
    pixels = zlib.decompress(raw)
    stride = width * channels
    previous = bytearray(stride)
    target = bytes(rgb)
    for row in range(height):
        start = row * (stride + 1)
        kind = pixels[start]
        line = bytearray(pixels[start + 1: start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                pred = left if pa <= pb and pa <= pc else (up if pb <= pc else up_left)
                line[i] = (line[i] + pred) & 0xFF
        for i in range(0, stride, channels):
            if bytes(line[i: i + 3]) == target:
                return True
        previous = line
    return False
