"""Corpus scorer: footcheck's parse against the hand-written gold of real documents.

    .venv/bin/python bench/corpus_score.py [--part dev|heldout|all|samples] [--doc NAME]
                                           [--kind docs|native|all] [--json] [--show-errors]
                                           [--corpus ../shared/corpus] [--samples refs/sources]

Every document with a gold file in `tests/corpus/gold/` (tests/corpus/README.md gives the
format and the dev/held-out split) is parsed in-process by `checker.parse.parse_paths`,
exactly as `footcheck parse` does, from the corpus in `../shared/corpus` (the documents are
never copied into the project). `--part samples` scores the two sample papers instead
(`refs/sources/`, else `../shared/seeds/`) against their gold in `tests/samples/gold/`
(tests/samples/README.md). It prints, per document and per part:

- notes found / expected: gold notes matched by (part, number), or by (part, label) for a
  note printed with a label ("*", "#name"), to a parsed note, and the
  parsed notes the gold does not have (extra);
- per field (title, authors, container, domain, url, date): precision, recall and F1, and
  their micro-average over all six fields ("fields F1"); a part holding documents of both
  corpus folders (`docs/`, text layouts; `native/`, PDF, Word, ODF, LaTeX) is also totalled
  per folder ("heldout, docs"), and `--kind` keeps one folder's documents.

Within a matched note, parsed references are aligned one to one with the gold references by
best similarity. A gold value counts towards recall, a parsed value towards precision, and a
pair counts as correct when both are present and agree after normalisation: case, spacing,
quotes, emphasis marks and trailing punctuation ignored, non-Latin letters transliterated
(unidecode); titles and containers agree at a fuzzy ratio of 90 or more (rapidfuzz); authors
as the set of family names; domain and date exactly; URLs without their scheme and trailing
slash. The references of a missed note count against recall, those of an extra note against
precision. A gold that covers only part of a long document says so with `"covers": [first,
last]`: parsed notes numbered outside that range, or in a part (where numbering restarts) that
the gold's notes are not in, are then left out of the count.

`--show-errors` lists what the parse got wrong, for dev documents and the samples only:
held-out documents are only measured, never read (their mismatches are not printed).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from unidecode import unidecode

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "corpus" / "gold"
CORPUS_DIR = ROOT.parent / "shared" / "corpus"
SAMPLES_GOLD_DIR = ROOT / "tests" / "samples" / "gold"
# The sample papers: the project's copy, else the shared seeds they were copied from.
SAMPLES_DIRS = (ROOT / "refs" / "sources", ROOT.parent / "shared" / "seeds")
FIELDS = ("title", "authors", "container", "domain", "url", "date")
PARTS = ("dev", "heldout")
FUZZY_AT_LEAST = 90.0

NoteKey = tuple[int | None, int | str]


# --- normalisation and comparison -----------------------------------------------------------

_QUOTES_AND_MARKS = "\"'`*_«»“”„‟‘’‚‛‹›"
_MARKS = re.escape(_QUOTES_AND_MARKS)
_EDGE = re.compile(rf"^[\s{_MARKS}]+|[\s{_MARKS}.,;:]+$")


_PLAIN_QUOTES = str.maketrans({mark: '"' for mark in "«»“”„‟‹›"} | {mark: "'" for mark in "‘’‚‛"})


def normalise(value: str | None) -> str:
    """Case, spacing, quotes, edge emphasis marks and trailing punctuation removed; ASCII."""
    if not value:
        return ""
    text = unidecode(value.translate(_PLAIN_QUOTES)).casefold()
    text = re.sub(r"\s+", " ", text).strip()
    previous = None
    while previous != text:
        previous, text = text, _EDGE.sub("", text)
    return text


def normalise_url(value: str | None) -> str:
    if not value:
        return ""
    text = value.strip().rstrip(".,;")
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text, flags=re.I)
    host, slash, rest = text.partition("/")
    host = host.lower().removeprefix("www.")
    return (host + slash + rest).rstrip("/")


def normalise_domain(value: str | None) -> str:
    return (value or "").strip().lower().removeprefix("www.").rstrip(".")


def family_names(authors: Iterable[str] | None) -> frozenset[str]:
    """"Family, Given" -> family; an organisation (no comma) stays whole."""
    return frozenset(
        normalise(author.split(",", 1)[0]) for author in authors or () if normalise(author)
    )


def present(name: str, reference: dict[str, Any]) -> bool:
    value = reference.get(name)
    if name == "authors":
        return bool(family_names(value))
    return bool(normalise(value) if isinstance(value, str) else value)


def field_agrees(name: str, gold: dict[str, Any], parsed: dict[str, Any]) -> bool:
    """Both present and the same after normalisation (fuzzy for titles and containers)."""
    if not (present(name, gold) and present(name, parsed)):
        return False
    if name == "authors":
        return family_names(gold["authors"]) == family_names(parsed["authors"])
    if name in ("title", "container"):
        return fuzz.ratio(normalise(gold[name]), normalise(parsed[name])) >= FUZZY_AT_LEAST
    if name == "url":
        return normalise_url(gold[name]) == normalise_url(parsed[name])
    if name == "domain":
        return normalise_domain(gold[name]) == normalise_domain(parsed[name])
    return normalise(gold[name]) == normalise(parsed[name])


def similarity(gold: dict[str, Any], parsed: dict[str, Any]) -> float:
    """How alike two references are, to align them: fuzzy title and container, the rest 0/1."""
    score = 0.0
    for name in ("title", "container"):
        if present(name, gold) and present(name, parsed):
            score += fuzz.ratio(normalise(gold[name]), normalise(parsed[name])) / 100
    for name in ("authors", "domain", "url", "date"):
        score += field_agrees(name, gold, parsed)
    return score


def align(
    gold: Sequence[dict[str, Any]], parsed: Sequence[dict[str, Any]]
) -> list[tuple[int | None, int | None]]:
    """Pairs (gold index, parsed index), best similarity first; unpaired ones with None.

    Greedy on the similarity matrix (notes cite a handful of works); ties go to document
    order, so two references with nothing in common still pair up in order.
    """
    candidates = sorted(
        ((similarity(g, p), -abs(i - j), i, j) for i, g in enumerate(gold)
         for j, p in enumerate(parsed)),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_parsed: set[int] = set()
    pairs: list[tuple[int | None, int | None]] = []
    for _score, _distance, i, j in candidates:
        if i not in used_gold and j not in used_parsed:
            used_gold.add(i)
            used_parsed.add(j)
            pairs.append((i, j))
    pairs.extend((i, None) for i in range(len(gold)) if i not in used_gold)
    pairs.extend((None, j) for j in range(len(parsed)) if j not in used_parsed)
    return sorted(pairs, key=lambda pair: (pair[0] is None, pair[0] or 0, pair[1] or 0))


# --- counting ---------------------------------------------------------------------------------

@dataclass
class FieldCount:
    correct: int = 0
    parsed: int = 0  # parsed values present (precision's denominator)
    gold: int = 0  # gold values present (recall's denominator)

    def add(self, other: FieldCount) -> None:
        self.correct += other.correct
        self.parsed += other.parsed
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.correct / self.parsed if self.parsed else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"correct": self.correct, "parsed": self.parsed, "gold": self.gold,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    extra: int = 0
    fields: dict[str, FieldCount] = field(
        default_factory=lambda: {name: FieldCount() for name in FIELDS})
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.expected += other.expected
        self.found += other.found
        self.extra += other.extra
        for name in FIELDS:
            self.fields[name].add(other.fields[name])

    @property
    def overall(self) -> FieldCount:
        total = FieldCount()
        for count in self.fields.values():
            total.add(count)
        return total

    @property
    def found_share(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    def to_json(self) -> dict[str, Any]:
        return {"expected": self.expected, "found": self.found, "extra": self.extra,
                "found_share": round(self.found_share, 4),
                "fields": {name: count.to_json() for name, count in self.fields.items()},
                "overall": self.overall.to_json()}


def note_key(note: dict[str, Any]) -> NoteKey:
    """A note is matched by its part and number, or by its label when it has one ("*")."""
    label = note.get("label")
    return (note.get("part"), label if label else int(note["number"]))


def show_key(key: NoteKey) -> str:
    part, number = key
    return f"{part}.{number}" if part is not None else str(number)


def score_notes(gold_notes: Sequence[dict[str, Any]],
                parsed_notes: Sequence[dict[str, Any]]) -> Score:
    """Compare one document's parsed notes (footcheck's JSON shape) with its gold notes."""
    score = Score(expected=len(gold_notes))
    parsed_by_key: dict[NoteKey, dict[str, Any]] = {}
    for note in parsed_notes:
        parsed_by_key.setdefault(note_key(note), note)  # a repeated number: the first one
    gold_keys = {note_key(note) for note in gold_notes}
    for gold_note in gold_notes:
        key = note_key(gold_note)
        parsed_note = parsed_by_key.get(key)
        if parsed_note is None:
            score.errors.append(f"note {show_key(key)} not found: {gold_note.get('text', '')!r}")
            count_references(score, key, gold_note["references"], [])
            continue
        score.found += 1
        count_references(score, key, gold_note["references"], parsed_note["references"])
    for key, parsed_note in parsed_by_key.items():
        if key not in gold_keys:
            score.extra += 1
            score.errors.append(f"note {show_key(key)} extra: {parsed_note['text'][:60]!r}")
            count_references(score, key, [], parsed_note["references"])
    return score


def count_references(score: Score, key: NoteKey, gold: Sequence[dict[str, Any]],
                     parsed: Sequence[dict[str, Any]]) -> None:
    for i, j in align(gold, parsed):
        g = gold[i] if i is not None else {}
        p = parsed[j] if j is not None else {}
        for name in FIELDS:
            count = score.fields[name]
            has_gold, has_parsed = present(name, g), present(name, p)
            count.gold += has_gold
            count.parsed += has_parsed
            if field_agrees(name, g, p):
                count.correct += 1
            elif has_gold or has_parsed:
                score.errors.append(
                    f"note {show_key(key)} ref {'-' if i is None else i + 1} {name}: "
                    f"gold {g.get(name)!r} parsed {p.get(name)!r}")


# --- running ------------------------------------------------------------------------------------

@dataclass
class DocumentResult:
    name: str
    split: str
    score: Score
    problem: str | None = None  # the parse could not read the document
    kind: str = "docs"  # the corpus folder: "docs" (text layouts) or "native" (PDF, Word...)


def gold_files(gold_dir: Path = GOLD_DIR) -> list[Path]:
    return sorted(gold_dir.glob("*.json"))


def samples_dir() -> Path | None:
    """Where the sample papers are: the first of SAMPLES_DIRS that holds every gold's paper."""
    names = [path.name.removesuffix(".json") for path in gold_files(SAMPLES_GOLD_DIR)]
    for folder in SAMPLES_DIRS:
        if names and all((folder / name).is_file() for name in names):
            return folder
    return None


def parse_document_notes(path: Path) -> tuple[list[dict[str, Any]], str | None]:
    """footcheck's parse of one document as its JSON notes, or a problem in words."""
    from checker.parse import parse_paths

    run = parse_paths([str(path)])
    if run.errors:
        return [], "; ".join(str(error) for error in run.errors)
    notes: list[dict[str, Any]] = []
    for document in run.documents:
        notes.extend(note.to_json() for note in document.footnotes)
    return notes, None


def within_covers(parsed_notes: Sequence[dict[str, Any]], covers: Sequence[int] | None,
                  parts: Collection[int | None] = (None,)) -> list[dict[str, Any]]:
    """The parsed notes a partial gold speaks for: numbers first..last of `"covers": [first,
    last]` (a long document whose gold is still being written) in the `parts` its notes are
    in (an order whose numbering restarts: notes 1-60 of its first part); all of them
    without it."""
    if not covers:
        return list(parsed_notes)
    first, last = covers
    return [note for note in parsed_notes
            if first <= int(note["number"]) <= last and note.get("part") in parts]


def score_document(gold_path: Path, corpus: Path) -> DocumentResult:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    name = gold_path.name.removesuffix(".json")
    document = corpus / gold.get("document", f"docs/{name}")
    try:
        parsed, problem = parse_document_notes(document)
    except Exception as error:  # a crash is a result to report, not the end of the run
        parsed, problem = [], f"{type(error).__name__}: {error}"
    parts = {note.get("part") for note in gold["notes"]}
    score = score_notes(gold["notes"], within_covers(parsed, gold.get("covers"), parts))
    kind = "native" if gold.get("document", "").startswith("native/") else "docs"
    return DocumentResult(name, gold.get("split", "dev"), score, problem, kind)


def run(corpus: Path, part: str = "all", doc: str | None = None,
        gold_dir: Path = GOLD_DIR) -> list[DocumentResult]:
    results = []
    for gold_path in gold_files(gold_dir):
        name = gold_path.name.removesuffix(".json")
        if doc and doc not in (name, Path(name).stem):
            continue
        result = score_document(gold_path, corpus)
        if part in ("all", result.split):
            results.append(result)
    return results


def totals(results: Iterable[DocumentResult]) -> dict[str, Score]:
    """Per part, and per part and corpus folder ("heldout, docs") where a part has both."""
    results = list(results)
    by_part = {name: Score() for name in PARTS}
    by_kind: dict[str, Score] = {}
    for result in results:
        by_part.setdefault(result.split, Score()).add(result.score)
        by_kind.setdefault(f"{result.split}, {result.kind}", Score()).add(result.score)
    for part in list(by_part):
        kinds = {name: score for name, score in by_kind.items() if name.startswith(f"{part}, ")}
        if len(kinds) > 1:
            by_part.update(sorted(kinds.items()))
    return by_part


def to_json(results: Sequence[DocumentResult]) -> dict[str, Any]:
    return {
        "documents": [
            {"document": r.name, "split": r.split, "kind": r.kind, "problem": r.problem,
             **r.score.to_json()}
            for r in results
        ],
        "parts": {name: score.to_json() for name, score in totals(results).items()
                  if score.expected},
    }


def print_report(results: Sequence[DocumentResult], show_errors: bool, out: Any = None) -> None:
    out = out or sys.stdout
    short = [name[:4] for name in FIELDS]
    header = f"{'document':<54} {'part':<7} {'notes':>9} {'extra':>5}  " + " ".join(
        f"{s:>5}" for s in short) + "  fields"
    print(header, file=out)
    for r in results:
        s = r.score
        cells = " ".join(
            f"{s.fields[n].f1:>5.2f}" if s.fields[n].gold or s.fields[n].parsed else "    -"
            for n in FIELDS)
        print(f"{r.name[:54]:<54} {r.split:<7} {s.found:>4}/{s.expected:<4} {s.extra:>5}  "
              f"{cells}  {s.overall.f1:.3f}", file=out)
        if r.problem:
            print(f"    problem: {r.problem}", file=out)
    for part, score in totals(results).items():
        if not score.expected:
            continue
        print(f"\n{part}: notes found {score.found}/{score.expected} "
              f"({100 * score.found_share:.1f}%), extra {score.extra}; "
              f"fields P {score.overall.precision:.3f} R {score.overall.recall:.3f} "
              f"F1 {score.overall.f1:.3f}", file=out)
        for name in FIELDS:
            c = score.fields[name]
            print(f"  {name:<10} P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}  "
                  f"({c.correct} correct, {c.parsed} parsed, {c.gold} gold)", file=out)
    if show_errors:
        for r in results:
            if r.split == "heldout":
                continue
            print(f"\n== {r.name}", file=out)
            for line in r.score.errors:
                print(f"  {line}", file=out)
        if any(r.split == "heldout" for r in results):
            print("\n(held-out mismatches are not shown: those documents are only measured)",
                  file=out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--part", choices=["dev", "heldout", "all", "samples"], default="all",
                        help="a part of the corpus (all: dev and held-out), or the sample papers")
    parser.add_argument("--doc", help="one document (its file name, with or without suffix)")
    parser.add_argument("--kind", choices=["docs", "native", "all"], default="all",
                        help="the corpus folder: text layouts (docs/), native files (native/)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show-errors", action="store_true",
                        help="list the mismatches (dev documents and samples only)")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR,
                        help=f"the corpus folder (default {CORPUS_DIR})")
    parser.add_argument("--samples", type=Path, default=None,
                        help="the sample papers' folder (default refs/sources, else "
                             "../shared/seeds)")
    parser.add_argument("--gold", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--floors", action="store_true",
                        help="print the figures as floors for tests/test_corpus_score.py")
    args = parser.parse_args(argv)
    if args.part == "samples":
        source, gold_dir = args.samples or samples_dir(), args.gold or SAMPLES_GOLD_DIR
        if source is None or not source.is_dir():
            print("corpus_score: the sample papers are in neither "
                  f"{' nor '.join(map(str, SAMPLES_DIRS))}", file=sys.stderr)
            return 2
    else:
        source, gold_dir = args.corpus, args.gold or GOLD_DIR
        if not source.is_dir():
            print(f"corpus_score: no corpus at {source}", file=sys.stderr)
            return 2
    if args.show_errors and args.part == "heldout":
        print("corpus_score: held-out mismatches are never shown (those documents are only "
              "measured); use --part dev", file=sys.stderr)
        return 2
    results = [r for r in run(source, args.part, args.doc, gold_dir)
               if args.kind in ("all", r.kind)]
    if args.show_errors and args.doc and results and all(r.split == "heldout" for r in results):
        print(f"corpus_score: {args.doc} is held out: its mismatches are never shown",
              file=sys.stderr)
        return 2
    if not results:
        print("corpus_score: no gold document matches", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(to_json(results), indent=2))
    elif args.floors:
        for r in results:  # the notes found, and the fields F1 just under its measure
            floor = max(0.0, int(r.score.overall.f1 * 100) / 100 - 0.01)
            print(f"    {r.name!r}: ({r.score.found}, {floor:.2f}),")
    else:
        print_report(results, args.show_errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
