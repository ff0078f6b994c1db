"""The `numbering` findings: how footnote definitions and markers fail to line up.

Recorded, never raised: a paper with a missing note is still worth checking.
Checks: markers without a definition, definitions without a marker, gaps in the
sequence, numbers defined twice, and definitions printed out of order; where the numbering
restarts (per chapter or letter), each part on its own. The readers add what only they
see (`Irregularity`): a marker printed as plain digits, a definition run on inside another
note, a definition printed without its directive.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence

from checker.extract.extraction import Irregularity, body_runs
from checker.model import Finding, Footnote, Severity

RULE = "numbering"
MAX_LISTED = 12  # above this many numbers, one finding lists them as ranges


def numbering_findings(
    footnotes: Sequence[Footnote],
    markers: Mapping[int, Sequence[int]],
    document: str,
    check_order: bool = True,
    irregular: Sequence[Irregularity] = (),
) -> list[Finding]:
    """Findings for `footnotes` (in document order) against body `markers`.

    `markers` maps a footnote number to the 1-based lines where it is marked. Notes
    marked by a symbol, a letter or a group ("*", "A", "note 1") are left out of the
    sequence checks; named labels (pandoc's "[^intro]", reStructuredText's "[#docs]") are
    numbered in it.
    """
    numbered = [note for note in footnotes if not _marked_aside(note.label)]
    parts = sorted({note.part for note in numbered if note.part is not None})
    findings = [
        Finding(rule=RULE, severity=Severity.WARNING.value, message=item.message,
                document=document, footnotes=[item.number], line=item.line)
        for item in irregular
    ]
    if not parts:
        return findings + _sequence_findings(numbered, markers, document, check_order, "")
    by_part: dict[int, list[Footnote]] = {}
    for note in numbered:
        if note.part is not None:
            by_part.setdefault(note.part, []).append(note)
    own = body_runs(markers, len(parts), min(note.line for note in numbered))
    if own is None:
        ends: list[int] = []  # the line of each part's last note, never decreasing
        for part in parts:
            ends.append(max([*ends[-1:], *(note.line for note in by_part[part])]))
        # a part's markers: those after the previous part's last note, up to its own last
        own = [{} for _ in parts]
        for number, lines in markers.items():
            for line in lines:
                index = bisect_left(ends, line)
                if index < len(parts):
                    own[index].setdefault(number, []).append(line)
    for index, part in enumerate(parts):
        findings += _sequence_findings(by_part[part], own[index], document, check_order,
                                       f" of part {part}")
    return findings


def _marked_aside(label: str | None) -> bool:
    """A mark printed instead of a number, outside the numbered sequence: "*", "†", "A",
    or a note of its own group ("note 1", a wiki's explanatory notes)."""
    return label is not None and (
        len(label) == 1 or " " in label or not any(c.isalnum() for c in label))


def _sequence_findings(
    footnotes: Sequence[Footnote],
    markers: Mapping[int, Sequence[int]],
    document: str,
    check_order: bool,
    scope: str,
) -> list[Finding]:
    """The sequence checks over one run of notes; `scope` (" of part 2") ends the words
    naming a note where the numbering restarts."""
    findings: list[Finding] = []

    def add(message: str, numbers: list[int], line: int | None) -> None:
        findings.append(
            Finding(
                rule=RULE,
                severity=Severity.WARNING.value,
                message=message,
                document=document,
                footnotes=numbers,
                line=line,
            )
        )

    defined: dict[int, int] = {}  # number -> line of its (first) definition
    repeated: dict[int, list[int]] = {}  # number -> lines of its definitions, when several
    for note in footnotes:
        if note.number in defined:
            repeated.setdefault(note.number, [defined[note.number]]).append(note.line)
        else:
            defined[note.number] = note.line

    missing_definition = sorted(n for n, lines in markers.items() if lines and n not in defined)
    _report_numbers(
        add,
        missing_definition,
        lambda n: f"footnote {n}{scope} is marked in the text but never defined",
        lambda listed: f"{len(missing_definition)} footnote markers{scope} have no definition: "
        f"{listed}",
        lambda n: min(markers[n]),
    )

    missing_marker = sorted(n for n in defined if not markers.get(n))
    if len(missing_marker) > 1 and len(missing_marker) == len(defined):
        # nothing is marked at all: one finding for the document, not one per note
        add(f"none of the {len(defined)} footnotes{scope} is marked in the text: the "
            "markers were lost in conversion, or the notes are a list of sources",
            missing_marker, footnotes[0].line)
        missing_marker = []
    _report_numbers(
        add,
        missing_marker,
        lambda n: f"footnote {n}{scope} is defined but never marked in the text",
        lambda listed: f"{len(missing_marker)} footnotes{scope} are never marked in the text: "
        f"{listed}",
        lambda n: defined[n],
    )

    if defined:
        numbers = sorted(defined)
        present = set(numbers)
        first = footnotes[0].number if check_order else numbers[0]
        if first > 1 and first == numbers[0]:
            # an excerpt (a chapter's notes) starts where it starts: one finding, no gap
            add(f"the notes{scope} start at footnote {first}, not 1: footnotes 1-{first - 1} "
                "are not in this document", [first], footnotes[0].line)
        else:
            first = 1
        gaps = [n for n in range(first, numbers[-1]) if n not in present]
        if gaps:
            listed = format_ranges(gaps)
            noun = "number is" if len(gaps) == 1 else "numbers are"
            add(f"footnote {noun}{scope} missing from the sequence: {listed}", gaps, None)

    for number, lines in sorted(repeated.items()):
        where = ", ".join(str(line) for line in lines)
        message = f"footnote {number}{scope} is defined {len(lines)} times (lines {where})"
        add(message, [number], lines[1])

    if check_order:
        highest = 0
        for note in footnotes:
            if note.number < highest and note.number not in repeated:
                add(
                    f"footnote {note.number}{scope} comes after footnote {highest} in the text",
                    [note.number],
                    note.line,
                )
            highest = max(highest, note.number)
    return findings


def _report_numbers(add, numbers: list[int], one, many, line_of) -> None:  # type: ignore[no-untyped-def]
    if not numbers:
        return
    if len(numbers) <= MAX_LISTED:
        for number in numbers:
            add(one(number), [number], line_of(number))
    else:
        add(many(format_ranges(numbers)), numbers, line_of(numbers[0]))


MAX_RANGES = 20  # a message names this many ranges at most; the finding keeps every number


def format_ranges(numbers: Sequence[int], limit: int = MAX_RANGES) -> str:
    """[1, 2, 3, 5, 7, 8] -> "1-3, 5, 7-8"; past `limit` ranges, "... and N more"."""
    parts: list[str] = []
    ordered = sorted(set(numbers))
    index = 0
    while index < len(ordered):
        start = end = ordered[index]
        while index + 1 < len(ordered) and ordered[index + 1] == end + 1:
            index += 1
            end = ordered[index]
        parts.append(str(start) if start == end else f"{start}-{end}")
        index += 1
    if len(parts) > limit:
        return ", ".join(parts[:limit]) + f" and {len(parts) - limit} more ranges"
    return ", ".join(parts)
