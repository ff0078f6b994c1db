"""Compile the parser's hot modules with mypyc (see checker/compiled.py); the metadata is in
pyproject.toml. Without mypyc or a C compiler, or with FOOTCHECK_PURE_PYTHON=1, footcheck
installs as pure Python: the same program, slower to parse large documents."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
from checker.compiled import (  # noqa: E402  (the source tree, before any install)
    MANIFEST,
    MODULES,
    pure_python_asked,
    source_hashes,
    source_path,
)

MANIFEST_PATH = ROOT / "checker" / MANIFEST


def _not_compiled(reason: str) -> None:
    print(f"footcheck: not compiled ({reason[:200]}); installing pure Python", file=sys.stderr)


class OptionalBuildExt(build_ext):
    """A failed compilation leaves a pure-Python install, not a failed one."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # a compiler missing or failing
            MANIFEST_PATH.unlink(missing_ok=True)  # any older compiled files are not current
            _not_compiled(str(error))


def remove_compiled_files() -> None:
    """An earlier build's files, some maybe of modules no longer compiled: the import system
    would prefer them to the sources, and the guard only knows the modules compiled now."""
    for suffix in (".so", ".pyd"):
        for path in [*(ROOT / "checker").rglob(f"*{suffix}"), *ROOT.glob(f"*__mypyc*{suffix}")]:
            path.unlink()


def compiled_modules() -> list:
    if sys.argv[1:2] in (["egg_info"], ["dist_info"], ["sdist"]):
        return []  # only the metadata is asked for: nothing is built
    MANIFEST_PATH.unlink(missing_ok=True)
    remove_compiled_files()
    if pure_python_asked():
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _not_compiled("mypyc not found")
        return []
    paths = [str(source_path(module, ROOT).relative_to(ROOT)) for module in MODULES]
    try:
        extensions = mypycify(
            ["--ignore-missing-imports", "--follow-imports=silent", *paths],
            opt_level="3", group_name="checker",  # one shared library: checker__mypyc
        )
    except (Exception, SystemExit) as error:  # a type error stops mypyc
        _not_compiled(str(error))
        return []
    MANIFEST_PATH.write_text(json.dumps(source_hashes(ROOT), indent=1), encoding="utf-8")
    return extensions


setup(ext_modules=compiled_modules(), cmdclass={"build_ext": OptionalBuildExt})
