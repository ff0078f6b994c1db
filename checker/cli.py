"""Command line: `footcheck parse | audit | check | run`.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 unusable input or
configuration; 3 offline (nothing at all could be reached).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path
from typing import NoReturn

from checker import __version__, collector, interrupt
from checker.errors import ConfigError, InputError, WriteRefused
from checker.exitcodes import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="footcheck",
        description="Parse a paper's footnotes, keep a clean bibliography, check every link.",
    )
    parser.add_argument("--version", action="version", version=f"footcheck {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def documents_args(sub: argparse.ArgumentParser, default: list[str] | None = None) -> None:
        sub.add_argument(
            "documents", nargs="*" if default else "+", default=default, metavar="DOC",
            help="documents (markdown, text, HTML, Word .docx, .odt, PDF, LaTeX .tex, .bib, "
                 "CSL-JSON) or folders of them",
        )
        sub.add_argument("--date", help="the document's own date (ISO), when it states none")
        sub.add_argument("--config", type=Path, help="footcheck.toml or pyproject.toml to use")
        sub.add_argument("--quiet", "-q", action="store_true", help="no progress output")

    def bibliography_args(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--refs-dir", type=Path, default=Path("refs"),
                         help="where the bibliographies are written (default: refs/)")
        sub.add_argument("--bibtex-classic", action="store_true",
                         help="plain BibTeX (@misc, year/month/howpublished) instead of biblatex")
        edited = sub.add_mutually_exclusive_group()
        edited.add_argument("--merge", action="store_true",
                            help="merge into a hand-edited bibliography, keeping the user's fields")
        edited.add_argument("--force", action="store_true",
                            help="overwrite a hand-edited bibliography (a .bak copy is kept)")

    def report_args(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--report-dir", type=Path, default=Path("reports"),
                         help="where reports are written (default: reports/)")
        sub.add_argument("--fail-on", choices=["error", "warning", "info", "never"],
                         help="lowest severity that makes the exit code 1 (default: error)")
        sub.add_argument("--format", choices=["text", "json"], default="text",
                         help="what to print on stdout")

    def check_args(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--cache", type=Path, help="result store (SQLite) path")
        sub.add_argument("--no-cache", action="store_true", help="neither read nor write the store")
        sub.add_argument("--max-age", type=float, help="seconds an ok result is reused (86400)")
        sub.add_argument("--dead-after", type=int,
                         help="failed runs on different days before a link counts as broken (1)")
        sub.add_argument("--allow-private", action="store_true",
                         help="check private, loopback and link-local addresses too")
        sub.add_argument("--user-agent", help="User-Agent header")
        sub.add_argument("--per-host", type=int, help="concurrent requests per host (2)")
        sub.add_argument("--global-limit", type=int, help="concurrent requests in all (32)")
        sub.add_argument("--retries", type=int,
                         help="retries on 429, 5xx and quick connection failures, "
                              "made at the end of the run (1)")
        sub.add_argument("--timeout", type=float, help="total seconds per URL (45)")
        sub.add_argument("--wayback-url", help="Wayback availability API endpoint")
        sub.add_argument("--cdx-url", help="Wayback CDX API endpoint")
        sub.add_argument("--wayback-web-url", help="Wayback snapshot base (…/web)")
        sub.add_argument("--doi-resolver",
                         help="where cited DOIs are checked (default https://doi.org/)")
        sub.add_argument("--no-archive", action="store_true", help="do not ask the Wayback Machine")
        sub.add_argument("--archive-all", action="store_true",
                         help="look up a snapshot for every link, not only dead ones")
        sub.add_argument("--exclude", action="append", default=[], metavar="REGEX",
                         help="skip URLs matching REGEX (repeatable)")
        sub.add_argument("--update-refs", action="store_true",
                         help="rewrite refs/<doc>.bib/.json with what the check learned")
        sub.add_argument("--accept-recovered", action="store_true",
                         help="with --update-refs: also put recovered URLs into the bibliography")

    parse_cmd = commands.add_parser("parse", help="extract footnotes and write the bibliography")
    documents_args(parse_cmd)
    bibliography_args(parse_cmd)
    parse_cmd.add_argument("--format", choices=["text", "json"], default="text")
    parse_cmd.add_argument("--no-write", action="store_true", help="do not write refs/")

    audit_cmd = commands.add_parser("audit", help="static citation audit (no network)")
    documents_args(audit_cmd)
    report_args(audit_cmd)

    check_cmd = commands.add_parser(
        "check", help="resolve every cited link (with Wayback fallback)"
    )
    documents_args(check_cmd)
    report_args(check_cmd)
    check_args(check_cmd)
    bibliography_args(check_cmd)

    run_cmd = commands.add_parser(
        "run", help="the main job: parse, audit and check, writing refs/ and reports/"
    )
    documents_args(run_cmd, default=["refs/sources"])
    report_args(run_cmd)
    check_args(run_cmd)
    bibliography_args(run_cmd)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        from checker import commands  # here: `footcheck --help` needs none of the stages

        return commands.dispatch(args)
    except (ConfigError, WriteRefused) as error:
        print(f"footcheck: {error}", file=sys.stderr)
        return EXIT_INPUT
    except InputError as error:
        print(f"footcheck: {error}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        interrupt.handled()  # not sent again (see interrupt.py)
        print("footcheck: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK


def run() -> NoReturn:
    """The `footcheck` program (and `python -m checker`): `main`, then the exit. The objects
    of the run are frozen first, so that the interpreter, as it tears itself down, does not
    search them all for reference cycles again and again (0.07 s after a 1,000-link check):
    every file and connection is closed by then, and the memory goes with the process."""
    collector.set_for_program()
    interrupt.install()  # Ctrl-C never raised inside an import (see interrupt.py)
    code = main()
    if code == EXIT_INTERRUPTED:  # threads still at work (a link, the audit) are not waited for
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    gc.freeze()
    sys.exit(code)
