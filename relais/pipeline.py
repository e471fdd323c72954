"""The build, phase by phase: load -> validate -> plan -> render -> write. Reads like MkDocs' ``build()``.

- **load** and **validate**: every content file parsed with positions and checked against its model and the
  cross-file rules; every mistake at once (``ContentError``).
- **plan**: every output as a task keyed on what it reads (``relais.plan``).
- **render**: images, PDFs and font subsets first (from the cache when their key is known, else on the
  executor), then one MkDocs build per language whose pages changed. ``check`` runs the same tasks without
  drawing, so what ``check`` accepts, ``build`` builds.
- **write**: one writer swaps the new ``site/`` in; a failed build leaves the previous one untouched.
"""

from __future__ import annotations

from dataclasses import dataclass

from relais.content import Content
from relais.diagnostics import ContentError, Report
from relais.engine.cache import Cache
from relais.engine.history import record
from relais.engine.runner import Engine
from relais.load import LoadedFiles, load_files
from relais.locate import Locator
from relais.plan import Plan, site_files
from relais.project import Project
from relais.source import ParseCache
from relais.validate import validate
from relais.write import publish


def read(project: Project, parsed: ParseCache | None = None) -> tuple[Content, LoadedFiles, Report]:
    """Load and validate; raises ``ContentError`` listing every problem. Files parsed before (same bytes)
    come from ``parsed``."""
    report = Report()
    parsed = parsed or ParseCache(project.cache_dir / "parsed")
    loaded = load_files(project.content_dir, project.root, report, parsed)
    content = validate(loaded, report)
    return content, loaded, report


def default_engine(project: Project) -> Engine:
    return Engine(Cache(project.cache_dir / "results"))


def check(project: Project, engine: Engine | None = None) -> tuple[Content, Report]:
    """Everything an editor can get wrong, in every language, before anything is drawn: the models, text
    fitting in every image format, contrast, PDF page overflow. Raises ``ContentError`` listing them all."""
    content, loaded, report = read(project)
    engine = engine or default_engine(project)
    plan = Plan.make(content, project)
    results = engine.run("checking images and print", plan.media_tasks(), check=True)
    raise_problems(content, loaded, report, results.values())
    return content, report


@dataclass
class Built:
    content: Content
    report: Report  # warnings
    files: dict[str, bytes]


def build(project: Project, engine: Engine | None = None) -> Built:
    """Check, render what changed, and swap the new site in as ``site/``."""
    engine = engine or default_engine(project)
    content, loaded, report = read(project)
    plan = Plan.make(content, project)
    media = engine.run("images and print", plan.media_tasks())
    raise_problems(content, loaded, report, media.values())
    page_tasks = plan.page_tasks(media)
    pages = engine.run("web pages", page_tasks)
    raise_problems(content, loaded, report, pages.values())
    files = site_files(plan, media, pages)
    publish(project.site_dir, files)
    record(project.history_file, plan.media_tasks() + page_tasks)
    engine.cache.evict()
    return Built(content, report, files)


def raise_problems(content: Content, loaded: LoadedFiles, report: Report, results) -> None:
    Locator(content, loaded).report((p for r in results for p in r.problems), report)
    if not report.ok:
        raise ContentError(report)
