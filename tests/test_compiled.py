"""The compiled parser (checker/compiled.py): used only when built from the sources as they
are, and the same program as those sources."""

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import checker.references.fields
from checker.compiled import (
    MANIFEST,
    MODULES,
    PURE_PYTHON_VARIABLE,
    build_is_current,
    is_compiled,
    source_hashes,
    source_path,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "refs" / "sources"
FIXTURES = ROOT / "tests" / "fixtures" / "extract"


def copy_of_sources(tmp_path: Path, manifest: bool = True) -> Path:
    """A package folder holding the compiled set's sources and, maybe, their manifest."""
    for module in MODULES:
        source = source_path(module, ROOT)
        target = tmp_path / source.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    package = tmp_path / "checker"
    if manifest:
        (package / MANIFEST).write_text(json.dumps(source_hashes(tmp_path)), encoding="utf-8")
    return package


def test_a_build_is_current_only_for_the_sources_it_was_built_from(tmp_path, monkeypatch):
    monkeypatch.delenv(PURE_PYTHON_VARIABLE, raising=False)
    package = copy_of_sources(tmp_path)
    assert build_is_current(package)

    edited = source_path("checker.references.dates", tmp_path)
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert not build_is_current(package)


def test_no_manifest_a_broken_one_or_the_pure_python_switch_mean_sources(tmp_path, monkeypatch):
    monkeypatch.delenv(PURE_PYTHON_VARIABLE, raising=False)
    assert not build_is_current(copy_of_sources(tmp_path / "a", manifest=False))
    broken = copy_of_sources(tmp_path / "b")
    (broken / MANIFEST).write_text("{not json", encoding="utf-8")
    assert not build_is_current(broken)

    current = copy_of_sources(tmp_path / "c")
    monkeypatch.setenv(PURE_PYTHON_VARIABLE, "1")
    assert not build_is_current(current)
    monkeypatch.setenv(PURE_PYTHON_VARIABLE, "0")
    assert build_is_current(current)


def run_python(code: str, pure: bool) -> str:
    env = {k: v for k, v in os.environ.items() if k != PURE_PYTHON_VARIABLE}
    if pure:
        env[PURE_PYTHON_VARIABLE] = "1"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, cwd=ROOT, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_pure_python_switch_imports_every_module_of_the_set_from_its_source():
    code = ("import importlib, json, sys; from checker.compiled import MODULES; "
            "print(json.dumps([importlib.import_module(m).__file__ for m in MODULES]))")
    files = json.loads(run_python(code, pure=True))
    assert files == [str(source_path(module, ROOT)) for module in MODULES]


def parse_as_json(paths: list[str], pure: bool) -> dict:
    code = ("import sys; from checker.cli import main; "
            f"sys.exit(main(['parse', '--no-write', '--quiet', '--format', 'json', *{paths!r}]))")
    return json.loads(run_python(code, pure=pure))


@pytest.mark.skipif(not is_compiled(checker.references.fields),
                    reason="footcheck runs from its sources here: nothing compiled to compare")
def test_compiled_and_source_parsers_give_the_same_result(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import parse_bench
    finally:
        sys.path.remove(str(ROOT / "bench"))
    generated = tmp_path / "generated.md"  # every style of the benchmark, on the workers
    generated.write_text(parse_bench.markdown_paper(6000, random.Random(3)), encoding="utf-8")
    paths = [str(SAMPLES), *sorted(str(p) for p in FIXTURES.iterdir()), str(generated)]

    compiled, sources = parse_as_json(paths, pure=False), parse_as_json(paths, pure=True)

    assert len(compiled["documents"]) > len(paths)  # the samples folder holds several
    assert sum(len(doc["footnotes"]) for doc in compiled["documents"]) > 6000
    assert compiled == sources
