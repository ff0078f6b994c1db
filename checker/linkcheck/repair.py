"""Repairs that only the network can decide: a URL valid as printed that evidence suggests
was mangled (``thediplo-mat.com`` beside ``thediplomat.com``, see `Reference.url_candidates`).

The parse keeps such a URL as printed and asks. Here the check answers:

- the printed URL answered: it was right; the candidate is dropped, and the finding says so;
- the printed URL failed (no answer, or a 4xx/5xx) and a candidate answers: the candidate is
  the repair (`LinkResult.repaired_url`), a ``url-malformed`` warning says what decided it,
  and ``--update-refs`` writes it into the bibliography;
- both failed, or the check did not run: the parse's question stays.

Each candidate costs one request, made after the main check, one at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from checker.linkcheck.targets import normalise_url
from checker.model import Document, Finding, LinkResult, LinkStatus, Severity

_ANSWERED = (LinkStatus.OK, LinkStatus.REDIRECTED)
_FAILED = (LinkStatus.BROKEN, LinkStatus.TIMEOUT, LinkStatus.FAILING)

CheckOne = Callable[[str], LinkResult]


@dataclass
class Decision:
    document: str
    footnote: int
    printed: str
    finding: Finding


def _answer(result: LinkResult) -> str:
    return f"HTTP {result.http_status}" if result.http_status else str(result.status)


def _failure(result: LinkResult) -> str:
    if result.http_status:
        return f"HTTP {result.http_status}"
    return result.reason or str(result.status)


def decide_candidates(documents: list[Document], links: list[LinkResult],
                      check_one: CheckOne) -> list[Decision]:
    """Decide every candidate repair from the printed URL's result and, when it failed, a
    check of each candidate (`check_one`). Sets `repaired_url` on the printed URL's result."""
    if not any(ref.url_candidates for doc in documents for footnote in doc.footnotes
               for ref in footnote.references):
        return []
    by_url = {normalise_url(link.url): link for link in links}
    decided: list[Decision] = []
    tried: dict[str, LinkResult] = {}
    for doc in documents:
        for footnote in doc.footnotes:
            for ref in footnote.references:
                if not ref.url_candidates or ref.ibid or not ref.url:
                    continue
                printed = by_url.get(normalise_url(ref.url))
                if printed is None:
                    continue
                finding = _decide(doc, footnote.number, footnote.line, ref.url,
                                  ref.url_candidates, printed, check_one, tried)
                if finding is not None:
                    decided.append(Decision(doc.path, footnote.number, ref.url, finding))
    return decided


def _decide(doc: Document, number: int, line: int, url: str,
            candidates: list[tuple[str, str]], printed: LinkResult, check_one: CheckOne,
            tried: dict[str, LinkResult]) -> Finding | None:
    def finding(severity: Severity, message: str) -> Finding:
        return Finding(rule="url-malformed", severity=severity.value, document=doc.path,
                       footnotes=[number], line=line, message=message)

    if printed.status in _ANSWERED:
        return finding(Severity.INFO, (
            f"URL {url!r} kept as printed: it answers ({_answer(printed)}), so "
            + " nor ".join(repr(c) for c, _ in candidates) + " was not meant"))
    if printed.status not in _FAILED:
        return None  # blocked, skipped, offline...: nothing decides
    for candidate, why in candidates:
        result = tried.get(candidate)
        if result is None:
            result = tried[candidate] = check_one(candidate)
        if result.status in _ANSWERED:
            printed.repaired_url = candidate
            return finding(Severity.WARNING, (
                f"URL printed as {url!r} fails ({_failure(printed)}) and {candidate!r} "
                f"answers ({_answer(result)}): repaired to it, decided by the link check "
                f"(suggested because {why})"))
    return None


def drop_answered_questions(findings: list[Finding], decisions: list[Decision]) -> list[Finding]:
    """The parse's questions (info ``url-malformed`` naming a kept URL) that a decision
    answered are left out."""
    answered = {(d.document, d.footnote, d.printed) for d in decisions}

    def is_answered(finding: Finding) -> bool:
        return (finding.rule == "url-malformed" and finding.severity == Severity.INFO.value
                and "is valid as printed and kept" in finding.message
                and any(doc == finding.document and number in finding.footnotes
                        and repr(printed) in finding.message
                        for doc, number, printed in answered))

    return [finding for finding in findings if not is_answered(finding)]
