"""A trained sequence tagger for citation fields (a CRF, python-crfsuite), measured against the
rules of `checker/references/` on the same corpus.

    .venv/bin/pip install python-crfsuite
    .venv/bin/python bench/field_tagger.py train [--model PATH] [--dev-gold]
    .venv/bin/python bench/field_tagger.py anystyle [--model PATH]
    .venv/bin/python bench/field_tagger.py corpus [--model PATH] [--part dev|heldout] [--fill-only]

`train` learns from AnyStyle's labelled references (`../shared/anystyle/core.xml`) and, with
`--dev-gold`, from the dev part of the corpus gold (each gold field found in its note's text
labels the tokens it covers). `anystyle` scores the tagger's tokens and fields on AnyStyle's
own evaluation set (`gold.xml`). `corpus` runs `bench/corpus_score.py` with the tagger reading
title, authors, container and date of every citation the splitter finds (URLs, DOIs, domains,
types and back-references stay the rules'), so its figures compare one to one with the rules'.

The tagger is not shipped with footcheck: measured on the corpus it did worse than the rules
(see the README's "Field parsing" figures); this script keeps the measurement repeatable.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.references.authors import is_organisation, parse_authors  # noqa: E402
from checker.references.dates import MONTHS, find_dates  # noqa: E402

ANYSTYLE = ROOT.parent / "shared" / "anystyle"
DEFAULT_MODEL = Path("/tmp/footcheck-field-tagger.crfsuite")

# AnyStyle's labels -> the fields a footnote reference has (the rest are "other")
LABELS = {
    "author": "author", "editor": "editor", "translator": "editor", "director": "author",
    "producer": "author", "title": "title", "container-title": "container",
    "journal": "container", "collection-title": "container", "date": "date",
    "publisher": "publisher", "location": "location", "url": "url", "doi": "url",
    "pages": "pages", "volume": "volume", "edition": "other", "note": "other",
    "genre": "other", "citation-number": "other", "isbn": "other", "source": "container",
    "medium": "other", "dataset": "other",
}
_TOKEN = re.compile(r"\S+")
_YEAR = re.compile(r"^\(?(?:1[5-9]|20)\d\d[a-z]?\)?[.,;:]?$")
_OPEN_QUOTES = "\"“«„‘'"
_CLOSE_QUOTES = "\"”»“’'"
_ROLE = frozenset(["ed.", "eds.", "ed", "eds", "(ed.)", "(eds.)", "edited", "by", "trans.",
                   "translated", "hrsg.", "(hrsg.)"])
_MARKERS = frozenset(["in", "in:", "see", "available", "retrieved", "accessed", "vol.", "no.",
                      "pp.", "p.", "s.", "с.", "№"])


# ---- data ---------------------------------------------------------------------------------


def read_anystyle(path: Path) -> list[list[tuple[str, str]]]:
    """Each <sequence> -> [(token, label)]."""
    sequences = []
    for sequence in ET.parse(path).getroot().iter("sequence"):
        tokens: list[tuple[str, str]] = []
        for part in sequence:
            label = LABELS.get(part.tag, "other")
            for token in _TOKEN.findall(part.text or ""):
                tokens.append((token, label))
        if tokens:
            sequences.append(tokens)
    return sequences


def read_dev_gold() -> list[list[tuple[str, str]]]:
    """Dev notes whose one reference's fields are found in the note's text, labelled."""
    from checker.parse import parse_paths

    sequences = []
    for gold_path in sorted((ROOT / "tests" / "corpus" / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text())
        if gold["split"] != "dev":
            continue
        document = ROOT.parent / "shared" / "corpus" / gold["document"]
        run = parse_paths([document])
        notes = {(n.part, n.number): n for d in run.documents for n in d.footnotes}
        for note in gold["notes"]:
            parsed = notes.get((note.get("part"), note["number"]))
            if parsed is None or len(note["references"]) != 1 or note["references"][0]["short"]:
                continue
            labelled = _label_by_gold(" ".join(parsed.text.split()), note["references"][0])
            if labelled:
                sequences.append(labelled)
    return sequences


def _label_by_gold(text: str, reference: dict) -> list[tuple[str, str]] | None:
    spans: list[tuple[int, int, str]] = []
    for name, label in (("title", "title"), ("container", "container")):
        value = reference.get(name)
        if value:
            start = text.find(value)
            if start < 0:
                return None
            spans.append((start, start + len(value), label))
    for author in reference.get("authors") or []:
        family = author.split(",")[0]
        start = text.find(family)
        if start >= 0:
            spans.append((start, start + len(family), "author"))
    labelled = []
    for match in _TOKEN.finditer(text):
        label = "other"
        for start, end, name in spans:
            if match.start() < end and match.end() > start:
                label = name
        labelled.append((match.group(0), label))
    return labelled if spans else None


# ---- features -----------------------------------------------------------------------------


def _shape(word: str) -> str:
    shape = re.sub(r"[A-ZА-ЯЁ]", "X", word)
    shape = re.sub(r"[a-zа-яё]", "x", shape)
    shape = re.sub(r"\d", "d", shape)
    return re.sub(r"(.)\1+", r"\1\1", shape)[:8]


def _core(word: str) -> str:
    return word.strip(".,;:()[]{}\"'“”«»„‘’*_").lower()


def token_features(tokens: list[str]) -> list[list[str]]:
    quoted = False
    italic = False
    states: list[tuple[bool, bool]] = []
    for token in tokens:
        opens = token[:1] in _OPEN_QUOTES
        closes = token.rstrip(".,;:)")[-1:] in _CLOSE_QUOTES
        starts_italic = token.lstrip("(")[:1] in "*_"
        ends_italic = token.rstrip(".,;:)")[-1:] in "*_"
        if opens:
            quoted = True
        if starts_italic:
            italic = True
        states.append((quoted, italic))
        if closes and (not opens or len(token) > 2):
            quoted = False
        if ends_italic and (not starts_italic or len(token) > 2):
            italic = False
    length = len(tokens)
    single = [_word_features(token) for token in tokens]
    features = []
    for index in range(length):
        quoted, italic = states[index]
        row = ["bias", f"pos={min(index, 8)}", f"rel={int(5 * index / max(length, 1))}",
               f"quoted={quoted}", f"italic={italic}"] + single[index]
        for offset in (-2, -1, 1, 2):
            other = index + offset
            if 0 <= other < length:
                row.extend(f"{offset}:{feature}" for feature in single[other][:6])
            else:
                row.append(f"{offset}:edge")
        features.append(row)
    return features


def _word_features(token: str) -> list[str]:
    core = _core(token)
    features = [
        f"w={core[:20]}", f"shape={_shape(token)}", f"last={token[-1:]}", f"first={token[:1]}",
        f"suf3={core[-3:]}", f"pre3={core[:3]}",
    ]
    if _YEAR.match(token):
        features.append("year")
    if core in MONTHS:
        features.append("month")
    if core.isdigit():
        features.append("number")
    if "://" in token or token.startswith("www."):
        features.append("url")
    if token.lower() in _ROLE:
        features.append("role")
    if token.lower() in _MARKERS:
        features.append("marker")
    if len(core) <= 2 and token.endswith(".") and token[:1].isupper():
        features.append("initial")
    if token[:1].isupper():
        features.append("upper")
    return features


# ---- training and tagging -----------------------------------------------------------------


def train(model: Path, dev_gold: bool) -> None:
    import pycrfsuite

    sequences = read_anystyle(ANYSTYLE / "core.xml")
    if dev_gold:
        sequences += read_dev_gold()
    trainer = pycrfsuite.Trainer(verbose=False)
    for sequence in sequences:
        tokens = [token for token, _ in sequence]
        trainer.append(token_features(tokens), [label for _, label in sequence])
    trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": 150,
                        "feature.possible_transitions": True})
    trainer.train(str(model))
    print(f"trained on {len(sequences)} sequences -> {model} ({model.stat().st_size} bytes)")


def tag(tagger, text: str) -> list[tuple[str, str]]:
    tokens = _TOKEN.findall(text)
    if not tokens:
        return []
    return list(zip(tokens, tagger.tag(token_features(tokens)), strict=True))


def fields_from_tags(tagged: list[tuple[str, str]]) -> dict[str, object]:
    """The first run of each label -> title, authors, container, date."""
    runs: dict[str, str] = {}
    closed: set[str] = set()
    previous = None
    for token, label in tagged:
        if previous is not None and label != previous:
            closed.add(previous)
        previous = label
        if label in closed:
            continue
        runs[label] = f"{runs[label]} {token}" if label in runs else token
    title = _clean(runs.get("title"))
    container = _clean(runs.get("container"))
    authors: list[str] = []
    author_text = _clean(runs.get("author") or "")
    if author_text:
        persons = parse_authors(author_text)
        authors = list(persons) if persons else (
            [author_text] if is_organisation(author_text) else [])
    date = None
    if runs.get("date"):
        dates = find_dates(runs["date"])
        date = dates[0].iso if dates else None
    return {"title": title, "authors": authors, "container": container, "date": date}


def _clean(text: str | None) -> str | None:
    if not text:
        return None
    text = re.sub(r"(?<!\w)[*_]+|[*_]+(?!\w)", "", text)
    text = text.strip(" ,.;:()[]\"'“”«»„‘’")
    return text or None


# ---- measurements -------------------------------------------------------------------------


def evaluate_anystyle(model: Path) -> None:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    correct = Counter()
    gold_count = Counter()
    predicted_count = Counter()
    training = {" ".join(t for t, _ in s) for s in read_anystyle(ANYSTYLE / "core.xml")}
    for sequence in read_anystyle(ANYSTYLE / "gold.xml"):
        tokens = [token for token, _ in sequence]
        if " ".join(tokens) in training:
            continue  # gold.xml repeats some of core.xml's references: not measured
        predicted = tagger.tag(token_features(tokens))
        for (_, gold), guess in zip(sequence, predicted, strict=True):
            gold_count[gold] += 1
            predicted_count[guess] += 1
            correct[gold] += gold == guess
    total = sum(gold_count.values())
    print(f"AnyStyle gold.xml: token accuracy {sum(correct.values()) / total:.3f} ({total} tokens)")
    for label in ("author", "title", "container", "date", "publisher", "location"):
        precision = correct[label] / predicted_count[label] if predicted_count[label] else 0.0
        recall = correct[label] / gold_count[label] if gold_count[label] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"  {label:10} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")


def score_corpus(model: Path, part: str, fill_only: bool) -> None:
    import pycrfsuite

    import checker.references as references
    from checker.references.fields import parse_citation

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))

    def tagged_citation(segment: str):
        reference = parse_citation(segment)
        if reference is None:
            return None
        found = fields_from_tags(tag(tagger, segment))
        if fill_only:  # the rules' fields, the tagger's where the rules found none
            reference.title = reference.title or found["title"]
            reference.authors = reference.authors or found["authors"]
            reference.container = reference.container or found["container"]
            reference.date = reference.date or found["date"]
            return reference
        reference.title = found["title"]
        reference.authors = found["authors"]
        reference.container = found["container"]
        reference.date = found["date"] or reference.date
        return reference

    references.parse_citation = tagged_citation
    sys.argv = ["corpus_score.py", "--part", part]
    import runpy

    runpy.run_path(str(ROOT / "bench" / "corpus_score.py"), run_name="__main__")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("train", "anystyle", "corpus"))
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--dev-gold", action="store_true")
    parser.add_argument("--part", default="dev", choices=("dev", "heldout"))
    parser.add_argument("--fill-only", action="store_true",
                        help="keep the rules' fields; the tagger fills only the missing ones")
    args = parser.parse_args()
    if args.command == "train":
        train(args.model, args.dev_gold)
    elif args.command == "anystyle":
        evaluate_anystyle(args.model)
    else:
        score_corpus(args.model, args.part, args.fill_only)


if __name__ == "__main__":
    main()
