"""Shared fixtures: a throw-away copy of the project to break, and a way to run the real command line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("content", "theme", "infographics", "mkdocs.yml", "build.py", "schemas")


@dataclass
class Kit:
    """A copy of the project in a temporary folder."""

    root: Path

    def file(self, relpath: str) -> Path:
        return self.root / "content" / relpath

    def edit(self, relpath: str, old: str, new: str, count: int = 1) -> None:
        path = self.file(relpath)
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relpath}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    def line_of(self, relpath: str, needle: str, nth: int = 1) -> int:
        found = [number for number, line in enumerate(self.file(relpath).read_text(encoding="utf-8").splitlines(), 1)
                 if needle in line]
        assert len(found) >= nth, f"{needle!r} not {nth} time(s) in {relpath}"
        return found[nth - 1]

    def run(self, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(ROOT / "build.py"), "--project", str(self.root), *args],
                              capture_output=True, text=True, timeout=timeout)


def copy_project(target: Path) -> Kit:
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.exists():
            shutil.copy2(source, target / name)
    cache = ROOT / ".relais-cache"
    if cache.is_dir():  # renders keyed on a hash of their inputs: reuse them, outputs stay identical
        shutil.copytree(cache, target / ".relais-cache")
    return Kit(target)


@pytest.fixture
def kit(tmp_path: Path) -> Kit:
    return copy_project(tmp_path / "kit")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The default kit built once for the whole test session, from a copy of the project."""
    kit = copy_project(tmp_path_factory.mktemp("built") / "kit")
    result = kit.run("build")
    assert result.returncode == 0, result.stderr
    return kit.root / "site"
