"""Print documents (relais.render.print.documents): real PDFs from the fixture kit in tests/fixtures/print/,
checked with pikepdf (boxes, tags, metadata, fonts), pypdfium2 (pages as images: QR code, greyscale
contrast, text position) and zxing-cpp (QR decoding).

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

from relais.icons import icon_svg_paths
from relais.pipeline import check
from relais.project import Project
from relais.render.print import documents as leaflets
from relais.render.print import view as pv
from relais.render.print.documents import PrintDoc, PrintError, plan_print_documents, render_print_documents
from relais.render.print.engine import (FONT_NAME_PREFIXES, FONT_ROOTS, PrintJob, SafeFetcher, render_pdf,
                                        resolve_url)
from relais.urls import absolute_url, page_path, print_path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "print"
PROJECT = Project(ROOT)
THEME = ROOT / "theme" / "print"
MM = 72 / 25.4
TRIM = {"a4": (595.28, 841.89), "a5": (419.53, 595.28), "a3": (841.89, 1190.55)}
KINDS = {"prepare": "guide", "act-responsibly": "guide", "boston-2013": "case-study", "communicators": "page"}


# --- fixtures ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def content():
    content, _ = check(Project(FIXTURE))
    return content


@pytest.fixture(scope="module")
def built(content, tmp_path_factory):
    """Every document in French and English, rendered once by the process pool."""
    out = tmp_path_factory.mktemp("print")
    lines: list[tuple[float, str]] = []

    def progress(line: str) -> None:
        lines.append((time.monotonic(), line))

    docs = {lang: render_print_documents(content, lang, PROJECT, out / lang, jobs=2, progress=progress)
            for lang in ("fr", "en")}
    return out, docs, lines


def all_docs(built) -> list[PrintDoc]:
    return [doc for docs in built[1].values() for doc in docs]


def pdf_path(built, doc: PrintDoc) -> Path:
    return built[0] / doc.lang / doc.path


def find(built, page_id: str, lang: str, fmt: str, edition: str) -> Path:
    return built[0] / lang / print_path(page_id, lang, fmt, edition)


def box(page, name: str) -> tuple[float, float, float, float]:
    return tuple(float(v) for v in page.obj[name])


# --- what is written ---------------------------------------------------------------------------------


def test_every_document_in_both_editions(built, content):
    out, docs, lines = built
    for lang, written in docs.items():
        expected = {(g.id, f, e) for g in content.guides for f in ("a4", "a5", "a3") for e in ("office", "press")}
        expected |= {(c.id, "a4", e) for c in content.case_studies for e in ("office", "press")}
        expected |= {(p.id, "a4", e) for p in content.pages for e in ("office", "press")}
        assert {(d.page_id, d.fmt, d.edition) for d in written} == expected
        for doc in written:
            assert doc.lang == lang
            assert doc.path == print_path(doc.page_id, lang, doc.fmt, doc.edition)
            path = out / lang / doc.path
            assert path.read_bytes()[:5] == b"%PDF-"
            assert doc.size_bytes == path.stat().st_size
    assert len(lines) == len(all_docs(built))  # progress: once per finished document...
    assert all(line.startswith("print/") and line.endswith("KB)") for _, line in lines)
    assert {line.split(" ")[0] for _, line in lines} == {d.path for d in all_docs(built)}
    french = [stamp for stamp, line in lines if "-fr-" in line]
    assert french[-1] - french[0] > 0.3  # ...as each one finishes, not all at the end


def test_trim_bleed_and_media_boxes(built, content):
    bleed = content.site.print.bleed_mm * MM
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
                extra = bleed if doc.edition == "press" else 0
                assert media[2] - media[0] == pytest.approx(width + 2 * extra, abs=0.01), doc.path
                assert media[3] - media[1] == pytest.approx(height + 2 * extra, abs=0.01), doc.path
                assert media[0] == pytest.approx(trim[0] - extra, abs=0.01)
                bleed_box = box(page, "/BleedBox")
                assert bleed_box[0] <= trim[0] and bleed_box[2] >= trim[2]


def test_page_counts(built):
    for doc in all_docs(built):
        with pikepdf.open(pdf_path(built, doc)) as pdf:
            pages = len(pdf.pages)
        if KINDS[doc.page_id] == "guide":
            assert pages <= {"a4": 2, "a5": 1, "a3": 1}[doc.fmt], doc.path


def test_tagged_pdf_ua_with_metadata(built, content):
    for lang in ("fr", "en"):
        local = content.in_language(lang)
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
                if doc.edition == "press":  # the print shop's RIP is told the colours are sRGB
                    assert "sRGB" in str(root.OutputIntents[0].OutputConditionIdentifier)


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


def test_structure_headings_lists_and_qr_alt(built, content):
    url = absolute_url(content, "en", page_path("guide", "act-responsibly"))
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
def test_qr_code_decodes_to_the_page_in_the_same_language(built, content, page_id, fmt, lang):
    url = absolute_url(content, lang, page_path(KINDS[page_id], page_id))
    for edition in ("office", "press"):
        assert _decode_qr(find(built, page_id, lang, fmt, edition)) == [url]


def test_short_url_printed_beside_the_qr_code(built, content):
    url = absolute_url(content, "fr", page_path("guide", "prepare"))
    pdf = pdfium.PdfDocument(str(find(built, "prepare", "fr", "a4", "office")))
    try:
        text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
    assert re.sub(r"\s+", "", url.removeprefix("https://").rstrip("/")) in re.sub(r"\s+", "", text)


def test_two_builds_are_byte_identical(built, content, tmp_path):
    """A second build, sequential and in this process, gives the same bytes as the parallel one (one guide in
    every format and edition, and the case study)."""
    subset = dataclasses.replace(content, guides=content.guides[:1], pages=[])
    before = dict(os.environ)
    again = render_print_documents(subset, "fr", PROJECT, tmp_path, jobs=1)
    assert dict(os.environ) == before  # SOURCE_DATE_EPOCH and FONTCONFIG_FILE restored
    assert len(again) == 8
    first = {d.path: d for d in built[1]["fr"]}
    for doc in again:
        assert doc == first[doc.path]
        assert (tmp_path / doc.path).read_bytes() == pdf_path(built, doc).read_bytes(), doc.path


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


def test_press_backgrounds_run_into_the_bleed(built):
    """The masthead's colour covers the bleed at the top corners of a press page, not of an office page."""
    for fmt in ("a4", "a5", "a3"):
        for edition in ("office", "press"):
            pdf = pdfium.PdfDocument(str(find(built, "prepare", "fr", fmt, edition)))
            try:
                image = pdf[0].render(scale=1).to_pil().convert("RGB")
            finally:
                pdf.close()
            width, _ = image.size
            # 1 pt from the media box's edge (inside the bleed for press), halfway down the masthead's top
            samples = [image.getpixel((x, 12)) for x in (1, width // 2, width - 2)]
            primary = pv.rgb("#000091")
            if edition == "press":
                assert all(max(abs(a - b) for a, b in zip(s, primary)) < 40 for s in samples), (fmt, samples)
            else:
                assert all(s == (255, 255, 255) for s in samples), (fmt, samples)


def test_crop_marks_drawn_above_the_bleed_colour(built):
    """Each corner of a press page shows a black mark on the trim line, even over a coloured bleed."""
    path = find(built, "prepare", "fr", "a4", "press")
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[0]
        scale = 6
        image = page.render(scale=scale).to_pil().convert("L")
        left, bottom, right, top = page.get_mediabox()
        trim = page.get_trimbox()
    finally:
        pdf.close()
    bleed = trim[0] - left
    for trim_x, trim_y, outer_x in ((trim[0], trim[3], left + bleed / 4), (trim[2], trim[3], right - bleed / 4),
                                    (trim[0], trim[1], left + bleed / 4), (trim[2], trim[1], right - bleed / 4)):
        # a horizontal mark on the trim line, in the outer quarter of the bleed
        x = round((outer_x - left) * scale)
        y = round((top - trim_y) * scale)
        column = [image.getpixel((x, y + dy)) for dy in range(-2, 3)]
        assert min(column) < 60, (trim_x, trim_y, column)


def test_no_crop_marks_when_the_site_says_so(content, tmp_path):
    site = content.site.model_copy(update={"print": content.site.print.model_copy(update={"crop_marks": False})})
    plain = dataclasses.replace(content, site=site)
    job = next(p.job for p in plan_print_documents(plain, "fr", PROJECT, tmp_path)
               if p.job.name.endswith("a5-press.pdf"))
    assert not any("marks: crop" in css for css in job.stylesheets)
    assert not any("-corner" in css for css in job.stylesheets)
    marked = next(p.job for p in plan_print_documents(content, "fr", PROJECT, tmp_path) if p.job.name == job.name)
    assert any("marks: crop" in css for css in marked.stylesheets)


# --- colour and black-and-white ---------------------------------------------------------------------


def _used_roles() -> set[str]:
    return set(re.findall(r"var\(--([a-z-]+)\)", (THEME / "print.css").read_text(encoding="utf-8")))


@pytest.mark.parametrize("edition", ["office", "press"])
def test_palette_contrast_in_greyscale(content, edition):
    colours = pv.palette(content.site.brand, edition)
    assert _used_roles() <= set(colours)  # every colour the stylesheet uses comes from the palette
    for ink, background in pv.COLOUR_PAIRS:
        grey_ink, grey_background = pv.grey(colours[ink]), pv.grey(colours[background])
        assert pv.contrast(grey_ink, grey_background) >= 4.5, (ink, background, grey_ink, grey_background)
        assert pv.contrast(colours[ink], colours[background]) >= 4.5, (ink, background)


def test_palette_stays_readable_with_a_light_brand_colour(content):
    """A light primary colour (yellow) does not get white text: the ink switches to dark."""
    brand = content.site.brand.model_copy(update={"primary": "#FFD700", "accent": "#FF9900"})
    for edition in ("office", "press"):
        colours = pv.palette(brand, edition)
        for ink, background in pv.COLOUR_PAIRS:
            assert pv.grey_contrast(colours[ink], colours[background]) >= 4.5, (edition, ink, background)


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
               if p.job.name == "print/act-responsibly-fr-a4.pdf")
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
               if p.job.name == "print/act-responsibly-ar-a4-press.pdf")
    pdf, result, refused = render_pdf(job)
    path = out / "leaflet.pdf"
    path.write_bytes(pdf)
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
    """Untranslated texts stand in French, marked lang="fr" in the HTML and /Lang (fr) in the PDF tags."""
    job, path = arabic
    html = job.variants[0]
    summary = next(g for g in content.guides if g.id == "act-responsibly").summary
    assert f'<span lang="fr" dir="ltr">{escape(summary)}</span>' in html
    assert 'class="notice"' in html  # readers are told, in words, that part of the page is in French
    with pikepdf.open(path) as pdf:
        langs = {str(e.Lang) for e in structure(pdf) if "/Lang" in e}
    assert "fr" in langs


def test_complete_language_has_no_fallback_notice(content, tmp_path):
    job = next(p.job for p in plan_print_documents(content, "en", PROJECT, tmp_path))
    assert 'class="notice"' not in job.variants[0]
    assert 'lang="fr"' not in job.variants[0]


# --- safety ------------------------------------------------------------------------------------------


def test_fetcher_allows_only_theme_fonts_and_data():
    roots = (THEME.resolve(), *FONT_ROOTS)
    mime, body = resolve_url((THEME / "print.css").as_uri(), roots)
    assert mime == "text/css" and body.startswith(b"/*")
    font = next(FONT_ROOTS[0].glob("*.ttf"))
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
    fetcher = SafeFetcher((THEME.resolve(), *FONT_ROOTS))
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


def _hostile_job(html: str, css: str = "") -> PrintJob:
    return PrintJob(name="print/hostile-fr-a4.pdf", out_path="/nonexistent/never-written.pdf",
                    variants=(html,), stylesheets=(leaflets.font_face_css(), css),
                    base_url=THEME.as_uri() + "/", allowed_roots=(str(THEME), *map(str, FONT_ROOTS)),
                    fontconfig_file=str(THEME / "fonts.conf"), source_date_epoch=0, max_pages=None)


HOSTILE = """<!DOCTYPE html><html lang="fr"><head><title>Hostile</title>
<link rel="stylesheet" href="file:///etc/passwd">
<style>@import url("file:///etc/passwd"); body { background: url("file:///etc/passwd"); }</style></head>
<body><p>Texte</p><img src="file:///etc/passwd" alt="passwd"><img src="http://127.0.0.1:9/x.png" alt="net">
<object data="file:///etc/passwd"></object><iframe src="file:///etc/passwd"></iframe></body></html>"""


def test_document_referencing_local_files_gets_nothing():
    secret = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace").splitlines()[0]
    pdf, result, refused = render_pdf(_hostile_job(HOSTILE, 'p::after { content: url("file:///etc/passwd"); }'),
                                      strict=False)
    assert pdf.startswith(b"%PDF")
    assert any(url.startswith("file:///etc/passwd") for url in refused)
    assert "http://127.0.0.1:9/x.png" in refused
    text = "".join(pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range())
    assert "root:" not in text and secret not in text
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        streams = b"".join(obj.read_bytes() for obj in opened.objects if isinstance(obj, pikepdf.Stream))
    assert secret.encode() not in streams and secret.encode() not in pdf


def test_refused_fetch_fails_the_document_with_its_name():
    with pytest.raises(PrintError, match=r"print/hostile-fr-a4\.pdf: refused to read file:///etc/passwd"):
        render_pdf(_hostile_job(HOSTILE))


def test_refusals_while_parsing_a_stylesheet_count_for_every_document():
    """Stylesheets are parsed once per worker and reused: what their parsing refused still fails the next
    document that uses them."""
    css = '@import url("file:///etc/passwd"); p { color: black; }'
    html = '<!DOCTYPE html><html lang="fr"><head><title>T</title></head><body><p>Texte</p></body></html>'
    for _ in range(2):
        with pytest.raises(PrintError, match="refused to read file:///etc/passwd"):
            render_pdf(_hostile_job(html, css))


def test_weasyprint_errors_fail_the_document():
    missing_alt = ('<!DOCTYPE html><html lang="fr"><head><title>T</title></head><body>'
                   '<img src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 width=%2210%22 '
                   'height=%2210%22/%3E"></body></html>')
    with pytest.raises(PrintError, match=r"hostile-fr-a4\.pdf: .*alt"):
        render_pdf(_hostile_job(missing_alt))
    missing_lang = "<!DOCTYPE html><html><head><title>T</title></head><body><p>Texte</p></body></html>"
    with pytest.raises(PrintError, match="lang"):
        render_pdf(_hostile_job(missing_lang))


def test_missing_glyph_fails_instead_of_using_a_system_font():
    """No system font is reachable: a character none of our fonts has is an error, not a silent fallback."""
    html = '<!DOCTYPE html><html lang="ja"><head><title>T</title></head><body><p>日本</p></body></html>'
    with pytest.raises(PrintError, match="notdef|unsupported"):
        render_pdf(_hostile_job(html, 'html { font-family: "Relais Atkinson"; }'))


def test_content_text_is_escaped(content, tmp_path):
    guide = content.guides[0]
    tricky = 'Tom & Jerry "quoted" 1 < 2 > 0 \'x\''
    hostile = dataclasses.replace(content, guides=[guide.model_copy(update={"title": tricky, "summary": tricky})],
                                  case_studies=[], pages=[])
    job = plan_print_documents(hostile, "fr", PROJECT, tmp_path)[0].job
    html = job.variants[0]
    assert "Tom &amp; Jerry &#34;quoted&#34; 1 &lt; 2 &gt; 0 &#39;x&#39;" in html
    assert tricky not in html
    pdf, result, refused = render_pdf(job)
    assert not refused


def test_error_in_a_worker_stops_the_build_and_names_the_document(content, tmp_path):
    """A theme that reaches outside its folder: the PrintError raised in a worker reaches the caller."""
    project = tmp_path / "project"
    shutil.copytree(THEME, project / "theme" / "print")
    with open(project / "theme" / "print" / "print.css", "a", encoding="utf-8") as css:
        css.write('\n.doc-guide.fmt-a5 .masthead { background-image: url("file:///etc/passwd"); }\n')
    one = dataclasses.replace(content, guides=content.guides[:1], case_studies=[], pages=[])
    with pytest.raises(PrintError, match=r"print/prepare-fr-a5(-press)?\.pdf: refused to read file:///etc/passwd"):
        render_print_documents(one, "fr", Project(project), tmp_path / "out", jobs=2)


def test_source_date_is_what_dates_the_fonts(content, tmp_path):
    """The same input and date give the same bytes; another source_date changes the date fontTools writes
    into the variable fonts it instantiates (Noto Sans Arabic here), never the clock."""
    def first_job(c):
        job = next(p.job for p in plan_print_documents(c, "ar", PROJECT, tmp_path)
                   if p.doc.fmt == "a5" and p.doc.page_id == "act-responsibly")
        return dataclasses.replace(job, variants=job.variants[:1], max_pages=None)
    later = dataclasses.replace(content, site=content.site.model_copy(update={"source_date": "2027-01-01"}))
    job, later_job = first_job(content), first_job(later)
    assert later_job.source_date_epoch != job.source_date_epoch
    assert render_pdf(job)[0] == render_pdf(job)[0]
    assert render_pdf(later_job)[0] != render_pdf(job)[0]


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
        pdf, result, refused = render_pdf(densest)  # strict: raises if over the page limit
        assert result.pages <= {"a4": 2, "a5": 1, "a3": 1}[item.doc.fmt], job.name
        assert not refused


def test_layout_gets_denser_only_when_needed(content, tmp_path):
    """Generous first: the layout kept is the first that fits; every looser one overflows the format."""
    planned = {p.job.name: p.job for p in plan_print_documents(content, "fr", PROJECT, tmp_path)}
    for name in ("print/prepare-fr-a5.pdf", "print/act-responsibly-fr-a3-press.pdf"):
        job = planned[name]
        chosen = render_pdf(job)[1].variant
        for looser in range(chosen):
            with pytest.raises(PrintError, match="needs 2 pages, the format has 1"):
                render_pdf(dataclasses.replace(job, variants=job.variants[looser:looser + 1]))
    long = longest_content(content, "checklist")
    job = next(p.job for p in plan_print_documents(long, "fr", PROJECT, tmp_path) if p.doc.fmt == "a5")
    with pytest.raises(PrintError, match="needs 2 pages, the format has 1"):
        render_pdf(dataclasses.replace(job, variants=job.variants[:1]))
