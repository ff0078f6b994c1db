"""What a link check teaches the bibliography (``footcheck check --update-refs``).

Per entry, from the `LinkResult` of its cited URL (matched on the normalised URL the link
checker uses) or, for a reference naming only a site, of that site's home page:

* permanent redirect (``redirected`` or ``permanent_redirect``): ``url`` becomes the final
  URL and ``urldate`` the check date. A redirect from an article to the site's home page is
  how many sites say "gone": it is not followed.
* ``ok`` (or redirected) and no access date cited: ``urldate`` is the check date.
* ``broken`` with an archived copy: the snapshot URL and date are added; ``url`` stays the
  address cited. biblatex: ``addendum = {Archived copy: \\url{...}, 2 March 2020}``;
  CSL-JSON: ``archive`` = ``Internet Archive``, ``archive_location`` = snapshot URL (the
  fields Zotero shows as Archive / Loc. in Archive) and a line in ``note``. A link still
  ``failing`` (not yet dead on enough days) is left alone.
* a repaired URL (the printed URL failed and the repair the parse suggested answers, see
  `linkcheck/repair.py`): ``url`` becomes the repaired URL.
* a recovered URL (the archive stage found the article a site-only reference points to):
  only with ``accept_recovered``, else it is reported as a suggestion. For a site cited by
  several works, the one whose title the recovery names.

What is learned lives in `Entry.learned`; the writer keeps it in the state file so a later
``parse`` keeps it too.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from checker.bibliography.entries import Entry, build_entries, note_place
from checker.bibliography.write import (
    document_stem,
    restore_learned,
    write_entries,
    written_classic,
)
from checker.linkcheck.targets import normalise_url, site_url
from checker.model import Document, LinkResult, LinkStatus

_OK = (LinkStatus.OK.value, LinkStatus.REDIRECTED.value)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_WAYBACK_STAMP = re.compile(r"/web/(\d{8})\d*")


def _day(timestamp: str | None) -> str | None:
    match = _DAY.match(timestamp or "")
    return match.group(0) if match else None


def archive_day(link: LinkResult) -> str | None:
    """The snapshot's date, ISO: from ``archive_timestamp`` (``20200302123456``) or the
    Wayback URL."""
    stamp = link.archive_timestamp or ""
    if not re.match(r"^\d{8}", stamp):
        match = _WAYBACK_STAMP.search(link.archive_url or "")
        stamp = match.group(1) if match else ""
    if not re.match(r"^\d{8}", stamp):
        return _day(stamp)
    return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}"


def _is_home(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def _apply_url(entry: Entry, new_url: str, day: str | None, why: str) -> str:
    old = entry.url
    entry.learned["url"] = new_url
    if day:
        entry.learned["accessed"] = day
    when = f", urldate {day}" if day else ""
    return f"{entry.key}: url {old} -> {new_url} ({why}{when})"


def _apply_one(entry: Entry, link: LinkResult, day: str | None, accept_recovered: bool
               ) -> list[str]:
    changes = []
    redirected = link.permanent_redirect or link.status == LinkStatus.REDIRECTED.value
    final = link.final_url
    if link.repaired_url:
        changes.append(_apply_url(entry, link.repaired_url, day,
                                  "the printed URL fails and this repair of it answers"))
    elif redirected and final and normalise_url(final) != normalise_url(entry.url or ""):
        if _is_home(final) and not _is_home(entry.url or ""):
            changes.append(f"{entry.key}: not following the redirect of {entry.url} to the "
                           f"site's home page {final} (the page is probably gone)")
        else:
            changes.append(_apply_url(entry, final, day, "permanent redirect"))
    elif link.status in _OK and not entry.accessed and day:
        entry.learned["accessed"] = day
        changes.append(f"{entry.key}: urldate {day} (link checked ok)")
    if link.status == LinkStatus.BROKEN.value and link.archive_url:
        when = archive_day(link)
        if entry.archive_url != link.archive_url:
            entry.learned["archive_url"] = link.archive_url
            if when:
                entry.learned["archive_date"] = when
            changes.append(f"{entry.key}: archived copy {link.archive_url}"
                           + (f" ({when})" if when else "") + f" added (link broken: "
                           f"{link.reason or link.http_status or 'dead'})")
    if link.recovered_url:
        changes.append(_recovered(entry, link, day, accept_recovered))
    return changes


def _recovered(entry: Entry, link: LinkResult, day: str | None, accept: bool) -> str:
    score = f", score {link.recovered_score:.2f}" if link.recovered_score is not None else ""
    if not accept:
        return (f"{entry.key}: recovered URL {link.recovered_url} suggested{score}; not "
                "applied (use --accept-recovered)")
    return _apply_url(entry, link.recovered_url or "", day, f"recovered{score}")


def _site_candidates(entries: list[Entry], link: LinkResult, document: str | None
                     ) -> list[Entry]:
    cited = {note_place(c.part, c.footnote) for c in link.citations
             if document is None or c.document == document}
    found = []
    for entry in entries:
        ref = entry.reference
        if ref.url or not ref.domain or site_url(ref.domain) != link.url:
            continue
        if link.citations and not cited.intersection(entry.notes):
            continue
        found.append(entry)
    if len(found) > 1:  # the recovery names the cited title it found: "note 7 "Title": ..."
        evidence = link.recovered_evidence or ""
        found = [e for e in found
                 if e.reference.title and f'"{e.reference.title.strip()}"' in evidence]
    return found


def apply_link_results(
    entries: list[Entry],
    links: list[LinkResult],
    *,
    document: str | None = None,
    check_date: str | None = None,
    accept_recovered: bool = False,
) -> list[str]:
    """Update `entries` in place from `links` (see the module docstring); one line per
    change. `document` (a `Document.path`) limits site-only matches to its citations;
    `check_date` (ISO) is used when a result has no ``checked_at``."""
    by_url: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.reference.url:
            by_url.setdefault(normalise_url(entry.reference.url), []).append(entry)
    changes: list[str] = []
    for link in links:
        day = _day(link.checked_at) or _day(check_date)
        if link.site_only:
            if link.recovered_url:
                for entry in _site_candidates(entries, link, document)[:1]:
                    changes.append(_recovered(entry, link, day, accept_recovered))
            continue
        for entry in by_url.get(normalise_url(link.url), []):
            changes.extend(_apply_one(entry, link, day, accept_recovered))
    return changes


def update_bibliography(
    doc: Document,
    links: list[LinkResult],
    refs_dir: Path,
    *,
    accept_recovered: bool = False,
    classic: bool | None = None,
    on_edited: str = "refuse",
    check_date: str | None = None,
    entries: list[Entry] | None = None,
) -> tuple[list[str], str]:
    """Rewrite ``refs/<doc.id>.bib`` and ``.json`` with what the check learned, keeping each
    changed file's previous version as ``<name>.bak``. Returns (the changes and the writer's
    messages, a unified diff of the files). `classic` None: the dialect of the existing
    .bib (biblatex when there is none). `entries`: the document's, when built already; they
    are updated in place (the library is written from them, `write.write_library`)."""
    refs_dir = Path(refs_dir)
    entries = build_entries(doc) if entries is None else entries
    restore_learned(entries, refs_dir, doc.id)
    changes = apply_link_results(entries, links, document=doc.path, check_date=check_date,
                                 accept_recovered=accept_recovered)
    if classic is None:
        classic = written_classic(refs_dir / f"{document_stem(doc.id)}.bib")
    result = write_entries(doc, entries, refs_dir, classic=classic, on_edited=on_edited,
                           keep_backup=True)
    return changes + result.messages, result.diff
