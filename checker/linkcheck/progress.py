"""Progress of a link check on stderr.

A tqdm bar when the stream is a terminal; otherwise plain lines (``checked 50/1000 links``)
every 10% or every 50 links, whichever comes first, and a last line at the end; nothing at all
with ``quiet=True``. Thread-safe: workers call `update` as each link finishes.
"""

from __future__ import annotations

import sys
import threading
from typing import TextIO

from checker.model import LinkResult, LinkStatus

FAILED = {LinkStatus.BROKEN.value, LinkStatus.TIMEOUT.value, LinkStatus.FAILING.value}


class Progress:
    def __init__(self, *, quiet: bool = False, stream: TextIO | None = None,
                 label: str = "checking links", tty: bool | None = None) -> None:
        self.quiet = quiet
        self.stream = stream if stream is not None else sys.stderr
        self.label = label
        if tty is None:
            isatty = getattr(self.stream, "isatty", None)
            tty = bool(isatty and isatty())
        self.tty = tty
        self.total = 0
        self.done = 0
        self.failed = 0
        self.cached = 0
        self._every = 50
        self._lock = threading.Lock()
        self._bar = None

    def start(self, total: int, label: str | None = None) -> None:
        """Begin a phase of `total` steps (the runner has two: live checks, archive lookups)."""
        with self._lock:
            if label:
                self.label = label
            self.total, self.done, self.failed, self.cached = total, 0, 0, 0
            self._every = max(1, min(50, -(-total // 10)))
            if self.quiet or total == 0:
                return
            if self.tty:
                from tqdm import tqdm

                self._bar = tqdm(total=total, file=self.stream, desc=self.label, unit="link",
                                 leave=False, dynamic_ncols=True)

    def update(self, result: LinkResult | None = None) -> None:
        with self._lock:
            self.done += 1
            if result is not None:
                self.failed += result.status in FAILED
                self.cached += result.from_cache
            if self.quiet:
                return
            if self._bar is not None:
                self._bar.update(1)
                if self.failed:
                    self._bar.set_postfix(failing=self.failed, refresh=False)
            elif self.done % self._every == 0 and self.done < self.total:
                self._line()

    def close(self) -> None:
        with self._lock:
            if self.quiet or self.total == 0:
                return
            if self._bar is not None:
                self._bar.close()
                self._bar = None
            self._line()

    def _line(self) -> None:
        extra = []
        if self.cached:
            extra.append(f"{self.cached} from cache")
        if self.failed:
            extra.append(f"{self.failed} failing")
        suffix = f" ({', '.join(extra)})" if extra else ""
        print(f"{self.label}: {self.done}/{self.total}{suffix}", file=self.stream, flush=True)
