"""Applies one corpus case to a kit (shared by the test and by the script that prints the current messages)."""

from __future__ import annotations

from pathlib import Path

import yaml

CASES = yaml.safe_load((Path(__file__).parent / "cases.yml").read_text(encoding="utf-8"))


def apply(case: dict, content_dir: Path) -> None:
    path = content_dir / case["file"]
    path.parent.mkdir(parents=True, exist_ok=True)
    encoding = "latin-1" if case.get("latin1") else "utf-8"
    if "symlink" in case:  # the file becomes a symbolic link to ``symlink`` (relative to the link's folder)
        path.unlink(missing_ok=True)
        path.symlink_to(case["symlink"])
        return
    if "write" in case:
        path.write_bytes(case["write"].encode(encoding))
        return
    text = path.read_text(encoding="utf-8")
    assert case["find"] in text, f"{case['name']}: {case['find']!r} not found"
    text = text.replace(case["find"], case["replace"], 1)
    if case.get("pad_kb"):
        text += "# " + "x" * (case["pad_kb"] * 1024) + "\n"
    path.write_bytes(text.encode(encoding))
