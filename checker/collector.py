"""The one place footcheck sets Python's garbage collector.

A large document's notes, references and bibliography entries are made once and live until
the command ends; the collector's passes walk them again and again and find no garbage in
them (reference cycles are what it is for, and reading notes makes none: a test keeps it so).

- `FULL_PASS_AFTER`: the program's full pass (`cli.run`) comes after this many middle passes.
- `paused()`: no pass at all while a command builds what lives to its end (`footcheck parse`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# The garbage collector's full pass, which walks every object alive, comes after this many of
# its middle passes (Python's default: 10). A large document's notes and references live until
# the end: at the default, a 100,000-note parse walked its 450,000 objects 13 times, for 1.1 s
# of its 12 s, and found no garbage. At 100 it walks them twice. Cyclic garbage still goes at
# the young passes, which are unchanged; what survives to the old generation waits longer: the
# one large cycle footcheck makes, an HTML page's tree, is torn down at once (`html_tree`).
FULL_PASS_AFTER = 100


def set_for_program() -> None:
    """The collector as the `footcheck` program runs (not when imported as a library)."""
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_PASS_AFTER)


@contextmanager
def paused() -> Iterator[None]:
    """No collection inside; the collector as it was after it.

    Used by `footcheck parse` around the reading and the writing: at 100,000 notes the
    collector's 3,400 passes cost 0.6 s on this process and 0.2 s on each worker, and found
    nothing (a worker forked inside inherits the pause). Memory stays the same there; what a
    native document's extraction leaves in cycles waits for the end of the command (the
    largest of the corpus, a 188-page PDF: 3.4 MB more on a peak of 146 MB). The notes are
    freed with the command's locals before the pause ends: the young pass that follows it
    walks what survived (0.013 s after 100,000 notes).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
