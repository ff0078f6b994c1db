"""The benchmarks run `footcheck` as a user's machine would: its modules byte-compiled (as a
regular install leaves them; an editable one compiles on the first run) and Python free to
use the compiled files, whatever this shell says (`PYTHONDONTWRITEBYTECODE`)."""

from __future__ import annotations

import compileall
import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "checker"


def compile_package() -> None:
    """Byte-compile the package once, before anything is timed."""
    compileall.compile_dir(str(PACKAGE), quiet=1)


def user_env(**extra: str) -> dict[str, str]:
    """This environment, as a user's shell has it, plus `extra`."""
    env = {name: value for name, value in os.environ.items()
           if name not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    env.update(extra)
    return env
