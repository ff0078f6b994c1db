"""What each subcommand does: glue between the stages, the files and the terminal."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Container
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from checker import __version__, collector
from checker.errors import WriteRefused
from checker.exitcodes import EXIT_INPUT, EXIT_OK
from checker.extract.numbering import format_ranges
from checker.jsontext import json_pieces
from checker.linkcheck.settings import CheckSettings
from checker.model import Finding, LinkResult
from checker.parse import ParseRun, parse_paths

if TYPE_CHECKING:
    from checker.bibliography.entries import DocumentEntries

SWITCH_INTERVAL = 0.001  # seconds a thread keeps the interpreter's lock during a check


def print_json(data: object) -> None:
    """`data` as ``json.dump(data, ensure_ascii=False, indent=2)`` prints it; a list given as
    a generator is printed as it is made (`jsontext`)."""
    write = sys.stdout.write
    for piece in json_pieces(data):
        write(piece)
    write("\n")


def dispatch(args: argparse.Namespace) -> int:
    handler = {"parse": run_parse, "audit": run_audit, "check": run_check, "run": run_main}
    return handler[args.command](args)


def report_input_errors(run: ParseRun) -> None:
    for error in run.errors:
        print(f"footcheck: {error}", file=sys.stderr)


def on_edited(args: argparse.Namespace) -> str:
    if getattr(args, "merge", False):
        return "merge"
    if getattr(args, "force", False):
        return "force"
    return "refuse"


def write_bibliographies(run: ParseRun, args: argparse.Namespace,
                         read: DocumentEntries | None = None) -> bool:
    """Write refs/<doc>.bib/.json for every document with footnotes, and their works into
    refs/library.bib/.json; False if a file was refused. A bibliography given as a document
    is checked, not copied into refs/. `read`: the documents' entries as the parse read them
    (its ``on_resolved``)."""
    from checker.bibliography import build_entries, write_bibliography, write_library
    from checker.bibliography.write import Pending, forget_stored_works, load_state
    from checker.rules.common import is_bibliography

    all_written = True
    papers = [doc for doc in run.documents if doc.footnotes and not is_bibliography(doc)]
    state = load_state(Path(args.refs_dir))  # read once, updated as each pair is written
    # every pair's bases, then the state once, then their files
    pending = Pending(Path(args.refs_dir), state)
    entries = {doc.id: read.entries(doc) if read is not None else build_entries(doc)
               for doc in papers}  # for both files
    forget_stored_works(state, entries)
    rendered: dict = {}  # each work rendered once, for the document's files and the library
    messages = []  # said once the files are written
    try:
        for doc in papers:
            try:
                messages += write_bibliography(
                    doc, args.refs_dir, classic=args.bibtex_classic, on_edited=on_edited(args),
                    entries=entries[doc.id], rendered=rendered, state=state, pending=pending)
            except WriteRefused as refused:
                messages.append(f"footcheck: {refused}")
                all_written = False
        if papers:
            try:
                # The library is the user's to edit: their edits are merged in unless --force.
                library_edits = "force" if on_edited(args) == "force" else "merge"
                messages += write_library(
                    papers, args.refs_dir, classic=args.bibtex_classic, on_edited=library_edits,
                    entries=entries, rendered=rendered, state=state, pending=pending).messages
            except WriteRefused as refused:
                messages.append(f"footcheck: {refused}")
                all_written = False
    finally:
        pending.write()
        for message in messages:
            print(message, file=sys.stderr)
    return all_written


def parse_json(run: ParseRun) -> dict:
    """The parse as JSON data; each document's notes made one at a time as they are printed
    (`print_json`), not all held at once."""
    return {
        "documents": [document_json(doc) for doc in run.documents],
        "findings": [finding.to_json() for finding in run.findings],
    }


def document_json(doc) -> dict:
    """`Document.to_json`, its footnotes a generator of each note's JSON."""
    data = replace(doc, footnotes=[]).to_json()
    data["footnotes"] = (footnote.to_json() for footnote in doc.footnotes)
    return data


def describe_document(doc) -> str:
    """One line saying what was found: '12 footnotes (1-12), 20 references'; where the
    numbering restarts, the parts; notes marked by a symbol, their marks; for a
    bibliography, '84 bibliography entries'."""
    if doc.format in ("bibtex", "csljson"):  # a bibliography: its entries, not notes
        works = sum(len(f.references) for f in doc.footnotes)
        return f"{doc.path}: {works} bibliography entries" if works else \
            f"{doc.path}: no bibliography entries found"
    if not doc.footnotes:
        return f"{doc.path}: no footnotes found"
    references = sum(len(f.references) for f in doc.footnotes)
    numbered = [f.number for f in doc.footnotes if not f.label or len(f.label) > 1]
    marks = [f.label for f in doc.footnotes if f.label and len(f.label) == 1]
    parts = {f.part for f in doc.footnotes if f.part is not None}
    numbers = f"{min(numbered)}-{max(numbered)}" if numbered else ""
    if parts:
        numbers += f" in {len(parts)} parts, numbering restarting"
    if marks:
        numbers += (", " if numbers else "") + "marked " + " ".join(marks)
    return f"{doc.path}: {len(doc.footnotes)} footnotes ({numbers}), {references} references"


def run_parse(args: argparse.Namespace) -> int:
    with collector.paused():  # what is read and written lives to the end (see collector.py)
        return _parse_and_write(args)


def _parse_and_write(args: argparse.Namespace) -> int:
    from checker.bibliography.entries import DocumentEntries

    # the works' identities read as the notes are resolved, while the rest are read
    read = DocumentEntries() if not args.no_write else None
    run = parse_paths(args.documents, doc_date=args.date, on_resolved=read)
    report_input_errors(run)
    for doc in run.documents:
        doc.text = ""  # read by the parse only: its memory is not held while writing
        for footnote in doc.footnotes:
            if args.format != "json":  # the notes' texts are printed only in the JSON
                footnote.text = ""
            for reference in footnote.references:
                reference.raw = ""  # each citation's own words: the parse's, never printed
    written = True
    if not args.no_write:
        written = write_bibliographies(run, args, read)
    if args.format == "json":
        print_json(parse_json(run))
    else:
        for finding in run.findings:  # the findings first: the output ends with the counts
            print(finding_line(finding))
        for doc in run.documents:
            print(describe_document(doc))
    return EXIT_INPUT if run.errors or not written else EXIT_OK


# -- audit and check ----------------------------------------------------------------------


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def load_run_config(args: argparse.Namespace):
    from checker.rules.config import load_config

    return load_config(Path.cwd(), args.config)


def audit_findings(run: ParseRun, config) -> list[Finding]:
    """Parse findings plus every static rule, with the configuration applied."""
    from checker.rules.registry import apply_config, run_rules

    return apply_config(run.findings, config) + run_rules(run.documents, config)


def fail_on(args: argparse.Namespace, config) -> str:
    return args.fail_on or getattr(config, "fail_on", None) or "error"


def finish_report(args, run: ParseRun, config, findings, links, *, offline, checked, notes) -> int:
    from checker.report import ReportInput
    from checker.report.github import annotations
    from checker.report.jsonreport import link_entries
    from checker.report.summary import exit_code
    from checker.report.write import write_reports
    from checker.rules.common import label_findings

    label_findings(findings, run.documents)
    threshold = fail_on(args, config)
    report = ReportInput(
        documents=run.documents, links=links, findings=findings, offline=offline,
        network_checked=checked, notes=notes, generated_at=utc_now(),
        tool_version=__version__, fail_on=threshold,
    )
    paths = write_reports(
        args.report_dir, report, github_summary_path=os.environ.get("GITHUB_STEP_SUMMARY")
    )
    if os.environ.get("GITHUB_ACTIONS") == "true":
        # GitHub shows only a few annotations per step: errors and warnings, not infos.
        for line in annotations([f for f in findings if f.severity != "info"]):
            print(line)
    if args.format == "json":
        data = parse_json(run)
        data["findings"] = [finding.to_json() for finding in findings]
        if checked:
            data["links"] = link_entries(links, run.documents)
        print_json(data)
    else:
        print_summary(run, findings, links, checked=checked, offline=offline, notes=notes)
        print("reports: " + ", ".join(str(path) for path in paths), file=sys.stderr)
    code = exit_code(report, threshold)
    return EXIT_INPUT if run.errors and code == EXIT_OK else code


def finding_line(finding: Finding) -> str:
    """One finding as a terminal line: ``path:line: severity [rule] (notes 3, 5) message``,
    ``(part 2, notes 3, 5)`` where the document numbers its notes afresh per part."""
    where = finding.file or finding.document
    where = f"{where}:{finding.line}" if finding.line else f"{where}"
    named = finding.rule == "numbering"  # its message names the numbers already
    notes = f" (notes {format_ranges(finding.footnotes)})" if finding.footnotes and not named \
        else ""
    if finding.part is not None:  # the numbers restart per part: "(part 2, notes 3, 5)"
        notes = f" (part {finding.part}{', ' + notes[2:-1] if notes else ''})"
    if finding.entries:
        notes = f" (entr{'y' if len(finding.entries) == 1 else 'ies'} " \
            f"{', '.join(finding.entries)})"
    return f"{where}: {finding.severity} [{finding.rule}]{notes} {finding.message}"


def print_summary(run, findings, links, *, checked, offline, notes) -> None:
    """Documents, then findings of warning and above (infos are counted: see the report)."""
    for doc in run.documents:
        print(describe_document(doc))
    shown = [f for f in findings if f.severity != "info"]
    for finding in sorted(shown, key=lambda f: (f.document or "", f.line or 0)):
        print(finding_line(finding))
    infos = Counter(f.rule for f in findings if f.severity == "info")
    if infos:
        print("info: " + ", ".join(f"{n} {rule}" for rule, n in sorted(infos.items()))
              + " (listed in the report)")
    if checked:
        counts = Counter(link.status for link in links)
        print("links: " + (", ".join(f"{n} {status}" for status, n in counts.most_common())
                           or "none cited"))
    for note in notes:
        print(f"note: {note}")
    if offline:
        print("network unavailable: links were not checked")


def parse_with_config(args: argparse.Namespace, config, on_references=None,
                      on_resolved=None) -> ParseRun:
    """Parse the documents named on the command line; say what could not be read.
    `on_references`, `on_resolved`: see `parse.parse_document`."""
    run = parse_paths(args.documents, doc_date=args.date or getattr(config, "document_date", None),
                      on_references=on_references, on_resolved=on_resolved)
    report_input_errors(run)
    return run


def run_audit(args: argparse.Namespace) -> int:
    config = load_run_config(args)
    run = parse_with_config(args, config)
    if not run.documents:
        return EXIT_INPUT
    findings = audit_findings(run, config)
    return finish_report(args, run, config, findings, [], offline=False, checked=False, notes=[])


def check_settings(args: argparse.Namespace, config) -> CheckSettings:
    """Defaults < configuration file < command line."""
    settings = CheckSettings()
    for name, value in (getattr(config, "check", None) or {}).items():
        setattr(settings, name, value)
    overrides = {
        "cache_path": str(args.cache) if args.cache else None,
        "max_age": args.max_age, "dead_after": args.dead_after,
        "user_agent": args.user_agent, "per_host": args.per_host,
        "global_limit": args.global_limit, "retries": args.retries, "deadline": args.timeout,
        "wayback_available_url": args.wayback_url, "cdx_url": args.cdx_url,
        "wayback_web_url": args.wayback_web_url,
        "doi_resolver": getattr(args, "doi_resolver", None),
    }
    for name, value in overrides.items():
        if value is not None:
            setattr(settings, name, value)
    if args.no_cache:
        settings.use_cache = False
    if args.allow_private:
        settings.allow_private = True
    if args.no_archive:
        settings.archive = False
    if args.archive_all:
        settings.archive_all = True
    settings.excludes = [
        *settings.excludes, *getattr(config, "exclude_links", []), *args.exclude
    ]
    return settings


def check_documents(run: ParseRun, settings: CheckSettings, quiet: bool,
                    doubtful_dates: Container[tuple[str, int]] = frozenset(), store=None,
                    live=None):
    """Live checks plus the archive stage; returns (CheckRun, findings from pages).
    `doubtful_dates`: the (document, footnote) whose cited date the audit flagged, which the
    archive's URL recovery does not trust. `store`: an open `ResultStore` (the caller closes
    it); None: the runner opens the one `settings` names. `live`: the runner's `LiveChecks`,
    when the parse started them."""
    from checker.archive.hook import make_archive_hook, make_page_inspector
    from checker.archive.wayback import WaybackClient
    from checker.linkcheck import Progress, check_links, collect_targets
    from checker.linkcheck.session import make_session

    page_findings: list[Finding] = []
    targets = collect_targets(run.documents, settings)
    archive = None
    if settings.archive:
        archive = make_archive_hook(
            WaybackClient(make_session(settings), settings), settings, page_findings,
            doubtful_dates,
        )
    inspect = make_page_inspector(settings, page_findings) if settings.verify_metadata else None
    checked = check_links(
        targets, settings, store=store, progress=Progress(quiet=quiet), archive=archive,
        inspect=inspect, live=live,
    )
    return checked, page_findings


def prepare_report() -> None:
    """The modules the end of a check needs, imported (and the HTML template compiled) while
    the network is waited on."""
    import checker.linkcheck.findings
    import checker.linkcheck.repair
    import checker.report.github
    import checker.report.jsonreport
    import checker.report.summary
    import checker.report.write  # noqa: F401
    from checker.report.html import page_template

    page_template()


def run_check(args: argparse.Namespace, config=None, *, write_refs: bool = False) -> int:
    """Parse, check and report; with `write_refs` (`footcheck run`) the bibliographies are
    written too, while the first links are being checked."""
    from checker.bibliography.entries import DocumentEntries
    from checker.linkcheck.runner import LiveChecks
    from checker.linkcheck.store import ResultStore

    config = config if config is not None else load_run_config(args)
    settings = check_settings(args, config)
    # Beside the main thread, on one thread: the store opens (SQLite creates and syncs its
    # files) while the documents are parsed; the audit and the imports the report needs run
    # while the live checks wait on the network. The archive's recovery, which asks which
    # cited dates the audit flagged, waits for the audit. The live checks start on each
    # note's links as the parse reads them.
    # While the workers mostly wait, the parse, the audit and the report's imports run beside
    # them: the interpreter's lock handed over every millisecond (not every 5) lets a worker
    # whose answer came go on at once.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    side = ThreadPoolExecutor(1, thread_name_prefix="footcheck-side")
    interrupted = False
    try:
        opening = side.submit(ResultStore.open, settings)
        live = LiveChecks(settings, opening.result)
        try:
            read = DocumentEntries() if write_refs else None
            run = parse_with_config(args, config, on_references=live.start_references,
                                    on_resolved=read)
            if not run.documents:
                return EXIT_INPUT
            written = write_bibliographies(run, args, read) if write_refs else True
            # The rules are imported by this thread before the audit goes to the other: the
            # archive stage, which this thread imports next, shares packages with them
            # (rapidfuzz, unidecode), and two threads importing one package at once can
            # deadlock (importlib's _DeadlockError).
            import checker.rules.registry  # noqa: F401
            audit = side.submit(audit_findings, run, config)
            side.submit(prepare_report)
            checked, page_findings = check_documents(
                run, settings, args.quiet, FlaggedDates(audit), opening.result(), live
            )
            audited = audit.result()
        finally:
            sys.setswitchinterval(interval)
            live.close()
            if (store := opening.result()) is not None:
                store.close()
    except KeyboardInterrupt:
        interrupted = True
        raise
    finally:
        # Interrupted: the side work (audit, report imports) is not waited for.
        side.shutdown(wait=not interrupted, cancel_futures=interrupted)
    from checker.linkcheck.findings import link_findings
    from checker.linkcheck.repair import drop_answered_questions
    from checker.rules.registry import WEIGH_LINKS, apply_config, run_rules

    # The rules that weigh the network's evidence, again with what the check found.
    weighed = run_rules(run.documents, config, links=tuple(checked.links), only=WEIGH_LINKS)
    audited = [f for f in audited if f.rule not in WEIGH_LINKS] + weighed
    decisions = decide_repairs(run, checked, settings)
    findings = drop_answered_questions(audited, decisions) + apply_config(
        link_findings(checked.links, run.documents) + page_findings
        + [decision.finding for decision in decisions], config
    )
    if args.update_refs and not checked.offline:
        update_refs(run, checked.links, args)
    code = finish_report(
        args, run, config, findings, checked.links,
        offline=checked.offline, checked=True, notes=checked.notes,
    )
    return EXIT_INPUT if code == EXIT_OK and not written else code


def decide_repairs(run: ParseRun, checked, settings: CheckSettings):
    """The repairs the parse only suggested, decided by the network (linkcheck/repair.py)."""
    from checker.linkcheck.fetch import check_url, precheck
    from checker.linkcheck.repair import decide_candidates
    from checker.linkcheck.session import make_session

    if checked.offline:
        return []
    sessions: list = []  # made for the first candidate to check, if any

    def check_one(url: str) -> LinkResult:
        if not sessions:
            sessions.append(make_session(settings))
        return precheck(url, settings) or check_url(sessions[0], url, settings)

    try:
        return decide_candidates(run.documents, checked.links, check_one)
    finally:
        for session in sessions:
            session.close()


class FlaggedDates:
    """The (document, footnote) whose cited date the audit found implausible, once the audit
    (running beside the checks) has ended: asked only when a link failed and the archive
    looks for the article."""

    def __init__(self, audit: Future[list[Finding]]) -> None:
        self._audit = audit
        self._dates: frozenset[tuple[str, int]] | None = None

    def __contains__(self, cite: object) -> bool:
        if self._dates is None:
            self._dates = doubtful_dates(self._audit.result())
        return cite in self._dates


def doubtful_dates(findings: list[Finding]) -> frozenset[tuple[str, int]]:
    """(document, footnote) of every cited date the audit found implausible."""
    return frozenset(
        (finding.document, number)
        for finding in findings
        if finding.rule == "date-implausible" and finding.document
        for number in finding.footnotes
    )


def update_refs(run: ParseRun, links: list[LinkResult], args: argparse.Namespace) -> None:
    from checker.bibliography import build_entries, write_library
    from checker.bibliography.update import update_bibliography
    from checker.bibliography.write import LIBRARY_STEM, written_classic
    from checker.rules.common import is_bibliography

    classic = True if args.bibtex_classic else None
    papers = [doc for doc in run.documents if doc.footnotes and not is_bibliography(doc)]
    entries = {doc.id: build_entries(doc) for doc in papers}  # updated, then the library's
    for doc in papers:
        try:
            messages, diff = update_bibliography(
                doc, links, args.refs_dir, accept_recovered=args.accept_recovered,
                classic=classic, on_edited=on_edited(args), check_date=utc_now()[:10],
                entries=entries[doc.id],
            )
        except WriteRefused as refused:
            print(f"footcheck: {refused}", file=sys.stderr)
            continue
        for message in messages:
            print(message, file=sys.stderr)
        if diff:
            print(diff)
    if not papers:
        return
    library_classic = args.bibtex_classic or written_classic(
        Path(args.refs_dir) / f"{LIBRARY_STEM}.bib")
    try:  # the library is the user's to edit: their edits are merged in unless --force
        result = write_library(papers, args.refs_dir, classic=library_classic,
                               on_edited="force" if on_edited(args) == "force" else "merge",
                               entries=entries, keep_backup=True)
    except WriteRefused as refused:
        print(f"footcheck: {refused}", file=sys.stderr)
        return
    for message in result.messages:
        print(message, file=sys.stderr)
    if diff := result.diff:
        print(diff)


def run_main(args: argparse.Namespace) -> int:
    """The main job: parse (writing refs/), then audit and check (writing reports/)."""
    return run_check(args, write_refs=True)
