"""missing-url: an online source cited by its site's name only.

## What it does
Finds references to an online source (a site or domain is named, or the work is a
social-media post) that give no URL and no DOI: ``"Title," kaktus.media, March 2, 2020``.

## Why is this bad?
A reader cannot open the source, and a link checker cannot verify it: the site's home page
says nothing about the article. Pages move and vanish, so the exact URL (or an archived
copy) is what keeps the citation checkable. `footcheck check` tries to recover the URL from
the Wayback Machine, but only the author can confirm it.

## Example
```text
7 "Call Tsender: Na rynke prodavcy vygnali kitaycev," kaktus.media, March 2, 2020.
```
Use instead:
```text
7 "Call Tsender: Na rynke prodavcy vygnali kitaycev," kaktus.media, March 2, 2020,
  https://kaktus.media/doc/405678_call_tsender.html.
```
"""

from __future__ import annotations

from checker.model import Document, Finding
from checker.rules.common import RuleContext, cited_references, make_finding

ID = "missing-url"
DEFAULT_SEVERITY = "info"
SUMMARY = "An online source is cited by its site's name only, without a URL."

ONLINE_TYPES = ("social",)


def check(documents: list[Document], context: RuleContext) -> list[Finding]:
    findings = []
    for doc in documents:
        for footnote, reference in cited_references(doc):
            if reference.url or reference.doi:
                continue
            # A site named (``kaktus.media``) or a post: online for sure. A bare "web" type is
            # not enough: it is also what a parser calls a work it could not classify.
            if not (reference.domain or reference.type in ONLINE_TYPES):
                continue
            named = reference.domain or reference.container
            what = f"{reference.title!r}" if reference.title else "an online source"
            where = f"by its site's name only ({named})" if named else "without a URL"
            findings.append(make_finding(
                ID, context, doc, [footnote.number],
                f"{what} is cited {where}: add the article's URL", footnote.line,
            ))
    return findings
