"""The rules' fields on AnyStyle's labelled reference strings: data labelled by others, never
used to write or tune the readers, in styles they were not written on.

    .venv/bin/python bench/anystyle_score.py [--set gold] [--show 20]

`../shared/anystyle/<set>.xml` (AnyStyle's evaluation set `gold`, or `good`, `ugly`, `bad`,
`core`; the entries a set shares with `core`, the set the readers' fixes were studied on, are
left out of it) holds reference-list entries, each a `<sequence>` of labelled parts. Each is joined
into the string it prints (its parts in order, one space between) and read by
`checker.references.parse_references`; the first reference read is compared with the labels:

- title: `title`, quotes and closing punctuation aside, at a fuzzy ratio of 90 (rapidfuzz,
  as `corpus_score.py`);
- container: `journal` or `container-title` ("In" and closing punctuation aside), likewise;
- date: the year of `date`;
- url, doi: `url`, `doi`, without scheme, `doi.org/` and final punctuation;
- authors: each family name read must be a word of `author` (precision); an entry whose
  `author` is labelled counts as found when the first family name read is one of its words
  (recall). The labels give a string, not names, so this is the looser of the measures.

Precision is over the fields read, recall over the fields labelled. These are reference
lists, not notes: the figures say how the readers carry over, not how they read a paper.
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from checker.references import parse_references  # noqa: E402 (the project, from this checkout)

ANYSTYLE = ROOT.parent / "shared" / "anystyle"
FIELDS = ("title", "authors", "container", "date", "url", "doi")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_EDGES = " \t\n.,;:\"'“”‘’«»()[]"


def labelled(path: Path) -> list[tuple[str, dict[str, str]]]:
    """Each sequence -> (the string it prints, its labels' texts joined by label)."""
    entries = []
    for sequence in ET.parse(path).getroot().iter("sequence"):
        parts = [(part.tag, " ".join((part.text or "").split())) for part in sequence]
        text = " ".join(value for _, value in parts if value)
        labels: dict[str, str] = {}
        for tag, value in parts:
            labels[tag] = f"{labels[tag]} {value}" if tag in labels else value
        if text:
            entries.append((text, labels))
    return entries


def _plain(value: str | None) -> str:
    return " ".join((value or "").replace("*", "").strip(_EDGES).split()).casefold()


def _link(value: str | None) -> str:
    value = re.sub(r"^(?:https?://)?(?:dx\.)?(?:doi\.org/)?(?:doi:\s*)?", "", (value or "").strip(),
                   flags=re.IGNORECASE)
    return value.rstrip(".,;)").rstrip("/").casefold()


def expected(labels: dict[str, str]) -> dict[str, object]:
    container = labels.get("journal") or labels.get("container-title")
    year = _YEAR.search(labels.get("date", ""))
    return {
        "title": _plain(labels.get("title")) or None,
        "authors": labels.get("author") or None,
        "container": _plain(re.sub(r"^\s*in\s*:?\s+", "", container or "", flags=re.I)) or None,
        "date": year.group(1) if year else None,
        "url": _link(labels.get("url")) or None,
        "doi": _link(labels.get("doi")) or None,
    }


def judged(field: str, gold: object, reference) -> tuple[bool, bool]:
    """(read, right) for one field of the first reference read."""
    if field == "authors":
        families = [name.partition(",")[0] for name in reference.authors]
        if not families:
            return False, False
        words = set(re.findall(r"[^\W\d_]+", str(gold or "").casefold()))
        return True, all(set(re.findall(r"[^\W\d_]+", family.casefold())) <= words
                         for family in families)
    url = None if reference.doi and "doi.org/" in (reference.url or "") else reference.url
    value = {"title": _plain(reference.title), "container": _plain(reference.container),
             "date": (reference.date or "")[:4], "url": _link(url),  # (a DOI's link: its doi)
             "doi": _link(reference.doi)}[field]
    if not value:
        return False, False
    if field in ("title", "container"):
        return True, gold is not None and fuzz.ratio(value, str(gold)) >= 90
    return True, value == gold


def score(entries: list[tuple[str, dict[str, str]]], show: int) -> Counter:
    counts: Counter = Counter()
    shown = 0
    for text, labels in entries:
        gold = expected(labels)
        references = parse_references(text)
        counts["entries"] += 1
        counts["read"] += bool(references)
        for field in FIELDS:
            counts[f"{field} gold"] += gold[field] is not None
            if not references:
                continue
            read, right = judged(field, gold[field], references[0])
            counts[f"{field} read"] += read
            counts[f"{field} right"] += read and right and gold[field] is not None
            if read and not right and shown < show:
                shown += 1
                print(f"  {field}: gold {gold[field]!r} read {getattr(references[0], field)!r}"
                      f"\n    {text[:160]}")
    return counts


def report(name: str, counts: Counter) -> None:
    print(f"{name}: {counts['entries']} entries, {counts['read']} read as a citation")
    totals = Counter()
    for field in FIELDS:
        read, right, gold = (counts[f"{field} {kind}"] for kind in ("read", "right", "gold"))
        totals.update({"read": read, "right": right, "gold": gold})
        p, r = right / read if read else 0.0, right / gold if gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {field:9} P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  "
              f"({right} right, {read} read, {gold} labelled)")
    p = totals["right"] / totals["read"] if totals["read"] else 0.0
    r = totals["right"] / totals["gold"] if totals["gold"] else 0.0
    print(f"  fields    P {p:.3f}  R {r:.3f}  F1 {2 * p * r / (p + r) if p + r else 0.0:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="gold", choices=["gold", "good", "ugly", "bad", "core"])
    parser.add_argument("--show", type=int, default=0, help="print this many misreadings")
    args = parser.parse_args(argv)
    path = ANYSTYLE / f"{args.set}.xml"
    if not path.exists():
        print(f"{path} is not here", file=sys.stderr)
        return 2
    entries = labelled(path)
    if args.set != "core":  # the entries the training set shares are not measured twice
        seen = {text for text, _ in labelled(ANYSTYLE / "core.xml")}
        entries = [(text, labels) for text, labels in entries if text not in seen]
    report(args.set, score(entries, args.show))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
