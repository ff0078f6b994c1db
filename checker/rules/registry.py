"""Every rule footcheck reports, in order: the static audit rules (run here), and the rules
whose findings come from parsing and from the network check (listed here so that the
configuration can set their severity and the README's table lists them all)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from types import ModuleType
from typing import TYPE_CHECKING

from checker.model import Document, Finding, LinkResult, Severity
from checker.rules import (
    date_implausible,
    domain_typo,
    duplicate_document,
    duplicate_entry,
    duplicate_reference,
    missing_date,
    missing_title,
    missing_url,
    url_date_mismatch,
)
from checker.rules.common import RuleContext

if TYPE_CHECKING:  # for annotations only: config imports the registry (to check rule names)
    from checker.rules.config import Config

Check = Callable[[list[Document], RuleContext], list[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    default_severity: str
    summary: str
    stage: str  # "parse" | "audit" | "network": where its findings are produced
    check: Check | None = None  # None: produced elsewhere


def _static(module: ModuleType) -> Rule:
    return Rule(module.ID, module.DEFAULT_SEVERITY, module.SUMMARY, "audit", module.check)


RULES: tuple[Rule, ...] = (
    Rule("numbering", Severity.WARNING.value,
         "Footnote markers and definitions disagree: a gap, a repeat, a marker without a "
         "note or a note without a marker.", "parse"),
    Rule("url-malformed", Severity.WARNING.value,
         "A URL was printed broken (spaces, line-wrap hyphens, escapes) and was repaired.",
         "parse"),
    Rule("latex", Severity.WARNING.value,
         "A LaTeX document names a file that cannot be read (an \\input, a .bib) or cites "
         "keys that no bibliography holds.", "parse"),
    Rule("citation-field", Severity.INFO.value,
         "A citation a reference manager (Zotero, Mendeley, EndNote) inserted into a Word or "
         "ODF note was edited by hand since, or its record cannot be read: its printed text "
         "is read instead of the record.", "parse"),
    Rule("bibliography", Severity.ERROR.value,
         "A .bib or CSL-JSON file given as a document has a block that cannot be read "
         "(left out, a warning), or no entry at all.",
         "parse"),
    _static(date_implausible),
    _static(duplicate_reference),
    _static(duplicate_entry),
    _static(domain_typo),
    _static(url_date_mismatch),
    _static(missing_url),
    _static(missing_date),
    _static(missing_title),
    _static(duplicate_document),
    Rule("link-broken", Severity.ERROR.value,
         "A cited link is dead (4xx/5xx, DNS failure, timeout) and no archived copy was found.",
         "network"),
    Rule("link-blocked", Severity.WARNING.value,
         "The site refused the checker (403, bot challenge): the link may be fine for readers.",
         "network"),
    Rule("link-redirected", Severity.INFO.value,
         "A cited link redirects permanently: cite the new URL.", "network"),
    Rule("archived-only", Severity.WARNING.value,
         "A cited link is dead but the Wayback Machine has a snapshot: cite the archive.",
         "network"),
    Rule("title-mismatch", Severity.WARNING.value,
         "The page at a cited link has a different title than the one cited.", "network"),
    Rule("published-date-mismatch", Severity.WARNING.value,
         "The page at a cited link gives a different publication date than the one cited.",
         "network"),
    Rule("url-recovered", Severity.INFO.value,
         "The article behind a site-only citation was probably found in the archive's index "
         "(with score and evidence); never put into the bibliography unasked.", "network"),
)
RULES_BY_ID = {rule.id: rule for rule in RULES}


def rule_ids() -> list[str]:
    return [rule.id for rule in RULES]


# Static rules that also weigh the link check's results when there are some.
WEIGH_LINKS = frozenset({"domain-typo"})


def run_rules(documents: list[Document], config: Config | None = None,
              today: str | None = None, *, links: tuple[LinkResult, ...] | None = None,
              only: frozenset[str] | None = None) -> list[Finding]:
    """Run every enabled static rule over the documents; apply severities and suppressions.

    `today` (ISO) is the only clock the rules see; by default the machine's date. `links`:
    the link check's results, for the rules in `WEIGH_LINKS`; `only`: just these rules.
    """
    today = today or date.today().isoformat()
    findings: list[Finding] = []
    views, parts = part_views(documents)
    for rule in RULES:
        if rule.check is None or (config is not None and not config.is_enabled(rule.id)):
            continue
        if only is not None and rule.id not in only:
            continue
        severity = config.severity_for(rule.id, rule.default_severity) if config else \
            rule.default_severity
        context = RuleContext(severity=severity, today=today, links=links)
        if rule.id in WHOLE_DOCUMENT_RULES:
            findings.extend(rule.check(documents, context))
            continue
        for finding in rule.check(views, context):
            if finding.document in parts:
                finding.document, finding.part = parts[finding.document]
            findings.append(finding)
    findings = apply_config(findings, config)
    findings.sort(key=lambda f: (f.document or "", f.line or 0, f.rule, f.footnotes))
    return findings


WHOLE_DOCUMENT_RULES = frozenset({"duplicate-document"})
"""Rules comparing whole documents; every other rule sees a document numbering its notes
afresh per part (chapter, section) as one document per part (see `part_views`)."""


def part_views(documents: list[Document]) -> tuple[list[Document], dict[str, tuple[str, int]]]:
    """Each document with parts split into one view per part, so that notes 14 of chapters 1
    and 2 are never taken for one note, a work cited in full once per chapter is no repeat,
    and neighbouring notes are neighbours. Returns the views and, for each view's stand-in
    path, the real path and part (findings are put back under them)."""
    views: list[Document] = []
    parts: dict[str, tuple[str, int]] = {}
    for doc in documents:
        if all(note.part is None for note in doc.footnotes):
            views.append(doc)
            continue
        by_part: dict[int, list] = {}
        for note in doc.footnotes:
            by_part.setdefault(note.part or 0, []).append(note)
        for part, notes in by_part.items():
            stand_in = f"{doc.path}\x00part {part}"
            parts[stand_in] = (doc.path, part)
            views.append(replace(doc, path=stand_in, footnotes=notes))
    return views, parts


def apply_config(findings: list[Finding], config: Config | None) -> list[Finding]:
    """Findings produced elsewhere (parsing, the network check) after the configuration:
    disabled rules dropped, severities overridden, suppressed footnotes left out."""
    if config is None:
        return list(findings)
    kept = []
    for finding in findings:
        if not config.is_enabled(finding.rule) or config.is_suppressed(finding):
            continue
        override = config.severity_override(finding.rule)
        if override and override != finding.severity:
            finding = replace(finding, severity=override, footnotes=list(finding.footnotes))
        kept.append(finding)
    return kept


def rule_table_markdown() -> str:
    """The README's rule table."""
    rows = ["| rule | default severity | from | what it reports |", "|---|---|---|---|"]
    for rule in RULES:
        rows.append(f"| `{rule.id}` | {rule.default_severity} | {rule.stage} | "
                    f"{rule.summary.replace('|', '/')} |")
    return "\n".join(rows) + "\n"
