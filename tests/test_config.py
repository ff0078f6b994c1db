"""Reading [tool.footcheck] / footcheck.toml, and applying it to findings."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from checker.errors import ConfigError
from checker.linkcheck.settings import CheckSettings
from checker.model import Document, Finding, Footnote, Reference
from checker.rules.config import LIMITS, Config, load_config
from checker.rules.registry import RULES, apply_config, run_rules


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def config_from(tmp_path: Path, body: str, name: str = "footcheck.toml") -> Config:
    if name == "pyproject.toml":
        body = re.sub(r"^(\[+)", r"\1tool.footcheck.", body, flags=re.MULTILINE)
        body = "[project]\nname = 'x'\n\n[tool.footcheck]\n" + body
    write(tmp_path, name, body)
    return load_config(tmp_path)


# -- reading ----------------------------------------------------------------------------------


def test_no_file_gives_defaults(tmp_path: Path):
    config = load_config(tmp_path)
    assert config.path is None or config.path.name in ("pyproject.toml", "footcheck.toml")
    assert Config().is_enabled("date-implausible")


def test_pyproject_table_with_every_kind_of_key(tmp_path: Path):
    config = config_from(tmp_path, """
fail-on = "warning"
document-date = 2020-06-15
select = ["date-*", "domain-typo", "link-*"]
ignore = ["link-blocked"]
exclude-links = ['^https?://(www\\.)?facebook\\.com/']
per-host = 3
timeout = 30

[rules]
domain-typo = "error"
date-implausible = { severity = "warning" }

[limits]
retries = 0
user-agent = "footcheck-test"

[[suppress]]
document = "000_*.txt"
footnotes = [58, 59]
rules = ["date-implausible"]
reason = "checked by hand"
""", name="pyproject.toml")
    assert config.path == tmp_path / "pyproject.toml"
    assert config.fail_on == "warning" and config.document_date == "2020-06-15"
    assert config.is_enabled("date-implausible") and config.is_enabled("link-broken")
    assert not config.is_enabled("link-blocked") and not config.is_enabled("missing-url")
    assert config.severity_for("domain-typo", "warning") == "error"
    assert config.severity_for("date-implausible", "error") == "warning"
    assert config.severity_for("missing-date", "warning") == "warning"
    assert config.check == {
        "excludes": ["^https?://(www\\.)?facebook\\.com/"], "per_host": 3, "deadline": 30.0,
        "retries": 0, "user_agent": "footcheck-test",
    }
    assert config.suppress[0].footnotes == [58, 59]


def test_footcheck_toml_wins_over_pyproject_and_is_found_from_a_subfolder(tmp_path: Path):
    write(tmp_path, "pyproject.toml", "[tool.footcheck]\nfail-on = 'info'\n")
    write(tmp_path, "footcheck.toml", "fail-on = 'never'\n")
    inner = tmp_path / "docs" / "papers"
    inner.mkdir(parents=True)
    assert load_config(inner).fail_on == "never"


def test_pyproject_without_the_table_is_skipped(tmp_path: Path):
    write(tmp_path, "footcheck.toml", "fail-on = 'info'\n")
    inner = tmp_path / "project"
    inner.mkdir()
    write(inner, "pyproject.toml", "[project]\nname = 'x'\n")
    assert load_config(inner).fail_on == "info"


def test_explicit_file(tmp_path: Path):
    path = write(tmp_path, "other.toml", "fail-on = 'warning'\n")
    assert load_config(Path("/"), path).fail_on == "warning"
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path, tmp_path / "missing.toml")


def test_every_limit_maps_onto_a_check_setting():
    fields = {f.name: f.type for f in dataclasses.fields(CheckSettings)}
    for key, (attribute, _) in LIMITS.items():
        assert attribute in fields, key


def test_every_limit_reaches_the_settings_by_setattr(tmp_path: Path):
    config = config_from(tmp_path, "per-host = 1\nmax-age = 60\narchive = false\n")
    settings = CheckSettings()
    for name, value in config.check.items():
        setattr(settings, name, value)
    assert (settings.per_host, settings.max_age, settings.archive) == (1, 60.0, False)


# -- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "expected"), [
    ("rulez = {}\n", "unknown key 'rulez' in [tool.footcheck] (did you mean 'rules'?)"),
    ("[rules.date-implausible]\nseverity = 'error'\nlevel = 1\n",
     "unknown key 'level' in [tool.footcheck.rules.date-implausible]"),
    ("[rules]\ndate-implausibel = false\n",
     "unknown key 'date-implausibel' in [tool.footcheck.rules] (did you mean "
     "'date-implausible'?)"),
    ("[limits]\nper-hots = 2\n", "unknown key 'per-hots' in [tool.footcheck.limits] (did you "
     "mean 'per-host'?)"),
    ("[[suppress]]\nfootnote = [1]\n",
     "unknown key 'footnote' in [[tool.footcheck.suppress]] entry 1 (did you mean "
     "'footnotes'?)"),
    ("[rules]\nzzz = true\n", "unknown key 'zzz' in [tool.footcheck.rules]"),
])
def test_unknown_keys_are_named(tmp_path: Path, body: str, expected: str):
    with pytest.raises(ConfigError) as error:
        config_from(tmp_path, body, name="pyproject.toml")
    assert str(error.value) == f"pyproject.toml: {expected}"


def test_unknown_key_at_the_top_of_footcheck_toml(tmp_path: Path):
    with pytest.raises(ConfigError, match=r"^footcheck.toml: unknown key 'rulez' at the top"):
        config_from(tmp_path, "rulez = 1\n")
    with pytest.raises(ConfigError, match=r"without \[tool.footcheck\]"):
        config_from(tmp_path, "[tool.footcheck]\nfail-on = 'error'\n")


@pytest.mark.parametrize(("body", "expected"), [
    ("per-host = 'two'\n", "'per-host' in [tool.footcheck] must be an integer, not a string"),
    ("per-host = true\n", "'per-host' in [tool.footcheck] must be an integer"),
    ("per-host = 0\n", "'per-host' in [tool.footcheck] must be at least 1"),
    ("timeout = 'slow'\n", "'timeout' in [tool.footcheck] must be a number"),
    ("select = 'date-implausible'\n", "'select' in [tool.footcheck] must be a list"),
    ("select = ['date-implausable']\n", "unknown rule 'date-implausable'"),
    ("fail-on = 'fatal'\n", "'fail-on' in [tool.footcheck] must be one of error, warning"),
    ("document-date = 'someday'\n", "'document-date' in [tool.footcheck] is not a date"),
    ("exclude-links = ['([']\n", "invalid regular expression"),
    ("[rules]\nmissing-url = 'loud'\n", "must be one of error, warning, info"),
    ("[rules]\nmissing-url = 3\n", "must be true/false, a severity"),
    ("[rules.missing-url]\nenabled = 'yes'\n", "'enabled' in [tool.footcheck.rules.missing-url]"
     " must be true/false"),
    ("[[suppress]]\nfootnotes = ['58']\n", "'footnotes' in [[tool.footcheck.suppress]] entry 1"
     " must be an integer"),
    ("suppress = [1]\n", "must be a list of tables"),
    ("retries = 1\n[limits]\nretries = 2\n", "'retries' is set both"),
])
def test_wrong_types_and_values(tmp_path: Path, body: str, expected: str):
    with pytest.raises(ConfigError) as error:
        config_from(tmp_path, body, name="pyproject.toml")
    assert expected in str(error.value)
    assert str(error.value).startswith("pyproject.toml: ")


def test_invalid_toml_names_the_line(tmp_path: Path):
    with pytest.raises(ConfigError) as error:
        config_from(tmp_path, "fail-on = 'error'\nper-host = = 2\n")
    assert "footcheck.toml: invalid TOML" in str(error.value) and "line 2" in str(error.value)


# -- applying ---------------------------------------------------------------------------------


def finding(rule: str, document: str = "refs/sources/000_x.txt", notes=(58,),
            severity: str = "warning") -> Finding:
    return Finding(rule=rule, severity=severity, message="m", document=document,
                   footnotes=list(notes), line=3)


def test_apply_config_severity_override_disabled_rule_and_suppression(tmp_path: Path):
    config = config_from(tmp_path, """
[rules]
link-broken = "warning"
link-blocked = false

[[suppress]]
document = "000_*.txt"
footnotes = [58, 59]
rules = ["date-implausible"]
""")
    kept = apply_config([
        finding("link-broken", severity="error"),
        finding("link-blocked"),
        finding("date-implausible", notes=[59]),
        finding("date-implausible", notes=[58, 60]),  # 60 is not suppressed
        finding("date-implausible", document="refs/sources/001_y.txt", notes=[59]),
        finding("numbering", notes=[59]),
    ], config)
    assert [(f.rule, f.severity, f.document[-9:], f.footnotes) for f in kept] == [
        ("link-broken", "warning", "000_x.txt", [58]),
        ("date-implausible", "warning", "000_x.txt", [58, 60]),
        ("date-implausible", "warning", "001_y.txt", [59]),
        ("numbering", "warning", "000_x.txt", [59]),
    ]


def test_suppressing_a_whole_document_or_a_rule_everywhere(tmp_path: Path):
    config = config_from(tmp_path, """
[[suppress]]
document = "drafts/*"

[[suppress]]
rules = ["missing-*"]
""")
    kept = apply_config([finding("link-broken", document="drafts/a.md"),
                         finding("missing-url"), finding("link-broken")], config)
    assert [(f.rule, f.document) for f in kept] == [("link-broken", "refs/sources/000_x.txt")]


def late_doc() -> Document:
    return Document(path="p.md", id="p", text="", date="2020", date_source="stated",
                    footnotes=[Footnote(number=1, line=5, text="", references=[
                        Reference(title="Late", date="2021-05-05", type="report")])])


def test_run_rules_honours_severity_enabled_and_suppressions(tmp_path: Path):
    doc = late_doc()
    default = run_rules([doc], None, today="2025-01-01")
    assert [(f.rule, f.severity) for f in default] == [("date-implausible", "error")]

    config = config_from(tmp_path, "[rules]\ndate-implausible = 'info'\n")
    assert [f.severity for f in run_rules([doc], config, today="2025-01-01")] == ["info"]

    config = config_from(tmp_path, "ignore = ['date-*']\n")
    assert run_rules([doc], config, today="2025-01-01") == []

    config = config_from(tmp_path, "[[suppress]]\ndocument = 'p.md'\nfootnotes = [1]\n")
    assert run_rules([doc], config, today="2025-01-01") == []


def test_select_keeps_only_the_rules_named_unless_a_rule_is_enabled_explicitly(tmp_path):
    config = config_from(tmp_path, "select = ['missing-*']\n[rules]\nduplicate-document = true\n")
    enabled = {rule.id for rule in RULES if config.is_enabled(rule.id)}
    assert enabled == {"missing-url", "missing-date", "missing-title", "duplicate-document"}


def test_reading_the_configuration_imports_no_rule(tmp_path: Path) -> None:
    """`footcheck check` reads its configuration before its first request: that needs neither
    the rules nor rapidfuzz (imported when a configuration names rules, or is wrong)."""
    import subprocess
    import sys

    (tmp_path / "footcheck.toml").write_text("fail-on = 'warning'\nper-host = 3\n")
    code = ("import sys; from pathlib import Path; from checker.rules.config import load_config;"
            f" config = load_config(Path({str(tmp_path)!r}), None);"
            " print(config.fail_on, sorted(m for m in sys.modules"
            " if m.startswith(('checker.rules.', 'rapidfuzz'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split(" ", 1)
    assert out[0] == "warning" and out[1].strip() == "['checker.rules.config']"
