"""Regular expressions compiled when first used, not when their module is imported.

The readers hold some 500 module-level patterns; compiling them all takes 0.13 s, more than
half of `footcheck check`'s start-up before its first request, while a paper of one style
uses a fraction of them (60 for notes of the usual shape). `compile_lazily` returns a
`LazyPattern` that compiles on its first use and from then on answers through the compiled
pattern's own methods, set on the instance: a call costs what a compiled pattern's call costs.

    >>> YEAR = compile_lazily(r"\\b(1[89]|20)\\d\\d\\b")
    >>> YEAR.pattern                      # known without compiling
    '\\\\b(1[89]|20)\\\\d\\\\d\\\\b'
    >>> YEAR.search("In 1999.").group()   # compiled here, once
    '1999'

A `LazyPattern` is not a `re.Pattern`: pass it to no `re` function (use its methods), and
build other patterns from its `.pattern`. Two threads using it first at once both compile it;
the result is the same.
"""

from __future__ import annotations

import re
from typing import Any

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
            "scanner", "groupindex", "groups")


class LazyPattern:
    """A pattern's source and flags, compiled by the first attribute asked that they lack."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        # Called only for attributes the instance lacks: before the first use, or for one
        # `re.Pattern` has and `_METHODS` does not copy.
        compiled = re.compile(self.pattern, self.flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"compile_lazily({self.pattern!r}, {self.flags})"


def compile_lazily(pattern: str, flags: int = 0) -> LazyPattern:
    """`re.compile(pattern, flags)`, done when the pattern is first used."""
    return LazyPattern(pattern, flags)
