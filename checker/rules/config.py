"""The configuration: ``[tool.footcheck]`` in pyproject.toml, or a ``footcheck.toml``.

```toml
[tool.footcheck]                 # in footcheck.toml: the same keys at the top level
fail-on = "warning"              # error | warning | info | never
document-date = "2020-06-15"     # the documents' date when they state none
select = ["date-*", "domain-typo"]   # only these rules (globs); default: all
ignore = ["missing-url"]         # never these
exclude-links = ['^https?://(www\\.)?facebook\\.com/']   # regexes: URLs not checked
per-host = 2                     # limits of the link check (also under [tool.footcheck.limits])
timeout = 45

[tool.footcheck.rules]
duplicate-reference = "warning"          # a severity,
missing-title = false                    # on/off,
date-implausible = { enabled = true, severity = "error" }   # or both

[[tool.footcheck.suppress]]
document = "refs/sources/000_*.txt"      # a glob on the path (default: every document)
footnotes = [58, 59]                     # default: every footnote
rules = ["date-implausible"]             # default: every rule
reason = "checked by hand"               # optional, for the reader
```

Unknown keys, wrong types and invalid values are a `ConfigError` naming the file, the key and
the table.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from checker.errors import ConfigError, ConfigProblem
from checker.model import Finding
from checker.references.dates import parse_date

CONFIG_FILES = ("footcheck.toml", ".footcheck.toml")
SEVERITIES = ("error", "warning", "info")
FAIL_ON = (*SEVERITIES, "never")

# Link-check limits: config key -> (CheckSettings field, type).
LIMITS: dict[str, tuple[str, type]] = {
    "per-host": ("per_host", int),
    "global-limit": ("global_limit", int),
    "timeout": ("deadline", float),
    "connect-timeout": ("connect_timeout", float),
    "read-timeout": ("read_timeout", float),
    "retries": ("retries", int),
    "backoff-base": ("backoff_base", float),
    "retry-after-cap": ("retry_after_cap", float),
    "max-redirects": ("max_redirects", int),
    "max-html-bytes": ("max_html_bytes", int),
    "max-age": ("max_age", float),
    "dead-after": ("dead_after", int),
    "user-agent": ("user_agent", str),
    "cache": ("cache_path", str),
    "use-cache": ("use_cache", bool),
    "allow-private": ("allow_private", bool),
    "check-sites": ("check_sites", bool),
    "wayback-url": ("wayback_available_url", str),
    "cdx-url": ("cdx_url", str),
    "wayback-web-url": ("wayback_web_url", str),
    "archive": ("archive", bool),
    "archive-all": ("archive_all", bool),
    "archive-per-minute": ("archive_per_minute", float),
    "archive-max-requests": ("archive_max_requests", int),
    "verify-metadata": ("verify_metadata", bool),
    "recover-urls": ("recover_urls", bool),
}
_NON_NEGATIVE = {"retries", "backoff-base", "retry-after-cap", "max-redirects", "max-age"}
TOP_KEYS = ("rules", "select", "ignore", "suppress", "exclude-links", "fail-on",
            "document-date", "limits", *LIMITS)
RULE_KEYS = ("enabled", "severity")
SUPPRESS_KEYS = ("document", "footnotes", "rules", "reason")


@dataclass
class RuleSettings:
    enabled: bool | None = None
    severity: str | None = None


@dataclass
class Suppression:
    document: str = "*"
    footnotes: list[int] = field(default_factory=list)  # empty: every footnote
    rules: list[str] = field(default_factory=list)  # empty: every rule
    reason: str = ""

    def matches(self, finding: Finding) -> bool:
        if self.rules and not any(fnmatch.fnmatchcase(finding.rule, r) for r in self.rules):
            return False
        if not document_matches(self.document, finding.document):
            return False
        if self.footnotes:
            # A finding about several notes is hidden only when all of them are suppressed.
            return bool(finding.footnotes) and set(finding.footnotes) <= set(self.footnotes)
        return True


@dataclass
class Config:
    path: Path | None = None  # the file read; None: defaults
    rules: dict[str, RuleSettings] = field(default_factory=dict)
    select: list[str] | None = None  # None: every rule
    ignore: list[str] = field(default_factory=list)
    suppress: list[Suppression] = field(default_factory=list)
    exclude_links: list[str] = field(default_factory=list)
    fail_on: str | None = None
    document_date: str | None = None
    check: dict[str, Any] = field(default_factory=dict)  # CheckSettings field -> value

    def is_enabled(self, rule: str) -> bool:
        settings = self.rules.get(rule)
        if settings and settings.enabled is not None:
            return settings.enabled
        if any(fnmatch.fnmatchcase(rule, pattern) for pattern in self.ignore):
            return False
        if self.select is not None:
            return any(fnmatch.fnmatchcase(rule, pattern) for pattern in self.select)
        return True

    def severity_override(self, rule: str) -> str | None:
        settings = self.rules.get(rule)
        return settings.severity if settings else None

    def severity_for(self, rule: str, default: str) -> str:
        return self.severity_override(rule) or default

    def is_suppressed(self, finding: Finding) -> bool:
        return any(suppression.matches(finding) for suppression in self.suppress)


def document_matches(pattern: str, path: str | None) -> bool:
    """A glob against the document's path as given, or its trailing part
    (``000_*.txt`` matches ``refs/sources/000_x.txt``)."""
    if pattern in ("*", "**"):
        return True
    if not path:
        return False
    posix = path.replace("\\", "/")
    pattern = pattern.replace("\\", "/")
    if fnmatch.fnmatchcase(posix, pattern) or fnmatch.fnmatchcase(posix.lstrip("./"), pattern):
        return True
    try:
        return PurePosixPath(posix).match(pattern)
    except ValueError:
        return False


# -- reading ----------------------------------------------------------------------------------


def load_config(start_dir: Path, explicit: Path | None = None) -> Config:
    """The configuration for a run started in `start_dir`: the file given explicitly, else
    the nearest ``footcheck.toml`` or ``pyproject.toml`` with ``[tool.footcheck]`` in
    `start_dir` or its parents; defaults when there is none."""
    if explicit is not None:
        path = Path(explicit)
        if path.is_dir():
            found = _find_in(path)
            if found is None:
                raise ConfigError(ConfigProblem.NOT_FOUND, f"{path}: no footcheck.toml or "
                                  "pyproject.toml with [tool.footcheck] in this folder")
            return _load(*found, start_dir)
        if not path.is_file():
            raise ConfigError(ConfigProblem.NOT_FOUND, f"{path}: configuration file not found")
        data = _read_toml(path, _display(path, start_dir))
        if path.name == "pyproject.toml":
            table = data.get("tool", {}).get("footcheck", {}) if isinstance(
                data.get("tool"), dict) else {}
            return _load(path, table, "[tool.footcheck]", start_dir)
        return _load(path, data, "top level", start_dir)
    for directory in [start_dir, *start_dir.resolve().parents]:
        found = _find_in(directory)
        if found is not None:
            return _load(*found, start_dir)
    return Config()


def _find_in(directory: Path) -> tuple[Path, Any, str] | None:
    for name in CONFIG_FILES:
        path = directory / name
        if path.is_file():
            return path, _read_toml(path, str(path)), "top level"
    path = directory / "pyproject.toml"
    if path.is_file():
        data = _read_toml(path, str(path))
        tool = data.get("tool")
        if isinstance(tool, dict) and "footcheck" in tool:
            return path, tool["footcheck"], "[tool.footcheck]"
    return None


def _display(path: Path, start_dir: Path) -> str:
    try:
        return str(path.resolve().relative_to(start_dir.resolve()))
    except ValueError:
        return str(path)


def _read_toml(path: Path, shown: str) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(ConfigProblem.INVALID, f"{shown}: invalid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(ConfigProblem.UNREADABLE,
                          f"{shown}: cannot read: {error.strerror or error}") from None


def _load(path: Path, table: Any, where: str, start_dir: Path) -> Config:
    return _Reader(_display(path, start_dir), where).config(path, table)


class _Reader:
    """Validates one configuration table, raising ConfigError with the file and table."""

    def __init__(self, shown: str, where: str) -> None:
        self.shown = shown
        self.top = where  # "[tool.footcheck]" or "top level"
        self.prefix = "tool.footcheck." if where.startswith("[") else ""

    def where(self, table: str | None) -> str:
        """Where a key sits, as a phrase: "in [tool.footcheck.rules]", "at the top level"."""
        if table is None:
            return f"in {self.top}" if self.top.startswith("[") else "at the top level"
        if table.startswith("suppress #"):
            return f"in [[{self.prefix}suppress]] entry {table.split('#', 1)[1]}"
        return f"in [{self.prefix}{table}]"

    def error(self, problem: str) -> ConfigError:
        return ConfigError(ConfigProblem.INVALID, f"{self.shown}: {problem}")

    def unknown_keys(self, table: dict[str, Any], allowed: tuple[str, ...],
                     name: str | None) -> None:
        for key in table:
            if key not in allowed:
                raise self.error(
                    f"unknown key '{key}' {self.where(name)}{_did_you_mean(key, allowed)}")

    def expect(self, value: Any, kind: type | tuple[type, ...], key: str,
               table: str | None) -> Any:
        kinds = kind if isinstance(kind, tuple) else (kind,)
        wrong_bool = isinstance(value, bool) and bool not in kinds
        if not isinstance(value, kinds) or wrong_bool:
            if float in kinds and isinstance(value, int) and not isinstance(value, bool):
                return float(value)
            names = " or ".join(_TYPE_NAMES.get(k, k.__name__) for k in kinds)
            raise self.error(f"'{key}' {self.where(table)} must be {names}, not "
                             f"{_TYPE_NAMES.get(type(value), type(value).__name__)} "
                             f"({value!r})")
        return value

    def string_list(self, value: Any, key: str, table: str | None = None) -> list[str]:
        self.expect(value, list, key, table)
        for item in value:
            self.expect(item, str, key, table)
        return list(value)

    def rule_names(self, patterns: list[str], key: str, table: str | None = None) -> None:
        known = _rule_ids()
        for pattern in patterns:
            if not any(fnmatch.fnmatchcase(rule, pattern) for rule in known):
                raise self.error(f"unknown rule '{pattern}' in '{key}' "
                                 f"{self.where(table)}{_did_you_mean(pattern, known)}")

    def config(self, path: Path, table: Any) -> Config:
        if not isinstance(table, dict):
            raise self.error(f"{self.top} must be a table")
        if self.top == "top level" and isinstance(table.get("tool"), dict) \
                and "footcheck" in table["tool"]:
            raise self.error("unknown key 'tool' at the top level (in footcheck.toml the keys "
                             "go at the top level, without [tool.footcheck])")
        self.unknown_keys(table, TOP_KEYS, None)
        config = Config(path=path)
        if "rules" in table:
            config.rules = self.rules(table["rules"])
        if "select" in table:
            config.select = self.string_list(table["select"], "select")
            self.rule_names(config.select, "select")
        if "ignore" in table:
            config.ignore = self.string_list(table["ignore"], "ignore")
            self.rule_names(config.ignore, "ignore")
        if "suppress" in table:
            config.suppress = self.suppressions(table["suppress"])
        if "exclude-links" in table:
            config.exclude_links = self.string_list(table["exclude-links"], "exclude-links")
            for pattern in config.exclude_links:
                try:
                    re.compile(pattern)
                except re.error as error:
                    raise self.error(f"'exclude-links' {self.where(None)}: invalid regular "
                                     f"expression {pattern!r}: {error}") from None
            config.check["excludes"] = list(config.exclude_links)
        if "fail-on" in table:
            config.fail_on = self.choice(table["fail-on"], FAIL_ON, "fail-on", None)
        if "document-date" in table:
            config.document_date = self.document_date(table["document-date"])
        limits = {key: table[key] for key in LIMITS if key in table}
        if "limits" in table:
            nested = self.expect(table["limits"], dict, "limits", None)
            self.unknown_keys(nested, tuple(LIMITS), "limits")
            for key in nested:
                if key in limits:
                    raise self.error(f"'{key}' is set both {self.where(None)} and "
                                     f"{self.where('limits')}")
            config.check.update(self.limits(nested, "limits"))
        config.check.update(self.limits(limits, None))
        return config

    def choice(self, value: Any, allowed: tuple[str, ...], key: str, table: str | None) -> str:
        self.expect(value, str, key, table)
        if value not in allowed:
            raise self.error(f"'{key}' {self.where(table)} must be one of "
                             f"{', '.join(allowed)}, not {value!r}")
        return value

    def document_date(self, value: Any) -> str:
        if hasattr(value, "isoformat") and not isinstance(value, str):
            value = value.isoformat()[:10]  # a TOML date: document-date = 2020-06-15
        self.expect(value, str, "document-date", None)
        parsed = parse_date(value)
        if not parsed:
            raise self.error(f"'document-date' {self.where(None)} is not a date: {value!r} "
                             "(use YYYY-MM-DD, YYYY-MM or YYYY)")
        return parsed

    def rules(self, value: Any) -> dict[str, RuleSettings]:
        table = self.expect(value, dict, "rules", None)
        self.unknown_keys(table, tuple(_rule_ids()), "rules")
        result = {}
        for rule, setting in table.items():
            name = f"rules.{rule}"
            if isinstance(setting, bool):
                result[rule] = RuleSettings(enabled=setting)
            elif isinstance(setting, str):
                result[rule] = RuleSettings(severity=self.choice(setting, SEVERITIES, rule,
                                                                 "rules"))
            elif isinstance(setting, dict):
                self.unknown_keys(setting, RULE_KEYS, name)
                enabled = self.expect(setting["enabled"], bool, "enabled", name) \
                    if "enabled" in setting else None
                severity = self.choice(setting["severity"], SEVERITIES, "severity", name) \
                    if "severity" in setting else None
                result[rule] = RuleSettings(enabled=enabled, severity=severity)
            else:
                raise self.error(f"'{rule}' {self.where('rules')} must be true/false, a "
                                 f"severity ({', '.join(SEVERITIES)}) or a table with "
                                 f"'enabled' and 'severity', not {setting!r}")
        return result

    def suppressions(self, value: Any) -> list[Suppression]:
        entries = self.expect(value, list, "suppress", None)
        result = []
        for number, entry in enumerate(entries, start=1):
            name = f"suppress #{number}"
            if not isinstance(entry, dict):
                raise self.error(f"'suppress' {self.where(None)} must be a list of tables "
                                 "([[tool.footcheck.suppress]]), not "
                                 f"{type(entry).__name__} ({entry!r})")
            self.unknown_keys(entry, SUPPRESS_KEYS, name)
            suppression = Suppression()
            if "document" in entry:
                suppression.document = self.expect(entry["document"], str, "document", name)
            if "footnotes" in entry:
                numbers = self.expect(entry["footnotes"], list, "footnotes", name)
                for item in numbers:
                    self.expect(item, int, "footnotes", name)
                suppression.footnotes = list(numbers)
            if "rules" in entry:
                suppression.rules = self.string_list(entry["rules"], "rules", name)
                self.rule_names(suppression.rules, "rules", name)
            if "reason" in entry:
                suppression.reason = self.expect(entry["reason"], str, "reason", name)
            result.append(suppression)
        return result

    def limits(self, table: dict[str, Any], name: str | None) -> dict[str, Any]:
        result = {}
        for key, value in table.items():
            attribute, kind = LIMITS[key]
            value = self.expect(value, kind, key, name)
            if kind in (int, float):
                minimum = 0 if key in _NON_NEGATIVE else 1
                if value < minimum:
                    raise self.error(f"'{key}' {self.where(name)} must be at least "
                                     f"{minimum}, not {value!r}")
            if kind is str and not value.strip():
                raise self.error(f"'{key}' {self.where(name)} must not be empty")
            result[attribute] = value
        return result


_TYPE_NAMES = {bool: "true/false", int: "an integer", float: "a number", str: "a string",
               list: "a list", dict: "a table"}


def _rule_ids() -> list[str]:
    """The rules' ids, from the registry, imported when a configuration names rules: reading
    one that does not (and `footcheck check` before its first request) needs no rule."""
    from checker.rules.registry import rule_ids

    return rule_ids()


def _did_you_mean(key: str, allowed: Any) -> str:
    from rapidfuzz import process  # only for a key that is wrong

    best = process.extractOne(key, list(allowed), score_cutoff=75)
    return f" (did you mean '{best[0]}'?)" if best else ""
