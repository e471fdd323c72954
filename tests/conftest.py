"""Shared fixtures: frozen kits to copy and break, the default kit built once per run, and the command line run
in this process.

- **Frozen kits** (``tests/fixtures/``): ``kit/`` is the default kit as it was when frozen (editors' edits of
  ``content/`` never break a test), less its Spanish (a second left-to-right translation: build time, no new
  case), ``tiny/`` the smallest kit that makes every kind of output. A copy of a kit
  gets the project's code folders (``theme/``, ``infographics/``, ``mkdocs.yml``) from the repository.
- **One cache per run**: ``RELAIS_CACHE_DIR`` points every project of the run at one results cache under the
  run's base temporary folder (shared by the xdist workers). Results are content-addressed, so a copied kit
  reuses whatever it did not change; a test that needs a cold build unsets it for itself
  (``monkeypatch.delenv("RELAIS_CACHE_DIR")``).
- **built_site**: the frozen default kit built once per run, by whichever worker asks first (a file lock and a
  marker file), in that worker's process, with one job per core.
- **Kit.run**: ``build.py`` in this process (``relais.cli.main``); ``Kit.run_subprocess`` for the one test that
  proves a real process shows no traceback.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from relais.engine.cache import Cache

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
KIT = FIXTURES / "kit" / "content"  # the default kit, frozen
TINY = FIXTURES / "tiny" / "content"  # French + Arabic, one guide: every kind of output, quickly
CODE = ("theme", "infographics", "mkdocs.yml")  # what a project needs besides content/: code, not content
ENGINE_COMMANDS = ("build", "check", "serve")  # the commands that take --jobs
SHARED = pytest.StashKey[Path]()


# -- one cache and one shared folder per run ----------------------------------------------------------------


@pytest.hookimpl(trylast=True)  # after the tmp_path plugin has set up the run's base temporary folder
def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):  # an xdist worker: its base temp is <the run's base temp>/popen-gwN
        shared = config._tmp_path_factory.getbasetemp().parent / "shared"
    else:
        shared = config._tmp_path_factory.getbasetemp() / "shared"
    (shared / "cache").mkdir(parents=True, exist_ok=True)
    config.stash[SHARED] = shared
    os.environ["RELAIS_CACHE_DIR"] = str(shared / "cache")


@pytest.fixture(scope="session")
def shared_dir(pytestconfig: pytest.Config) -> Path:
    """A folder shared by every worker of this run (the run's base temporary folder)."""
    return pytestconfig.stash[SHARED]


@contextlib.contextmanager
def locked(path: Path):
    """An exclusive lock between the workers of a run (released when the holder ends, even on a crash)."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# -- kits ---------------------------------------------------------------------------------------------------


@dataclass
class Ran:
    """What a command printed and returned (the fields of ``subprocess.CompletedProcess`` tests read)."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Kit:
    """A copy of a kit in a temporary folder: content/ plus the project's code folders."""

    root: Path
    # Makes the run's shared build first (``built_site``): a valid copy of the default kit then reuses its
    # results and makes only what the test changed.
    warm: Callable[[], object] | None = None

    def file(self, relpath: str) -> Path:
        return self.root / "content" / relpath

    def edit(self, relpath: str, old: str, new: str, count: int = 1) -> None:
        path = self.file(relpath)
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relpath}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    def line_of(self, relpath: str, needle: str, nth: int = 1) -> int:
        found = [number for number, line in enumerate(self.file(relpath).read_text(encoding="utf-8").splitlines(), 1)
                 if needle in line]
        assert len(found) >= nth, f"{needle!r} not {nth} time(s) in {relpath}"
        return found[nth - 1]

    def argv(self, args: tuple[str, ...], jobs: int | None) -> list[str]:
        argv = ["--project", str(self.root), *args]
        if args and args[0] in ENGINE_COMMANDS and "--jobs" not in args and jobs is not None:
            argv += ["--jobs", str(jobs)]
        return argv

    def run(self, *args: str, jobs: int | None = 1) -> Ran:
        """``build.py ARGS`` in this process, output captured. Builds and checks run their tasks in this
        process (``--jobs 1``) unless told otherwise: the other xdist worker has the other core."""
        from relais.cli import main

        if self.warm is not None and args and args[0] in ENGINE_COMMANDS and self.valid():
            self.warm()
        argv = self.argv(args, jobs)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse refusing the arguments
                code = exc.code if isinstance(exc.code, int) else 1
        return Ran(argv, code, out.getvalue(), err.getvalue())

    def valid(self) -> bool:
        """True when the content passes load and validation (a build of it goes on to render)."""
        from relais.pipeline import read
        from relais.project import Project

        try:
            read(Project(self.root))
        except Exception:  # ContentError, or whatever the command line will report itself
            return False
        return True

    def run_subprocess(self, *args: str, env: dict | None = None, timeout: int = 900) -> subprocess.CompletedProcess:
        """``python build.py ARGS`` as an editor runs it: a process of its own."""
        return subprocess.run([sys.executable, str(ROOT / "build.py"), *self.argv(args, None)], capture_output=True,
                              text=True, timeout=timeout, env={**os.environ, **(env or {})})


def copy_kit(target: Path, content: Path = KIT, warm: Callable[[], object] | None = None) -> Kit:
    """A project in ``target``: a copy of the kit's ``content`` and of the project's code folders."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(content, target / "content", symlinks=True)
    for name in CODE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return Kit(target, warm)


# Former name, kept for the test modules that import it.
copy_project = copy_kit


@pytest.fixture
def kit(tmp_path: Path, request: pytest.FixtureRequest) -> Kit:
    """A copy of the frozen default kit (French, English, Arabic) to break. Its first valid ``build``
    or ``check`` waits for the run's shared build, so that it makes only what the test changed."""
    return copy_kit(tmp_path / "kit", warm=lambda: request.getfixturevalue("built_site"))


@pytest.fixture
def tiny_kit(tmp_path: Path) -> Kit:
    """A copy of the tiny kit (French and Arabic, one guide)."""
    return copy_kit(tmp_path / "tiny", TINY)


def once_per_run(shared_dir: Path, name: str, make: Callable[[Path], dict]) -> dict:
    """``make(folder)`` run once for the whole run, by the first worker that asks (the others wait for it);
    every worker gets what it returned (JSON), and ``folder`` (``shared_dir / name``) to read, never to change.
    A failure is recorded like a success, so that every test that needs it fails with the same message."""
    folder, marker = shared_dir / name, shared_dir / f"{name}.json"
    with locked(shared_dir / f"{name}.lock"):
        if not marker.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a half-made folder left by a worker that crashed
            folder.mkdir()
            with pytest.MonkeyPatch.context() as env:  # into the run's cache, even if the test asking unset it
                env.setenv("RELAIS_CACHE_DIR", str(shared_dir / "cache"))
                made = make(folder)
            marker.write_text(json.dumps(made), encoding="utf-8")
    return json.loads(marker.read_text(encoding="utf-8"))


def ran(result: Ran) -> dict:
    return {"returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr}


@pytest.fixture(scope="session")
def built_site(shared_dir: Path) -> Path:
    """The frozen default kit built once for the whole run, shared by every worker (read it, never change it):
    built by the first worker that asks, in its own process, with one job per core."""
    from relais.engine.executor import usable_cpus

    result = once_per_run(shared_dir, "built", lambda folder: ran(copy_kit(folder / "kit").run("build",
                                                                                                  jobs=usable_cpus())))
    assert result["returncode"] == 0, result["stderr"]
    return shared_dir / "built" / "kit" / "site"


@pytest.fixture(scope="session")
def cold_tiny(shared_dir: Path) -> Path:
    """The tiny kit built once per run from nothing (its own cache, not the run's), in this process, with the
    local pool: what a cold build here makes, for the tests that compare another cold build with it (another
    folder, zone and locale; a Dask cluster). Its site folder; read it, never change it."""
    def make(folder: Path) -> dict:
        with pytest.MonkeyPatch.context() as env:
            env.delenv("RELAIS_CACHE_DIR")
            made = ran(copy_kit(folder / "kit", TINY).run("build", jobs=2))
        # Its results join the run's cache, so that later builds of the same kit reuse them.
        Cache(shared_dir / "cache" / "results").merge(Cache(folder / "kit" / ".relais-cache" / "results"))
        return made

    result = once_per_run(shared_dir, "cold-tiny", make)
    assert result["returncode"] == 0 and "reused 0" in result["stdout"], result["stderr"]
    return shared_dir / "cold-tiny" / "kit" / "site"


# Arabic in the frozen kit's site.yml, with its comment.
ARABIC = """  # Arabic: written with care by the Relais team, to be reviewed by a native speaker.
  # needs_review is never shown to readers; set it to false once a reviewer has signed off.
  - code: ar
    name: العربية
    direction: rtl
    locale: ar_SA
    needs_review: true
"""


LEFT_OUT_OF_LANGUAGES_SITE = ("guides/civic-minded.yml", "guides/smem-reflex.yml", "case-studies/boston-2013.yml")


@pytest.fixture(scope="session")
def languages_site(shared_dir: Path, built_site: Path) -> dict:
    """The default kit with its languages changed, built once per run: French and English only, English
    marked incomplete and missing one text, the alert banner on, and German added from a translator's PO file
    (test_site.py and test_i18n_build.py read it).

    Images and leaflets read their own language only, so after the shared build (it waits for it) this one
    makes the English and German ones and reuses the French. One build serves both tests, and it leaves out
    Arabic, which neither reads (test_site.py checks Arabic on the shared build), and what
    neither test reads (two guides and the case study: their English and German images and leaflets would be
    most of the build). What each step returned is in the dict; ``root`` is the kit."""
    def make(folder: Path) -> dict:
        from test_i18n_build import german_from_a_po_file
        from test_site import english_incomplete_with_alert

        kit = copy_kit(folder / "kit")
        kit.edit("site.yml", ARABIC, "")
        shutil.rmtree(kit.file("translations/ar"))
        for relpath in LEFT_OUT_OF_LANGUAGES_SITE:
            for path in (kit.file(relpath), kit.file(f"translations/en/{relpath}")):
                path.unlink()
        english_incomplete_with_alert(kit)
        steps = {"import": ran(german_from_a_po_file(kit))}
        steps["build"] = ran(kit.run("build"))
        steps["check"] = ran(kit.run("check"))  # after the build, which answers it: same tasks, same keys
        return steps

    return {**once_per_run(shared_dir, "languages", make), "root": shared_dir / "languages" / "kit"}


# -- order: the two long builds start at once, and what needs neither runs meanwhile -------------------------


def _needs(item: pytest.Item) -> int:
    """1: needs nothing shared; 2: copies the default kit (its valid builds wait for the shared one);
    3: reads a build made once per run (the shared one, or ``languages_site``)."""
    names = set(getattr(item, "fixturenames", ()))
    if names & {"built_site", "site_dir", "languages_site"} or item.get_closest_marker("browser"):
        return 3
    return 2 if "kit" in names else 1


@pytest.hookimpl(trylast=True)  # after -m and -k have deselected: the shares are of what runs
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Order the tests for ``--dist worksteal``, which first hands each of the N workers one contiguous
    N-th of the list, then lets an idle worker take the back half of another's queue.

    Each worker's share starts with a long build: the first with the first test that reads a build made once
    per run (the browser tests' own kit, or the shared build), the second with a test of ``languages_site``
    (it makes the shared build, if no worker has yet, then its own); then tests that need nothing shared, then tests of copies of the default kit (their builds
    reuse the shared one), then the other readers of the shared build. The order within each group is kept;
    every worker sorts the same collection the same way."""
    workers = int(getattr(config, "workerinput", {}).get("workercount", 1))
    needs = {id(item): _needs(item) for item in items}
    starters = [item for item in (next((i for i in items if needs[id(i)] == 3), None),
                                  next((i for i in items if "languages_site" in getattr(i, "fixturenames", ())), None))
                if item is not None]
    chosen = {id(item) for item in starters}
    rest = [item for item in items if id(item) not in chosen]
    early = [item for item in rest if needs[id(item)] == 1]
    late = [item for item in rest if needs[id(item)] == 2] + [item for item in rest if needs[id(item)] == 3]
    if workers < 2 or len(items) < 2 * workers:
        items[:] = starters + early + late
        return
    sizes, left = [], len(items)  # the shares worksteal hands out: len // workers, then the rest evenly
    for index in range(workers):
        sizes.append(left // (workers - index))
        left -= sizes[-1]
    lanes = [[starters[i]] if i < len(starters) else [] for i in range(workers)]
    room = [size - len(lane) for size, lane in zip(sizes, lanes)]
    total, done = sum(room), 0
    for lane, space in zip(lanes, room):  # the early tests, in proportion to each share's room
        lane.extend(early[len(early) * done // total:len(early) * (done + space) // total])
        done += space
    for lane, size in zip(lanes, sizes):  # then the late ones, to fill each share exactly
        need = size - len(lane)
        lane.extend(late[:need])
        del late[:need]
    items[:] = [item for lane in lanes for item in lane]
