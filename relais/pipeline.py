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
from relais.editions import prefix as edition_prefix
from relais.plan import Plans
from relais.project import Project
from relais.release import release_problems
from relais.source import ParseCache
from relais.validate import validate
from relais.write import publish


def read(project: Project, parsed: ParseCache | None = None, release: bool = False) -> tuple[Content, LoadedFiles, Report]:
    """Load and validate; raises ``ContentError`` listing every problem. Files parsed before (same bytes)
    come from ``parsed``. ``release``: placeholders (example domains, the demonstration edition) are
    errors too, listed with the other mistakes (``relais.release``)."""
    report = Report()
    parsed = parsed or ParseCache(project.cache_dir / "parsed")
    loaded = load_files(project.content_dir, project.root, report, parsed)
    if release:
        release_problems(loaded, report)
    content = validate(loaded, report)
    return content, loaded, report


def default_engine(project: Project) -> Engine:
    return Engine(Cache(project.cache_dir / "results"))


def check(project: Project, engine: Engine | None = None, release: bool = False) -> tuple[Content, Report]:
    """Everything an editor can get wrong, in every language and every local edition, before anything is
    drawn: the models, text fitting in every image format, contrast, PDF page overflow (and with
    ``release``, placeholders). Raises ``ContentError`` listing them all."""
    content, loaded, report = read(project, release=release)
    engine = engine or default_engine(project)
    plans = Plans.make(content, project)
    results = engine.run("checking images and print", plans.media_tasks(), check=True)
    results.update(plans.relay_checks(results))
    raise_problems(plans, loaded, report, results)
    return content, report


@dataclass
class Built:
    content: Content
    report: Report  # warnings
    files: dict[str, bytes]


def build(project: Project, engine: Engine | None = None, edition: str | None = None,
          release: bool = False) -> Built:
    """Check, render what changed, and swap the new site in as ``site/``. ``edition``: make the national
    site and that local edition only; the other editions stay as they were published. ``release``: refuse
    placeholders (``relais.release``), in every edition, since the published site holds them all."""
    engine = engine or default_engine(project)
    content, loaded, report = read(project, release=release)
    if edition is not None and edition not in {e.id for e in content.editions}:
        report.add("content/editions", 1, 1, f"no edition '{edition}'; the editions are "
                   f"{', '.join(e.id for e in content.editions) or 'none yet (build.py new edition ID)'}")
        raise ContentError(report)
    plans = Plans.make(content, project, only=edition)
    media = engine.run("images and print", plans.media_tasks())
    raise_problems(plans, loaded, report, {**media, **plans.relay_checks(media)})
    page_tasks = plans.page_tasks(media)
    pages = engine.run("web pages", page_tasks)
    raise_problems(plans, loaded, report, pages)
    kept = published_editions(project.site_dir, content, planned={p.prefix for p in plans.editions}) if edition else None
    files = plans.site_files(media, pages, kept=kept)
    publish(project.site_dir, files)
    record(project.history_file, plans.media_tasks() + page_tasks)
    engine.cache.evict()
    return Built(content, report, files)


def raise_problems(plans: Plans, loaded: LoadedFiles, report: Report, results: dict) -> None:
    plans.locate(results, loaded, report)
    if not report.ok:
        raise ContentError(report)


def published_editions(site_dir, content: Content, planned: set[str]) -> dict[str, bytes]:
    """The files of the editions a ``--edition`` build does not make, as ``site/`` holds them now."""
    kept = {}
    for other in content.editions:
        folder = site_dir / edition_prefix(other)
        if edition_prefix(other) in planned or not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                kept[path.relative_to(site_dir).as_posix()] = path.read_bytes()
    return kept
