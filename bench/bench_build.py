"""Whole builds on a copy of the project: cold (empty cache), unchanged, after a one-sentence edit, and synthetic
kits of 10, 20 and 40 guides in 4 languages (the time per output must stay flat as the kit grows).

Run: ``.venv/bin/python bench/bench_build.py`` (``--quick`` skips the synthetic kits; ``--sizes 10,20``).
Each build is the real command line in its own process, as an editor runs it.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("content", "theme", "infographics", "mkdocs.yml", "schemas")
SENTENCE = ("guides/prepare.yml", "text: ", "text: Une phrase modifiée pour le banc d’essai. ")


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    return target


def timed_build(project: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--project", str(project), "build"],
                          check=True, capture_output=True, text=True)
    summary = re.search(r"built \d+, reused \d+", done.stdout)
    return time.perf_counter() - start, summary.group(0) if summary else "?"


def edit_one_sentence(project: Path) -> None:
    relpath, old, new = SENTENCE
    path = project / "content" / relpath
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_guides(project: Path, count: int) -> None:
    """``count`` more guides, copies of ``prepare`` in every language with their own ids."""
    content = project / "content"
    sources = [content / "guides" / "prepare.yml", *sorted(content.glob("translations/*/guides/prepare.yml"))]
    for number in range(count):
        guide_id = f"synthetic-{number + 1:03d}"
        for source in sources:
            text = source.read_text(encoding="utf-8")
            text = re.sub(r"^id: prepare$", f"id: {guide_id}", text, count=1, flags=re.M)
            text = re.sub(r"^order: \d+$", f"order: {100 + number}", text, count=1, flags=re.M)
            (source.parent / f"{guide_id}.yml").write_text(text, encoding="utf-8")


def outputs(project: Path) -> int:
    return sum(1 for p in (project / "site").rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="only the default kit")
    parser.add_argument("--sizes", default="10,20,40", help="synthetic kits: numbers of guides")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "kit")
        cold, cold_summary = timed_build(project)
        files = outputs(project)
        warm, warm_summary = timed_build(project)
        edit_one_sentence(project)
        edited, edited_summary = timed_build(project)
        print(f"default kit, cold cache:           {cold:6.1f} s  ({files} files; {cold_summary})")
        print(f"default kit, nothing changed:      {warm:6.1f} s  ({warm_summary})")
        print(f"default kit, one sentence edited:  {edited:6.1f} s  ({edited_summary})")
        if args.quick:
            return
        for size in (int(s) for s in args.sizes.split(",")):
            kit = copy_project(Path(tmp) / f"kit-{size}")
            add_guides(kit, size - 4)  # the default kit has 4 guides
            seconds, summary = timed_build(kit)
            count = outputs(kit)
            print(f"{size:3d} guides x 4 languages, cold:   {seconds:6.1f} s  ({count} files, "
                  f"{1000 * seconds / count:5.1f} ms a file; {summary})")


if __name__ == "__main__":
    main()
