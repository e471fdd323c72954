"""Infographics stage: every infographic in every social-media format, and a link-preview card per page.

For one language, ``render_infographics``:
1. lists the jobs: each infographic of each guide and case study in the five
   formats (``relais.render.images.formats``), and a 1200x630 card for every page
   (guides, case studies, free pages, and the home page);
2. draws each job as SVG (``relais.render.images.scene.draw``), collecting every
   text that does not fit, every missing glyph and every colour pair drawn;
3. checks the palette's contrast; if anything is wrong, raises one
   ``ContentError`` listing all problems, located in the content files;
4. only then rasterises (through the on-disk cache) and writes the files:
   ``media/<page>/<infographic>-<W>x<H>.png`` for each format,
   ``media/<page>/<infographic>-1080x1080.svg``, and
   ``media/<page>/card-1200x630.png`` / ``.jpg``.
"""

from __future__ import annotations

import re
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Iterator

from relais.content import Content, LocalContent
from relais.diagnostics import ContentError, Report
from relais import colour as wcag
from relais.render.images.cache import RasterCache
from relais.render.images.formats import CARD, FORMATS, SVG_FORMAT
from relais.render.images.paint import WHITE, ContrastLog, Palette
from relais.render.images.scene import Job, Subject, draw, environment
from relais.render.images.typeset import GLYPHS, Problem
from relais.project import Project
from relais.source import SourceFile, load_yaml
from relais.urls import absolute_url, media_path, page_path
from relais.render.outputs import MediaFile

Progress = Callable[[str], None]
KIND_FILES = {"guide": "guides", "case-study": "case-studies", "page": "pages"}


def render_infographics(content: Content, lang: str, project: Project, out_lang_dir: Path, *,
                        progress: Progress | None = None) -> list[MediaFile]:
    """Write every image of ``lang`` into ``out_lang_dir``; raises ContentError listing every problem."""
    local = content.in_language(lang)
    sources = Sources(project)
    palette = Palette.from_brand(content.site.brand)
    contrast = ContrastLog()
    env = environment(project.infographics_dir)
    logo = content.root / content.site.brand.logo if content.site.brand.logo else None
    hashtags = " ".join(local.site.hashtags)
    report = Report()
    drawn: list[tuple[Job, str]] = []
    glyphs: dict[tuple, list] = {}  # a text the fonts cannot draw is reported once, not once per image
    for job in jobs(content, local):
        svg, problems = draw(job, local, env, palette, logo, contrast, hashtags)
        for problem in problems.items:
            place = _locate(content, sources, job, problem)
            if GLYPHS in problem.message:
                entry = glyphs.setdefault((place, problem.message.split(": ", 1)[1]), [problem.message, 0])
                entry[1] += 1
            else:
                report.add(*place, problem.message)
        drawn.append((job, svg))
    for ((place, _), (message, count)) in glyphs.items():
        others = f" (and in {count - 1} other image{'s' * (count > 2)})" if count > 1 else ""
        report.add(*place, message + others)
    check_palette(contrast, palette, sources.get("site.yml"), report)
    if not report.ok:
        raise ContentError(report)
    if progress:
        progress(f"[{lang}] drawing {len(drawn)} infographics and cards")
    return _write_all(drawn, RasterCache(project.cache_dir / "infographics"), out_lang_dir)


# -- jobs ----------------------------------------------------------------------------------------


def short_url(content: Content, lang: str, path: str) -> str:
    """``smem.example.org/fr/guides/prepare``: the address a reader can type to check the image."""
    return re.sub(r"^https?://", "", absolute_url(content, lang, path)).rstrip("/")


def subjects(content: Content, local: LocalContent) -> Iterator[Subject]:
    lang = local.lang
    site = local.site
    yield Subject("home", "home", "site.yml", None, site.name, site.tagline, None, short_url(content, lang, ""))
    for kind, models in (("guide", local.guides), ("case-study", local.case_studies), ("page", local.pages)):
        for model in models:
            yield Subject(kind, model.id, f"{KIND_FILES[kind]}/{model.id}.yml", model, model.title,
                          model.key_message, model.icon, short_url(content, lang, page_path(kind, model.id)))


def card_alt(subject: Subject) -> str:
    title = str(subject.title).rstrip()
    joiner = " " if title.endswith((".", "!", "?", "…", ":")) else ". "
    return f"{title}{joiner}{subject.message}"


def jobs(content: Content, local: LocalContent) -> Iterator[Job]:
    for subject in subjects(content, local):
        yield Job(subject, "card", "card", card_alt(subject), CARD)
        for infographic in getattr(subject.model, "infographics", None) or []:
            for fmt in FORMATS:
                yield Job(subject, infographic.id, infographic.layout, infographic.alt, fmt)


# -- problems ------------------------------------------------------------------------------------


class Sources:
    """Source files parsed again, for the positions of values that are not translatable texts
    (brand colours, dates, numbers): ``content.locate`` only knows the texts."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.files: dict[str, SourceFile] = {}

    def get(self, relpath: str) -> SourceFile:
        if relpath not in self.files:
            path = self.project.content_dir / relpath
            self.files[relpath] = load_yaml(path, f"content/{relpath}", Report())
        return self.files[relpath]

    def position(self, relpath: str, key: tuple) -> tuple[str, int, int] | None:
        """Position of ``key`` (ids of list entries resolved to their index) in the source file."""
        source = self.get(relpath)
        loc: list = []
        node = source.data
        for part in key:
            if isinstance(node, list):
                index = next((i for i, e in enumerate(node) if isinstance(e, dict) and e.get("id") == part), None)
                if index is None:
                    break
                loc.append(index)
                node = node[index]
            elif isinstance(node, dict) and part in node:
                loc.append(part)
                node = node[part]
            else:
                break
        if not loc:
            return None
        return (source.display, *source.position(tuple(loc)))


def _locate(content: Content, sources: Sources, job: Job, problem: Problem) -> tuple[str, int, int]:
    where = problem.where
    relpath = where.relpath or job.subject.relpath
    key = tuple(where.key)
    for lang in (problem.lang, content.site.default_language):
        found = content.locations.get((lang, relpath, key))
        if found:
            return found
    return sources.position(relpath, key) or content.locate(problem.lang, relpath, key)


def check_palette(contrast: ContrastLog, palette: Palette, site: SourceFile, report: Report) -> None:
    """Every colour pair drawn must meet its WCAG contrast; errors point at the brand colour in site.yml."""
    for (fg, bg), use in sorted(contrast.uses.items()):
        ratio = wcag.contrast(fg, bg)
        if ratio + 1e-9 >= use.ratio:
            continue
        fg_name, fg_key = palette.name(fg)
        bg_name, bg_key = palette.name(bg)
        if fg == WHITE and bg_key in ("primary", "accent"):  # white text and icons on a brand colour
            fg_name, fg_key = f"white {WHITE}", None
        key = fg_key or bg_key
        line, col = site.position(("brand", key)) if key else (1, 1)
        criterion = "1.4.11" if use.ratio == wcag.GRAPHICS and "text" not in use.what else "1.4.3"
        report.add(site.display, line, col,
                   f"brand colours: {fg_name} on {bg_name} has a contrast of {ratio:.2f}:1, below the "
                   f"{use.ratio:g}:1 that {use.what} needs in the infographics (WCAG 2.2 {criterion}); "
                   f"change the {key or 'colour'} colour until the pair reaches {use.ratio:g}:1")


# -- writing -------------------------------------------------------------------------------------


def _encodings(job: Job) -> list[str]:
    return ["png", "jpg"] if job.layout == "card" else ["png"]


def _render(task: tuple) -> bytes:
    folder, svg, width, height, encoding = task
    return RasterCache(folder).render(svg, width, height, encoding)


def _write_all(drawn: list[tuple[Job, str]], cache: RasterCache, out_dir: Path) -> list[MediaFile]:
    tasks = [(job, svg, encoding) for job, svg in drawn for encoding in _encodings(job)]
    rasters: list[bytes | None] = [cache.cached(svg, job.fmt.width, job.fmt.height, encoding)
                                   for job, svg, encoding in tasks]
    missing = [i for i, data in enumerate(rasters) if data is None]
    # resvg-py holds the GIL: rasterise the missing images in worker processes, one per CPU.
    workers = min(len(missing), os.cpu_count() or 1)
    todo = [(cache.folder, tasks[i][1], tasks[i][0].fmt.width, tasks[i][0].fmt.height, tasks[i][2]) for i in missing]
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            done = list(pool.map(_render, todo, chunksize=2))
    else:
        done = [_render(t) for t in todo]
    for i, data in zip(missing, done):
        rasters[i] = data
    media: list[MediaFile] = []
    for (job, svg, encoding), data in zip(tasks, rasters):
        name = "card" if job.layout == "card" else job.image_id
        media.append(_write(out_dir, job, f"{name}-{job.fmt.name}.{encoding}", encoding, data))
    for job, svg in drawn:
        if job.layout != "card" and job.fmt == SVG_FORMAT:
            media.append(_write(out_dir, job, f"{job.image_id}-{job.fmt.name}.svg", "svg", svg.encode("utf-8")))
    return media


def _write(out_dir: Path, job: Job, name: str, fmt: str, data: bytes) -> MediaFile:
    relpath = media_path(job.subject.page_id, name)
    target = out_dir / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return MediaFile(page_id=job.subject.page_id, infographic_id=job.image_id, fmt=fmt, width=job.fmt.width,
                     height=job.fmt.height, path=relpath, size_bytes=len(data), alt=str(job.alt))
