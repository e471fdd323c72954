"""The build, phase by phase: load -> validate -> render -> write. Reads like MkDocs' ``build()``."""

from __future__ import annotations

import datetime as dt
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from relais.content import Content
from relais.diagnostics import Report
from relais.load import load_files
from relais.manifest import write_manifest
from relais.project import Project
from relais.render.images.infographics import render_infographics
from relais.render.print.documents import render_print_documents
from relais.render.web.pages import write_pages
from relais.render.web.root import write_root
from relais.render.web.mkdocs import build_language_site, mkdocs_config, write_assets
from relais.render.web.host import write_host_files
from relais.render.web.offline import write_offline_bundle
from relais.validate import validate
from relais.write import staging

Progress = Callable[[str], None]


def check(project: Project) -> tuple[Content, Report]:
    """Load and validate; raises ``ContentError`` listing every problem."""
    report = Report()
    loaded = load_files(project.content_dir, project.root, report)
    content = validate(loaded, report)
    return content, report


def build(project: Project, progress: Progress = print) -> Content:
    """Check, render every language into a staging folder, then swap it in as ``site/``."""
    progress("Checking the content...")
    content, _ = check(project)
    with source_date_epoch(content), staging(project.site_dir) as stage:
        for lang in content.languages:
            build_language(project, content, lang.code, stage, progress)
        write_offline_bundle(content, project, stage)
        write_root(content, project.theme_dir / "root", stage / "site")
        write_host_files(content, stage / "site")
        write_manifest(stage / "site")
        progress(f"Done: {project.site_dir}")
    return content


def build_language(project: Project, content: Content, lang: str, stage: Path, progress: Progress) -> None:
    local = content.in_language(lang)
    docs_dir = stage / "docs" / lang
    docs_dir.mkdir(parents=True)
    media = render_infographics(content, lang, project, docs_dir, progress=progress)
    prints = render_print_documents(content, lang, project, docs_dir, progress=progress)
    write_assets(content, project, docs_dir)
    write_pages(local, project.theme_dir / "pages", docs_dir, media, prints)
    progress(f"[{lang}] building the web pages")
    build_language_site(mkdocs_config(content, local, project, docs_dir, stage / "site" / lang), stage, lang)


@contextmanager
def source_date_epoch(content: Content) -> Iterator[int]:
    """Dates written into outputs come from the content (``site.source_date``), never from the clock."""
    day = dt.date.fromisoformat(content.site.source_date)
    epoch = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield epoch
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
