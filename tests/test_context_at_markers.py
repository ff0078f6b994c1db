"""The body around a note's marker: the words the context readers look at, cut out of a
line once however many markers the line holds."""

import random

from checker.model import Footnote
from checker.parse import works_named_at_markers
from checker.references import parse_references
from checker.references.context import FOLLOW_CHARS, MarkedLines, TextLines, body_at_marker

WORDS = ["Mr.", "Roe,", "in", "his", "History", "of", "the", "Harbour", "says", "he", "a",
         "—", "“Title,”", "etc.,", "1701,"]
SPACES = [" ", " ", " ", "  ", "\t", " \u00a0", "   "]


def paragraph(rng: random.Random, markers: int) -> str:
    parts = []
    for number in range(1, markers + 1):
        parts += [rng.choice(WORDS) + rng.choice(SPACES) for _ in range(rng.randint(0, 40))]
        parts.append(f"<sup>{number}</sup>" + rng.choice(["", " ", "  "]))
    return "".join(parts)


def test_the_words_before_and_after_a_marker_are_those_of_the_whole_body() -> None:
    """The last 800 characters of words before the marker (the most the readers look at)
    are those of the whole body before it; the words after it are the first FOLLOW_CHARS of
    the body after it (or all of it)."""
    rng = random.Random(7)
    cut = {"before": False, "after": False}  # markers with more of the line than is cut out
    for _ in range(40):
        lines = [paragraph(rng, rng.randint(0, 3)) for _ in range(rng.randint(0, 8))]
        lines.append(paragraph(rng, 60))
        lines.append(paragraph(rng, rng.randint(0, 2)))
        marked = MarkedLines(lines)
        line = len(lines) - 1
        text = lines[line - 1]
        for number in range(1, 61):
            marker = f"<sup>{number}</sup>"
            at = text.index(marker)
            whole_lead = " ".join([*lines[max(0, line - 7):line - 1], text[:at]])
            whole_follow = f"{text[at + len(marker):]} {lines[line]}"
            lead, follow = body_at_marker(marked, Footnote(number, 0, "x", marker_lines=(line,)))
            assert " ".join(lead.split())[-800:] == " ".join(whole_lead.split())[-800:]
            assert whole_follow.startswith(follow)
            assert len(follow) >= min(FOLLOW_CHARS, len(whole_follow))
            cut["before"] = cut["before"] or len(lead) < len(whole_lead)
            cut["after"] = cut["after"] or len(follow) < len(whole_follow)
    assert cut == {"before": True, "after": True}


def test_every_note_marked_on_one_long_line_gets_the_work_the_body_names() -> None:
    names = ["Warren", "Hennepin", "Schoolcraft", "Marquette", "Charlevoix"]
    count = 400
    body = " ".join(f"As Mr. {names[n % 5]}, in his History of Harbour {n},<sup>{n}</sup> "
                    "wrote of the tides." for n in range(1, count + 1))
    notes = [Footnote(n, 2, f"Coll. Minn. Hist. Soc., 1885, vol. 5, p. {n}.",
                      marker_lines=(1,)) for n in range(1, count + 1)]
    for note in notes:
        note.references = parse_references(note.text)
    named = works_named_at_markers(body, notes)
    assert len(named) == count
    assert [(work.authors, work.title) for work in named.values()] == [
        ([names[n % 5]], f"History of Harbour {n}") for n in range(1, count + 1)]


def test_a_texts_lines_cut_out_as_asked_are_those_of_split() -> None:
    """`TextLines` keeps the text and where each line starts: its lines, and runs of them,
    are those ``text.split("\\n")`` gives, empty lines and the last one included."""
    rng = random.Random(3)
    texts = ["", "a", "\n", "a\n", "\na", "é\nß\n\n", "Ну\n\n<sup>1</sup> x"]
    texts += ["".join(rng.choice("ab \nй") for _ in range(rng.randint(0, 40)))
              for _ in range(300)]
    for text in texts:
        lines, cut = text.split("\n"), TextLines(text)
        assert len(cut) == len(lines) and list(cut) == lines and cut[-1] == lines[-1]
        for start in range(-2, 6):
            assert cut[start:start + 3] == lines[start:start + 3], (text, start)
