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
URL fetcher, project fonts only, fixed SOURCE_DATE_EPOCH, failing on any WeasyPrint error), each as a
build task (``print/tasks.py``) on the build's executor.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from relais.content import Content, LocalContent
from relais.project import Project
from relais.render.print import view as pv
from relais.render.print.engine import PrintError, PrintJob

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
    font_pt: tuple[float, ...]  # base font size (= body text) for each density, generous first
    page_numbers: bool
    single_page: bool
    titles_only_from: int | None = None  # from this density on, advice items show their titles only
    summary_until: int | None = None  # from this density on, the summary is left out (flyer)
    sources_until: int | None = None  # from this density on, the colophon leaves the sources out (flyer)
    # The last density is a last resort under the minimum sizes (captions 0.8 of 8 pt), for texts at their
    # maximum length that a flyer cannot hold legibly: the default kit and its editions never reach it.
    fallback: bool = False


FORMATS: dict[str, Format] = {
    "a4": Format("A4", 210, 297, (12, 13, 14, 7), (12, 11.5, 11, 11), True, False),
    "a5": Format("A5", 148, 210, (9, 9, 9, 5.5), (11, 10.5, 10, 10, 10, 8), False, True, summary_until=3,
                 sources_until=4, fallback=True),
    "a3": Format("A3", 297, 420, (15, 17, 15, 10), (14.6, 13.6, 12.6, 12.4, 11.2), False, True, titles_only_from=3),
}
EDITIONS = ("office", "press")
CAPTION_PT = 9  # no text is printed smaller (labels, captions, colophon, page numbers)
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


def caption_pt(base_pt: float, fallback: bool = False) -> float:
    """The size of the smallest texts at a base font size: 0.8 of it, never under CAPTION_PT but in a
    format's last-resort density."""
    return round(base_pt * 0.8, 2) if fallback else max(CAPTION_PT, round(base_pt * 0.8, 2))


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
        boxes.append('  @bottom-center { content: counter(page) " / " counter(pages); '
                     f'font-size: {CAPTION_PT:g}pt; '
                     f'color: {colours["muted"]}; margin-bottom: {max(bottom - 9, 2):g}mm; vertical-align: bottom; }}')
    css = ["@page {", *("  " + p for p in page), *boxes, "}"]
    if spec.page_numbers:
        css.append("@page :first { @bottom-center { content: none; } }")
    last = len(spec.font_pt) - 1
    sizes = " ".join(f"html.density-{i} {{ font-size: {pt:g}pt; "
                     f"--caption: {caption_pt(pt, spec.fallback and i == last):g}pt; }}"
                     for i, pt in enumerate(spec.font_pt))
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


def fill_to(fmt: str) -> float:
    """Where (CSS px from the top of the page) the end of the body is pushed to on its last page, so that the
    emergency numbers and the QR code sit at the foot of the page (``print_engine`` adds the space)."""
    spec = FORMATS[fmt]
    return (spec.height_mm - spec.margin_mm[2]) * 96 / 25.4


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def overleaf_css(fmt: str, label: str, direction: str, colours: dict[str, str]) -> str | None:
    """The "continued overleaf" note at the foot of every page but the last, at the end of the line (the
    right in a left-to-right language); only multi-page formats have one. ``{last}`` stands for the number
    of pages, known once the document is laid out."""
    spec = FORMATS[fmt]
    if spec.single_page:
        return None
    side = "left" if direction == "rtl" else "right"
    bottom = spec.margin_mm[2]
    return (f"@page {{ @bottom-{side} {{ content: {_css_string(label)}; font-size: {CAPTION_PT + 1:g}pt; "
            f"font-weight: 700; color: {colours['heading']}; text-align: {side}; vertical-align: bottom; "
            f"margin-bottom: {max(bottom - 9, 2):g}mm; }} }}\n"
            f"@page :nth({{last}}) {{ @bottom-{side} {{ content: none; }} }}")  # {last}: set by print_engine


def document_view(local: LocalContent, url: str, kind: str, model: Any, fmt: str, edition: str,
                  colours: dict[str, str], logo: str | None) -> pv.DocView:
    """What the template of one document receives (density 0; the caller steps the density up); ``url`` is
    the page's public address (its QR code)."""
    labels = local.labels
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
    """Every document of one language with its ready job, as the build's print tasks make them."""
    from relais.engine.fingerprint import code_digest
    from relais.render.print.tasks import print_job, print_tasks

    planned = []
    for task, doc in print_tasks(content, lang, theme_dir(project), project.cache_dir / "print-fonts", code_digest()):
        job = replace(print_job(task.spec), out_path=str(Path(out_lang_dir) / doc.path))
        planned.append(PlannedDocument(doc, job))
    return planned


def render_print_documents(content: Content, lang: str, project: Project, out_lang_dir: Path, *,
                           jobs: int | None = None, progress: Callable[[str], None] | None = None) -> list[PrintDoc]:
    """Write every print document of ``lang`` under ``out_lang_dir`` and describe them (stable order), with the
    build's print tasks on its executor (``jobs`` workers; 1: in this process). ``progress`` is called with a
    line per document. Raises ``PrintError`` naming the document when one cannot be made as designed."""
    from relais.engine.cache import Cache
    from relais.engine.fingerprint import code_digest
    from relais.engine.progress import Progress
    from relais.engine.runner import Engine
    from relais.render.print.tasks import print_tasks

    planned = print_tasks(content, lang, theme_dir(project), project.cache_dir / "print-fonts", code_digest())
    engine = Engine(Cache.disabled(), Progress(enabled=False), jobs=jobs)
    docs = []
    try:
        results = engine.run("print", [task for task, _ in planned])
    finally:
        engine.close()
    for task, doc in planned:
        result = results[task.name]
        if result.problems:
            raise PrintError(f"{doc.path}: " + "; ".join(p.message.split(": ", 1)[-1] for p in result.problems))
        data = result.files[task.name]
        out = Path(out_lang_dir) / doc.path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        if progress is not None:
            progress(f"{doc.path} ({result.facts['pages']} p., {max(1, round(len(data) / 1024))} KB)")
        docs.append(replace(doc, size_bytes=len(data)))
    return docs
