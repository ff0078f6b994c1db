"""domain-typo: a cited domain one or two typing slips from another, or not a valid host.

## What it does
Collects every cited host (from URLs and from sites named without one) in the whole run. A
host is reported when its registered name is one or two edits (insertion, deletion,
substitution or transposition: Damerau-Levenshtein) away from another cited host with the
same public suffix (the public suffix list bundled with tldextract, read offline), as
``eng.sectso.org`` beside ``eng.sectsco.org``. How it decides which spelling is the slip:

- counts: the other spelling is cited more often, and more than once: the rarer one is
  reported, with the other as the suggestion;
- otherwise (a tie, such as one citation each), the link check: the spelling whose host does
  not resolve or answers nothing, beside one that answered, is the typo, and the finding says
  what each host did. Both answering: two sites, nothing reported. Without that evidence (the
  static audit, or neither answering) the pair is reported as a question, at info severity,
  naming both.

To keep legitimately different sites apart, short names need a single edit and five letters at
least (``kun.uz`` and ``kub.uz`` are left alone), two edits need eight, and a subdomain of a
cited site (``lenta.inform.kz`` beside ``inform.kz``) is never a typo. A host that is not a
valid domain name at all (``www.example..com``, ``news_site.com``), or whose ending is on no
public suffix list (``reuters.con``), is reported too.

## Why is this bad?
A misspelt domain points to nobody's site, to a parked page, or to a look-alike. A link
checker reports it as dead and the archive finds nothing, while the source is fine.

## Example
```text
31 "With SCO support, the Alibaba Group hosted a workshop," eng.sectso.org, May 14, 2020.
58 "SCO Secretary-General Vladimir Norov ...," eng.sectsco.org, August 29, 2019.
```
Use instead:
```text
31 "With SCO support, the Alibaba Group hosted a workshop," eng.sectsco.org, May 14, 2020.
```
"""

from __future__ import annotations

import ipaddress
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from rapidfuzz.distance import DamerauLevenshtein

from checker.model import Document, Finding, LinkResult, LinkStatus, Severity
from checker.references.urls import domain_of, is_valid_hostname
from checker.rules.common import (
    RuleContext,
    cited_references,
    make_finding,
    notes_phrase,
    plural,
    public_suffix,
    registrable_domain,
)

ID = "domain-typo"
DEFAULT_SEVERITY = "warning"
SUMMARY = "A cited domain is one or two edits from another cited domain, or is not valid."

MIN_LENGTH_ONE_EDIT = 5
MIN_LENGTH_TWO_EDITS = 8
MIN_SIMILARITY = 0.8  # 1 - distance / length of the longer name
# Misspelt top-level domains that no registry serves (".cam", ".new", ".ong" do exist).
TLD_TYPOS = {
    "con": "com", "cmo": "com", "ocm": "com", "comm": "com", "cpm": "com", "xom": "com",
    "vom": "com", "coom": "com", "ogr": "org", "orgg": "org", "rog": "org", "nte": "net",
    "ent": "net", "nett": "net", "eud": "edu", "gvo": "gov",
}


def raw_host(reference_url: str | None, reference_domain: str | None) -> str | None:
    """The host as cited, before validation (None when nothing host-like is cited)."""
    if reference_url:
        try:
            netloc = urlsplit(reference_url.strip()).netloc
        except ValueError:
            return reference_url
        host = netloc.rsplit("@", 1)[-1]
        if host.startswith("["):  # IPv6 literal
            return host
        return host.split(":", 1)[0].lower() or None
    return reference_domain.lower().strip() if reference_domain else None


def host_problem(host: str) -> str | None:
    """Why `host` cannot be a domain name, or None."""
    if is_ip(host):
        return None
    if not host.isascii():  # an internationalised name (президент.рф): check its ASCII form
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return "is not a valid domain name"
    if domain_of(host) is None or not is_valid_hostname(host.rstrip(".")):
        return "is not a valid domain name"
    tld = host.rstrip(".").rsplit(".", 1)[-1]
    if tld in TLD_TYPOS:
        return f"ends in .{tld}, which is no top-level domain (.{TLD_TYPOS[tld]}?)"
    if not public_suffix(host):
        return f"ends in .{tld}, which is on no public suffix list"
    return None


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def typo_distance(host: str, other: str) -> int | None:
    """Edits between the registered names of two hosts, when the pair looks like a typo."""
    name, other_name = registrable_domain(host), registrable_domain(other)
    if name == other_name or public_suffix(host) != public_suffix(other):
        return None  # the same site, or a different suffix (akipress.com / akipress.org)
    label, other_label = name.split(".", 1)[0], other_name.split(".", 1)[0]
    distance = DamerauLevenshtein.distance(label, other_label, score_cutoff=2)
    if distance > 2:
        return None
    shorter = min(len(label), len(other_label))
    if distance == 1 and shorter < MIN_LENGTH_ONE_EDIT:
        return None
    if distance == 2 and shorter < MIN_LENGTH_TWO_EDITS:
        return None
    if 1 - distance / max(len(label), len(other_label)) < MIN_SIMILARITY:
        return None
    return distance


@dataclass
class _Cited:
    """Every valid host of the run: how often it is cited, and in which notes of which
    documents; each document's note lines."""

    counts: Counter[str] = field(default_factory=Counter)
    cited_in: dict[str, dict[str, list[int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    docs: dict[str, Document] = field(default_factory=dict)
    lines: dict[str, dict[int, int | None]] = field(default_factory=dict)


def check(documents: list[Document], context: RuleContext) -> list[Finding]:
    cited = _Cited()
    counts, cited_in = cited.counts, cited.cited_in
    findings: list[Finding] = []
    for doc in documents:
        lines = {footnote.number: footnote.line for footnote in doc.footnotes}
        cited.docs[doc.path], cited.lines[doc.path] = doc, lines
        invalid: dict[tuple[str, str], list[int]] = defaultdict(list)
        for footnote, reference in cited_references(doc):
            host = raw_host(reference.url, reference.domain)
            if not host:
                continue
            problem = host_problem(host)
            if problem:
                invalid[(host, problem)].append(footnote.number)
                continue
            valid = domain_of(host)
            if valid is None:
                continue
            counts[valid] += 1
            cited_in[valid][doc.path].append(footnote.number)
        for (host, problem), numbers in invalid.items():
            findings.append(make_finding(
                ID, context, doc, numbers, f"{host!r} ({notes_phrase(numbers)}) {problem}",
                lines.get(numbers[0]),
            ))
    by_suffix: dict[str, list[str]] = defaultdict(list)
    for host in counts:
        by_suffix[public_suffix(host)].append(host)
    checked = _links_by_host(context.links) if context.links is not None else None
    for hosts in by_suffix.values():
        for host, other, distance in similar_pairs(sorted(hosts)):
            # The rarer spelling is the suspect, when the other is cited more than once
            # and more often. Two names cited equally often may well be two sites
            # (azattyq.org and azattyk.org are RFE/RL's Kazakh and Kyrgyz services):
            # then the network decides, or the reader is asked.
            typo, right = (host, other) if counts[host] < counts[other] else (other, host)
            if counts[right] >= 2 and counts[right] > counts[typo]:
                findings.extend(_report(typo, right, distance, cited, context))
                continue
            findings.extend(_tie(host, other, distance, cited, context, checked))
    return findings


def similar_pairs(hosts: list[str]) -> list[tuple[str, str, int]]:
    """(host, other, distance) for every pair of `hosts` (sorted, one public suffix) that
    `typo_distance` takes for a typo, in the order of a loop over each host and the hosts
    after it.

    Not every pair is compared. Two names within two edits share a string that each reaches
    by deleting at most two of its letters (a substitution or a transposition is one deletion
    on each side, an insertion one on the other): each distinct label is indexed under the
    strings its deletions make (one deletion for labels shorter than `MIN_LENGTH_TWO_EDITS`,
    which may pair at one edit only), and only labels meeting under one of them go to
    `typo_distance`. Labels are taken by length, and those more than two letters shorter
    than the current one leave the index. 5,000 hosts: 0.8 s, where comparing every pair of
    near lengths in rapidfuzz's C loop took 5 s (and every pair in Python, a minute)."""
    by_label: dict[str, list[int]] = defaultdict(list)  # a label's hosts (one name each)
    for position, host in enumerate(hosts):
        label = registrable_domain(host).split(".", 1)[0]
        if len(label) >= MIN_LENGTH_ONE_EDIT:
            by_label[label].append(position)
    labels = sorted(by_label, key=len)
    # a deletion's string -> the labels making it (tuples: most strings have one label, and a
    # tuple of one is half the size of a list of one)
    index: dict[str, tuple[str, ...]] = {}
    leaving = 0  # labels[leaving:] are in the index
    pairs: list[tuple[int, int, int]] = []
    for label in labels:
        while len(labels[leaving]) < len(label) - 2:
            old = labels[leaving]
            for string in _deletions(old):
                if rest := tuple(other for other in index[string] if other != old):
                    index[string] = rest
                else:
                    del index[string]
            leaving += 1
        strings = _deletions(label)
        met = {other for string in strings for other in index.get(string, ())}
        for other in met:
            first, second = by_label[label][0], by_label[other][0]
            distance = typo_distance(hosts[first], hosts[second])
            if distance is not None:
                pairs.extend((min(one, two), max(one, two), distance)
                             for one in by_label[label] for two in by_label[other])
        for string in strings:
            index[string] = (*index.get(string, ()), label)
    return [(hosts[first], hosts[second], distance) for first, second, distance in sorted(pairs)]


def _deletions(label: str) -> set[str]:
    """`label` and every string made by deleting one of its letters, or two when it is long
    enough to pair at two edits."""
    found = frontier = {label}
    for _ in range(2 if len(label) >= MIN_LENGTH_TWO_EDITS else 1):
        frontier = {word[:at] + word[at + 1:] for word in frontier for at in range(len(word))}
        found = found | frontier
    return found


# What a host's check shows: it answered (the site is there), or nothing answered at all.
_ANSWERED = {LinkStatus.OK, LinkStatus.REDIRECTED, LinkStatus.BLOCKED}
_SILENT = {LinkStatus.BROKEN, LinkStatus.TIMEOUT, LinkStatus.FAILING}


def _links_by_host(links: tuple[LinkResult, ...]) -> dict[str, list[LinkResult]]:
    """The checked links of each host (`domain_of`), found once for every pair of spellings."""
    by_host: dict[str, list[LinkResult]] = defaultdict(list)
    for link in links:
        host = domain_of(link.url)
        if host is not None:
            by_host[host].append(link)
    return by_host


def host_evidence(host: str, mine: list[LinkResult]) -> tuple[str, str] | None:
    """("answered" | "silent", what happened in words) for `host` from `mine`, the link
    check's results for its links: answered when any of them answered, silent when every one
    failed without an HTTP answer (no name, no connection, a timeout); None when nothing
    tells."""
    for link in mine:
        if link.status in _ANSWERED:
            code = f"HTTP {link.http_status}" if link.http_status else link.status
            return "answered", f"{host} answered ({code})"
    silent = [link for link in mine
              if link.status in _SILENT and (link.network_error or link.status == "timeout")]
    if mine and len(silent) == len(mine):
        reason = silent[0].reason or silent[0].status
        return "silent", f"{host} answered nothing ({reason})"
    return None


def _tie(
    host: str, other: str, distance: int, cited: _Cited, context: RuleContext,
    checked: dict[str, list[LinkResult]] | None,
) -> list[Finding]:
    """Two spellings no count tells apart: the link check's evidence (`checked`: its results
    by host) decides, else a question."""
    if checked is not None:
        seen = {name: host_evidence(name, checked.get(name, [])) for name in (host, other)}
        kinds = {name: found[0] for name, found in seen.items() if found}
        if kinds.get(host) == "answered" and kinds.get(other) == "answered":
            return []  # both sites are there: two sites
        for typo, right in ((host, other), (other, host)):
            if kinds.get(typo) == "silent" and kinds.get(right) == "answered":
                why = f"decided by the link check: {seen[typo][1]}, {seen[right][1]}"
                return _report(typo, right, distance, cited, context, because=why)
    ask = RuleContext(severity=Severity.INFO.value, today=context.today)
    return _question(host, other, distance, cited, ask)


def _question(
    host: str, other: str, distance: int, cited: _Cited, context: RuleContext,
) -> list[Finding]:
    """One finding per document citing either spelling, naming both and where each is cited."""
    findings = []
    counts, cited_in = cited.counts, cited.cited_in
    for path in dict.fromkeys([*cited_in[host], *cited_in[other]]):
        doc, lines = cited.docs[path], cited.lines[path]

        def where(name: str, path: str = path) -> str:
            return "; ".join(
                f"{'this document' if cited == path else cited}: {notes_phrase(numbers)}"
                for cited, numbers in cited_in[name].items()
            )

        numbers = cited_in[host].get(path, []) + cited_in[other].get(path, [])
        findings.append(make_finding(
            ID, context, doc, numbers,
            f"{host} ({where(host)}) and {other} ({where(other)}) are "
            f"{plural(distance, 'edit')} apart, cited {plural(counts[host], 'time')} and "
            f"{plural(counts[other], 'time')}: is one a typo for the other? Nothing here "
            "decides it: `footcheck check` asks whether each host answers.",
            lines.get(min(numbers)),
        ))
    return findings


def _report(
    typo: str, right: str, distance: int, cited: _Cited, context: RuleContext,
    because: str | None = None,
) -> list[Finding]:
    findings = []
    counts, cited_in = cited.counts, cited.cited_in
    for path, numbers in cited_in[typo].items():
        doc, lines = cited.docs[path], cited.lines[path]
        others = "; ".join(
            f"{'this document' if other_path == path else other_path}: {notes_phrase(n)}"
            for other_path, n in cited_in[right].items()
        )
        findings.append(make_finding(
            ID, context, doc, numbers,
            f"{typo} ({notes_phrase(numbers)}) is {plural(distance, 'edit')} from {right}, "
            f"cited {plural(counts[right], 'time')} ({others}): a typo for {right}?"
            + (f" ({because})" if because else ""),
            lines.get(sorted(numbers)[0]),
        ))
    return findings
