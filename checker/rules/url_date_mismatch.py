"""url-date-mismatch: the date in a URL's path disagrees with the cited date.

## What it does
Many news sites put the publication date in the path (``/2019/08/``, ``/news/20190320/``,
``/2016-06/24/``, ``/gb/11/7/10/``). The rule compares it with the date the note cites, at
the precision of both: ``/2019/08/`` agrees with August 7, 2019, and ``2019`` agrees with
``/20190320/``. One day either way is allowed, because a site may date the path in its own
time zone.

## Why is this bad?
One of the two is wrong: usually a typed year or month in the note, sometimes a URL pasted
from another article. Either way the reader is misled.

## Example
```text
16 "Smart Cities or Surveillance?" The Diplomat, August 7, 2020,
   https://thediplomat.com/2019/08/smart-cities-or-surveillance-huawei-in-central-asia/.
```
Use instead:
```text
16 "Smart Cities or Surveillance?" The Diplomat, August 7, 2019,
   https://thediplomat.com/2019/08/smart-cities-or-surveillance-huawei-in-central-asia/.
```
"""

from __future__ import annotations

from datetime import timedelta

from checker.model import Document, Finding
from checker.references.dates import url_path_date
from checker.rules.common import RuleContext, bounds, cited_references, make_finding

ID = "url-date-mismatch"
DEFAULT_SEVERITY = "warning"
SUMMARY = "The date in a URL's path disagrees with the date cited for it."

TOLERANCE = timedelta(days=1)


def disagree(cited: str, in_url: str) -> bool:
    """True when the two periods (with a day's tolerance) do not overlap."""
    cited_bounds, url_bounds = bounds(cited), bounds(in_url)
    if not cited_bounds or not url_bounds:
        return False
    return (url_bounds[1] + TOLERANCE < cited_bounds[0]
            or cited_bounds[1] + TOLERANCE < url_bounds[0])


def check(documents: list[Document], context: RuleContext) -> list[Finding]:
    findings = []
    for doc in documents:
        for footnote, reference in cited_references(doc):
            if not reference.url or not reference.date:
                continue
            in_url = url_path_date(reference.url)
            if in_url and disagree(reference.date, in_url):
                findings.append(make_finding(
                    ID, context, doc, [footnote.number],
                    f"the cited date {reference.date} disagrees with the date {in_url} in the "
                    f"URL {reference.url}",
                    footnote.line,
                ))
    return findings
