"""Print documents (relais.render.print): the French and English PDFs of the run's shared build (the frozen
default kit, as ``site/`` publishes them), and documents of the print fixture kit (tests/fixtures/print/)
laid out here by the build's print tasks (``print_tasks``), checked with pikepdf (boxes, tags, metadata,
fonts), pypdfium2 (pages as images: QR code, greyscale contrast, text position) and zxing-cpp (QR decoding).
The old entry point (``render_print_documents``, documents.py's process pool) is tested on its own.

The fixture kit is a frozen copy of the content (French source, English translation, and a partial Arabic
translation for right-to-left and fallback checks), so editors can change content/ without breaking these
tests; the theme is the project's own theme/print/.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import shutil
import time
from pathlib import Path
from urllib.parse import unquote

import pikepdf
import pypdfium2 as pdfium
import pytest
import zxingcpp
from markupsafe import escape

from conftest import locked
from relais import colour
from relais.content import Content
from relais.engine.cache import Cache
from relais.engine.fingerprint import code_digest
from relais.engine.progress import Progress
from relais.engine.runner import Engine
from relais.icons import icon_svg_paths
from relais.pipeline import read
from relais.project import Project
from relais.render.print import documents as leaflets
from relais.render.print import view as pv
from relais.render.print.documents import PrintDoc, PrintError, plan_print_documents, render_print_documents
from relais.render.print import engine
from relais.render.print.engine import (FONT_FACES, FONT_NAME_PREFIXES, PrintJob, SafeFetcher,
                                        font_face_css, font_roots, render_document, resolve_url, static_faces)
from relais.render.print.tasks import print_job, print_tasks
from relais.urls import absolute_url, page_path, print_path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "print"
PROJECT = Project(ROOT)
THEME = ROOT / "theme" / "print"
MM = 72 / 25.4
TRIM = {"a4": (595.28, 841.89), "a5": (419.53, 595.28), "a3": (841.89, 1190.55)}
KINDS = {"prepare": "guide", "act-responsibly": "guide", "civic-minded": "guide", "smem-reflex": "guide", "boston-2013": "case-study", "communicators": "page"}


# --- fixtures ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def content():
    content, _, _ = read(Project(FIXTURE))
    return content


def print_documents(content: Content, lang: str, cache: Cache, jobs: int) -> tuple[list[PrintDoc], dict[str, bytes]]:
    """Every document of ``lang`` as the build makes it (its print tasks, through ``cache``): the records
    (stable order, sizes) and the bytes by path under the language folder."""
    planned = print_tasks(content, lang, THEME, PROJECT.cache_dir / "print-fonts", code_digest())
    engine = Engine(cache, progress=Progress(enabled=False), jobs=jobs)
    try:
        results = engine.run(f"print ({lang})", [task for task, _ in planned])
    finally:
        engine.close()
    assert [p for result in results.values() for p in result.problems] == []
    files = {doc.path: results[task.name].files[task.name] for task, doc in planned}
    return [dataclasses.replace(doc, size_bytes=len(files[doc.path])) for _, doc in planned], files


@pytest.fixture(scope="module")
def kit_content(built_site):
    """The frozen default kit, as the run's shared build read it."""
    content, _, _ = read(Project(built_site.parent))
    return content


@pytest.fixture(scope="module")
def built(built_site, kit_content):
    """Every French and English document of the run's shared build (the frozen default kit, made once per run
    by a pool of one worker per core), as published in ``site/``: (site folder, records by language)."""
    docs = {}
    for lang in ("fr", "en"):
        planned = print_tasks(kit_content, lang, THEME, PROJECT.cache_dir / "print-fonts", code_digest())
        docs[lang] = [dataclasses.replace(doc, size_bytes=(built_site / lang / doc.path).stat().st_size)
                      for _, doc in planned]
    return built_site, docs


def all_docs(built) -> list[PrintDoc]:
    return [doc for docs in built[1].values() for doc in docs]


def pdf_path(built, doc: PrintDoc) -> Path:
    return built[0] / doc.lang / doc.path


def find(built, page_id: str, lang: str, fmt: str, edition: str) -> Path:
    return built[0] / lang / print_path(page_id, lang, fmt, edition)


def box(page, name: str) -> tuple[float, float, float, float]:
    return tuple(float(v) for v in page.obj[name])


# --- what is written ---------------------------------------------------------------------------------


def test_every_document_in_both_editions(built, kit_content):
    out, docs = built
    for lang, written in docs.items():
        expected = {(g.id, f, e) for g in kit_content.guides for f in ("a4", "a5", "a3") for e in ("office", "press")}
        expected |= {(c.id, "a4", e) for c in kit_content.case_studies for e in ("office", "press")}
        expected |= {(p.id, "a4", e) for p in kit_content.pages for e in ("office", "press")}
        assert {(d.page_id, d.fmt, d.edition) for d in written} == expected
        for doc in written:
            assert doc.lang == lang
            assert doc.path == print_path(doc.page_id, lang, doc.fmt, doc.edition)
            path = out / lang / doc.path
            assert path.read_bytes()[:5] == b"%PDF-"
            assert doc.size_bytes == path.stat().st_size


def test_the_old_entry_point_writes_and_reports_each_document(content, tmp_path):
    """``render_print_documents`` writes every document of one guide, and calls ``progress`` once per document.
    (In this process: the build's pool is tested below, and by ``built``.)"""
    one = dataclasses.replace(content, guides=content.guides[:1], case_studies=[], pages=[])
    lines: list[str] = []
    docs = render_print_documents(one, "fr", PROJECT, tmp_path, jobs=1, progress=lines.append)
    assert {(d.page_id, d.fmt, d.edition) for d in docs} == {(one.guides[0].id, f, e) for f in ("a4", "a5", "a3")
                                                             for e in ("office", "press")}
    for doc in docs:
        assert doc.path == print_path(doc.page_id, "fr", doc.fmt, doc.edition)
        assert (tmp_path / doc.path).read_bytes()[:5] == b"%PDF-" and doc.size_bytes == (tmp_path / doc.path).stat().st_size
    assert len(lines) == len(docs)  # progress: once per document
    assert all(line.startswith("print/") and line.endswith("KB)") for line in lines)
    assert {line.split(" ")[0] for line in lines} == {d.path for d in docs}


class _Stamped(io.StringIO):
    """A log that notes when each line was written."""

    def __init__(self) -> None:
        super().__init__()
        self.stamps: list[tuple[float, str]] = []

    def write(self, text: str) -> int:
        if text.strip():
            self.stamps.append((time.monotonic(), text.strip()))
        return super().write(text)


def test_the_build_reports_each_document_as_it_finishes(content):
    """The engine's progress counts the documents as each one finishes on the pool, not all at the end."""
    one = dataclasses.replace(content, guides=content.guides[:1], case_studies=[], pages=[])
    planned = print_tasks(one, "fr", THEME, PROJECT.cache_dir / "print-fonts", code_digest())
    log = _Stamped()
    engine = Engine(Cache.disabled(), progress=Progress(stream=log), jobs=2)
    try:
        results = engine.run("print", [task for task, _ in planned])
    finally:
        engine.close()
    assert all(result.ok for result in results.values())
    counted = [(stamp, line) for stamp, line in log.stamps if re.fullmatch(r"print: \d/6( made)?", line)]
    assert [line for _, line in counted] == [f"print: {n}/6" for n in range(1, 6)] + ["print: 6/6 made"]
    assert counted[-1][0] - counted[0][0] > 0.3  # as each one finishes, not all at the end


def test_the_old_entry_point_lays_out_what_the_build_publishes(content, tmp_path):
    """``plan_print_documents`` gives the very jobs of the build's print tasks (it once left out ``fill_to``:
    its flyers and posters did not keep the essentials at the foot)."""
    planned = {p.doc.path: p.job for p in plan_print_documents(content, "fr", PROJECT, tmp_path)}
    for task, doc in print_tasks(content, "fr", THEME, PROJECT.cache_dir / "print-fonts", code_digest()):
        assert dataclasses.replace(planned[doc.path], out_path="") == print_job(task.spec), doc.path


def test_a_changed_copy_of_the_content_is_localised_again(content):
    """``in_language`` is cached per Content: a copy made with ``dataclasses.replace`` starts a cache of its
    own (it once shared the original's, and answered with the original's pages)."""
    assert len(content.in_language("fr").guides) == 2
    one = dataclasses.replace(content, guides=content.guides[:1])
    assert len(one.in_language("fr").guides) == 1
    assert len(content.in_language("fr").guides) == 2


def test_trim_bleed_and_media_boxes(built, kit_content):
    bleed = kit_content.site.print.bleed_mm * MM
    assert bleed > 0
    for doc in all_docs(built):
        with pikepdf.open(pdf_path(built, doc)) as pdf:
            for page in pdf.pages:
                trim = box(page, "/TrimBox")
                media = box(page, "/MediaBox")
                assert "/BleedBox" in page.obj
                width, height = TRIM[doc.fmt]
                assert trim[2] - trim[0] == pytest.approx(width, abs=1), doc.path
                assert trim[3] - trim[1] == pytest.approx(height, abs=1), doc.path
                # press: the sheet holds the bleed and the slug of the crop marks (tests/test_print_press.py)
                extra = bleed if doc.edition == "press" else 0
                sheet = extra + (leaflets.SLUG_MM * MM if doc.edition == "press" else 0)
                assert media[2] - media[0] == pytest.approx(width + 2 * sheet, abs=0.01), doc.path
                assert media[3] - media[1] == pytest.approx(height + 2 * sheet, abs=0.01), doc.path
                assert media[0] == pytest.approx(trim[0] - sheet, abs=0.01)
                bleed_box = box(page, "/BleedBox")
                assert bleed_box == pytest.approx((trim[0] - extra, trim[1] - extra, trim[2] + extra,
                                                   trim[3] + extra), abs=0.01), doc.path


def test_page_counts(built):
    for doc in all_docs(built):
        with pikepdf.open(pdf_path(built, doc)) as pdf:
            pages = len(pdf.pages)
        if KINDS[doc.page_id] == "guide":
            assert pages <= {"a4": 2, "a5": 1, "a3": 1}[doc.fmt], doc.path


def test_tagged_pdf_ua_with_metadata(built, kit_content):
    for lang in ("fr", "en"):
        local = kit_content.in_language(lang)
        models = {m.id: m for m in [*local.guides, *local.case_studies, *local.pages]}
        for doc in built[1][lang]:
            model = models[doc.page_id]
            with pikepdf.open(pdf_path(built, doc)) as pdf:
                root = pdf.Root
                assert root.MarkInfo.Marked is True
                assert "/StructTreeRoot" in root
                assert str(root.Lang) == lang
                assert root.ViewerPreferences.DisplayDocTitle is True
                assert str(pdf.docinfo.Title) == str(model.title)
                assert str(pdf.docinfo.Author) == str(local.site.publisher.name)
                assert str(pdf.docinfo.Subject) == str(model.key_message)
                assert "#SMEM" in str(pdf.docinfo.Keywords)
                meta = pdf.open_metadata()
                assert meta["dc:title"] == str(model.title)
                assert str(local.site.publisher.name) in meta["dc:creator"]
                assert meta["pdfuaid:part"] == "1"
                assert "/Creator" not in pdf.docinfo and "/CreationDate" not in pdf.docinfo  # no clock dates
                # no output intent: WeasyPrint labels one GTS_PDFX, a PDF/X claim without its version key
                assert "/OutputIntents" not in root and "/GTS_PDFXVersion" not in pdf.docinfo


def _structure(element, found: list) -> None:
    if isinstance(element, pikepdf.Dictionary) and "/S" in element:
        found.append(element)
        kids = element.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            _structure(kid, found)


def structure(pdf) -> list:
    found: list = []
    for kid in pdf.Root.StructTreeRoot.K:
        _structure(kid, found)
    return found


def test_structure_headings_lists_and_qr_alt(built, kit_content):
    url = absolute_url(kit_content, "en", page_path("guide", "act-responsibly"))
    with pikepdf.open(find(built, "act-responsibly", "en", "a4", "press")) as pdf:
        elements = structure(pdf)
    tags = [str(e.S) for e in elements]
    assert tags.count("/H1") == 1 and "/H2" in tags and "/H3" in tags
    assert "/L" in tags and "/LI" in tags
    figures = [e for e in elements if e.S == "/Figure"]
    assert [str(f.Alt) for f in figures] == [f"QR code: link to {url}"]  # icons are artifacts, not figures


def test_fonts_embedded_and_only_ours(built):
    for doc in all_docs(built):
        with pikepdf.open(pdf_path(built, doc)) as pdf:
            fonts = {}
            for page in pdf.pages:
                for name, font in page.Resources.get("/Font", {}).items():
                    fonts[str(font.BaseFont)] = font
            assert fonts, doc.path
            for base_name, font in fonts.items():
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = descendant.FontDescriptor
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, (doc.path, base_name)
                family = base_name.lstrip("/").split("+", 1)[-1]
                assert family.startswith(FONT_NAME_PREFIXES), (doc.path, base_name)  # never a system font


def _decode_qr(path: Path, page_index: int = -1, scale: float = 3) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[page_index % len(pdf)]
        image = page.render(scale=scale).to_pil()
    finally:
        pdf.close()
    return [code.text for code in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("page_id,fmt", [("prepare", "a4"), ("act-responsibly", "a5"), ("act-responsibly", "a3"),
                                         ("boston-2013", "a4"), ("communicators", "a4")])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_qr_code_decodes_to_the_page_in_the_same_language(built, kit_content, page_id, fmt, lang):
    url = absolute_url(kit_content, lang, page_path(KINDS[page_id], page_id))
    for edition in ("office", "press"):
        assert _decode_qr(find(built, page_id, lang, fmt, edition)) == [url]


def test_short_url_printed_beside_the_qr_code(built, kit_content):
    url = absolute_url(kit_content, "fr", page_path("guide", "prepare"))
    pdf = pdfium.PdfDocument(str(find(built, "prepare", "fr", "a4", "office")))
    try:
        text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
    assert re.sub(r"\s+", "", url.removeprefix("https://").rstrip("/")) in re.sub(r"\s+", "", text)


def test_two_builds_are_byte_identical(built, kit_content, tmp_path):
    """A second build, sequential, in this process and without the cache, gives the same bytes as the parallel
    one (one guide in every format and edition, and the case study)."""
    subset = dataclasses.replace(kit_content, guides=kit_content.guides[:1], pages=[])
    before = dict(os.environ)
    again, files = print_documents(subset, "fr", Cache.disabled(), jobs=1)
    assert dict(os.environ) == before  # SOURCE_DATE_EPOCH and FONTCONFIG_FILE restored
    assert len(again) == 8
    first = {d.path: d for d in built[1]["fr"]}
    for doc in again:
        assert doc == first[doc.path]
        assert files[doc.path] == pdf_path(built, doc).read_bytes(), doc.path


def test_source_date_epoch_from_content(content):
    assert content.site.source_date == "2026-11-21"
    assert leaflets.source_date_epoch(content) == 1795219200  # 2026-11-21T00:00:00Z


# --- layout --------------------------------------------------------------------------------------------


def _char_boxes(path: Path):
    """(page index, char, left, bottom, right, top, trim box) for every visible character."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            trim = page.get_trimbox()
            textpage = page.get_textpage()
            for i in range(textpage.count_chars()):
                char = textpage.get_text_range(i, 1)
                if char.strip():
                    yield (index, char, *textpage.get_charbox(i), trim)
    finally:
        pdf.close()


def test_text_stays_5mm_inside_the_trim(built):
    inset = leaflets.MIN_TEXT_INSET_MM * MM
    for doc in all_docs(built):
        count = 0
        for index, char, left, bottom, right, top, trim in _char_boxes(pdf_path(built, doc)):
            count += 1
            assert left >= trim[0] + inset and right <= trim[2] - inset, (doc.path, index, char, left, right)
            assert bottom >= trim[1] + inset and top <= trim[3] - inset, (doc.path, index, char, bottom, top)
        assert count > 300, doc.path


def test_one_page_formats_keep_the_essentials_at_the_foot(built):
    """Flyer and poster: the emergency numbers, QR code and sources end at the bottom margin, whatever the
    length of the advice above them."""
    for doc in all_docs(built):
        if doc.fmt not in ("a5", "a3"):
            continue
        boxes = list(_char_boxes(pdf_path(built, doc)))
        trim = boxes[0][-1]
        lowest = min(b[3] for b in boxes)
        margin = leaflets.FORMATS[doc.fmt].margin_mm[2] * MM
        assert trim[1] + margin - 1 <= lowest <= trim[1] + margin + 6 * MM, (doc.path, (lowest - trim[1]) / MM)


def _largest_gap_mm(path: Path) -> float:
    """The tallest band of a one-page document, across the whole sheet, where no character or drawing is
    (pdfium raster: every pixel of a row within 10 of white), between the top and bottom margins."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        image = pdf[0].render(scale=72 / 72).to_pil().convert("L")
    finally:
        pdf.close()
    pixels, (width, height) = image.load(), image.size
    best = run = 0
    for y in range(int(height * 0.04), int(height * 0.96)):
        run = run + 1 if all(pixels[x, y] > 245 for x in range(0, width, 2)) else 0
        best = max(best, run)
    return best * 25.4 / 72


def test_posters_fill_their_sheet(built):
    """An A3 poster with room left spreads it between its blocks: no blank band across the sheet taller than
    30 mm (the room left went above the numbers: up to 60 mm)."""
    posters = [doc for doc in all_docs(built) if doc.fmt == "a3" and doc.edition == "office"]
    assert len(posters) == 8  # four guides, in French and English
    gaps = {doc.path: round(_largest_gap_mm(pdf_path(built, doc)), 1) for doc in posters}
    assert max(gaps.values()) <= 30, gaps


def _sized_chars(path: Path):
    """(page index, char, font size in pt, (left, bottom, right, top)) for every visible character: pdfium's
    size is in the text object's units, which WeasyPrint scales (CSS px to pt) by the object's matrix."""
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(pdf)):
            textpage = pdf[index].get_textpage()
            for i in range(textpage.count_chars()):
                char = textpage.get_text_range(i, 1)
                if not char.strip():
                    continue
                matrix = raw.FS_MATRIX()
                raw.FPDFPageObj_GetMatrix(raw.FPDFText_GetTextObject(textpage, i), matrix)
                scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
                yield index, char, raw.FPDFText_GetFontSize(textpage, i) * scale, textpage.get_charbox(i)
    finally:
        pdf.close()


def _sizes_of(path: Path, text: str) -> list[float]:
    """The font sizes (pt) of the first occurrence of ``text`` (spaces and line breaks left out)."""
    chars = list(_sized_chars(path))
    joined = "".join(c[1] for c in chars)
    start = joined.find(text.replace(" ", ""))
    assert start >= 0, (path.name, text)
    return [c[2] for c in chars[start:start + len(text.replace(" ", ""))]]


BODY_PT = {"a4": 11, "a5": 10, "a3": 11}  # the smallest body text of each format (captions: CAPTION_PT)


def _check_sizes(path: Path, fmt: str, content) -> None:
    sizes = [c[2] for c in _sized_chars(path)]
    assert min(sizes) >= leaflets.CAPTION_PT - 0.05, (path.name, min(sizes))
    item = next(g for g in content.guides if g.id == "prepare").items[0]
    body = str(item.text)[:30] if fmt == "a4" else str(item.title)
    assert min(_sizes_of(path, body)) >= BODY_PT[fmt] - 0.05, (path.name, body)


def test_type_sizes_in_the_published_documents(built, kit_content):
    """No text under 9 pt; body text >= 11 pt in A4, >= 10 pt in A5, read from the PDFs' characters."""
    for doc in all_docs(built):
        sizes = [c[2] for c in _sized_chars(pdf_path(built, doc))]
        assert min(sizes) >= leaflets.CAPTION_PT - 0.05, (doc.path, min(sizes))
    for fmt in ("a4", "a5", "a3"):
        _check_sizes(find(built, "prepare", "fr", fmt, "office"), fmt, kit_content)


@pytest.mark.parametrize("fmt", ["a4", "a5", "a3"])
def test_type_sizes_in_the_densest_variant(content, tmp_path, fmt):
    """The densest layout a longer text can get keeps the same minimum sizes (the flyer's last resort, for
    texts at their maximum length only, aside: test_longest_texts_still_fit_their_formats)."""
    job = next(p.job for p in plan_print_documents(content, "fr", PROJECT, tmp_path)
               if p.doc.path == f"print/prepare-fr-{fmt}.pdf")
    densest = len(job.variants) - 1 - leaflets.FORMATS[fmt].fallback
    laid_out = render_document(dataclasses.replace(job, variants=(job.variants[densest],), max_pages=None))
    path = tmp_path / "densest.pdf"
    path.write_bytes(laid_out.pdf)
    assert f"density-{densest}" in job.variants[densest] and densest >= 2
    _check_sizes(path, fmt, content)


def test_key_figures_are_the_largest_text_of_the_handout(built):
    path = find(built, "boston-2013", "fr", "a4", "office")
    largest = max(c[2] for c in _sized_chars(path))
    assert min(_sizes_of(path, "140000")) >= largest - 0.05  # "140 000": the no-break space is not drawn


def _lowest_body_text(path: Path, page_index: int, bottom_mm: float) -> float:
    """mm from the trim's foot to the lowest character above the bottom margin's page number and note."""
    boxes = [b for b in _char_boxes(path) if b[0] == page_index]
    trim = boxes[0][-1]
    body = [b[3] for b in boxes if b[3] > trim[1] + (bottom_mm - 2) * MM]
    return (min(body) - trim[1]) / MM


def test_a4_documents_fill_their_last_page_and_say_when_they_turn(built):
    """A4 leaflets and handouts end at the bottom margin (the numbers and QR code at the foot of the last
    page), never leave a nearly empty last page, fill every page they turn (a long section goes on overleaf
    rather than leaving the front's foot empty), and say "continued overleaf" on every page but the last."""
    note = {"fr": "Suite au verso", "en": "Continued overleaf"}
    bottom = leaflets.FORMATS["a4"].margin_mm[2]
    for doc in all_docs(built):
        if doc.fmt != "a4":
            continue
        path = pdf_path(built, doc)
        pdf = pdfium.PdfDocument(str(path))
        try:
            texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
        finally:
            pdf.close()
        lowest = _lowest_body_text(path, len(texts) - 1, bottom)
        assert bottom - 1 <= lowest <= bottom + 6, (doc.path, lowest)
        assert [note[doc.lang] in text for text in texts] == [True] * (len(texts) - 1) + [False], doc.path
        numbers = [f"{k} / {len(texts)}" for k in range(1, len(texts) + 1)]  # every page of a turning leaflet
        assert all(n in t for n, t in zip(numbers, texts)) if len(texts) > 1 else "1 / 1" not in texts[0], doc.path
        for page in range(len(texts) - 1):
            assert _lowest_body_text(path, page, bottom) <= bottom + 25, (doc.path, page)
        if len(texts) > 1:  # the last page holds more than the end of the colophon
            last = [b for b in _char_boxes(path) if b[0] == len(texts) - 1]
            assert max(b[5] for b in last) > 0.5 * TRIM["a4"][1], doc.path


def _top_of(pdf_bytes: bytes, page_index: int, text: str) -> float:
    """The top (pt from the page's foot) of the first character of ``text`` on that page."""
    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        textpage = pdf[page_index].get_textpage()
        index = textpage.get_text_range().find(text)
        assert index >= 0, text
        return textpage.get_charbox(index)[3]
    finally:
        pdf.close()


def test_the_last_page_of_a_turning_leaflet_spreads_its_rows(kit_content, tmp_path):
    """On the last page of several, the room left goes first between its rows of advice (up to
    LAST_PAGE_GAP each), then above the numbers: not all into one band."""
    job = next(p.job for p in plan_print_documents(kit_content, "fr", PROJECT, tmp_path)
               if p.doc.path == "print/communicators-fr-a4.pdf")
    checked = render_document(job, write=False)
    rows = checked.measure.last_gaps
    assert checked.pages == 2 and rows >= 2 and "relais-item-3-3" in checked.measure.last_items, checked.measure
    variant = dataclasses.replace(job, variants=(job.variants[checked.variant],))
    spread = render_document(variant).pdf
    plain = render_document(dataclasses.replace(variant, fill_to=None)).pdf  # the same without the fill
    moved = _top_of(plain, 1, "Décrivez vos images") - _top_of(spread, 1, "Décrivez vos images")  # its last row
    assert 10 <= moved <= (rows - 1) * engine.LAST_PAGE_GAP * 0.75 + 0.5, moved  # CSS px to pt


def test_the_boston_handout_is_balanced(built):
    """Two full pages: page 1 down to its foot, page 2's numbers at its foot with the lessons above them."""
    path = find(built, "boston-2013", "fr", "a4", "office")
    bottom = leaflets.FORMATS["a4"].margin_mm[2]
    assert _lowest_body_text(path, 0, bottom) <= bottom + 25
    assert _lowest_body_text(path, 1, bottom) <= bottom + 6


def test_continued_overleaf_in_arabic_at_the_end_of_the_line(content, tmp_path):
    job = next(p.job for p in plan_print_documents(content, "ar", PROJECT, tmp_path)
               if p.doc.path == "print/boston-2013-ar-a4.pdf")
    laid_out = render_document(job)
    assert laid_out.pages == 2
    path = tmp_path / "handout.pdf"
    path.write_bytes(laid_out.pdf)
    pdf = pdfium.PdfDocument(str(path))
    try:
        textpage = pdf[0].get_textpage()
        text = textpage.get_text_range()
        start = text.find("الصفحة الخلفية")
        assert start >= 0
        assert textpage.get_charbox(start)[2] < TRIM["a4"][0] / 2  # at the left: the end of an Arabic line
        assert "الصفحة الخلفية" not in pdf[1].get_textpage().get_text_range()
    finally:
        pdf.close()


def test_press_backgrounds_run_into_the_bleed(built):
    """The masthead's colour covers the bleed at the top corners of a press page, not of an office page."""
    for fmt in ("a4", "a5", "a3"):
        for edition in ("office", "press"):
            pdf = pdfium.PdfDocument(str(find(built, "prepare", "fr", fmt, edition)))
            try:
                image = pdf[0].render(scale=1).to_pil().convert("RGB")
                media, bleed = pdf[0].get_mediabox(), pdf[0].get_bleedbox()
            finally:
                pdf.close()
            width, _ = image.size
            # 1 pt inside the bleed box's edge (the trim's for office), halfway down the masthead's top
            inset = round(bleed[0] - media[0])
            samples = [image.getpixel((x, inset + 12)) for x in (inset + 1, width // 2, width - inset - 2)]
            if edition == "press":  # the brand blue, in CMYK: each reader renders it its own way
                assert len(set(samples)) == 1 and samples[0][2] > 2 * max(samples[0][:2]), (fmt, samples)
            else:
                assert all(s == (255, 255, 255) for s in samples), (fmt, samples)


def test_no_crop_marks_when_the_site_says_so(content, tmp_path):
    """marks: none draws no mark (the PDFs are checked in tests/test_print_press.py)."""
    site = content.site.model_copy(update={"print": content.site.print.model_copy(update={"marks": "none"})})
    plain = dataclasses.replace(content, site=site)
    job = next(p.job for p in plan_print_documents(plain, "fr", PROJECT, tmp_path)
               if p.doc.path.endswith("a5-press.pdf"))
    assert not any("-corner" in css for css in job.stylesheets)
    marked = next(p.job for p in plan_print_documents(content, "fr", PROJECT, tmp_path) if p.job.name == job.name)
    assert any("-corner" in css for css in marked.stylesheets)
    assert not any("marks:" in css for css in marked.stylesheets)  # WeasyPrint's own marks sit in the bleed


# --- colour and black-and-white ---------------------------------------------------------------------


def _used_roles() -> set[str]:
    """The palette roles the stylesheet paints with (var(--caption) is a size)."""
    css = (THEME / "print.css").read_text(encoding="utf-8")
    return set(re.findall(r"(?:color|background[a-z-]*|border[a-z-]*)\s*:[^;}]*var\(--([a-z-]+)\)", css))


@pytest.mark.parametrize("edition", ["office", "press"])
def test_palette_contrast_in_greyscale(content, edition):
    colours = pv.palette(content.site.brand, edition)
    assert _used_roles() <= set(colours)  # every colour the stylesheet uses comes from the palette
    for ink, background in pv.COLOUR_PAIRS:
        grey_ink, grey_background = colour.grey(colours[ink]), colour.grey(colours[background])
        assert colour.contrast(grey_ink, grey_background) >= 4.5, (ink, background, grey_ink, grey_background)
        assert colour.contrast(colours[ink], colours[background]) >= 4.5, (ink, background)


def test_palette_stays_readable_with_a_light_brand_colour(content):
    """A light primary colour (yellow) does not get white text: the ink switches to dark."""
    brand = content.site.brand.model_copy(update={"primary": "#FFD700", "accent": "#FF9900"})
    for edition in ("office", "press"):
        colours = pv.palette(brand, edition)
        for ink, background in pv.COLOUR_PAIRS:
            assert colour.grey_contrast(colours[ink], colours[background]) >= 4.5, (edition, ink, background)


def _luminance(value: int) -> float:
    s = value / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def _ratio(a: int, b: int) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def greyscale_text_contrasts(path: Path, scale: int = 4) -> list[tuple[float, str, int]]:
    """For every character: the contrast between its darkest-or-lightest pixel and the background around it,
    on the page rendered in greyscale (as an office printer would)."""
    pdf = pdfium.PdfDocument(str(path))
    result = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            left, _, _, top = page.get_cropbox()
            image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
            pixels, (width, height) = image.load(), image.size
            textpage = page.get_textpage()
            for i in range(textpage.count_chars()):
                char = textpage.get_text_range(i, 1)
                if not char.strip():
                    continue
                l, b, r, t = textpage.get_charbox(i)
                x0, x1 = max(int((l - left) * scale), 2), min(int((r - left) * scale) + 1, width - 3)
                y0, y1 = max(int((top - t) * scale), 2), min(int((top - b) * scale) + 1, height - 3)
                if x1 - x0 < 2 or y1 - y0 < 2:
                    continue
                inside = [pixels[x, y] for x in range(x0, x1) for y in range(y0, y1)]
                ring = [pixels[x, y] for x in range(x0 - 2, x1 + 2) for y in (y0 - 2, y1 + 1)]
                ring += [pixels[x, y] for y in range(y0 - 2, y1 + 2) for x in (x0 - 2, x1 + 1)]
                background = sorted(ring)[len(ring) // 2]
                ink = max(inside, key=lambda v: abs(v - background))
                result.append((_ratio(ink, background), char, index))
    finally:
        pdf.close()
    return result


@pytest.mark.parametrize("page_id,fmt", [("act-responsibly", "a4"), ("prepare", "a5"), ("act-responsibly", "a3"),
                                         ("boston-2013", "a4")])
@pytest.mark.parametrize("edition", ["office", "press"])
def test_rendered_text_contrast_in_greyscale(built, page_id, fmt, edition):
    contrasts = greyscale_text_contrasts(find(built, page_id, "fr", fmt, edition))
    assert len(contrasts) > 300
    worst = min(contrasts)
    assert worst[0] >= 4.5, worst


def test_do_and_dont_told_apart_without_colour(content, tmp_path):
    """Do / don't items carry a written label (their group's heading) and a different mark (check / cross),
    so they stay distinct in black and white."""
    job = next(p.job for p in plan_print_documents(content, "fr", PROJECT, tmp_path)
               if p.doc.path == "print/act-responsibly-fr-a4.pdf")
    html = job.variants[0]
    labels = content.in_language("fr").labels
    assert f">{labels.do}</h2>" in html and f">{labels.dont}</h2>" in html
    check_path, cross_path = (icon_svg_paths(name)[1] for name in (pv.MARK_ICONS["do"], pv.MARK_ICONS["dont"]))
    def icons(kind: str) -> list[str]:
        pattern = r'class="item item-%s" style="background-image: url\(\'([^\']+)\'\)"' % kind
        return [unquote(url) for url in re.findall(pattern, html)]

    do_icons, dont_icons = icons("do"), icons("dont")
    assert len(do_icons) == 3 and len(dont_icons) == 3
    assert all(check_path in icon and cross_path not in icon for icon in do_icons)
    assert all(cross_path in icon and check_path not in icon for icon in dont_icons)


# --- languages ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def arabic(content, tmp_path_factory):
    out = tmp_path_factory.mktemp("ar")
    job = next(p.job for p in plan_print_documents(content, "ar", PROJECT, out)
               if p.doc.path == "print/act-responsibly-ar-a4-press.pdf")
    laid_out = render_document(job)
    assert not laid_out.problems and not laid_out.warnings
    path = out / "leaflet.pdf"
    path.write_bytes(laid_out.pdf)
    return job, path


def test_right_to_left_document(arabic):
    job, path = arabic
    html = job.variants[0]
    assert '<html lang="ar" dir="rtl"' in html
    assert "تصرّف بمسؤولية" in html
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "ar"
        assert str(pdf.docinfo.Title) == "تصرّف بمسؤولية"
    # mirrored: the title starts at the right margin
    boxes = [b for b in _char_boxes(path) if b[0] == 0]
    title = [b for b in boxes if b[1] in "تصرّف"]
    assert title and max(b[4] for b in title) > 500


def _big_number_x(path: Path, number: str) -> float:
    """Left edge of an emergency number printed big (the note mentions 112 too, in small type)."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        textpage = pdf[0].get_textpage()
        text = textpage.get_text_range()
        for match in re.finditer(number, text):
            left, bottom, right, top = textpage.get_charbox(match.start())
            if top - bottom > 12:
                return left
    finally:
        pdf.close()
    raise AssertionError(f"{number} not found in big type")


def test_right_to_left_grids_start_on_the_right(arabic, built):
    """Emergency numbers (and every grid) read from the right in Arabic, from the left in French."""
    _, path = arabic
    assert _big_number_x(path, "112") > _big_number_x(path, "114")
    french = find(built, "act-responsibly", "fr", "a4", "press")
    assert _big_number_x(french, "112") < _big_number_x(french, "114")


def test_fallback_texts_carry_their_own_language(arabic, content):
    """Untranslated texts stand in French, marked lang="fr" in the HTML and /Lang (fr) in the PDF tags: every
    French passage is found (the fixture's warnings are empty) and only French text is marked."""
    job, path = arabic
    html = job.variants[0]
    summary = next(g for g in content.guides if g.id == "act-responsibly").summary
    assert f'<span lang="fr" dir="ltr">{escape(summary)}</span>' in html
    assert 'class="notice"' in html  # readers are told, in words, that part of the page is in French
    _, passages = engine.scan_text(html)
    assert len(passages) > 5 and {lang for lang, _ in passages} == {"fr"}
    french = engine._normal(" ".join(text for _, text in passages))
    texts = engine._marked_texts(path.read_bytes())
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        marked = [e for e in structure(pdf) if "/Lang" in e]
        assert {str(e.Lang) for e in marked} == {"fr"}
        for element in marked:
            mcids = [k for k in (element.K if isinstance(element.K, pikepdf.Array) else [element.K])
                     if isinstance(k, int)]
            drawn = engine._normal("".join(texts[(pages[element.Pg.objgen], k)] for k in mcids))
            assert drawn and drawn in french, drawn
    assert render_document(job).pdf == path.read_bytes()  # marking keeps the bytes reproducible


def test_complete_language_has_no_fallback_notice(content, tmp_path):
    job = next(p.job for p in plan_print_documents(content, "en", PROJECT, tmp_path))
    assert 'class="notice"' not in job.variants[0]
    assert 'lang="fr"' not in job.variants[0]


# --- safety ------------------------------------------------------------------------------------------


def test_fetcher_allows_only_theme_fonts_and_data():
    roots = (THEME.resolve(), *font_roots())
    mime, body = resolve_url((THEME / "print.css").as_uri(), roots)
    assert mime == "text/css" and body.startswith(b"/*")
    font = next(font_roots()[0].glob("*.ttf"))
    assert resolve_url(font.as_uri(), roots)[0] == "font/ttf"
    assert resolve_url("data:text/plain;base64,SGVsbG8=", roots) == ("text/plain", b"Hello")
    assert resolve_url("data:image/svg+xml,%3Csvg%2F%3E", roots) == ("image/svg+xml", b"<svg/>")
    for url in ("file:///etc/passwd", "http://127.0.0.1/", "https://example.org/x.css", "ftp://example.org/x",
                (THEME / ".." / ".." / "pyproject.toml").as_uri(), "file://evil.example.org/etc/passwd",
                (THEME / "no-such-file.css").as_uri(), "/etc/passwd", "javascript:alert(1)"):
        with pytest.raises(PermissionError):
            resolve_url(url, roots)


def test_fetcher_object_refuses_and_records():
    """The object WeasyPrint calls: refusals raise (WeasyPrint then logs an error) and are recorded."""
    fetcher = SafeFetcher((THEME.resolve(), *font_roots()))
    for url in ("file:///etc/passwd", "http://example.org/", "https://example.org/a.css"):
        with pytest.raises(PermissionError):
            fetcher(url)
    assert fetcher.refused == ["file:///etc/passwd", "http://example.org/", "https://example.org/a.css"]
    response = fetcher.fetch((THEME / "print.css").as_uri())
    assert response.content_type == "text/css" and response.read().startswith(b"/*")
    assert not fetcher._fail_on_errors  # WeasyPrint reads this flag: a refused image is logged, then we fail


def test_fetcher_resolves_symlinks(tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "passwd.css").symlink_to("/etc/passwd")
    (theme / "ok.css").write_text("p {}")
    with pytest.raises(PermissionError):
        resolve_url((theme / "passwd.css").as_uri(), (theme.resolve(),))
    assert resolve_url((theme / "ok.css").as_uri(), (theme.resolve(),))[1] == b"p {}"


def _hostile_job(html: str, css: str = "", max_pages: int | None = None) -> PrintJob:
    return PrintJob(name="print/hostile-fr-a4.pdf", out_path="/nonexistent/never-written.pdf",
                    variants=(html,), stylesheets=(font_face_css(), css),
                    base_url=THEME.as_uri() + "/", allowed_roots=(str(THEME), *map(str, font_roots())),
                    fontconfig_file=str(THEME / "fonts.conf"), source_date_epoch=0, max_pages=max_pages)


HOSTILE = """<!DOCTYPE html><html lang="fr"><head><title>Hostile</title>
<link rel="stylesheet" href="file:///etc/passwd">
<style>@import url("file:///etc/passwd"); body { background: url("file:///etc/passwd"); }</style></head>
<body><p>Texte</p><img src="file:///etc/passwd" alt="passwd"><img src="http://127.0.0.1:9/x.png" alt="net">
<object data="file:///etc/passwd"></object><iframe src="file:///etc/passwd"></iframe></body></html>"""


def test_document_referencing_local_files_gets_nothing():
    """WeasyPrint with our fetcher draws the hostile document anyway (render_document would refuse it): the
    PDF holds nothing of the refused files."""
    from weasyprint import CSS, HTML

    secret = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace").splitlines()[0]
    fetcher = SafeFetcher((THEME.resolve(), *font_roots()))
    css = CSS(string='p::after { content: url("file:///etc/passwd"); }', url_fetcher=fetcher)
    pdf = HTML(string=HOSTILE, base_url=THEME.as_uri() + "/", url_fetcher=fetcher).write_pdf(stylesheets=[css])
    assert pdf.startswith(b"%PDF")
    assert any(url.startswith("file:///etc/passwd") for url in fetcher.refused)
    assert "http://127.0.0.1:9/x.png" in fetcher.refused
    text = "".join(pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range())
    assert "root:" not in text and secret not in text
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        streams = b"".join(obj.read_bytes() for obj in opened.objects if isinstance(obj, pikepdf.Stream))
    assert secret.encode() not in streams and secret.encode() not in pdf


def test_refused_fetch_fails_the_document_with_its_name():
    with pytest.raises(PrintError, match=r"print/hostile-fr-a4\.pdf: refused to read file:///etc/passwd"):
        render_document(_hostile_job(HOSTILE))


def test_refusals_while_parsing_a_stylesheet_count_for_every_document():
    """Stylesheets are parsed once per worker and reused: what their parsing refused still fails the next
    document that uses them."""
    css = '@import url("file:///etc/passwd"); p { color: black; }'
    html = '<!DOCTYPE html><html lang="fr"><head><title>T</title></head><body><p>Texte</p></body></html>'
    for _ in range(2):
        with pytest.raises(PrintError, match="refused to read file:///etc/passwd"):
            render_document(_hostile_job(html, css))


def test_weasyprint_errors_fail_the_document():
    missing_alt = ('<!DOCTYPE html><html lang="fr"><head><title>T</title></head><body>'
                   '<img src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 width=%2210%22 '
                   'height=%2210%22/%3E"></body></html>')
    with pytest.raises(PrintError, match=r"hostile-fr-a4\.pdf: .*alt"):
        render_document(_hostile_job(missing_alt))
    missing_lang = "<!DOCTYPE html><html><head><title>T</title></head><body><p>Texte</p></body></html>"
    with pytest.raises(PrintError, match="lang"):
        render_document(_hostile_job(missing_lang))


def test_missing_glyph_is_a_content_problem_not_a_system_font():
    """No system font is reachable: a character none of our fonts has is a problem to fix in the content (one
    sentence per character, in check and in build), never a silent fallback; the old entry point raises."""
    html = '<!DOCTYPE html><html lang="ja"><head><title>T</title></head><body><p>Ωmega 日本</p></body></html>'
    job = _hostile_job(html, 'html { font-family: "Relais Atkinson"; }')
    for write in (False, True):
        laid_out = render_document(job, write=write)
        assert laid_out.pdf is None
        assert len(laid_out.problems) == 2, laid_out.problems  # Ω is drawn with Noto Sans
        assert "U+65E5" in laid_out.problems[0] and "none of the print fonts" in laid_out.problems[0]
        assert "U+672C" in laid_out.problems[1]
    with pytest.raises(PrintError, match=r"hostile-fr-a4\.pdf: the character \"日\""):
        engine.render_pdf(job)


def test_overflow_is_a_content_problem_check_lays_out_without_drawing(content, tmp_path):
    """A one-sided format that the densest layout overflows: the problem comes back as a sentence, with the
    densest variant, in check (write=False) and build alike; nothing is drawn."""
    job = next(p.job for p in plan_print_documents(longest_content(content, "checklist"), "fr", PROJECT, tmp_path)
               if p.doc.fmt == "a5")
    job = dataclasses.replace(job, variants=job.variants[:2])  # the two most generous: both overflow
    for write in (False, True):
        laid_out = render_document(job, write=write)
        assert (laid_out.variant, laid_out.layouts, laid_out.pdf) == (1, 2, None)
        assert laid_out.pages > 1
        assert laid_out.problems == (f"the text needs {laid_out.pages} pages, the format has 1; "
                                     "shorten the texts of this page",)
    soft = dataclasses.replace(job, hard_limit=False)  # case studies may run longer: accepted
    laid_out = render_document(soft)
    assert not laid_out.problems and laid_out.pdf.startswith(b"%PDF")
    assert render_document(soft, write=False).pdf is None


def test_variable_fonts_become_static_instances_made_once(tmp_path):
    """Each variable face is a static instance at its weight (same advances as the variable font there), kept
    under a hash of its inputs and reused; the @font-face rules and the fetcher's roots use the cache."""
    import uharfbuzz as hb

    faces = static_faces(tmp_path)
    css = font_face_css(tmp_path)
    assert "[" not in css and tmp_path.as_uri() in css and tmp_path in font_roots(tmp_path)
    made = sorted(tmp_path.glob("*.ttf"))
    assert len(made) == 6
    for family, family_faces in faces.items():
        for (weight, style, path), (_, _, source) in zip(family_faces, FONT_FACES[family]):
            if "[" not in source.name:
                assert path == source
                continue
            static_face = hb.Face(hb.Blob.from_file_path(str(path)))
            variable = hb.Font(hb.Face(hb.Blob.from_file_path(str(source))))
            variable.set_variations({"wght": weight})
            static = hb.Font(static_face)
            assert static_face.glyph_count == variable.face.glyph_count
            assert all(static.get_glyph_h_advance(g) == variable.get_glyph_h_advance(g)
                       for g in range(0, static_face.glyph_count, 7)), (path, weight)
    stamps = {path: path.stat().st_mtime_ns for path in made}
    static_faces.cache_clear()
    assert static_faces(tmp_path) == faces
    assert {path: path.stat().st_mtime_ns for path in made} == stamps  # reused, not made again


def test_content_text_is_escaped(content, tmp_path):
    guide = content.guides[0]
    tricky = 'Tom & Jerry "quoted" 1 < 2 > 0 \'x\''
    hostile = dataclasses.replace(content, guides=[guide.model_copy(update={"title": tricky, "summary": tricky})],
                                  case_studies=[], pages=[])
    job = plan_print_documents(hostile, "fr", PROJECT, tmp_path)[0].job
    html = job.variants[0]
    assert "Tom &amp; Jerry &#34;quoted&#34; 1 &lt; 2 &gt; 0 &#39;x&#39;" in html
    assert tricky not in html
    laid_out = render_document(job)
    assert not laid_out.problems and laid_out.pdf.startswith(b"%PDF")


def test_error_in_a_worker_stops_the_build_and_names_the_document(content, tmp_path):
    """A theme that reaches outside its folder: the PrintError raised in a worker reaches the caller."""
    project = tmp_path / "project"
    shutil.copytree(THEME, project / "theme" / "print")
    with open(project / "theme" / "print" / "print.css", "a", encoding="utf-8") as css:
        css.write('\n.doc-guide.fmt-a5 .masthead { background-image: url("file:///etc/passwd"); }\n')
    one = dataclasses.replace(content, guides=content.guides[:1], case_studies=[], pages=[])
    with pytest.raises(PrintError, match=r"print/prepare-fr-a5(-press)?\.pdf: refused to read file:///etc/passwd"):
        render_print_documents(one, "fr", Project(project), tmp_path / "out", jobs=2)


def test_one_process_renders_documents_of_several_projects(content, tmp_path):
    """A process that renders for one project, then has the print tasks of another fail (a theme reading
    outside its folder), then renders Arabic for the first again keeps every font: that Arabic came out as
    missing glyphs while the engine dropped a project's font configuration for the next one's."""
    other = tmp_path / "other"
    shutil.copytree(THEME, other / "theme" / "print")
    with open(other / "theme" / "print" / "print.css", "a", encoding="utf-8") as css:
        css.write('\n.masthead { background-image: url("file:///etc/passwd"); }\n')
    one = dataclasses.replace(content, guides=content.guides[:1], case_studies=[], pages=[])

    def job(project: Project, lang: str):
        return next(p.job for p in plan_print_documents(one, lang, project, tmp_path) if p.doc.fmt == "a5")

    assert not render_document(job(PROJECT, "fr")).problems
    with pytest.raises(PrintError, match="refused to read"):
        render_print_documents(one, "fr", Project(other), tmp_path / "out", jobs=2)
    laid_out = render_document(job(PROJECT, "ar"))
    assert not laid_out.problems and laid_out.pdf.startswith(b"%PDF"), laid_out.problems[:1]


def _embedded_font_dates(pdf: bytes) -> set[int]:
    from fontTools.ttLib import TTFont

    with pikepdf.open(io.BytesIO(pdf)) as opened:
        files = [obj.FontFile2.read_bytes() for obj in opened.objects
                 if isinstance(obj, pikepdf.Dictionary) and "/FontFile2" in obj]
    assert files
    return {TTFont(io.BytesIO(data))["head"].modified for data in files}


def test_source_date_is_what_dates_the_fonts(content, tmp_path):
    """The same input and date give the same bytes. An embedded font is dated by source_date (fontTools
    stamps SOURCE_DATE_EPOCH when WeasyPrint subsets with it) or keeps its own date (HarfBuzz, and our static
    instances): never the clock, never the day the font cache was made."""
    from fontTools.misc.timeTools import epoch_diff
    from fontTools.ttLib import TTFont

    own = {TTFont(path, lazy=True)["head"].modified for faces in FONT_FACES.values() for _, _, path in faces}
    for source_date in ("2026-11-21", "2027-01-01"):
        dated = dataclasses.replace(content, site=content.site.model_copy(update={"source_date": source_date}))
        job = next(p.job for p in plan_print_documents(dated, "ar", PROJECT, tmp_path)
                   if p.doc.fmt == "a5" and p.doc.page_id == "act-responsibly")
        job = dataclasses.replace(job, variants=job.variants[:1], max_pages=None)
        pdf = render_document(job).pdf
        assert render_document(job).pdf == pdf
        assert _embedded_font_dates(pdf) <= own | {job.source_date_epoch - epoch_diff}


def test_missing_theme_is_a_clear_error(content, tmp_path):
    with pytest.raises(PrintError, match="print theme"):
        render_print_documents(content, "fr", Project(tmp_path), tmp_path / "out", jobs=1)


# --- robustness --------------------------------------------------------------------------------------


def _words(length: int) -> str:
    base = "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore".split()
    out, i = [], 0
    while len(" ".join(out)) < length:
        out.append(base[i % len(base)])
        i += 1
    return " ".join(out)[:length].rstrip()


def longest_content(content, kinds: str):
    """Every text at its maximum length, every list at its maximum size."""
    site = content.site
    site = site.model_copy(update={
        "emergency_numbers": [n.model_copy(update={"label": _words(80)}) for n in site.emergency_numbers],
        "emergency_note": _words(180),
        "accounts": [a.model_copy(update={"id": f"{a.id}-{i}", "owner": _words(40)})
                     for i, a in enumerate(list(site.accounts) * 2)]})
    guide = content.guides[0]
    item = guide.items[0]
    items = [item.model_copy(update={"id": f"i{i}", "title": _words(60), "text": _words(220),
                                     "kind": ("do" if i < 4 else "dont") if kinds == "do-dont" else "info"})
             for i in range(8)]
    sources = [guide.sources[0].model_copy(update={"id": f"s{i}", "title": _words(90), "publisher": _words(60),
                                                   "url": "https://example.org/" + "a" * 80}) for i in range(4)]
    guide = guide.model_copy(update={"title": _words(90), "key_message": _words(180), "summary": _words(600),
                                     "items": items, "sources": sources})
    return dataclasses.replace(content, site=site, guides=[guide], case_studies=[], pages=[])


@pytest.mark.parametrize("kinds", ["checklist", "do-dont"])
def test_longest_texts_still_fit_their_formats(content, tmp_path, kinds):
    """With every text at its longest, the densest layout of each format still fits: A5 and A3 on one page,
    the A4 leaflet on two (so valid content never fails the build)."""
    planned = plan_print_documents(longest_content(content, kinds), "fr", PROJECT, tmp_path)
    assert len(planned) == 6
    for item in planned:
        job = item.job
        assert len(job.variants) >= 3
        densest = dataclasses.replace(job, variants=job.variants[-1:])
        laid_out = render_document(densest, write=False)
        assert not laid_out.problems, (job.name, laid_out.problems)
        assert laid_out.pages <= {"a4": 2, "a5": 1, "a3": 1}[item.doc.fmt], job.name


def test_layout_gets_denser_only_when_needed(content, tmp_path):
    """Generous first: the layout kept is the first that fits; every looser one overflows the format."""
    planned = {p.doc.path: p.job for p in plan_print_documents(content, "fr", PROJECT, tmp_path)}
    for name in ("print/prepare-fr-a5.pdf", "print/act-responsibly-fr-a3-press.pdf"):
        job = planned[name]
        laid_out = render_document(job, write=False)
        assert not laid_out.problems and laid_out.layouts == laid_out.variant + 1
        built = render_document(job)
        assert built.variant == laid_out.variant  # check and build keep the same layout
        kept = engine.Kept(laid_out.variant, laid_out.pages, laid_out.measure)  # what the check kept, and measured
        assert built.layouts == laid_out.layouts + 1  # the ladder, then the fill
        after_check = render_document(job, kept=kept)
        assert (after_check.variant, after_check.layouts, after_check.pdf) == (laid_out.variant, 1, built.pdf)
        unfilled = render_document(job, kept=dataclasses.replace(kept, measure=None))  # the variant, then its fill
        assert (unfilled.variant, unfilled.layouts, unfilled.pdf) == (laid_out.variant, 2, built.pdf)
        wrong = render_document(job, kept=engine.Kept(laid_out.variant, laid_out.pages + 1))  # not its check: the ladder
        assert (wrong.variant, wrong.layouts, wrong.pdf) == (laid_out.variant, 1 + built.layouts, built.pdf)
        for looser in range(laid_out.variant):
            overflow = render_document(dataclasses.replace(job, variants=job.variants[looser:looser + 1]),
                                       write=False)
            assert overflow.problems and re.search(r"needs \d pages, the format has 1", overflow.problems[0])
    long = longest_content(content, "checklist")
    job = next(p.job for p in plan_print_documents(long, "fr", PROJECT, tmp_path) if p.doc.fmt == "a5")
    overflow = render_document(dataclasses.replace(job, variants=job.variants[:1]), write=False)
    assert re.search(r"needs \d pages, the format has 1", overflow.problems[0])


def test_latin_runs_read_left_to_right_in_arabic(arabic):
    """'#SMEM' in an Arabic text (the kicker 'أدلة #SMEM', the sources) is drawn '#' then 'SMEM', not 'SMEM#':
    the glyph boxes, not the markup."""
    _, path = arabic
    boxes = [b for b in _char_boxes(path) if b[0] == 0]
    found = 0
    for i in range(len(boxes) - 3):
        if "".join(b[1] for b in boxes[i:i + 4]) != "SMEM":
            continue
        s_left, s_bottom = boxes[i][2], boxes[i][3]
        hashes = [b for b in boxes if b[1] == "#" and abs(b[3] - s_bottom) < 2]
        assert any(-1 <= s_left - b[4] <= 3 for b in hashes), (i, s_left, [b[2:5] for b in hashes])
        found += 1
    assert found >= 3


def test_a_last_page_with_only_what_follows_the_advice_is_worth_a_denser_layout():
    """An edition's leaflet turned its page for its numbers, QR code and accounts alone (page 2 half full,
    page 1 40 % empty): a last page without the end of <main> asks for a denser variant, however full it is."""
    from weasyprint import HTML

    def document(main_px: int, end_px: int):  # blocks of a height, not text: no font involved
        return HTML(string=f'<main>{"<div style=height:100px></div>" * (main_px // 100)}<div id="{engine.MAIN_END_ANCHOR}">'
                           f'</div></main><aside style="break-inside: avoid"><div style="height: {end_px}px"></div>'
                           f'</aside><div id="{engine.END_ANCHOR}"></div>').render()

    essentials_alone = document(500, 600)  # the aside does not fit below the advice: it turns the page
    assert len(essentials_alone.pages) == 2 and engine._orphan_page(essentials_alone)
    advice_goes_on = document(1300, 350)  # the advice itself runs onto page 2 (and fills half of it)
    assert len(advice_goes_on.pages) == 2 and not engine._orphan_page(advice_goes_on)
