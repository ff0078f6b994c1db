"""The parser's hot modules, compiled to C with mypyc when footcheck is installed.

`setup.py` compiles `MODULES` (the reference parser: pure functions over strings, run in
about 35% less time compiled) and writes `MANIFEST`, the SHA-256 of each module's source at
build time. The Python sources stay beside the compiled files and are the same program:
where no compiler was found, nothing was compiled and the sources run.

The footnote extractor is left interpreted on purpose. It runs in the parent process for a
second or more while the executor's thread hands chunks to the workers and takes their
results, and compiled code never lets another thread take the GIL: compiled, it saved the
parent a quarter of a second on 100,000 notes and left the workers idle as long. (Ibid.
resolution, compiled, runs in the parent too, but in short runs between chunks.)

A compiled module is only used while its source is the one it was built from. An editable
install keeps the compiled files in the source tree, where the import system prefers them
to the `.py` files; after a source is edited (or another branch checked out), those files
would run the old code. `use_sources_if_stale` then has every module of the set imported
from its source, all of them together: compiled modules call each other directly, so one
of them compiled and another from source would still run the old code of the first.
``FOOTCHECK_PURE_PYTHON=1`` makes the same choice on purpose (and, at install time,
skips compiling).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

MODULES = (
    "checker.references",
    "checker.references.authors",
    "checker.references.backrefs",
    "checker.references.classify",
    "checker.references.dates",
    "checker.references.fields",
    "checker.references.outlets",
    "checker.references.split",
    "checker.references.urls",
)
MANIFEST = "_compiled.json"  # in the package folder: {module: SHA-256 of its source}
PURE_PYTHON_VARIABLE = "FOOTCHECK_PURE_PYTHON"
PACKAGE_DIR = Path(__file__).resolve().parent


def source_path(module: str, root: Path) -> Path:
    """The `.py` file of `module` under `root`, the folder holding the `checker` package."""
    path = root.joinpath(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def source_hashes(root: Path) -> dict[str, str]:
    return {
        module: hashlib.sha256(source_path(module, root).read_bytes()).hexdigest()
        for module in MODULES
    }


def pure_python_asked() -> bool:
    return os.environ.get(PURE_PYTHON_VARIABLE, "") not in ("", "0")


def build_is_current(package_dir: Path = PACKAGE_DIR) -> bool:
    """Were the compiled modules (if any) built from the sources as they are now?"""
    if pure_python_asked():
        return False
    try:
        recorded = json.loads((package_dir / MANIFEST).read_text(encoding="utf-8"))
        return recorded == source_hashes(package_dir.parent)
    except (OSError, ValueError):
        return False


def is_compiled(module: ModuleType) -> bool:
    """Is `module` running compiled (an extension module) rather than from its source?"""
    return not (getattr(module, "__file__", None) or "").endswith(".py")


class SourceFinder:
    """An import finder that loads the listed modules from their `.py` files only."""

    def __init__(self, modules: Sequence[str]) -> None:
        self.modules = frozenset(modules)

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name not in self.modules or not path:
            return None
        only_sources = (importlib.machinery.SourceFileLoader,
                        importlib.machinery.SOURCE_SUFFIXES)
        for folder in path:
            spec = importlib.machinery.FileFinder(folder, only_sources).find_spec(name)
            if spec is not None:
                return spec
        return None


def use_sources_if_stale() -> None:
    """Import the compiled set from its sources unless the build is current (see above)."""
    if build_is_current():
        return
    if not any(isinstance(finder, SourceFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, SourceFinder(MODULES))
