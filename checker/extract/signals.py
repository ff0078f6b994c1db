"""The strings the extraction asks a text whether it holds, found in one search over it.

Before they read a text, the readers ask whether it holds some twenty strings ("footnote",
"<ref", a rule's "-----", a superscript digit...), most of them absent from most texts. Each
`in` is a pass over the whole text: some 20 ms on the 17 MB of a 100,000-note paper, 40 for a
superscript digit (a rare character, but its low byte is a common letter's). One search for
all of them costs about three such passes.
"""

from __future__ import annotations

import re

from checker.extract.common import SUPERSCRIPT_DIGITS

SIGNALS = frozenset((
    "footnote", "Footnote",  # CaseMets' <footnote>, Texinfo's @footnote, AsciiDoc, Gutenberg
    "]_", "<ref", "[fn:",  # reStructuredText's markers, wikitext's notes, Org's
    "[a]", "]:",  # a wiki's lettered notes, markdown's link definitions
    "&</sup>", *SUPERSCRIPT_DIGITS,  # an entity cut by a marker, superscript markers
    "––––", "____", "-----",  # a rule above a page's notes
))


def _search_for(signals: frozenset[str]) -> re.Pattern[str]:
    # No signal starts another: where two started at one place, only one would be found
    return re.compile("|".join(sorted(re.escape(signal) for signal in signals)))


class TextSignals:
    """The `SIGNALS` a text holds: ``"footnote" in signals``. Asked about a string that is
    not a signal, it raises `ValueError` (it was not looked for)."""

    __slots__ = ("_found",)

    def __init__(self, text: str) -> None:
        found: frozenset[str] = frozenset()
        search, position = _search_for(SIGNALS).search, 0
        while (match := search(text, position)) is not None:
            found |= {match.group()}
            if found == SIGNALS:
                break
            # the rest looked for from the next character on (one may start inside another,
            # "<refootnote"); a signal found is not looked for again (a paper marked by
            # superscripts holds hundreds of thousands of them)
            search, position = _search_for(SIGNALS - found).search, match.start() + 1
        self._found = found

    def __contains__(self, signal: str) -> bool:
        if signal not in SIGNALS:
            raise ValueError(f"{signal!r} is not one of the signals looked for")
        return signal in self._found
