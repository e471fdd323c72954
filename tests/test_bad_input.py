"""The bad-input corpus (tests/bad_input/cases.yml): each mistake gives exactly one clear line, a non-zero exit,
no traceback, and leaves the previously published site/ untouched. ``check`` gives the very same line first
(what ``build`` refuses, ``check`` refused: tests/test_check_build.py has the mistakes only rendering finds). A case with ``severity: warning`` is a
doubt, not a mistake: it gives exactly one warning line and nothing stops."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from relais.diagnostics import Report
from relais.load import load_files
from relais.validate import validate

sys.path.insert(0, str(Path(__file__).parent / "bad_input"))
from apply import CASES, apply  # noqa: E402

ERRORS = [case for case in CASES if case.get("severity", "error") == "error"]
WARNINGS = [case for case in CASES if case.get("severity") == "warning"]


def where(kit, case: dict) -> str:
    """The expected ``file:line:col``; ``{line}`` is the line of ``at`` in ``at_file`` (default: the broken file)."""
    found = case["where"]
    if "at" in case:
        line = kit.line_of(case.get("at_file", case["file"]), case["at"], case.get("nth", 1))
        found = found.replace("{line}", str(line))
    return found


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 30
    assert len({case["name"] for case in CASES}) == len(CASES)
    assert {case.get("severity", "error") for case in CASES} == {"error", "warning"}


@pytest.mark.parametrize("case", ERRORS, ids=[case["name"] for case in ERRORS])
def test_bad_input(kit, case):
    site = kit.root / "site"
    site.mkdir()
    (site / "index.html").write_text("the site published yesterday", encoding="utf-8")
    apply(case, kit.root / "content")
    expected = [f"{where(kit, case)}: error: {case['expect']}"]
    for command in ("check", "build"):
        result = kit.run(command)
        assert result.returncode == 1, command
        assert "Traceback" not in result.stdout + result.stderr
        assert "internal error" not in result.stdout + result.stderr
        assert [line for line in result.stderr.splitlines() if ": error: " in line] == expected, command
    assert (site / "index.html").read_text(encoding="utf-8") == "the site published yesterday"
    assert not [p for p in kit.root.iterdir() if p.name.startswith(".site-")]


@pytest.mark.parametrize("case", WARNINGS, ids=[case["name"] for case in WARNINGS])
def test_warning(kit, case):
    """Checked in-process (a passing build takes minutes): the line is the one ``check`` and ``build`` print."""
    apply(case, kit.root / "content")
    report = Report()
    validate(load_files(kit.root / "content", kit.root, report), report)
    assert report.errors == []
    assert [str(w) for w in report.warnings] == [f"{where(kit, case)}: warning: {case['expect']}"]
