"""Running tasks: from the cache when their key is known, else on the executor, all problems collected.

One ``Engine`` serves a whole build (and, in ``serve``, every rebuild): one executor, opened on first need,
one cache, and the counts for the summary line (``built 12, reused 389``). The results of each stage's last
run stay in memory, so a rebuild in ``serve`` reads from disk only what it did not just make.
"""

from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Executor, Future, wait
from dataclasses import dataclass, field
from typing import Callable

from relais.engine.cache import Cache
from relais.engine.executor import open_executor
from relais.engine.progress import Progress
from relais.engine.task import Result, Task, execute


@dataclass
class Engine:
    cache: Cache
    progress: Progress = field(default_factory=Progress)
    executor_name: str | None = None
    jobs: int | None = None
    built: int = 0
    reused: int = 0
    _executor: Executor | None = None
    _close: Callable[[], None] | None = None
    _recent: dict = field(default_factory=dict)  # (label, check) -> {key: Result} of the last run

    def run(self, label: str, tasks: list[Task], check: bool = False) -> dict[str, Result]:
        """Results by task name. In ``check`` mode tasks only look for mistakes (nothing is drawn)."""
        names = [t.name for t in tasks]
        assert len(set(names)) == len(names), "task names must be unique"
        results: dict[str, Result] = {}
        todo = []
        # A build's result answers a check too (it found the same problems), so look there first.
        recent = [self._recent.get((label, False), {})] + ([self._recent.get((label, True), {})] if check else [])
        for task in tasks:
            cached = next((r[task.key] for r in recent if task.key in r), None) or self.cache.get(task.key, check)
            checked = self._checked(label, task) if cached is None and not check else None
            if checked is not None and not checked.ok:
                cached = checked  # the build would find the same mistakes, and draw nothing
            if cached is None:
                todo.append((task, checked))
            else:
                results[task.name] = cached
                self.reused += 1
        if todo:
            self.progress.start(label, len(todo))
            for task, result in self._execute(todo, check):
                self.cache.put(task.key, result, check)
                results[task.name] = result
                self.built += 1
                self.progress.advance()
            self.progress.done()
        self._recent[(label, check)] = {task.key: results[task.name] for task in tasks}
        return {name: results[name] for name in names}

    def _checked(self, label: str, task: Task) -> Result | None:
        """What a check of ``task`` found, for a build that goes on from it (``Task.resumes_check``)."""
        if not task.resumes_check:
            return None
        return self._recent.get((label, True), {}).get(task.key) or self.cache.get_checked(task.key)

    def _execute(self, tasks: list[tuple[Task, Result | None]], check: bool):
        if len(tasks) == 1 and self._executor is None:  # not worth starting workers for
            task, checked = tasks[0]
            yield task, execute(task.run, task.spec, check, checked)
            return
        executor = self.executor()
        futures: dict[Future, Task] = {executor.submit(execute, t.run, t.spec, check, checked): t
                                       for t, checked in tasks}
        pending = set(futures)
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in sorted(done, key=lambda f: futures[f].name):
                    yield futures[future], future.result()  # an exception here is a bug, not a content mistake
        except BrokenExecutor:
            self.close()  # a worker died (killed, out of memory): the next run starts a new pool
            raise
        finally:
            for future in pending:
                future.cancel()

    def executor(self) -> Executor:
        if self._executor is None:
            self._executor, self._close = open_executor(self.executor_name, self.jobs)
        return self._executor

    def close(self) -> None:
        if self._close is not None:
            self._close()
        self._executor = self._close = None

    def counts(self) -> tuple[int, int]:
        return self.built, self.reused

    def summary(self, since: tuple[int, int] = (0, 0)) -> str:
        """``built N, reused M``, counted from ``since`` (``counts()`` taken before: one preview update)."""
        return f"built {self.built - since[0]}, reused {self.reused - since[1]}"
