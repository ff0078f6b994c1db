"""Render an HTML file in headless Chromium and save a PNG screenshot.

    python tests/browser/screenshot.py reports/link-health.html /tmp/report.png

Used by tests/test_report_browser.py, and by hand to look at the report. Chromium comes from
Debian's packages (`apt-get install chromium`). Network features are switched off and the page
is loaded from a file:// URL, so nothing is fetched; the report is self-contained anyway.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
FLAGS = (
    "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
)


def find_chromium() -> str | None:
    """The Chromium binary, or None when it is not installed."""
    for candidate in CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


def screenshot(
    page: Path, png: Path, *, width: int = 1280, height: int = 2400,
    chromium: str | None = None, timeout: float = 90,
) -> Path:
    """Render `page` and write `png`; raises RuntimeError with Chromium's output on failure."""
    binary = chromium or find_chromium()
    if binary is None:
        raise RuntimeError("headless Chromium is not installed (apt-get install chromium)")
    png = Path(png).resolve()
    png.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="footcheck-chromium-") as profile:
        command = [binary, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={png}",
                   f"--window-size={width},{height}", Path(page).resolve().as_uri()]
        if os.geteuid() == 0:  # Chromium refuses to run as root inside its sandbox
            command.insert(1, "--no-sandbox")
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              check=False)
    if not png.exists():
        raise RuntimeError(f"Chromium wrote no screenshot (exit {done.returncode}): "
                           f"{done.stderr.strip()[-2000:]}")
    return png


def png_pixels(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA PNG (what Chromium writes): (width, height, channels, rows)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    bit_depth, colour_type = data[24], data[25]
    if bit_depth != 8 or colour_type not in (2, 6):
        raise ValueError(f"unsupported PNG (depth {bit_depth}, colour type {colour_type})")
    channels = 3 if colour_type == 2 else 4
    compressed, position = bytearray(), 8
    while position < len(data):
        length = struct.unpack(">I", data[position: position + 4])[0]
        if data[position + 4: position + 8] == b"IDAT":
            compressed += data[position + 8: position + 8 + length]
        position += 12 + length
    raw = zlib.decompress(bytes(compressed))
    stride = width * channels
    rows: list[bytes] = []
    previous = bytes(stride)
    for row in range(height):
        start = row * (stride + 1)
        rows.append(_unfilter(raw[start], raw[start + 1: start + 1 + stride], previous, channels))
        previous = rows[-1]
    return width, height, channels, rows


def _unfilter(kind: int, line: bytes, up: bytes, channels: int) -> bytes:
    if kind == 0:
        return bytes(line)
    if kind == 2:
        return bytes((a + b) & 0xFF for a, b in zip(line, up, strict=True))
    out = bytearray(line)
    for i in range(len(out)):
        left = out[i - channels] if i >= channels else 0
        if kind == 1:
            out[i] = (out[i] + left) & 0xFF
        elif kind == 3:
            out[i] = (out[i] + (left + up[i]) // 2) & 0xFF
        elif kind == 4:
            up_left = up[i - channels] if i >= channels else 0
            p = left + up[i] - up_left
            pa, pb, pc = abs(p - left), abs(p - up[i]), abs(p - up_left)
            out[i] = (out[i] + (left if pa <= pb and pa <= pc else up[i] if pb <= pc
                                else up_left)) & 0xFF
    return bytes(out)


def colour_rows(data: bytes, rgb: tuple[int, int, int]) -> list[int]:
    """The pixel rows of the PNG holding at least one pixel of exactly colour `rgb`."""
    _, _, channels, rows = png_pixels(data)
    target = bytes(rgb)
    found = []
    for index, row in enumerate(rows):
        position = row.find(target)
        while position != -1 and position % channels:
            position = row.find(target, position + 1)
        if position != -1:
            found.append(index)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=2400)
    args = parser.parse_args(argv)
    try:
        print(screenshot(args.page, args.png, width=args.width, height=args.height))
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        print(f"screenshot: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
