"""to_ascii: unidecode's answer, only faster where the text is mostly ASCII."""

import random

from unidecode import unidecode

from checker.transliterate import to_ascii


def test_the_usual_texts():
    assert to_ascii("Кактус") == "Kaktus"
    assert to_ascii("“Ibid.,” 5 — see Müller") == '"Ibid.," 5 -- see Muller'
    assert to_ascii("plain ASCII, left as it is") == "plain ASCII, left as it is"
    assert to_ascii("") == ""


def test_same_as_unidecode_on_random_mixed_text():
    """ASCII, Latin-1, Cyrillic, punctuation, CJK, emoji and unassigned code points, mixed."""
    rng = random.Random(7)
    alphabet = [chr(code) for code in [*range(32, 127), *range(0xA0, 0x300), *range(0x400, 0x500),
                                       *range(0x2000, 0x2070), *range(0x4E00, 0x4E40), 0x1F600,
                                       0xFEFF, 0xE000, 0x10FFFF]]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert to_ascii(text) == unidecode(text), text
