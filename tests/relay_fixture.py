"""The relay fixture kit (tests/fixtures/relay/README.md): the tiny kit, its edition overlay and the relay
overlay, laid one over the other; and its build, made once per run for the tests that read it."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, TINY, Kit, copy_kit, once_per_run, ran

OVERLAYS = (FIXTURES / "edition" / "content", FIXTURES / "relay" / "content")


def relay_kit(target: Path) -> Kit:
    kit = copy_kit(target, TINY)
    for overlay in OVERLAYS:
        shutil.copytree(overlay, kit.root / "content", dirs_exist_ok=True)
    return kit


def built_relay_kit(shared_dir: Path) -> Path:
    """The relay fixture built once per run (read it, never change it); its site folder."""
    result = once_per_run(shared_dir, "relay", lambda folder: ran(relay_kit(folder / "kit").run("build")))
    assert result["returncode"] == 0, result["stderr"]
    return shared_dir / "relay" / "kit" / "site"
