"""compile_lazily: a pattern compiled on first use, answering like the compiled one."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from checker.lazypattern import compile_lazily


def test_not_compiled_until_used():
    broken = compile_lazily(r"(unclosed")  # re.compile would raise here
    assert broken.pattern == r"(unclosed"
    with pytest.raises(re.error):
        broken.search("text")


def test_answers_like_the_compiled_pattern():
    source, flags = r"(?P<day>\d{1,2}) (?P<month>[a-z]+)", re.IGNORECASE
    lazy, compiled = compile_lazily(source, flags), re.compile(source, flags)
    text = "On 5 March and 12 april."
    assert lazy.search(text).groupdict() == compiled.search(text).groupdict()
    assert lazy.findall(text) == compiled.findall(text)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.sub("<date>", text) == compiled.sub("<date>", text)
    assert lazy.split(text) == compiled.split(text)
    assert lazy.match(text) is None and lazy.fullmatch("5 May") is not None
    assert lazy.groupindex == compiled.groupindex and lazy.groups == 2


def test_importing_the_parse_compiles_few_patterns():
    """The readers' patterns wait for their first use (start-up of `footcheck check`)."""
    script = (
        "import re\n"
        "compiled = []\n"
        "original = re.compile\n"
        "re.compile = lambda *a, **k: compiled.append(a) or original(*a, **k)\n"
        "import checker.parse\n"
        "print(len(compiled))\n"
    )
    count = int(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                               check=True).stdout)
    assert count < 60  # of some 550 module-level patterns


def test_every_module_pattern_compiles():
    """A pattern compiled on first use would otherwise show a mistake only when a rare note
    first reaches it: every module-level `LazyPattern` of the package is compiled here."""
    import importlib
    import pkgutil

    import checker
    from checker.lazypattern import LazyPattern

    found = 0
    for module_info in pkgutil.walk_packages(checker.__path__, "checker."):
        if module_info.name == "checker.__main__":
            continue
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if isinstance(value, LazyPattern):
                re.compile(value.pattern, value.flags)  # raises re.error for a mistake
                found += 1
    assert found > 500
