"""Where tasks run: a ``concurrent.futures.Executor`` for the whole build.

- ``local`` (default): a process pool, one worker per CPU this process may use (``os.sched_getaffinity``);
  ``--jobs N`` overrides. Workers keep their fonts, parsed stylesheets and WeasyPrint session between tasks.
- ``--jobs 1``: every task in this process, one after the other (debugging, tiny kits).
- ``dask://HOST:PORT``: the same tasks on a Dask distributed cluster (optional extra ``relais[cluster]``).
  Workers only return bytes; this process writes them, so ``site/`` stays atomic and identical.

The pool is started only when a task has to run: a build served from the cache starts no process.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import threading
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any, Callable

# Imported once by the fork server, so that every worker starts with them loaded.
PRELOAD = ["relais.engine.task", "relais.render.images.tasks", "relais.render.print.tasks", "relais.render.web.tasks"]


class ExecutorError(Exception):
    """The executor asked for cannot be used (bad address, missing extra); the message says what to do."""


def usable_cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class InlineExecutor(Executor):
    """Runs each task at once in this process (``--jobs 1``)."""

    def submit(self, fn: Callable, /, *args: Any, **kwargs: Any) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed to the caller through the future, as a pool would
            future.set_exception(exc)
        return future


def local_pool(jobs: int) -> Executor:
    if jobs <= 1:
        return InlineExecutor()
    # fork is fastest (workers inherit loaded fonts and modules) but unsafe once threads run (``serve``'s
    # watcher, a Dask client); the fork server then starts clean workers with our modules preloaded.
    if threading.active_count() == 1:
        context = multiprocessing.get_context("fork")
    else:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context)


def dask_executor(address: str) -> tuple[Executor, Callable[[], None]]:
    try:
        from distributed import Client
    except ImportError:
        raise ExecutorError("the Dask executor needs the optional extra: pip install 'relais[cluster]'") from None
    try:
        client = Client(address, timeout="5s", set_as_default=False)
    except OSError as exc:
        raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    return client.get_executor(pure=False), client.close


def open_executor(executor: str | None, jobs: int | None) -> tuple[Executor, Callable[[], None]]:
    """The executor for ``--executor`` / ``--jobs``, and how to close it."""
    if executor and executor.startswith("dask://"):
        address = executor.removeprefix("dask://")
        if not re.fullmatch(r"[A-Za-z0-9.\-]+:\d{1,5}|\[[0-9A-Fa-f:]+\]:\d{1,5}", address):
            raise ExecutorError(f"'{executor}' is not a Dask scheduler address; write dask://HOST:PORT, "
                                "e.g. dask://10.0.0.5:8786")
        return dask_executor("tcp://" + address)
    if executor not in (None, "", "local"):
        raise ExecutorError(f"unknown executor {executor!r}; use 'local' or dask://HOST:PORT")
    pool = local_pool(jobs or usable_cpus())
    return pool, lambda: pool.shutdown(wait=True, cancel_futures=True)
