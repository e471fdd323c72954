"""Progress of long work: a bar on a terminal (tqdm), plain lines in a log or CI, nothing when quiet."""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    """One stage at a time: ``start(label, total)``, ``advance()`` per finished task, ``done()``."""

    def __init__(self, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.bar = None
        self.label = ""
        self.total = self.count = 0
        self.step = 1

    @property
    def interactive(self) -> bool:
        return self.enabled and hasattr(self.stream, "isatty") and self.stream.isatty()

    def line(self, text: str) -> None:
        if self.enabled:
            print(text, file=self.stream, flush=True)

    def start(self, label: str, total: int) -> None:
        self.done()
        self.label, self.total, self.count = label, total, 0
        if not self.enabled or total == 0:
            return
        if self.interactive:
            import tqdm

            tqdm.tqdm.monitor_interval = 0  # no monitor thread: worker processes may be forked
            self.bar = tqdm.tqdm(total=total, desc=label, unit="file", file=self.stream, leave=False,
                                 dynamic_ncols=True)
        else:
            self.step = max(1, total // 4)
            self.line(f"{label}: {total} to make")

    def advance(self) -> None:
        self.count += 1
        if self.bar is not None:
            self.bar.update(1)
        elif self.enabled and self.total and (self.count % self.step == 0) and self.count < self.total:
            self.line(f"{self.label}: {self.count}/{self.total}")

    def done(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
        if self.enabled and self.total:
            self.line(f"{self.label}: {self.count}/{self.total} made")
        self.total = 0
