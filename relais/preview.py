"""The rebuilds of ``serve``: the edited page first, then everything else, and the diagnostics when it breaks.

1. The new texts are checked where they are drawn in images (fast: no rasterising); the pages of the edited
   language are built with the images and PDFs of the last good build standing in for those that change,
   and published (the browser reloads).
2. The full build follows: new images and PDFs, other languages; published again (the browser reloads).

Any mistake is printed as ``file:line:col: error: ...`` and handed to the browser, which shows it above the
last good page. No traceback reaches the terminal (``RELAIS_DEBUG=1`` shows it).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from typing import Callable

from relais.diagnostics import ContentError
from relais.engine.runner import Engine
from relais.engine.task import Result
from relais.pipeline import raise_problems, read
from relais.plan import Plans
from relais.project import Project
from relais.render.web.root import bundle_name
from relais.source import ParseCache
from relais.write import publish

DEBOUNCE_SECONDS = 0.05


class Preview:
    def __init__(self, project: Project, engine: Engine, on_step: Callable[[list[str]], None]) -> None:
        self.project = project
        self.engine = engine
        self.on_step = on_step
        self.media: dict[str, Result] = {}  # results of the last good build, by task name
        self.pages: dict[str, Result] = {}
        self.files: dict[str, bytes] | None = None  # what site/ holds now
        self.parsed = ParseCache(project.cache_dir / "parsed")
        self.counted = engine.counts()  # the engine's counts when this update began: its summary is its own

    def rebuild(self, changed: set[Path] | None = None) -> None:
        started, self.counted = time.perf_counter(), self.engine.counts()
        try:
            self._rebuild(changed or set(), started)
        except ContentError as exc:
            errors = [str(d) for d in exc.report.errors]
            for line in errors:
                print(line, file=sys.stderr, flush=True)
            print("The preview still shows the last good build.", file=sys.stderr, flush=True)
            self.on_step(errors)
        except Exception as exc:  # a preview keeps running; developers set RELAIS_DEBUG=1 for the traceback
            if os.environ.get("RELAIS_DEBUG"):
                raise
            line = f"internal error: {type(exc).__name__}: {exc} (the preview still shows the last good build)"
            print(line, file=sys.stderr, flush=True)
            self.on_step([line])

    def _rebuild(self, changed: set[Path], started: float) -> None:
        engine, project = self.engine, self.project
        content, loaded, report = read(project, self.parsed)
        plan = Plans.make(content, project)
        tasks = plan.media_tasks()
        known = {t.name: engine.cache.get(t.key) for t in tasks}
        stale = [t for t in tasks if known[t.name] is None]
        if stale and self.media and self.pages:
            checked = engine.run("checking", [t for t in stale if t.kind == "image"], check=True)
            raise_problems(plan, loaded, report, checked)
            standing_in = {t.name: known[t.name] or self.media.get(t.name) for t in tasks}
            if all(r is not None and r.ok for r in standing_in.values()):
                first = self._languages(changed, content.site.default_language)
                page_tasks = [t for t in plan.page_tasks(standing_in) if t.name.split("/", 1)[0] in first]
                pages = {**self.pages, **engine.run("web pages", page_tasks)}
                raise_problems(plan, loaded, report, pages)
                bundle = self.files.get(bundle_name(content)) if self.files else None
                self._publish(plan.site_files(standing_in, pages, bundle))
                print(f"Pages of {', '.join(sorted(first))} updated in {time.perf_counter() - started:.1f} s; "
                      "images and PDFs follow.", flush=True)
                self.on_step([])
        media = engine.run("images and print", tasks)
        raise_problems(plan, loaded, report, {**media, **plan.relay_checks(media)})
        pages = engine.run("web pages", plan.page_tasks(media))
        raise_problems(plan, loaded, report, pages)
        self._publish(plan.site_files(media, pages))
        self.media, self.pages = media, pages
        for line in report.warnings:
            print(line, file=sys.stderr, flush=True)
        print(f"Site updated in {time.perf_counter() - started:.1f} s ({engine.summary(self.counted)}).", flush=True)
        self.on_step([])

    def _publish(self, files: dict[str, bytes]) -> None:
        publish(self.project.site_dir, files, published=self.files, background=True)
        self.files = files

    def _languages(self, changed: set[Path], default: str) -> set[str]:
        """The languages whose files were edited (the source language for anything else)."""
        translations = self.project.content_dir / "translations"
        found = {p.relative_to(translations).parts[0] for p in changed if p.is_relative_to(translations)}
        return found or {default}

    def watch(self, stop: threading.Event, ready: threading.Event | None = None) -> None:
        """Rebuild on every change of content/, theme/, infographics/ or mkdocs.yml, until ``stop`` is set;
        ``ready`` is set once the folders are watched (an edit saved before that would be missed)."""
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        project = self.project
        pending: set[Path] = set()
        wake = threading.Event()

        class Changes(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                if event.event_type in ("opened", "closed_no_write") or event.is_directory:
                    return
                for name in (event.src_path, getattr(event, "dest_path", "")):
                    if name and not Path(name).name.startswith((".", "~")):
                        pending.add(Path(name))
                        wake.set()

        observer = Observer()
        for folder in (project.content_dir, project.theme_dir, project.infographics_dir):
            observer.schedule(Changes(), str(folder), recursive=True)
        observer.schedule(Changes(), str(project.root), recursive=False)  # mkdocs.yml
        observer.start()
        if ready is not None:
            ready.set()
        try:
            while not stop.is_set():
                if not wake.wait(timeout=0.2):
                    continue
                time.sleep(DEBOUNCE_SECONDS)  # an editor's save is often several events
                wake.clear()
                changed = {p for p in set(pending) if p.suffix != ".tmp"}
                pending.clear()
                relevant = {p for p in changed if p.parent != project.root or p.name == "mkdocs.yml"}
                if relevant:
                    self.rebuild(relevant)
        finally:
            observer.stop()
            observer.join()
