"""The static audit: one module per rule (what it does, why, an example, and `check`),
`registry.py` listing every rule and running them, `config.py` reading the configuration.

The names below are imported on first use (PEP 562), so that reading the configuration
(`checker.rules.config`) does not import every rule first.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "RuleContext": "checker.rules.common",
    "Config": "checker.rules.config", "load_config": "checker.rules.config",
    "RULES": "checker.rules.registry", "apply_config": "checker.rules.registry",
    "rule_table_markdown": "checker.rules.registry", "run_rules": "checker.rules.registry",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
