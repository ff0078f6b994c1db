"""What each subcommand does: glue between the stages, the files and the terminal."""

from __future__ import annotations

import argparse
import sys

from checker.bibliography import write_bibliography
from checker.cli import EXIT_INPUT, EXIT_OK, print_json
from checker.errors import WriteRefused
from checker.parse import ParseRun, parse_paths


def dispatch(args: argparse.Namespace) -> int:
    handler = {"parse": run_parse}[args.command]
    return handler(args)


def report_input_errors(run: ParseRun) -> None:
    for error in run.errors:
        print(f"footcheck: {error}", file=sys.stderr)


def on_edited(args: argparse.Namespace) -> str:
    if getattr(args, "merge", False):
        return "merge"
    if getattr(args, "force", False):
        return "force"
    return "refuse"


def write_bibliographies(run: ParseRun, args: argparse.Namespace) -> bool:
    """Write refs/<doc>.bib/.json for every document with footnotes; False if one was refused."""
    all_written = True
    for doc in run.documents:
        if not doc.footnotes:
            continue
        try:
            for message in write_bibliography(
                doc, args.refs_dir, classic=args.bibtex_classic, on_edited=on_edited(args)
            ):
                print(message, file=sys.stderr)
        except WriteRefused as refused:
            print(f"footcheck: {refused}", file=sys.stderr)
            all_written = False
    return all_written


def parse_json(run: ParseRun) -> dict:
    return {
        "documents": [doc.to_json() for doc in run.documents],
        "findings": [finding.to_json() for finding in run.findings],
    }


def describe_document(doc) -> str:
    if not doc.footnotes:
        return f"{doc.path}: no footnotes found"
    references = sum(len(f.references) for f in doc.footnotes)
    return (
        f"{doc.path}: {len(doc.footnotes)} footnotes "
        f"({doc.footnotes[0].number}-{doc.footnotes[-1].number}), {references} references"
    )


def run_parse(args: argparse.Namespace) -> int:
    run = parse_paths(args.documents, doc_date=args.date)
    report_input_errors(run)
    written = True
    if not args.no_write:
        written = write_bibliographies(run, args)
    if args.format == "json":
        print_json(parse_json(run))
    else:
        for doc in run.documents:
            print(describe_document(doc))
        for finding in run.findings:
            print(f"{finding.document}:{finding.line or ''}: {finding.severity} "
                  f"[{finding.rule}] {finding.message}")
    return EXIT_INPUT if run.errors or not written else EXIT_OK
