"""What the last build's tasks read, input by input, so that ``--dry-run`` can say what changed since."""

from __future__ import annotations

import json
import os
from pathlib import Path

from relais.engine.task import Task

def record(path: Path, tasks: list[Task]) -> None:
    """Remember the inputs of every task of this build, for the next ``--dry-run``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    known = previous(path)
    known.update({t.name: dict(t.inputs) for t in tasks})
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(known, sort_keys=True, indent=0), encoding="utf-8")
    temporary.replace(path)


def previous(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
