"""duplicate-entry: one work entered twice, under two keys, in a bibliography file.

## What it does
In a ``.bib`` or CSL-JSON file given as a document (``footcheck check refs.bib``), groups the
entries that name the same work the way `duplicate-reference` groups notes (the same URL or
DOI, or the same title from the same outlet with compatible dates) and reports each group
once, naming every key.

## Why is this bad?
Two keys for one work split its citations: the paper cites ``smith2020`` here and
``smith2020rivers`` there, the printed bibliography lists the work twice, and a correction
made to one entry is missing from the other.

## Example
```bibtex
@article{smith2020,        title = {Rivers of the Steppe}, url = {https://water.org/rivers}}
@article{smith2020rivers,  title = {Rivers of the steppe}, url = {https://water.org/rivers/}}
```
Use instead: one entry, and one key in every ``\\cite``.
"""

from __future__ import annotations

from checker.model import Document, Finding
from checker.rules.common import RuleContext, is_bibliography, make_finding
from checker.rules.duplicate_reference import describe, duplicate_groups

ID = "duplicate-entry"
DEFAULT_SEVERITY = "warning"
SUMMARY = "A bibliography file holds the same work twice, under different keys."


def check(documents: list[Document], context: RuleContext) -> list[Finding]:
    findings = []
    for doc in documents:
        if not is_bibliography(doc):
            continue
        for group in duplicate_groups(doc):
            notes = list({id(footnote): footnote for footnote, _ in group}.values())
            keys = [footnote.label or str(footnote.number) for footnote in notes]
            message = (f"{describe(group[0][1])} is entered {len(keys)} times, as "
                       + ", ".join(keys[:-1]) + f" and {keys[-1]}: keep one entry and cite "
                       "it by one key")
            findings.append(make_finding(ID, context, doc, [n.number for n in notes], message,
                                         notes[1].line))
    return findings
