"""`TextSignals`: the strings the readers ask a text whether it holds, found in one search."""

import random

import pytest

from checker.extract.signals import SIGNALS, TextSignals


def test_a_text_holds_a_signal_exactly_where_in_says_it_does() -> None:
    """Signals side by side, inside one another ("<refootnote", "]____") and repeated are
    each found; the rest are not."""
    rng = random.Random(5)
    pieces = [*SIGNALS, "<re", "foot", "]", "_", "-", "–", "[", "&</", " ", "x", "\n"]
    texts = ["", "x<refootnote y", "a]____b", "¹ and ⁹", "&</sup>quot;", "-" * 12]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
              for _ in range(500)]
    for text in texts:
        signals = TextSignals(text)
        assert {s for s in SIGNALS if s in signals} == {s for s in SIGNALS if s in text}, text


def test_a_string_not_looked_for_is_refused() -> None:
    with pytest.raises(ValueError):
        assert "@footnote" in TextSignals("@footnote")
