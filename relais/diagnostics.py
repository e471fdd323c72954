"""Problems found in the content, reported the way compilers do: ``file:line:col: message``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One mistake an editor can fix, located in a content file (lines and columns count from 1)."""

    file: str
    line: int
    col: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}"


@dataclass
class Report:
    """Collects every diagnostic of a run so that all of them are shown at once."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, file: str | Path, line: int, col: int, message: str, severity: str = "error") -> None:
        self.items.append(Diagnostic(str(file), line, col, message, severity))

    def extend(self, other: "Report") -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return sorted(d for d in set(self.items) if d.severity == "error")

    @property
    def warnings(self) -> list[Diagnostic]:
        return sorted(d for d in set(self.items) if d.severity == "warning")

    @property
    def ok(self) -> bool:
        return not self.errors


class ContentError(Exception):
    """Raised when the content cannot be built; carries every diagnostic found."""

    def __init__(self, report: Report):
        self.report = report
        super().__init__(f"{len(report.errors)} error(s) in the content")
