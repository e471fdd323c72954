"""Print documents: A4 leaflets, A5 flyers and A3 posters of the guides, A4 handouts of the case studies and
an A4 leaflet of each free page, in two editions.

- *office*: for an office printer, often black and white: no bleed, no marks, light tints (less toner).
- *press*: for a print shop: PDF TrimBox = the page, BleedBox = the page + ``bleed_mm``, MediaBox = the
  BleedBox + a ``SLUG_MM`` slug holding the crop marks (``marks: crop``), or the BleedBox itself with
  ``marks: none`` (no marks, no slug: the print shop imposes its own); solid brand colours running into
  the bleed (never into the slug), text kept at least 5 mm inside the trim, every colour in DeviceCMYK.

Boxes. WeasyPrint's CSS ``bleed`` makes the MediaBox, so the press page asks for bleed + slug, and
``print_engine`` sets the BleedBox to the bleed alone (WeasyPrint puts it at most 10 pt out of the trim)
from a ``write_pdf`` finisher. The backgrounds that run into the bleed (masthead, emergency numbers) are
extended by the bleed only, so the slug stays paper.

Crop marks. WeasyPrint's ``marks: crop`` are not used: they are drawn in the outer half of its bleed, in
RGB, under the content. Ours come from the page's four corner margin boxes (outside the structure tree, so
artifacts), each a background SVG covering the square from the sheet's corner to the trim's: two 0.28 pt
lines on the trim lines, from ``MARK_OFFSET_MM`` (at least the bleed) to 6 mm further out, in registration
colour (100% of every ink, so every plate carries them); they never enter the bleed.

Colour. The office edition is RGB (#RRGGBB). The press edition writes every colour of the palette, of the
icons, the QR code and the logo's #RRGGBB fills as ``device-cmyk()``, separated by one rule
(``relais.colour.cmyk``: full grey component replacement, so black and greys use the black plate alone);
body text is black, 100% K. The palette stays #RRGGBB so that contrast is checked on the same values.
Named or rgb() colours and raster images inside a logo stay RGB.

Both editions are tagged PDF/UA-1 (WeasyPrint's ``pdf/ua-1`` variant): marks, backgrounds and decorative
icons are drawn as artifacts, so bleed and marks do not conflict with tagging. No output intent is written:
WeasyPrint labels any output intent of a non-PDF/A document ``/GTS_PDFX``, a PDF/X claim without the
GTS_PDFXVersion key. The press edition is not PDF/X: measured with WeasyPrint 70.0, its ``pdf/x-4``
variant cannot be combined with ``pdf/ua-1`` (one variant at a time; ``pdf_tags`` gives the tags without
the PDF/UA identification), writes no output intent at all unless a CMYK ICC profile of the printing
condition is given (``@color-profile device-cmyk``; we ship none, and the condition is the print shop's),
and stamps a random ``xmpMM:DocumentID`` (two builds differ) and the clock time when the document has no
dates. README, print section: what a print shop that needs PDF/X does.

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
SLUG_MM = 10  # press with marks: the band outside the bleed that holds them (MediaBox = trim + bleed + slug)
MARK_OFFSET_MM = 3  # crop marks stop this far from the trim corner, or at the bleed's edge when it is wider
MARK_LENGTH_MM = 6
MARK_WIDTH_MM = 0.1  # 0.28 pt, a print shop's hairline
REGISTRATION = "device-cmyk(1 1 1 1)"  # marks print on every plate, so each plate can be trimmed by them

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


def slug_mm(edition: str, marks: str) -> float:
    """The band outside the bleed that holds the crop marks: only in the press edition, only with marks."""
    return float(SLUG_MM) if edition == "press" and marks == "crop" else 0.0


def _corner_mark(bleed: float, slug: float, rotation: int) -> str:
    """One corner of the crop marks: a square from the sheet's corner to the trim's, the two marks on the
    trim lines from the sheet's side up to ``MARK_OFFSET_MM`` (at least the bleed) from the trim corner, so
    they never enter the bleed; in registration colour (every plate). Drawn for the top-left corner, then
    rotated about the square's centre for the other three."""
    side = bleed + slug
    stop = side - max(bleed, MARK_OFFSET_MM)
    start = stop - MARK_LENGTH_MM
    lines = f"M{start:g} {side:g}H{stop:g}M{side:g} {start:g}V{stop:g}"
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side:g} {side:g}" '
           f'width="{side:g}mm" height="{side:g}mm"><path transform="rotate({rotation} {side / 2:g} {side / 2:g})" '
           f'fill="none" stroke="{REGISTRATION}" stroke-width="{MARK_WIDTH_MM:g}" d="{lines}"/></svg>')
    return pv.svg_data_url(svg)


def density_css(fmt: str) -> str:
    """The base font size (body text) and caption size of each density of a format."""
    spec = FORMATS[fmt]
    last = len(spec.font_pt) - 1
    return " ".join(f"html.density-{i} {{ font-size: {pt:g}pt; "
                    f"--caption: {caption_pt(pt, spec.fallback and i == last):g}pt; }}"
                    for i, pt in enumerate(spec.font_pt))


def page_css(fmt: str, edition: str, bleed_mm: float, marks: str, colours: dict[str, str]) -> str:
    """The stylesheet that depends on the format, the edition and the site settings (numbers only)."""
    spec = FORMATS[fmt]
    top, side, bottom, pad = spec.margin_mm
    press = edition == "press"
    bleed = float(bleed_mm) if press else 0.0
    slug = slug_mm(edition, marks)
    page = [f"size: {spec.size};", f"margin: {top}mm {side}mm {bottom}mm;"]
    boxes = []
    if press:
        # WeasyPrint's bleed is the MediaBox: bleed and slug (print_engine sets the BleedBox to the bleed alone).
        page.append(f"bleed: {bleed + slug:g}mm;")
        if slug:
            out = f"{bleed + slug:g}mm"
            corners = (("top-left", 0, f"-{out} 0 0 -{out}", "top left"),
                       ("top-right", 90, f"-{out} -{out} 0 0", "top right"),
                       ("bottom-right", 180, f"0 -{out} -{out} 0", "bottom right"),
                       ("bottom-left", 270, f"0 0 -{out} -{out}", "bottom left"))
            for name, rotation, margin, position in corners:
                mark = _corner_mark(bleed, slug, rotation)
                boxes.append(f'  @{name}-corner {{ content: ""; margin: {margin}; background: '
                             f'url("{mark}") {position} / {out} {out} no-repeat; }}')
    if spec.page_numbers:  # from the second page on: "2 / 2" (a one-page leaflet needs no number)
        boxes.append('  @bottom-center { content: counter(page) " / " counter(pages); '
                     f'font-size: {CAPTION_PT:g}pt; '
                     f'color: {pv.paint(colours["muted"], press)}; margin-bottom: {max(bottom - 9, 2):g}mm; '
                     'vertical-align: bottom; }')
    css = ["@page {", *("  " + p for p in page), *boxes, "}"]
    if spec.page_numbers:
        css.append("@page :first { @bottom-center { content: none; } }")
    css.append(density_css(fmt))
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
                          f'<circle cx="5" cy="5" r="4" fill="{pv.paint(colours["primary"], press)}" '
                          f'stroke="{pv.paint("#FFFFFF", press)}" stroke-width="1.5"/></svg>')
    css.append(f'.event-when {{ background-image: url("{dot}"); }}')
    return "\n".join(css) + "\n" + pv.palette_css(colours, press)


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


def overleaf_css(fmt: str, label: str, direction: str, colours: dict[str, str], press: bool = False) -> str | None:
    """The "continued overleaf" note at the foot of every page but the last, at the end of the line (the
    right in a left-to-right language), and the first page's number; only multi-page formats have one. ``{last}`` stands for the number
    of pages, known once the document is laid out."""
    spec = FORMATS[fmt]
    if spec.single_page:
        return None
    side = "left" if direction == "rtl" else "right"
    bottom = spec.margin_mm[2]
    return (f"@page {{ @bottom-{side} {{ content: {_css_string(label)}; font-size: {CAPTION_PT + 1:g}pt; "
            f"font-weight: 700; color: {pv.paint(colours['heading'], press)}; text-align: {side}; "
            "vertical-align: bottom; "
            f"margin-bottom: {max(bottom - 9, 2):g}mm; }} }}\n"
            f"@page :nth({{last}}) {{ @bottom-{side} {{ content: none; }} }}\n"  # {last}: set by print_engine
            # A document that turns numbers its first page too ("1 / 2"; page_css leaves a single page bare).
            '@page :first { @bottom-center { content: counter(page) " / " counter(pages); } }')


def document_view(local: LocalContent, url: str, kind: str, model: Any, fmt: str, edition: str,
                  colours: dict[str, str], logo: str | None) -> pv.DocView:
    """What the template of one document receives (density 0; the caller steps the density up); ``url`` is
    the page's public address (its QR code)."""
    labels = local.labels
    kicker = {"guide": labels.guides, "case-study": labels.case_study, "page": labels.for_communicators}[kind]
    fields = pv.base_view(local, kind=kind, model=model, fmt=fmt, edition=edition, url=url, colours=colours,
                          logo=logo, kicker=kicker)
    view = pv.DocView(**fields)
    press = edition == "press"
    if kind == "guide":
        view.groups = pv.item_groups(model.items, local, colours, press)
    elif kind == "case-study":
        view.groups = [pv.Group(pv.text(labels.lessons, local.lang), "info", None,
                                pv.item_views(model.lessons, local.lang, colours, press))]
        view.extra = pv.case_study_extra(local, model, colours, press)
    else:
        view.groups = [pv.Group(pv.text(s.title, local.lang), "section", None,
                                pv.item_views(s.items, local.lang, colours, press),
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
