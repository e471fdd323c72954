"""The print task: one document (a guide's A4 leaflet, A5 flyer or A3 poster, a case study's handout, a free
page's leaflet) in one edition (office or press) and one language.

The worker prepares the document's view (``print_view``), renders its density variants with the templates
of ``theme/print/`` and lays them out with WeasyPrint (``print_engine``) until one fits. ``check`` stops
there and reports what does not fit; a build writes the PDF bytes, which one writer puts in place.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from relais.content import Content, LocalContent
from relais.engine.fingerprint import digest, digest_tree
from relais.engine.task import Problem, Result, Task
from relais.render.print import view as pv
from relais.render.print.documents import (DOCUMENTS, EDITIONS, FORMATS, PrintDoc, document_view, fill_to,
                                           overleaf_css, page_css, source_date_epoch)
from relais.render.print.engine import Kept, Measure, PrintJob, font_face_css, font_roots, render_document
from relais.urls import absolute_url, page_path, print_path

KIND_FILES = {"guide": "guides", "case-study": "case-studies", "page": "pages"}


@dataclass(frozen=True)
class PrintSpec:
    kind: str
    model: Any  # the localised guide, case study or page
    local: LocalContent  # one language: its site settings and labels (no other page)
    fmt: str
    edition: str
    template: str
    max_pages: int
    hard_limit: bool
    url: str  # the page's public address (QR code)
    logo: str | None  # data: URL
    path: str  # under site/
    theme_dir: str
    epoch: int
    font_cache: str  # static instances of the variable fonts (derived from the font files: not an input)


@lru_cache(maxsize=4)
def _environment(folder: str):
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    # autoescape=True for every template: all of them are HTML; content is never marked safe.
    return Environment(loader=FileSystemLoader(folder), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


@lru_cache(maxsize=4)
def _static_css(folder: str) -> str:
    return (Path(folder) / "print.css").read_text(encoding="utf-8")


def print_job(spec: PrintSpec) -> PrintJob:
    """The document's variants, from the most generous to the densest, ready for WeasyPrint."""
    local, fmt = spec.local, FORMATS[spec.fmt]
    colours = pv.palette(local.site.brand, spec.edition)
    view = document_view(local, spec.url, spec.kind, spec.model, spec.fmt, spec.edition, colours, spec.logo)
    template = _environment(spec.theme_dir).get_template(spec.template)
    variants = []
    for density in range(len(fmt.font_pt)):
        view.density, view.densest = density, density == len(fmt.font_pt) - 1
        view.item_texts = fmt.titles_only_from is None or density < fmt.titles_only_from
        view.show_summary = fmt.summary_until is None or density < fmt.summary_until
        view.show_sources = fmt.sources_until is None or density < fmt.sources_until
        variants.append(template.render(v=view))
    folder = Path(spec.theme_dir)
    settings = local.site.print
    return PrintJob(
        name=spec.path, out_path="", variants=tuple(variants),
        stylesheets=(font_face_css(Path(spec.font_cache)), _static_css(spec.theme_dir),
                     page_css(spec.fmt, spec.edition, settings.bleed_mm, settings.marks, colours)),
        base_url=folder.as_uri() + "/", allowed_roots=tuple(str(r) for r in (folder, *font_roots(Path(spec.font_cache)))),
        fontconfig_file=str(folder / "fonts.conf"), source_date_epoch=spec.epoch, max_pages=spec.max_pages,
        hard_limit=spec.hard_limit, bleed_mm=settings.bleed_mm if spec.edition == "press" else None,
        fill_to=fill_to(spec.fmt), fill_gaps=view.spread_gaps,
        overleaf_css=overleaf_css(spec.fmt, pv.text(local.labels.continued_overleaf, local.lang).text,
                                  local.language.direction, colours, spec.edition == "press"))


def render_print(spec: PrintSpec, check: bool, checked: Result | None = None) -> Result:
    """The PDF (or, with ``check``, its mistakes only). After a check of the same task (``checked``), the
    build lays out the variant that check kept, not the ones before it again."""
    kept = None
    if checked is not None:
        measure = checked.facts.get("measure")
        kept = Kept(checked.facts["variant"], checked.facts["pages"],
                    Measure(measure["end"], tuple(measure["last_items"]), measure["last_gaps"]) if measure else None)
    laid_out = render_document(print_job(spec), write=not check, kept=kept)
    relpath = f"{KIND_FILES[spec.kind]}/{spec.model.id}.yml"
    overflow = ("items",) if spec.kind == "guide" else ()
    problems = [Problem(relpath, _text_key(spec.model, message) or overflow, spec.local.lang, f"{spec.path}: {message}")
                for message in laid_out.problems]
    facts = {"pages": laid_out.pages, "variant": laid_out.variant,
             "measure": asdict(laid_out.measure) if laid_out.measure else None}
    if check or problems:
        return Result(problems=problems, facts=facts)
    return Result(files={spec.path: laid_out.pdf}, facts=facts)


def _text_key(model: Any, message: str) -> tuple | None:
    """The key of the first text of ``model`` holding the character a glyph problem names (list entries by
    id, as the locator expects), so that the editor is sent to that very line."""
    found = re.search(r'the character "(.)"', message)
    if not found:
        return None

    def walk(node: Any, key: tuple) -> tuple | None:
        if isinstance(node, str):
            return key if found.group(1) in node else None
        if isinstance(node, BaseModel):
            return next((k for name in type(node).model_fields
                         if (k := walk(getattr(node, name), key + (name,))) is not None), None)
        if isinstance(node, list):
            return next((k for i, entry in enumerate(node)
                         if (k := walk(entry, key + (getattr(entry, "id", i),))) is not None), None)
        return None

    return walk(model, ())


def print_tasks(content: Content, lang: str, theme: Path, font_cache: Path, code: str) -> list[tuple[Task, PrintDoc]]:
    """Every document of ``lang``, in a stable order. The spec holds one page and the language's settings."""
    local = content.in_language(lang, staleness=False)
    settings = local.for_media()
    logos = {edition: pv.logo_url(content.root, local.site.brand.logo, edition == "press") for edition in EDITIONS}
    epoch = source_date_epoch(content)
    settings_digest = digest(settings, logos, epoch)
    theme_digest = digest_tree(theme)
    models: list[tuple[str, Any]] = ([("guide", g) for g in local.guides]
                                     + [("case-study", c) for c in local.case_studies]
                                     + [("page", p) for p in local.pages])
    planned = []
    for kind, model in models:
        page = digest(model)
        url = absolute_url(content, lang, page_path(kind, model.id))
        for fmt, template, max_pages, hard_limit in DOCUMENTS[kind]:
            for edition in EDITIONS:
                relpath = print_path(model.id, lang, fmt, edition)
                spec = PrintSpec(kind, model, settings, fmt, edition, template, max_pages, hard_limit, url,
                                 logos[edition], f"{lang}/{relpath}", str(theme), epoch, str(font_cache))
                inputs = (("page texts", page), ("document", digest(kind, fmt, edition, template, max_pages,
                          hard_limit, url, relpath)), ("site settings and labels", settings_digest),
                          ("print theme", theme_digest), ("code and tools", code))
                planned.append((Task(spec.path, "print", render_print, spec, inputs, resumes_check=True),
                                PrintDoc(model.id, lang, fmt, edition, relpath, 0)))
    return planned

