"""Tasks: every output of a build is made by one, keyed on a hash of everything it reads.

A task holds a module-level function and a picklable spec, so the same task runs in this process, in a
local worker process or on a Dask worker. It returns a ``Result``: the bytes of the files it made (never
written by the worker: one writer writes them), the content mistakes it found (``Problem``, located later by
the main process, which has the YAML positions) and small facts others need (a PDF's page count).

``check=True`` asks a task for its mistakes only, without drawing: infographics are laid out but not
rasterised, PDFs laid out but not written, so ``check`` finds everything ``build`` would refuse.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass(frozen=True)
class Problem:
    """A content mistake found while rendering: where it comes from (a content file and the key of a value in
    it, ids for list entries), in which language, and a sentence saying what to fix."""

    relpath: str  # content file relative to content/, e.g. "guides/prepare.yml"
    key: tuple = ()  # e.g. ("items", "follow-official-accounts", "text")
    lang: str = ""
    message: str = ""
    severity: str = "error"


@dataclass
class Result:
    files: dict[str, bytes] = field(default_factory=dict)  # path under the output folder -> bytes
    problems: list[Problem] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


@dataclass(frozen=True)
class Task:
    """One output (or a few that are always made together, like a PNG and its SVG)."""

    name: str  # unique and readable: "fr/print/prepare-fr-a4.pdf"
    kind: str  # "image", "print", "font", "pages", ... (progress and --dry-run group by it)
    # run(spec, check) -> Result, or run(spec, check, checked) with resumes_check; a module-level function
    run: Callable[..., Result]
    spec: Any
    inputs: tuple[tuple[str, str], ...]  # (what, digest): all that the output depends on
    # A build may go on from what a check of this very task found: its problems (found again by the build,
    # which then draws nothing) answer the build; its facts reach ``run(spec, check, checked)``.
    resumes_check: bool = False

    @property
    def key(self) -> str:
        sha = hashlib.sha256(self.kind.encode())
        for what, value in self.inputs:
            sha.update(b"\0" + what.encode() + b"=" + value.encode())
        return sha.hexdigest()


def execute(task_run: Callable[..., Result], spec: Any, check: bool, checked: Result | None = None) -> Result:
    """Worker entry point (module level, so executors can pickle it by reference)."""
    return task_run(spec, check) if checked is None else task_run(spec, check, checked)
