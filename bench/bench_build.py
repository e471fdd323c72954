"""Whole build, cold (empty render cache) and warm (cache filled), on a copy of the project.

Run: ``.venv/bin/python bench/bench_build.py``
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("content", "theme", "infographics", "mkdocs.yml", "schemas")


def timed_build(project: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--project", str(project), "build"],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "kit"
        project.mkdir()
        for name in COPIED:
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
        cold = timed_build(project)
        warm = timed_build(project)
        files = sum(1 for p in (project / "site").rglob("*") if p.is_file())
    print(f"build, cold cache: {cold:6.1f} s")
    print(f"build, warm cache: {warm:6.1f} s   ({files} files in site/)")


if __name__ == "__main__":
    main()
