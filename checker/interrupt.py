"""Ctrl-C that is never lost.

Python's own handling loses a Ctrl-C in three ways, each seen in footcheck's interrupt test
(`footcheck check` on hanging links, Ctrl-C at once: before this module, 6 runs in 28 under
load hung until killed):

1. **Inside an import.** Python's handler raises `KeyboardInterrupt` in the main thread
   wherever it is. Raised in a module lock's weakref callback (``_get_module_lock.<locals>
   .cb``), which holds the interpreter's import lock, it is printed ("Exception ignored in
   ...") and dropped, the lock is never released, and the next import on another thread
   waits forever (`check` imports the report's modules on a thread of its own).
2. **Taken by another thread.** The system hands a signal to any thread not blocking it (the
   main thread blocks every signal for an instant as it starts a thread). Python runs the
   handler only on the main thread, and one waiting for a lock is not woken: the check waited
   for its hanging links.
3. **Dropped on its way.** An exception raised in Python code that C code called can be
   dropped there without a word.

`install` puts `interrupt` in place of Python's handler and a thread of its own beside it,
which sends Ctrl-C again to the main thread itself (``pthread_kill``: that wakes it):

1. inside an import (or a block that is `held`) the handler raises nothing and asks for it
   again `RETRY_AFTER` later, until the import is over;
2. every Ctrl-C, whichever thread the system gave it to, is told to that thread by the
   signal's wake-up pipe (``signal.set_wakeup_fd``), and it sends it on to the main thread
   `PASS_ON_AFTER` later (one the main thread has raised already is not raised twice);
3. once raised, it is sent again every `UNTAKEN_AFTER` until the program says it has taken it
   (`handled`, which `cli.main` says as it ends).

The handler takes no lock (it only writes to the pipe). Installed by the program (`cli.run`)
only, and only where Python's handler is the one in place (a Ctrl-C ignored since the
start, as under ``nohup``, stays ignored).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from types import FrameType

RETRY_AFTER = 0.01  # seconds: while the main thread is in an import
PASS_ON_AFTER = 0.05  # seconds: a Ctrl-C the system may have given to another thread
UNTAKEN_AFTER = 0.5  # seconds: raised, and not yet `handled`
MOST_RETRIES = 100  # an import taking a second or more (one stuck) is interrupted after all

_IN_IMPORT, _UNTAKEN = b"i", b"u"  # asked of the sending thread (besides the signal numbers)

_again: int | None = None  # the pipe's end the handler (and the system) write to
_retries = 0
_holding = 0  # blocks the interrupt waits for (`held`)
_called_at = float("-inf")  # the handler's last call (time.monotonic())
_raised_at = float("-inf")  # its last KeyboardInterrupt
_handled = False


def install() -> None:
    """Use `interrupt` for Ctrl-C, where Python's handler is in place."""
    global _again
    if not hasattr(signal, "pthread_kill"):  # not on every system: Python's handler stays
        return
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return
    asked, _again = os.pipe()
    os.set_blocking(_again, False)  # as the wake-up pipe must be
    signal.set_wakeup_fd(_again, warn_on_full_buffer=False)
    # Started with Ctrl-C blocked, which it keeps: the system never gives it one, so that
    # where the main thread blocks Ctrl-C for a moment (`workers.map_shared`, as it forks)
    # the Ctrl-C waits for it, and no other thread takes it meanwhile.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        threading.Thread(target=_send_again, args=(asked, threading.main_thread().ident),
                         name="footcheck-ctrl-c", daemon=True).start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    signal.signal(signal.SIGINT, interrupt)


def interrupt(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C: `KeyboardInterrupt` (see the module's docstring for when it is not)."""
    global _retries, _called_at, _raised_at
    _called_at = now = time.monotonic()
    if _handled or now - _raised_at < UNTAKEN_AFTER:
        return  # taken, or raised a moment ago: this is the same Ctrl-C, passed on
    if _again is not None and (_holding or in_import(frame)) and _retries < MOST_RETRIES:
        _retries += 1
        _ask(_IN_IMPORT)
        return
    _retries = 0
    _raised_at = now
    _ask(_UNTAKEN)
    raise KeyboardInterrupt


@contextlib.contextmanager
def held() -> Iterator[None]:
    """A block Ctrl-C waits for, as it waits for an import (`workers.map_shared` forks its
    workers in one: raised there, a worker forked but not yet known would be left running).
    Blocking the signal in the main thread is not enough where other threads run: one of
    them takes it, and the main thread runs the handler all the same."""
    global _holding
    _holding += 1
    try:
        yield
    finally:
        _holding -= 1


def handled() -> None:
    """The program has taken the interrupt (it ends now): it is not sent again."""
    global _handled
    _handled = True


def _ask(what: bytes) -> None:
    if _again is not None:
        with contextlib.suppress(BlockingIOError):  # full: the sending thread has enough
            os.write(_again, what)


def _send_again(asked: int, main: int) -> None:
    delays = {_IN_IMPORT[0]: RETRY_AFTER, _UNTAKEN[0]: UNTAKEN_AFTER,
              signal.SIGINT: PASS_ON_AFTER}
    while byte := os.read(asked, 1):
        arrived = time.monotonic()
        delay = delays.get(byte[0])
        if delay is None:
            continue  # another signal's number
        time.sleep(delay)
        if byte[0] == signal.SIGINT and _called_at >= arrived - PASS_ON_AFTER:
            continue  # the main thread took it (the system gave it to that thread)
        if not _handled:
            signal.pthread_kill(main, signal.SIGINT)


def in_import(frame: FrameType | None) -> bool:
    """Is `frame`, or a frame that called it, the import machinery's (importlib's frozen
    bootstrap, which runs every import, and the module body it runs)?"""
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False
