"""The bad-input corpus (tests/bad_input/cases.yml): each mistake gives exactly one clear line, a non-zero exit,
no traceback, and leaves the previously published site/ untouched."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "bad_input"))
from apply import CASES, apply  # noqa: E402


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 30
    assert len({case["name"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_bad_input(kit, case):
    site = kit.root / "site"
    site.mkdir()
    (site / "index.html").write_text("the site published yesterday", encoding="utf-8")
    apply(case, kit.root / "content")
    where = case["where"]
    if "at" in case:
        where = where.replace("{line}", str(kit.line_of(case["file"], case["at"], case.get("nth", 1))))
    result = kit.run("build")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors == [f"{where}: error: {case['expect']}"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the site published yesterday"
    assert not [p for p in kit.root.iterdir() if p.name.startswith(".site-")]
