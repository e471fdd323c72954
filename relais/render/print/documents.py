"""Print documents: A4 leaflets, A5 flyers and A3 posters of the guides, A4 handouts of the case studies and
an A4 leaflet of each free page, in two editions.

- *office*: for an office printer, often black and white: no bleed, no marks, light tints (less toner).
- *press*: for a print shop: ``bleed_mm`` of bleed around the trim (PDF TrimBox = the page, MediaBox = the
  page + bleed), crop marks if ``crop_marks``, solid brand colours running into the bleed, text kept at
  least 5 mm inside the trim, and an sRGB output intent so the print shop's RIP knows what the colours mean.

Both editions are tagged PDF/UA-1 (WeasyPrint's ``pdf/ua-1`` variant): crop marks, backgrounds and
decorative icons are drawn as artifacts, so bleed and marks do not conflict with tagging. The press edition
is not PDF/X: WeasyPrint takes one ``pdf_variant`` at a time (PDF/X-4 *or* PDF/UA-1), and its PDF/X
writer stamps the clock time and a random document id, which would break reproducible builds.

Crop marks: WeasyPrint's ``marks: crop`` are drawn in the bleed *under* the page content, so a background
running into the bleed hides them; the same marks are drawn again above the content, with a white outline,
from the page's corner margin boxes (outside the structure tree).

Decorative icons are CSS background images (SVG ``data:`` URLs built from ``icon_svg_paths``): WeasyPrint
tags every inline ``<svg>`` as a /Figure whatever its ``aria-hidden``, and an ``<img alt="">`` as an error,
while backgrounds are artifacts. The QR code is an inline ``<svg role="img">`` whose ``<title>`` becomes
its alternative text.

Fitting: each document is prepared in a few densities (base font size, then fewer details: no summary on
the flyer, item titles only on the poster); the first that fits its page limit is kept. The flyer and the
poster must fit one page and the guide leaflet two: past the densest layout it is an error naming the
document. Case-study handouts and page leaflets may run longer.

The documents are laid out by WeasyPrint from the Jinja2 templates and CSS in ``theme/print/``, with the
values prepared in ``print_view``, inside the locked-down environment of ``print_engine`` (allow-listed
URL fetcher, project fonts only, fixed SOURCE_DATE_EPOCH, failing on any WeasyPrint error), in parallel
worker processes (``forkserver``: a caller script needs the usual ``if __name__ == "__main__":`` guard).
"""

from __future__ import annotations

import calendar
import datetime as dt
import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from relais.content import Content, LocalContent
from relais.project import Project
from relais.urls import absolute_url, page_path, print_path
from relais.render.print import view as pv
from relais.render.print.engine import FONT_ROOTS, PrintError, PrintJob, font_face_css, run_job

__all__ = ["PrintDoc", "PrintError", "render_print_documents", "plan_print_documents", "PlannedDocument", "FORMATS"]


@dataclass(frozen=True)
class PrintDoc:
    page_id: str
    lang: str
    fmt: str  # "a4" | "a5" | "a3"
    edition: str  # "office" | "press"
    path: str  # relative to the language folder, from urls.print_path
    size_bytes: int


@dataclass(frozen=True)
class Format:
    size: str  # CSS page size
    width_mm: float
    height_mm: float
    margin_mm: tuple[float, float, float, float]  # top, inline, bottom, (inner padding of the masthead)
    font_pt: tuple[float, ...]  # base font size for each density, generous first
    page_numbers: bool
    single_page: bool
    titles_only_from: int | None = None  # from this density on, advice items show their titles only
    summary_until: int | None = None  # from this density on, the summary is left out (flyer)


FORMATS: dict[str, Format] = {
    "a4": Format("A4", 210, 297, (12, 13, 14, 7), (10.5, 9.9, 9.3), True, False),
    "a5": Format("A5", 148, 210, (9, 9, 9, 5.5), (10.8, 10, 9.3, 8.6, 7.9), False, True, summary_until=3),
    "a3": Format("A3", 297, 420, (15, 17, 15, 10), (14.6, 13.6, 12.6, 12.4, 11.2), False, True, titles_only_from=3),
}
EDITIONS = ("office", "press")
MIN_TEXT_INSET_MM = 5  # text stays at least this far inside the trim (all margins above are larger)

# kind -> [(format, template, pages, hard limit)]. A hard limit that the densest layout still overflows is
# an error (a flyer or a poster has one side); a soft one only makes the layout denser when it can.
DOCUMENTS: dict[str, list[tuple[str, str, int, bool]]] = {
    "guide": [("a4", "leaflet-a4.html", 2, True), ("a5", "guide-a5.html", 1, True), ("a3", "guide-a3.html", 1, True)],
    "case-study": [("a4", "case-study-a4.html", 2, False)],
    "page": [("a4", "leaflet-a4.html", 2, False)],  # same layout as a guide leaflet
}


def source_date_epoch(content: Content) -> int:
    """The content's date (site.source_date, YYYY-MM-DD) at 00:00 UTC, as SOURCE_DATE_EPOCH."""
    day = dt.date.fromisoformat(content.site.source_date)
    return calendar.timegm(day.timetuple())


def theme_dir(project: Project) -> Path:
    folder = (project.theme_dir / "print").resolve()
    if not (folder / "print.css").is_file():
        raise PrintError(f"the print theme is missing: {folder}/print.css not found")
    return folder


@lru_cache(maxsize=8)
def _environment(folder: Path):
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    # autoescape=True for every template: all of them are HTML; content is never marked safe.
    return Environment(loader=FileSystemLoader(str(folder)), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def _corner_mark(bleed: float, rotation: int) -> str:
    """One corner of the crop marks (drawn above the content, so they show on backgrounds in the bleed)."""
    half = bleed / 2
    lines = f"M0 {bleed:g}H{half:g}M{bleed:g} 0V{half:g}"
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {bleed:g} {bleed:g}" '
           f'width="{bleed:g}mm" height="{bleed:g}mm"><g transform="rotate({rotation} {half:g} {half:g})" '
           f'fill="none"><path stroke="#FFFFFF" stroke-width="0.6" d="{lines}"/>'
           f'<path stroke="#000000" stroke-width="0.26" d="{lines}"/></g></svg>')
    return pv.svg_data_url(svg)


def page_css(fmt: str, edition: str, bleed_mm: float, crop_marks: bool, colours: dict[str, str]) -> str:
    """The stylesheet that depends on the format, the edition and the site settings (numbers only)."""
    spec = FORMATS[fmt]
    top, side, bottom, pad = spec.margin_mm
    press = edition == "press"
    bleed = float(bleed_mm) if press else 0.0
    page = [f"size: {spec.size};", f"margin: {top}mm {side}mm {bottom}mm;"]
    boxes = []
    if press:
        page.append(f"bleed: {bleed:g}mm;")
        if crop_marks and bleed > 0:
            page.append("marks: crop;")
            corners = (("top-left", 0, f"-{bleed:g}mm 0 0 -{bleed:g}mm", "top left"),
                       ("top-right", 90, f"-{bleed:g}mm -{bleed:g}mm 0 0", "top right"),
                       ("bottom-right", 180, f"0 -{bleed:g}mm -{bleed:g}mm 0", "bottom right"),
                       ("bottom-left", 270, f"0 0 -{bleed:g}mm -{bleed:g}mm", "bottom left"))
            for name, rotation, margin, position in corners:
                mark = _corner_mark(bleed, rotation)
                boxes.append(f'  @{name}-corner {{ content: ""; margin: {margin}; background: '
                             f'url("{mark}") {position} / {bleed:g}mm {bleed:g}mm no-repeat; }}')
    if spec.page_numbers:  # from the second page on: "2 / 2" (a one-page leaflet needs no number)
        boxes.append('  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; '
                     f'color: {colours["muted"]}; margin-bottom: {max(bottom - 9, 2):g}mm; vertical-align: bottom; }}')
    css = ["@page {", *("  " + p for p in page), *boxes, "}"]
    if spec.page_numbers:
        css.append("@page :first { @bottom-center { content: none; } }")
    if spec.single_page:
        # One-page formats: the emergency numbers and the QR code sit at the foot of the page (<main> takes
        # the free space; a flex column, as WeasyPrint's grid does not stretch a 1fr row to min-height).
        height = spec.height_mm - top - bottom
        css.append(f"body {{ display: flex; flex-direction: column; min-height: {height:g}mm; }}")
        css.append("main { flex: 1 0 auto; }")
    sizes = " ".join(f"html.density-{i} {{ font-size: {pt:g}pt; }}" for i, pt in enumerate(spec.font_pt))
    css.append(sizes)
    if press:
        out_top, out_side = top + bleed, side + bleed
        # Solid bands running into the bleed: the masthead (top and sides), the emergency numbers (sides).
        css.append(f".masthead {{ margin: -{out_top:g}mm -{out_side:g}mm 0; "
                   f"padding: {out_top + pad * 0.55:g}mm {out_side:g}mm {pad:g}mm; }}")
        css.append(f".emergency {{ margin-inline: -{out_side:g}mm; padding-inline: {out_side:g}mm; "
                   "border-radius: 0; }")
    else:
        css.append(f".masthead {{ padding: {pad:g}mm {pad:g}mm {pad * 0.9:g}mm; border-radius: 2.5mm; }}")
        css.append(".emergency { padding-inline: 0.8rem; }")
    dot = pv.svg_data_url('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10">'
                          f'<circle cx="5" cy="5" r="4" fill="{colours["primary"]}" stroke="#FFFFFF" '
                          'stroke-width="1.5"/></svg>')
    css.append(f'.event-when {{ background-image: url("{dot}"); }}')
    return "\n".join(css) + "\n" + pv.palette_css(colours)


@dataclass(frozen=True)
class PlannedDocument:
    doc: PrintDoc
    job: PrintJob


def document_view(local: LocalContent, content: Content, kind: str, model: Any, fmt: str, edition: str,
                  colours: dict[str, str], logo: str | None) -> pv.DocView:
    """What the template of one document receives (density 0; the caller steps the density up)."""
    labels = local.labels
    url = absolute_url(content, local.lang, page_path(kind, model.id))
    kicker = {"guide": labels.guides, "case-study": labels.case_study, "page": labels.for_communicators}[kind]
    fields = pv.base_view(local, kind=kind, model=model, fmt=fmt, edition=edition, url=url, colours=colours,
                          logo=logo, kicker=kicker)
    view = pv.DocView(**fields)
    if kind == "guide":
        view.groups = pv.item_groups(model.items, local, colours)
    elif kind == "case-study":
        view.groups = [pv.Group(pv.text(labels.lessons, local.lang), "info", None,
                                pv.item_views(model.lessons, local.lang, colours))]
        view.extra = pv.case_study_extra(local, model, colours)
    else:
        view.groups = [pv.Group(pv.text(s.title, local.lang), "section", None,
                                pv.item_views(s.items, local.lang, colours),
                                pv.text(s.intro, local.lang) if s.intro else None) for s in model.sections]
    return view


def plan_print_documents(content: Content, lang: str, project: Project, out_lang_dir: Path) -> list[PlannedDocument]:
    """Every document of one language, with its ready HTML and CSS, in a stable order."""
    local = content.in_language(lang)
    folder = theme_dir(project)
    env = _environment(folder)
    static_css = (folder / "print.css").read_text(encoding="utf-8")
    fonts_css = font_face_css()
    logo = pv.logo_url(content.root, local.site.brand.logo)
    settings = local.site.print
    epoch = source_date_epoch(content)
    roots = tuple(str(r) for r in (folder, *FONT_ROOTS))
    models: list[tuple[str, Any]] = ([("guide", g) for g in local.guides]
                                     + [("case-study", c) for c in local.case_studies]
                                     + [("page", p) for p in local.pages])
    planned = []
    for kind, model in models:
        for fmt, template_name, max_pages, hard_limit in DOCUMENTS[kind]:
            template = env.get_template(template_name)
            spec = FORMATS[fmt]
            for edition in EDITIONS:
                colours = pv.palette(local.site.brand, edition)
                view = document_view(local, content, kind, model, fmt, edition, colours, logo)
                variants = []
                for density in range(len(spec.font_pt)):
                    view.density = density
                    view.item_texts = spec.titles_only_from is None or density < spec.titles_only_from
                    view.show_summary = spec.summary_until is None or density < spec.summary_until
                    variants.append(template.render(v=view))
                relpath = print_path(model.id, lang, fmt, edition)
                job = PrintJob(
                    name=relpath, out_path=str(Path(out_lang_dir) / relpath), variants=tuple(variants),
                    stylesheets=(fonts_css, static_css,
                                 page_css(fmt, edition, settings.bleed_mm, settings.crop_marks, colours)),
                    base_url=folder.as_uri() + "/", allowed_roots=roots,
                    fontconfig_file=str(folder / "fonts.conf"), source_date_epoch=epoch, max_pages=max_pages,
                    hard_limit=hard_limit,
                    output_intent="srgb" if edition == "press" else None)
                planned.append(PlannedDocument(PrintDoc(model.id, lang, fmt, edition, relpath, 0), job))
    return planned


def _run(jobs: list[PrintJob], workers: int, progress: Callable[[str], None] | None) -> list:
    def report(result) -> None:
        if progress is not None:
            progress(f"{result.name} ({result.pages} p., {max(1, round(result.size_bytes / 1024))} KB)")

    if workers <= 1 or len(jobs) <= 1:
        results = []
        for job in jobs:
            results.append(run_job(job))
            report(results[-1])
        return results
    # forkserver: workers never inherit the parent's threads or locks (the CLI's `serve` runs a watcher).
    context = multiprocessing.get_context("forkserver")
    results: list = [None] * len(jobs)
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        futures = {pool.submit(run_job, job): index for index, job in enumerate(jobs)}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=futures.get):
                error = future.exception()
                if error is not None:
                    for other in pending:
                        other.cancel()
                    raise error
                results[futures[future]] = future.result()
                report(results[futures[future]])
    return results


def render_print_documents(content: Content, lang: str, project: Project, out_lang_dir: Path, *,
                           jobs: int | None = None, progress: Callable[[str], None] | None = None) -> list[PrintDoc]:
    """Write every print document of ``lang`` under ``out_lang_dir`` and describe them (stable order).

    ``jobs``: worker processes (default: the number of CPUs; 1 renders in this process).
    ``progress``: called with a short line once per finished document.
    Raises ``PrintError`` naming the document when one cannot be made as designed.
    """
    planned = plan_print_documents(content, lang, project, Path(out_lang_dir))
    results = _run([p.job for p in planned], jobs or os.cpu_count() or 1, progress)
    return [replace(p.doc, size_bytes=r.size_bytes) for p, r in zip(planned, results)]
