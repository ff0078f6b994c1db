"""duplicate-document: two input documents that are one text, copied or rewritten.

## What it does
Compares every pair of documents in the run. Each text is reduced to its sentences' content
words (markup, case, accents and stop words dropped); a sentence of the shorter document
counts as matched when the other has a sentence with mostly the same words (rapidfuzz
``token_sort_ratio`` >= 60, which survives synonyms, reordering and light editing). The pair is
reported when at least half of the shorter document's sentences are matched, or when most of
its word triples (shingles) appear in the other (a near-verbatim copy). Two articles on the
same event share names and topic words but few sentences, so they are not reported.
The finding is reported once per pair, on the later document (by stated date, else by the
order given), and names the other with the similarity.

## Why is this bad?
A rewritten wire story is one source, not two: counting it twice inflates the evidence, and
citing the copy instead of the original hides where the text comes from.

## Example
```text
003.txt  "Xi Jinping has unveiled an ambitious plan to help lift Central Asia to the next level..."
004.txt  "Xi Jinping outlined an ambitious plan on Friday to advance Central Asia's economic ties
          with China to the next level..."
```
Keep the original (003) and drop or cite the copy as a copy.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from checker.lazypattern import compile_lazily
from checker.model import Document, Finding
from checker.rules.common import STOPWORDS, RuleContext, make_finding, words

ID = "duplicate-document"
DEFAULT_SEVERITY = "warning"
SUMMARY = "Two input documents are the same text, copied or rewritten."

SENTENCE_SIMILARITY = 60.0  # token_sort_ratio of two sentences' content words
MATCHED_SHARE = 0.5  # of the shorter document's sentences
SHINGLE_CONTAINMENT = 0.6  # of the shorter document's word triples, for near copies
MIN_SENTENCE_WORDS = 6
MIN_SENTENCES = 3
PREFILTER = 0.35  # share of the shorter text's vocabulary found in the other
CANDIDATE_SHARE = 0.4  # of a sentence's words another must share to be compared with it
MAX_CANDIDATES = 8

_SENTENCE_SPLIT = compile_lazily(r"(?<=[.!?…])[\"”’)\]]*\s+|\n\s*\n|\n(?=\s*[-*#>|])")
_MARKUP = compile_lazily(r"<[^>]{0,300}>|https?://\S+|\[\^?\d+\]|&[a-z]+;")


@dataclass
class _Profile:
    doc: Document
    order: int
    sentences: list[str]  # each: the sentence's distinct content words, sorted, joined
    vocabulary: set[str]
    shingles: set[tuple[str, str, str]]


def _content(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS and not w.isdigit() and len(w) > 1]


def profile(doc: Document, order: int = 0) -> _Profile:
    text = _MARKUP.sub(" ", doc.text)
    sentences = []
    for chunk in _SENTENCE_SPLIT.split(text):
        distinct = sorted(set(_content(chunk)))
        if len(distinct) >= MIN_SENTENCE_WORDS:
            sentences.append(" ".join(distinct))
    tokens = _content(text)
    return _Profile(
        doc=doc, order=order, sentences=sentences, vocabulary=set(tokens),
        shingles={tuple(tokens[i:i + 3]) for i in range(len(tokens) - 2)},  # type: ignore[misc]
    )


def _containment(first: set, second: set) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def matched_share(shorter: list[str], longer: list[str]) -> float:
    """Share of `shorter`'s sentences with a close counterpart in `longer`.

    Only sentences sharing a good part of their words are compared (an index of `longer`'s
    words finds them), so that two long documents cost little more than reading them."""
    if not shorter or not longer:
        return 0.0
    index: dict[str, list[int]] = defaultdict(list)
    for number, sentence in enumerate(longer):
        for word in sentence.split(" "):
            index[word].append(number)
    matched = 0
    for sentence in shorter:
        sentence_words = sentence.split(" ")
        shared: Counter[int] = Counter()
        for word in sentence_words:
            shared.update(index.get(word, ()))
        needed = max(3, int(CANDIDATE_SHARE * len(sentence_words)))
        candidates = [longer[n] for n, count in shared.most_common(MAX_CANDIDATES)
                      if count >= needed]
        if candidates and process.extractOne(sentence, candidates, scorer=fuzz.token_sort_ratio,
                                             score_cutoff=SENTENCE_SIMILARITY) is not None:
            matched += 1
    return matched / len(shorter)


def similarity(first: _Profile, second: _Profile) -> tuple[float, float] | None:
    """(matched sentence share, shingle containment) when the pair is one text, else None."""
    if _containment(first.vocabulary, second.vocabulary) < PREFILTER:
        return None
    shingles = _containment(first.shingles, second.shingles)
    shorter, longer = sorted((first.sentences, second.sentences), key=len)
    share = matched_share(shorter, longer) if len(shorter) >= MIN_SENTENCES else 0.0
    if share >= MATCHED_SHARE or shingles >= SHINGLE_CONTAINMENT:
        return share, shingles
    return None


def _later(first: _Profile, second: _Profile) -> tuple[_Profile, _Profile]:
    """(copy, original): the later-dated document is the copy; else the one given later."""
    a, b = first.doc.date, second.doc.date
    if a and b and a != b:
        return (first, second) if a > b else (second, first)
    return (first, second) if first.order > second.order else (second, first)


def check(documents: list[Document], context: RuleContext) -> list[Finding]:
    if len({doc.path for doc in documents}) < 2:
        return []  # nothing to compare with: no text is read (a large paper's took seconds)
    profiles = [profile(doc, order) for order, doc in enumerate(documents)]
    findings = []
    for position, first in enumerate(profiles):
        for second in profiles[position + 1:]:
            if first.doc.path == second.doc.path:
                continue
            found = similarity(first, second)
            if found is None:
                continue
            share, shingles = found
            copy, original = _later(first, second)
            findings.append(make_finding(
                ID, context, copy.doc, [],
                f"this document is the same text as {original.doc.path}, rewritten or copied: "
                f"{share:.0%} of the shorter text's sentences have a close match in the other, "
                f"{shingles:.0%} of its word triples recur",
                None,
            ))
    return findings
