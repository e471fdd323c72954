"""The press edition as a print shop receives it: boxes (MediaBox = trim + bleed + slug, BleedBox = trim +
bleed, TrimBox = trim), crop marks in the slug only, CMYK colour with body text in 100% K, no PDF/X claim,
reproducible bytes. A few documents of the run's shared build (the frozen default kit, as ``site/``
publishes them), one laid out here (``render_document``) with ``marks: none``; pages are read with pikepdf
(boxes, content streams) and rasterised with pypdfium2 (where the marks are drawn).
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from relais import colour
from relais.models.site import Print
from relais.pipeline import read
from relais.project import Project
from relais.render.print import documents
from relais.render.print.documents import plan_print_documents
from relais.render.print.engine import render_document

ROOT = Path(__file__).resolve().parent.parent
PROJECT = Project(ROOT)
MM = 72 / 25.4
TRIM_MM = {"a4": (210, 297), "a5": (148, 210), "a3": (297, 420)}
COLOUR_OPS = {"rg", "RG", "g", "G", "k", "K", "sc", "SC", "scn", "SCN", "cs", "CS"}
TEXT_OPS = {"Tj", "TJ", "'", '"'}


@pytest.fixture(scope="module")
def content(built_site):
    """The frozen default kit, as the run's shared build read it."""
    content, _, _ = read(Project(built_site.parent))
    return content


def with_marks(content, marks: str):
    site = content.site.model_copy(update={"print": content.site.print.model_copy(update={"marks": marks})})
    return dataclasses.replace(content, site=site)


def lang_of(name: str) -> str:
    return name.split("-")[-3] if name.endswith("-press.pdf") else name.split("-")[-2]


def job_for(content, name: str, tmp_path: Path):
    lang = lang_of(name)
    return next(p.job for p in plan_print_documents(content, lang, PROJECT, tmp_path) if p.doc.path == name)


def made(content, name: str, tmp_path: Path) -> bytes:
    laid_out = render_document(job_for(content, name, tmp_path))
    assert not laid_out.problems, laid_out.problems
    return laid_out.pdf


@pytest.fixture(scope="module")
def pdfs(content, built_site, tmp_path_factory) -> dict[str, bytes]:
    """name -> bytes: press documents in French and Arabic with the kit's settings (marks: crop) and an office
    one, as the run's shared build published them; an A5 press flyer with marks: none, made here."""
    out = tmp_path_factory.mktemp("press")
    names = ["print/prepare-fr-a4-press.pdf", "print/prepare-fr-a3-press.pdf", "print/act-responsibly-ar-a4-press.pdf",
             "print/prepare-ar-a3-press.pdf", "print/prepare-fr-a4.pdf"]
    made_pdfs = {name: (built_site / lang_of(name) / name).read_bytes() for name in names}
    made_pdfs["none:print/prepare-fr-a5-press.pdf"] = made(with_marks(content, "none"), "print/prepare-fr-a5-press.pdf",
                                                           out)
    return made_pdfs


def boxes(pdf: bytes) -> list[dict[str, tuple[float, ...]]]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return [{name: tuple(float(v) for v in page.obj[f"/{name}"]) for name in ("MediaBox", "BleedBox", "TrimBox")}
                for page in document.pages]


def grown(box: tuple[float, ...], mm: float) -> tuple[float, ...]:
    return (box[0] - mm * MM, box[1] - mm * MM, box[2] + mm * MM, box[3] + mm * MM)


def fmt_of(name: str) -> str:
    return next(fmt for fmt in TRIM_MM if f"-{fmt}" in name)


# --- boxes -------------------------------------------------------------------------------------------


def test_press_boxes_trim_bleed_and_slug(pdfs, content):
    bleed = content.site.print.bleed_mm
    assert bleed == 3 and content.site.print.marks == "crop"
    for name, pdf in pdfs.items():
        width, height = TRIM_MM[fmt_of(name)]
        for page in boxes(pdf):
            trim = page["TrimBox"]
            assert trim[2] - trim[0] == pytest.approx(width * MM, abs=0.01), name
            assert trim[3] - trim[1] == pytest.approx(height * MM, abs=0.01), name
            if name.startswith("none:"):  # no marks: no slug, the sheet is the bleed
                assert page["BleedBox"] == pytest.approx(grown(trim, bleed), abs=0.01), name
                assert page["MediaBox"] == pytest.approx(page["BleedBox"], abs=0.01), name
            elif name.endswith("-press.pdf"):
                assert page["BleedBox"] == pytest.approx(grown(trim, bleed), abs=0.01), name
                assert page["MediaBox"] == pytest.approx(grown(trim, bleed + documents.SLUG_MM), abs=0.01), name
            else:  # office: the sheet is the page
                assert page["MediaBox"] == pytest.approx(trim, abs=0.01) == page["BleedBox"], name


def test_a_wide_bleed_gets_its_own_bleed_box(content, tmp_path):
    """WeasyPrint puts the BleedBox at most 10 pt out of the trim: a 5 mm bleed (14.2 pt) is set by us."""
    wide = content.site.model_copy(update={"print": Print(bleed_mm=5, marks="none")})
    pdf = made(dataclasses.replace(content, site=wide), "print/prepare-fr-a5-press.pdf", tmp_path)
    page = boxes(pdf)[0]
    assert page["BleedBox"] == pytest.approx(grown(page["TrimBox"], 5), abs=0.01)
    assert page["MediaBox"] == pytest.approx(page["BleedBox"], abs=0.01)


# --- marks -------------------------------------------------------------------------------------------


SCALE = 6  # pixels per point: a 0.28 pt mark has a black core


def _sheet(pdf: bytes) -> dict:
    """The first page: its boxes (PDF points) and a render of the whole sheet at one pixel a point."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        return {"media": page.get_mediabox(), "trim": page.get_trimbox(), "bleed": page.get_bleedbox(),
                "image": page.render(scale=1).to_pil().convert("RGB")}
    finally:
        document.close()


def _corner(pdf: bytes, right: bool, upper: bool, size: float) -> tuple[object, float, float]:
    """A ``size``-point square at one corner of the sheet, rendered at SCALE, with the PDF point of its
    top-left pixel."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        left, bottom, right_edge, top = page.get_mediabox()
        width, height = right_edge - left, top - bottom
        crop = (width - size if right else 0, height - size if upper else 0, 0 if right else width - size,
                0 if upper else height - size)  # points cut off each side: left, bottom, right, top
        image = page.render(scale=SCALE, crop=crop).to_pil().convert("RGB")
        return image, left + crop[0], top - crop[3]
    finally:
        document.close()


def _is_mark(pixel: tuple[int, int, int]) -> bool:
    """Registration colour (100% of every ink) renders black; the darkest artwork is the brand blue."""
    return max(pixel) < 60


@pytest.mark.parametrize("name", ["print/prepare-fr-a4-press.pdf", "print/prepare-ar-a3-press.pdf"])
def test_crop_marks_lie_in_the_slug_only(pdfs, name):
    sheet = _sheet(pdfs[name])
    trim, bleed = sheet["trim"], sheet["bleed"]
    reach = (trim[0] - sheet["media"][0]) + 3 * MM  # from the sheet's corner to 3 mm inside the trim
    for right in (False, True):
        for upper in (False, True):
            image, x0, y0 = _corner(pdfs[name], right, upper, reach)
            width, data = image.size[0], image.tobytes()
            dark = [(x0 + (i % width + 0.5) / SCALE, y0 - (i // width + 0.5) / SCALE)
                    for i in range(len(data) // 3) if _is_mark(data[3 * i:3 * i + 3])]
            trim_x, trim_y = trim[2 if right else 0], trim[3 if upper else 1]
            on_vertical = [(x, y) for x, y in dark if abs(x - trim_x) < 0.6]
            on_horizontal = [(x, y) for x, y in dark if abs(y - trim_y) < 0.6]
            corner = (right, upper)
            assert sorted(set(on_vertical) | set(on_horizontal)) == sorted(dark), corner  # marks only
            # never inside the bleed box (half a pixel of anti-aliasing allowed)
            assert all(not (bleed[0] + 0.2 < x < bleed[2] - 0.2 and bleed[1] + 0.2 < y < bleed[3] - 0.2)
                       for x, y in dark), corner
            # a horizontal and a vertical mark, each 6 mm long, starting at the bleed's edge
            for extent, edge in (([y for _, y in on_vertical], bleed[3] if upper else bleed[1]),
                                 ([x for x, _ in on_horizontal], bleed[2] if right else bleed[0])):
                assert max(extent) - min(extent) == pytest.approx(documents.MARK_LENGTH_MM * MM, abs=1), corner
                assert min(abs(v - edge) for v in extent) < 0.5, corner
    # the slug outside the corners is paper, and each corner of the bleed band is one colour with no mark in it
    image, (left, _, _, top) = sheet["image"], sheet["media"]
    box = lambda x_0, y_0, x_1, y_1: (round(x_0 - left), round(top - y_1), round(x_1 - left), round(top - y_0))
    media = sheet["media"]
    strips = [box(trim[0] + 3 * MM, bleed[3] + 1, trim[2] - 3 * MM, media[3]),
              box(trim[0] + 3 * MM, media[1], trim[2] - 3 * MM, bleed[1] - 1),
              box(media[0], trim[1] + 3 * MM, bleed[0] - 1, trim[3] - 3 * MM),
              box(bleed[2] + 1, trim[1] + 3 * MM, media[2], trim[3] - 3 * MM)]
    for strip in strips:
        assert [c for _, c in image.crop(strip).getcolors(1 << 16)] == [(255, 255, 255)], strip
    for x_0, x_1 in ((bleed[0] + 1, trim[0] - 1), (trim[2] + 1, bleed[2] - 1)):
        for y_0, y_1 in ((bleed[1] + 1, trim[1] - 1), (trim[3] + 1, bleed[3] - 1)):
            colours = image.crop(box(x_0, y_0, x_1, y_1)).getcolors(1 << 16)
            assert len(colours) == 1 and not _is_mark(colours[0][1]), (x_0, y_0, colours)


def test_the_masthead_runs_to_the_bleed_edge_and_the_slug_is_paper(pdfs):
    sheet = _sheet(pdfs["print/prepare-fr-a4-press.pdf"])
    image, (left, _, _, top), trim, bleed = sheet["image"], sheet["media"], sheet["trim"], sheet["bleed"]
    y = round(top - trim[3] + 20)  # 20 pt under the top of the trim: inside the masthead
    blue = image.getpixel((round(trim[0] + 100 - left), y))
    inside_bleed = image.getpixel((round(bleed[0] + 1 - left), y))
    in_slug = image.getpixel((round(bleed[0] - 2 - left), y))
    assert inside_bleed == blue and blue[2] > 2 * max(blue[:2])  # the brand blue, into the bleed
    assert in_slug == (255, 255, 255)


def test_no_marks_no_slug_no_mark(pdfs):
    sheet = _sheet(pdfs["none:print/prepare-fr-a5-press.pdf"])
    assert sheet["media"] == pytest.approx(sheet["bleed"], abs=0.01)
    image = sheet["image"]
    width, height = image.size
    # the foot of the sheet, bleed and trim edge included, all its width: paper (marks would be there)
    assert [c for _, c in image.crop((0, height - 12, width, height)).getcolors(1 << 16)] == [(255, 255, 255)]


def test_marks_setting_replaces_crop_marks():
    assert Print().marks == "crop"
    with pytest.raises(ValueError, match="crop_marks"):
        Print.model_validate({"bleed_mm": 3, "crop_marks": True})
    with pytest.raises(ValueError, match="marks"):
        Print.model_validate({"marks": "cross"})


# --- colour --------------------------------------------------------------------------------------------


def colour_use(pdf: bytes) -> tuple[Counter, Counter]:
    """(colour operators with their operands, over the page and every form and pattern it paints; glyph
    bytes shown per fill colour in force, on the page's own stream)."""
    operators: Counter = Counter()
    glyphs: Counter = Counter()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        seen: set = set()

        def walk(obj, page: bool) -> None:
            fill, stack = None, []
            for operands, op in pikepdf.parse_content_stream(obj):
                op = str(op)
                if op in COLOUR_OPS:
                    operators[(op, tuple(round(float(v), 3) if not isinstance(v, pikepdf.Name) else str(v)
                                         for v in operands))] += 1
                if op in ("sc", "scn", "rg", "g", "k"):
                    fill = tuple(round(float(v), 3) for v in operands if not isinstance(v, pikepdf.Name))
                elif op == "q":
                    stack.append(fill)
                elif op == "Q" and stack:
                    fill = stack.pop()
                elif op in TEXT_OPS and page:
                    shown = operands[-1]
                    size = sum(len(bytes(s)) for s in shown if isinstance(s, pikepdf.String)) \
                        if isinstance(shown, pikepdf.Array) else len(bytes(shown))
                    glyphs[fill] += size
            resources = obj.get("/Resources")
            for kind in ("/XObject", "/Pattern"):
                for _, child in (resources.get(kind, {}) if resources is not None else {}).items():
                    if isinstance(child, pikepdf.Stream) and child.objgen not in seen:
                        seen.add(child.objgen)
                        walk(child, False)

        for page in document.pages:
            walk(page, True)
    return operators, glyphs


@pytest.mark.parametrize("name", ["print/prepare-fr-a4-press.pdf", "print/act-responsibly-ar-a4-press.pdf",
                                  "none:print/prepare-fr-a5-press.pdf"])
def test_press_paints_in_cmyk_and_body_text_in_black_only(pdfs, name):
    operators, glyphs = colour_use(pdfs[name])
    assert not [op for op in operators if op[0] in ("rg", "RG", "g", "G")], name  # no RGB, no grey
    spaces = {op[1] for op in operators if op[0] in ("cs", "CS")}
    assert spaces <= {("/DeviceCMYK",), ("/Pattern",)} and ("/DeviceCMYK",) in spaces
    assert all(len(op[1]) == 4 for op in operators if op[0] in ("sc", "scn", "SC", "SCN") and op[1]
               and not isinstance(op[1][0], str))
    assert ("scn", tuple(colour.cmyk("#000091"))) in operators  # the brand blue, separated
    # body text: 100% K (on a leaflet, the colour most glyphs are drawn in; the flyer shows item titles only);
    # the other texts are white (no ink), grey on the black plate alone (captions), a brand colour (headings)
    # or the masthead's light tint of it
    assert glyphs[(0, 0, 0, 1)] > 200, glyphs
    if "-a4-" in name:
        assert glyphs.most_common(1)[0][0] == (0, 0, 0, 1), glyphs
    brand = {colour.cmyk(c) for c in ("#000091", "#E1000F")}
    assert all(len(fill) == 4 and (fill[:3] == (0, 0, 0) or fill in brand or max(fill[:3]) < 0.1)
               for fill in glyphs), glyphs


def test_office_stays_rgb(pdfs):
    operators, _ = colour_use(pdfs["print/prepare-fr-a4.pdf"])
    assert any(op[0] == "rg" for op in operators)
    assert not any(op[1] == ("/DeviceCMYK",) for op in operators)


def test_separation_rule():
    assert colour.cmyk("#000000") == (0, 0, 0, 1)
    assert colour.cmyk("#FFFFFF") == (0, 0, 0, 0)
    assert colour.cmyk("#808080")[:3] == (0, 0, 0)  # greys on the black plate alone
    assert colour.cmyk("#000091") == (1, 1, 0, 0.431)
    assert colour.device_cmyk("#E1000F") == "device-cmyk(0 1 0.933 0.118)"


# --- what the file claims, and reproducibility ----------------------------------------------------------


def test_press_claims_no_pdf_x(pdfs):
    """WeasyPrint labels any output intent GTS_PDFX; a PDF/X claim without GTS_PDFXVersion is what the issue
    found. The press edition is PDF/UA-1 and says nothing of PDF/X (README: why there is no PDF/X)."""
    for name, pdf in pdfs.items():
        with pikepdf.open(io.BytesIO(pdf)) as document:
            assert "/OutputIntents" not in document.Root, name
            assert "/GTS_PDFXVersion" not in document.docinfo, name
            xmp = document.Root.Metadata.read_bytes().decode()
            assert "GTS_PDFX" not in xmp and "pdfuaid:part" in xmp, name


def test_press_bytes_are_reproducible(content, pdfs, tmp_path):
    again = made(with_marks(content, "none"), "print/prepare-fr-a5-press.pdf", tmp_path)
    assert again == pdfs["none:print/prepare-fr-a5-press.pdf"]
    assert made(content, "print/prepare-fr-a4-press.pdf", tmp_path) == pdfs["print/prepare-fr-a4-press.pdf"]


def test_press_arabic_extracts_as_words(pdfs, content, tmp_path):
    path = tmp_path / "ar.pdf"
    path.write_bytes(pdfs["print/prepare-ar-a3-press.pdf"])
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")  # poppler's bidi embeddings
    title = str(next(g for g in content.in_language("ar").guides if g.id == "prepare").title)
    assert f" {title} " in " ".join(text.split()) + " ", text[:200]
