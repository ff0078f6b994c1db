"""Does the page show what the footnote cites? Title and date comparison (pure).

* Title: `text.best_similarity` of the cited title against every title candidate of the
  page (``og:title``, ``<title>``, ... and each with its site name cut off), after
  transliteration folding (`text.fold`), so ``Dva sluchaia zarazheniia koronavirusom`` meets
  ``Два случая заражения коронавирусом``. A score below `TITLE_OK` (0-100) is a
  ``title-mismatch``. Unrelated titles score about 20-50; the same title in another
  transliteration or with a site name 85-100; a reworded headline about 70-80.
* Date: the cited and published dates are periods (``2020-05`` is all of May); they agree
  when the periods are at most `tolerance_days` apart (time zones put a story on the next
  day). Otherwise ``published-date-mismatch``.

Both findings are warnings and carry both values in the message. A page whose titles are
all shorter than three words (a site name, "Home") is not compared (`has_headline`).
"""

from __future__ import annotations

from checker.archive.metadata import PageMeta
from checker.archive.period import gap_days
from checker.archive.text import best_similarity, strip_site_name
from checker.model import Finding, LinkResult, Severity

TITLE_OK = 75.0
DATE_TOLERANCE_DAYS = 1


def compare_title(cited: str | None, page: str | list[str] | PageMeta | None
                  ) -> tuple[float, bool]:
    """(similarity 0-100, acceptable) of a cited title and a page's title(s).

    Nothing to compare (either side empty) counts as acceptable with score 0.
    """
    if isinstance(page, PageMeta):
        candidates = page.titles or ([page.title] if page.title else [])
    elif isinstance(page, str):
        candidates = [page]
    else:
        candidates = [t for t in page or [] if t]
    if not cited or not cited.strip() or not candidates:
        return 0.0, True
    score, _ = best_similarity(cited, candidates)
    return round(score, 1), score >= TITLE_OK


def compare_date(cited: str | None, page: str | None,
                 tolerance_days: int = DATE_TOLERANCE_DAYS) -> bool | None:
    """Whether a cited date and a page's date agree (precision-aware); None: cannot tell."""
    gap = gap_days(cited, page)
    if gap is None:
        return None
    return gap <= tolerance_days


def has_headline(page: PageMeta) -> bool:
    """Whether any title of the page could be an article's headline (three words or more).

    Pages rendered by scripts often carry only the site's name ("Reuters", "Home"); such a
    title cannot confirm or contradict a cited title, so it is not compared.
    """
    titles = page.titles or ([page.title] if page.title else [])
    return any(len((strip_site_name(t) or "").split()) >= 3 for t in titles)


def verify_link(result: LinkResult, page: PageMeta, cited_titles: list[str],
                cited_date: str | None, document: str | None, footnotes: list[int], *,
                source: str = "the page") -> list[Finding]:
    """Findings for one citing group (a document's footnotes citing `result.url` with the
    same title and date). `source` names what was read, e.g. "the archived copy of
    2020-03-14"."""
    findings: list[Finding] = []
    notes = sorted(set(footnotes))
    cited_titles = cited_titles if has_headline(page) else []
    for cited in dict.fromkeys(t.strip() for t in cited_titles if t and t.strip()):
        score, ok = compare_title(cited, page)
        if not ok:
            findings.append(Finding(
                rule="title-mismatch", severity=Severity.WARNING.value,
                message=(f'{result.url}: cited title "{cited}" but {source} is titled '
                         f'"{page.title}" (similarity {score:.0f}%)'),
                document=document, footnotes=notes,
            ))
    if cited_date and page.date and compare_date(cited_date, page.date) is False:
        findings.append(Finding(
            rule="published-date-mismatch", severity=Severity.WARNING.value,
            message=(f"{result.url}: cited date {cited_date} but {source} says it was "
                     f"published {page.date}"
                     + (f" ({page.date_source})" if page.date_source else "")),
            document=document, footnotes=notes,
        ))
    return findings
