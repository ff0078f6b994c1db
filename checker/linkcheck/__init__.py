"""Link checking: targets -> concurrent, polite live checks -> `CheckRun`.

Public entry points (imported lazily, so that `checker.linkcheck.settings` stays cheap):
`collect_targets(documents, settings)`, `check_links(targets, settings, ...)`, `CheckRun`,
`LinkTarget`, `CheckSettings`, `ResultStore`, `Progress`.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "CheckSettings": "checker.linkcheck.settings",
    "LinkTarget": "checker.linkcheck.targets",
    "CitedWork": "checker.linkcheck.targets",
    "collect_targets": "checker.linkcheck.targets",
    "normalise_url": "checker.linkcheck.targets",
    "CheckRun": "checker.linkcheck.runner",
    "check_links": "checker.linkcheck.runner",
    "ResultStore": "checker.linkcheck.store",
    "Progress": "checker.linkcheck.progress",
}

__all__ = sorted(_EXPORTS)

def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'checker.linkcheck' has no attribute {name!r}")
    return getattr(import_module(module), name)
