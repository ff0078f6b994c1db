"""missing-title: a cited work without a title.

## What it does
Finds references (not explanatory notes) with no title: a bare URL, or a site and a date
(``kaktus.media, March 2, 2020``).

## Why is this bad?
The title is what lets a reader find the work when the link dies, and what lets the checker
confirm that a live page (or an archived one) is the work cited (`title-mismatch`). A bare
URL is unreadable in print.

## Example
```text
12 https://www.unescap.org/sites/default/files/List%20of%20participants.pdf.
```
Use instead:
```text
12 UNESCAP, "List of Participants at the High-level Regional Roundtable on
   Telecommunications Connectivity in Central Asia," 2014, https://www.unescap.org/...
```
"""

from __future__ import annotations

from checker.model import Document, Finding
from checker.rules.common import RuleContext, cited_references, make_finding, site_of

ID = "missing-title"
DEFAULT_SEVERITY = "warning"
SUMMARY = "A cited work gives no title."


def check(documents: list[Document], context: RuleContext) -> list[Finding]:
    findings = []
    for doc in documents:
        for footnote, reference in cited_references(doc):
            if reference.title:
                continue
            described = reference.url or site_of(reference) or reference.container
            what = f"the work cited as {described}" if described else "a cited work"
            findings.append(make_finding(ID, context, doc, [footnote.number],
                                         f"{what} has no title", footnote.line))
    return findings
