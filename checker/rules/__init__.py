"""The static audit: one module per rule (what it does, why, an example, and `check`),
`registry.py` listing every rule and running them, `config.py` reading the configuration.
"""

from checker.rules.common import RuleContext
from checker.rules.config import Config, load_config
from checker.rules.registry import RULES, apply_config, rule_table_markdown, run_rules

__all__ = [
    "RULES", "Config", "RuleContext", "apply_config", "load_config", "rule_table_markdown",
    "run_rules",
]
