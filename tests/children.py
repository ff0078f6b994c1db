"""For tests that start footcheck as a child and press Ctrl-C in it."""

from __future__ import annotations

import signal


def with_ctrl_c() -> None:
    """`preexec_fn`: the child starts with Python's Ctrl-C handling even where this run
    ignores Ctrl-C (a process started in the background, as under nohup or by some CI
    runners, inherits it ignored, and Python then leaves it ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
