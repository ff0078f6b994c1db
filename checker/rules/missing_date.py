"""missing-date: a cited work without a publication date.

## What it does
Finds references (not explanatory notes) that give no date of publication. An access date
("accessed May 5, 2020") does not count: it says when the author read the page, not when it
was written. When the URL's path holds a date (``/2019/08/07/``), the message suggests it.

## Why is this bad?
The date tells the reader how current the source was, distinguishes editions and updated
pages, and lets the audit check the citation (`date-implausible`, `url-date-mismatch`) and the
archive find the snapshot the author saw.

## Example
```text
19 Alexey Kravchenko, "ICT Connectivity in Central Asia," UNESCAP, https://www.unescap.org/...
```
Use instead:
```text
19 Alexey Kravchenko, "ICT Connectivity in Central Asia," UNESCAP, 2018, https://www.unescap.org/...
```
"""

from __future__ import annotations

from checker.model import Document, Finding
from checker.references.dates import url_path_date
from checker.rules.common import RuleContext, cited_references, make_finding

ID = "missing-date"
DEFAULT_SEVERITY = "warning"
SUMMARY = "A cited work gives no publication date."


def check(documents: list[Document], context: RuleContext) -> list[Finding]:
    findings = []
    for doc in documents:
        for footnote, reference in cited_references(doc):
            if reference.date:
                continue
            what = repr(reference.title) if reference.title else "the cited work"
            message = f"{what} has no publication date"
            if reference.accessed:
                message += f" (only the access date {reference.accessed})"
            url_date = url_path_date(reference.url) if reference.url else None
            if url_date:
                message += f"; the URL's path suggests {url_date}"
            findings.append(make_finding(ID, context, doc, [footnote.number], message,
                                         footnote.line))
    return findings
