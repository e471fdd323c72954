"""Infographics on the Arabic fixture kit: right to left, shaping, clear errors, safe SVG.

The kit (tests/fixtures/infographics/) is small, so these tests stay fast; the default kit in
French and English is checked in test_infographics_real.py. Images are tasks of the build engine
(``image_tasks``): ``render_images`` below plans those of one language, runs them in this process
through the run's shared cache (keyed on every input), places their problems at their file, line and
column, and writes the files, as the build does for one language.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from conftest import FIXTURES, copy_kit, locked
from relais.colour import contrast
from relais.diagnostics import ContentError
from relais.engine.cache import Cache
from relais.engine.fingerprint import code_digest
from relais.engine.progress import Progress
from relais.engine.runner import Engine
from relais.locate import Locator
from relais.pipeline import read
from relais.project import Project
from relais.render.images.infographics import Shared, image_tasks, media_files
from relais.render.images.raster import check_references, render_png
from relais.render.outputs import MediaFile
from relais.svg import sanitised_logo
from relais.text.fonts import face_for
from test_text_svg import difference, ink_mask, needs_raqm, raqm_reference

KIT = FIXTURES / "infographics"
SVG_NS = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PRIMARY = (0x00, 0x00, 0x91)


def make_project(target: Path, content: Path) -> Project:
    """A throw-away project: ``content`` and the real templates (the run's cache: ``RELAIS_CACHE_DIR``)."""
    return Project(copy_kit(target, content).root)


def render_images(project: Project, lang: str, out_lang_dir: Path) -> list[MediaFile]:
    """Every image of ``lang`` written into ``out_lang_dir``, and the records pages link to; raises
    ``ContentError`` listing every problem (located as ``file:line:col``), before anything is drawn.

    What ``build`` does for one language: the image tasks, checked first (texts fitted, colours measured),
    then drawn, in this process, through the run's cache (an image whose inputs are unchanged is read back)."""
    content, loaded, report = read(project)
    planned = image_tasks(content, lang, Shared.read(content, project.infographics_dir), code_digest())
    tasks = [task for task, _ in planned]
    engine = Engine(Cache(project.cache_dir / "results"), progress=Progress(enabled=False), jobs=1)
    checked = engine.run(f"checking images ({lang})", tasks, check=True)
    Locator(content, loaded).report((p for result in checked.values() for p in result.problems), report)
    if not report.ok:
        raise ContentError(report)
    results = engine.run(f"images ({lang})", tasks)
    media: list[MediaFile] = []
    for task, job in planned:
        for path, data in results[task.name].files.items():
            target = out_lang_dir / path.removeprefix(f"{lang}/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        media += media_files(job, results[task.name], lang)
    return media


def kit_project(tmp_path: Path) -> Project:
    return make_project(tmp_path / "kit", KIT / "content")


def edit(project: Project, relpath: str, old: str, new: str) -> int:
    """Replace ``old`` (once) in a content file; returns its line number."""
    path = project.content_dir / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relpath}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def errors_of(project: Project, lang: str, tmp_path: Path) -> list[str]:
    with pytest.raises(ContentError) as raised:
        render_images(project, lang, tmp_path / "out" / lang)
    return [str(d) for d in raised.value.report.errors]


def png(path: Path) -> Image.Image:
    image = Image.open(path, formats=["PNG"])
    image.load()
    return image.convert("RGB")


@pytest.fixture(scope="module")
def arabic(tmp_path_factory, shared_dir: Path) -> tuple[Path, list, Path]:
    """The kit rendered in Arabic and in French: (output folder, Arabic media, project root). Drawn once per
    run: a worker that needs it too waits, then reads every image from the run's cache."""
    root = tmp_path_factory.mktemp("arabic")
    project = make_project(root / "kit", KIT / "content")
    with locked(shared_dir / "infographics-arabic.lock"):
        media = render_images(project, "ar", root / "out" / "ar")
        render_images(project, "fr", root / "out" / "fr")
    return root / "out", media, root


# -- right to left -----------------------------------------------------------------------------


def primary_columns(image: Image.Image, top: int, bottom: int) -> list[int]:
    """x of the pixels in the brand blue between two rows (the icon circles)."""
    band = image.crop((0, top, image.width, bottom))
    return [x for x in range(band.width) for y in range(0, band.height, 4) if band.getpixel((x, y)) == PRIMARY]


@pytest.mark.parametrize("fmt", ["1080x1080", "1080x1350", "1200x630"])
def test_arabic_layout_is_mirrored(arabic, fmt: str) -> None:
    out, _, _ = arabic
    w, h = (int(v) for v in fmt.split("x"))
    ar = png(out / "ar/media/shelter" / f"shelter-checklist-{fmt}.png")
    fr = png(out / "fr/media/shelter" / f"shelter-checklist-{fmt}.png")
    # The item circles: the brand blue of the content area (between header and footer).
    top, bottom = int(h * 0.42), int(h * 0.8)
    ar_x, fr_x = primary_columns(ar, top, bottom), primary_columns(fr, top, bottom)
    assert ar_x and fr_x
    assert min(ar_x) > w * 0.5 or fmt == "1200x630"  # one column: icons on the right
    assert sum(ar_x) / len(ar_x) > w - sum(fr_x) / len(fr_x) - w * 0.1  # the mirror image of French
    assert max(fr_x) < w * 0.5 or fmt == "1200x630"
    # Logo at the top right in Arabic, top left in French.
    logo_ar = primary_columns(ar, 20, int(h * 0.12))
    logo_fr = primary_columns(fr, 20, int(h * 0.12))
    assert min(logo_ar) > w / 2 and max(logo_fr) < w / 2


def test_arabic_svg_says_rtl_the_way_resvg_and_browsers_agree_on(arabic) -> None:
    out, _, _ = arabic
    root = ET.parse(out / "ar/media/shelter/shelter-checklist-1080x1080.svg").getroot()
    assert root.get("lang") == "ar" and root.get(XML_LANG) == "ar"
    texts = root.iter(f"{SVG_NS}text")
    arabic_texts = [t for t in texts if t.get(XML_LANG) == "ar"]
    assert len(arabic_texts) >= 9  # title, message?, 4 titles, 4 texts, publisher
    for text in arabic_texts:
        assert "direction" not in text.attrib
        for span in text:  # RLI ... PDI, or LRI ... PDI around a Latin run placed by us ("#SMEM")
            assert span.text.startswith(("\u2067", "\u2066")) and span.text.endswith("\u2069")
    largest = max(float(t.get("font-size")) for t in arabic_texts)  # the frame's title
    titles = [t for t in arabic_texts if t.get("font-weight") == "700" and float(t.get("font-size")) < largest]
    assert titles and all(t.get("text-anchor") == "end" for t in titles)  # start = right edge
    # A Latin-only text ("Relais #SMEM") is a left-to-right paragraph, still aligned to the right.
    name = next(t for t in root.iter(f"{SVG_NS}text") if "".join(t.itertext()) == "Relais #SMEM")
    assert name.get(XML_LANG) == "fr" and name.get("text-anchor") == "end"
    # The page address and #SMEM are isolated left-to-right runs.
    assert any("\u2066smem.example.org/ar/guides/shelter\u2069" in "".join(t.itertext())
               for t in root.iter(f"{SVG_NS}text"))


def one_line_text(svg: str, needle: str) -> ET.Element:
    """The <text> holding the line (a lone <tspan>) that contains ``needle``, with that line only."""
    root = ET.fromstring(svg)
    for text in root.iter(f"{SVG_NS}text"):
        for span in text:
            if needle in span.text:
                for other in [s for s in text if s is not span]:
                    text.remove(other)
                return text
    raise AssertionError(f"no line with {needle!r}")


@needs_raqm
@pytest.mark.parametrize("needle", ["أغلقوا الأبواب", "المعلمون يعتنون", "اتركوا الخطوط"])
def test_arabic_text_matches_a_reference_shaping_engine(arabic, needle: str) -> None:
    """Our <text>, drawn by resvg, against the same string laid out by FreeType + HarfBuzz + FriBiDi."""
    out, _, _ = arabic
    svg = (out / "ar/media/shelter/shelter-checklist-1080x1080.svg").read_text(encoding="utf-8")
    element = one_line_text(svg, needle)
    line = element[0].text.strip("\u2067\u2069")
    size = float(element.get("font-size"))
    assert element.get("font-family") == "Noto Sans Arabic" and element.get("font-weight") == "400"
    # Our markup alone, moved to the left edge of a 1000 px canvas.
    alone = ET.tostring(element, encoding="unicode").replace(f'x="{element[0].get("x")}"', 'x="950"', 1)
    alone = re.sub(r'y="[\d.]+"', f'y="{20 + size}"', alone, count=1)
    canvas = ('<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="160">'
              f'<rect width="1000" height="160" fill="#fff"/>{alone}</svg>')
    ours = ink_mask(Image.open(BytesIO(render_png(canvas, 1000, 160))).convert("RGB"))
    reference = ink_mask(raqm_reference(line, "rtl", size=round(size)))
    assert face_for("ar").path.name.startswith("NotoSansArabic")
    assert abs(ours.width - reference.width) <= 6 and abs(ours.height - reference.height) <= 4
    assert difference(ours, reference) < 0.15  # same joining, same word order
    ltr = ink_mask(raqm_reference(line, "ltr", size=round(size)))
    if difference(reference, ltr) > 0.3:  # a line whose order an LTR paragraph would change
        assert difference(ours, ltr) > 0.3


def test_arabic_do_dont_keeps_meaning_without_colour(arabic) -> None:
    out, _, _ = arabic
    svg = (out / "ar/media/shelter/shelter-do-dont-1080x1080.svg").read_text(encoding="utf-8")
    assert "ما يجب فعله" in svg and "ما يجب تجنبه" in svg  # the groups' labels, from ui.yml
    from relais.icons import icon_svg_paths

    check, cross = icon_svg_paths("material/check-bold")[1], icon_svg_paths("material/close-thick")[1]
    assert svg.count(check) == 3 and svg.count(cross) == 3  # group mark + one badge per item


def test_media_records_alt_and_sizes(arabic) -> None:
    _, media, root = arabic
    by_name = {m.path: m for m in media}
    png_file = by_name["media/shelter/shelter-checklist-1080x1350.png"]
    assert png_file.alt == "رسم معلوماتي «الاحتماء في مكان آمن»، أربع نصائح."
    assert (png_file.width, png_file.height, png_file.fmt) == (1080, 1350, "png")
    card = by_name["media/shelter/card-1200x630.jpg"]
    assert card.infographic_id == "card" and card.alt.startswith("الاحتماء في مكان آمن. عند الإنذار")
    home = by_name["media/home/card-1200x630.png"]
    assert home.page_id == "home" and "Relais #SMEM" in home.alt
    # Every image as SVG too, beside its PNG (a carousel: each slide), with the same alt text.
    pngs = {m.path.removesuffix(".png"): m.alt for m in media if m.fmt == "png" and m.infographic_id != "card"}
    assert {m.path.removesuffix(".svg"): m.alt for m in media if m.fmt == "svg"} == pngs


# -- clear errors --------------------------------------------------------------------------------

LONG = ("Fermez les portes et les fenêtres, coupez la ventilation, éloignez-vous des vitres, installez-vous "
        "dans une pièce intérieure, gardez une radio à piles près de vous et attendez la fin de l’alerte officielle.")


MORE_ITEMS = """  - id: radio
    icon: material/radio
    title: "Écoutez la radio"
    text: "France Bleu et France Info donnent les consignes des autorités pendant toute l’alerte."
  - id: stay
    icon: material/clock-outline
    title: "Attendez la fin de l’alerte"
    text: "Ne sortez que lorsque les autorités annoncent la fin de l’alerte, à la radio ou sur leurs comptes."
infographics:"""


EVEN_MORE_ITEMS = MORE_ITEMS.replace("id: radio", "id: water").replace("id: stay", "id: torch").replace(
    "Écoutez la radio", "Gardez de l’eau").replace("Attendez la fin de l’alerte\"", "Gardez une lampe\"")


def overfill(project: Project) -> int:
    """Six items, four of them about 200 characters long: more than a square image holds.
    Returns the line of item 'go-inside''s text."""
    edit(project, "guides/shelter.yml", "infographics:", MORE_ITEMS)
    for short in ("Écoutez la radio et suivez #SMEM et les comptes de la préfecture.",
                  "Les enseignants s’occupent d’eux à l’école, en sécurité.",
                  "Laissez les lignes libres pour les secours. En danger, appelez le 112."):
        edit(project, "guides/shelter.yml", short, short + " " + LONG[: 200 - len(short)])
    return edit(project, "guides/shelter.yml", "Fermez les portes et les fenêtres, et éloignez-vous des vitres.", LONG)


WORD = "Anticonstitutionnellement" * 2 + "ment"  # 54 letters, no break opportunity


def test_a_word_too_wide_is_reported_with_its_place_field_language_format_and_excess(tmp_path: Path) -> None:
    project = kit_project(tmp_path)
    overfill(project)
    line = edit(project, "guides/shelter.yml", "Entrez dans un bâtiment", WORD)
    errors = errors_of(project, "fr", tmp_path)
    pattern = re.compile(
        rf"content/guides/shelter\.yml:{line}:12: error: infographic 'shelter-(checklist|do-dont)' (\d+)x(\d+) "
        rf"\(fr\): item 'go-inside' title does not fit: the word '{WORD}' is (\d+) px wider than the box "
        r"\((\d+) px\) at (\d+) px; shorten or split this word$")
    matches = [pattern.match(e) for e in errors]
    assert matches and all(matches), "\n".join(errors)
    # Reported where the list must be whole (portrait and story, even as a carousel), against the widest
    # column, at the smallest item title (32 px body x 1.18); the other formats show the page's cover.
    assert {m.group(2, 3) for m in matches} == {("1080", "1350"), ("1080", "1920")}
    assert all(int(m.group(6)) == 38 and int(m.group(5)) > 700 for m in matches)


def test_a_long_list_becomes_a_carousel_not_a_list_of_titles(tmp_path: Path) -> None:
    """Ten items, most of about 200 characters, do not fit one 1080x1350 image with their texts: they go on
    numbered slides, each saying (picture, alt text, records for the page) what it holds."""
    project = kit_project(tmp_path)
    overfill(project)
    edit(project, "guides/shelter.yml", "infographics:", EVEN_MORE_ITEMS)
    edit(project, "guides/shelter.yml", "infographics:", MORE_ITEMS.replace("id: radio", "id: neighbours").replace(
        "id: stay", "id: pets"))  # ten items: the most a guide may have
    media = render_images(project, "fr", tmp_path / "out")
    slides = sorted((m for m in media if m.infographic_id == "shelter-checklist" and m.height == 1350
                     and m.fmt == "png"), key=lambda m: m.slide)
    assert len(slides) >= 2 and [m.slide for m in slides] == list(range(1, len(slides) + 1))
    assert all(m.slides == len(slides) and m.path == f"media/shelter/shelter-checklist-1080x1350-{m.slide}.png"
               for m in slides)
    assert [t for m in slides for t in m.holds][:3] == ["Entrez dans un bâtiment", "Suivez les comptes officiels",
                                                        "N’allez pas chercher vos enfants"]
    assert len([t for m in slides for t in m.holds]) == 10
    titles = [t for m in slides for t in m.holds]
    for m in slides:  # the alt text says what this slide shows, not the other slides' items
        assert m.alt.startswith(f"Se mettre à l’abri ({m.slide}/{len(slides)}). {m.holds[0]}.")
        others = [t for t in titles if t not in m.holds]
        assert all(f" {t}. " in m.alt for t in m.holds) and not any(f" {t}. " in m.alt for t in others), m.alt
        assert png(tmp_path / "out" / m.path).size == (1080, 1350)
    assert not any(m.path.endswith("-1080x1350.png") for m in media if m.infographic_id == "shelter-checklist")


def test_overlong_arabic_text_points_at_the_translation(tmp_path: Path) -> None:
    """The publisher's name holds one line in the landscape header; a long Arabic one is reported
    at its place in the Arabic translation of site.yml."""
    project = kit_project(tmp_path)
    long_name = "دائرة الإعلام الحكومي الفرنسية التابعة لرئاسة الوزراء في الجمهورية الفرنسية، باريس"
    line = edit(project, "translations/ar/site.yml", "دائرة الإعلام الحكومي الفرنسية", long_name)
    errors = errors_of(project, "ar", tmp_path)
    pattern = re.compile(
        rf"content/translations/ar/site\.yml:{line}:9: error: (card|infographic) '[a-z-]+' 1200x6(30|75) \(ar\): "
        r"publisher name does not fit: needs 2 lines \(\d+ px\) but the box holds 1 \(\d+ px\) at the minimum size "
        r"27 px; shorten it by about \d+ characters$")
    assert errors and all(pattern.match(e) for e in errors), "\n".join(errors)


def test_missing_glyphs_are_named_and_located(tmp_path: Path) -> None:
    project = kit_project(tmp_path)
    line = edit(project, "guides/shelter.yml", "Entrez dans un bâtiment", "Entrez dans un bâtiment 避難")
    errors = errors_of(project, "fr", tmp_path)
    expected = (f"content/guides/shelter.yml:{line}:12: error: infographic 'shelter-checklist' 1200x630 (fr): "
                "item 'go-inside' title uses characters the fonts cannot draw (Atkinson Hyperlegible / Noto Sans): "
                "'避' (U+907F CJK UNIFIED IDEOGRAPH-907F), '難' (U+96E3 CJK UNIFIED IDEOGRAPH-96E3); replace them "
                "or remove them (and in 9 other images)")
    assert errors == [expected]  # once, not once per image


def test_a_palette_without_contrast_stops_the_build_at_the_brand_colour(tmp_path: Path) -> None:
    project = kit_project(tmp_path)
    line = edit(project, "site.yml", 'primary: "#000091"', 'primary: "#8C8CF0"')
    errors = errors_of(project, "fr", tmp_path)
    ratio = contrast("#8C8CF0", "#FFFFFF")
    assert any(e.startswith(f"content/site.yml:{line}:12: error: brand colours: primary #8C8CF0 on background #FFFFFF "
                            f"has a contrast of {ratio:.2f}:1, below the 4.5:1") for e in errors), "\n".join(errors)
    assert any("white #FFFFFF on primary #8C8CF0" in e for e in errors)  # the footer text


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    project = kit_project(tmp_path)
    overfill(project)
    edit(project, "guides/shelter.yml", "N’allez pas chercher vos enfants", "N’allez pas chercher vos enfants ☢")
    edit(project, "site.yml", 'accent: "#E1000F"', 'accent: "#FF8080"')
    edit(project, "guides/shelter.yml", "Entrez dans un bâtiment", WORD)
    errors = errors_of(project, "fr", tmp_path)
    assert any(f"item 'go-inside' title does not fit: the word '{WORD}'" in e for e in errors)
    assert any("item 'no-school' title uses characters" in e and "U+2622" in e for e in errors)
    assert any("brand colours: accent #FF8080" in e for e in errors)


# -- safe SVG ------------------------------------------------------------------------------------


def test_logo_is_inlined_as_sanitised_shapes(tmp_path: Path) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" '
        'onload="alert(1)"><script>alert(2)</script><style>rect{fill:url(http://evil/)}</style>'
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#000091"/></linearGradient></defs>'
        '<rect width="10" height="10" fill="url(#g)" onclick="x()" style="stroke:url(http://evil/);opacity:.5"/>'
        '<image href="file:///etc/passwd" width="10" height="10"/><a href="javascript:alert(3)"><path d="M0 0"/></a>'
        '<use xlink:href="#g"/><text>Relais</text><circle cx="5" cy="5" r="2" fill="#fff"/></svg>',
        encoding="utf-8")
    view_box, inner = sanitised_logo(logo)
    assert view_box == "0 0 10 10"
    for bad in ("script", "alert", "style", "evil", "image", "passwd", "javascript", "<use", "<a ", "onclick",
                "<text", "href"):
        assert bad not in inner, bad
    assert 'fill="url(#logo-g)"' in inner and 'id="logo-g"' in inner and 'opacity=".5"' in inner
    assert '<circle cx="5" cy="5" r="2" fill="#fff"/>' in inner
    check_references(f'<svg xmlns="http://www.w3.org/2000/svg">{inner}</svg>')


def test_content_text_is_escaped(tmp_path: Path) -> None:
    project = kit_project(tmp_path)
    edit(project, "guides/shelter.yml", 'title: "Entrez dans un bâtiment"', 'title: "Eau & gaz : fermez"')
    media = render_images(project, "fr", tmp_path / "out")
    svg = next(m for m in media if m.fmt == "svg" and "checklist" in m.path)
    text = (tmp_path / "out" / svg.path).read_text(encoding="utf-8")
    assert "Eau &amp; gaz" in text
    ET.fromstring(text)  # well-formed


def test_arabic_hashtag_mid_line_reads_in_order_in_the_png(arabic) -> None:
    """"وتابعوا #SMEM وحسابات": the hashtag's piece is placed by us (see relais.text.svgtext); the PNG shows
    "#SMEM" in order at the place the SVG gives it."""
    from relais.text.measure import measure
    from test_text_svg import best_match, render

    out, _, _ = arabic
    root = ET.parse(out / "ar/media/shelter/shelter-checklist-1080x1080.svg").getroot()
    text, span = next((t, s) for t in root.iter(f"{SVG_NS}text") for s in t if s.text == "\u2066#SMEM\u2069")
    size, weight = float(text.get("font-size")), int(text.get("font-weight"))
    face = face_for("ar", weight)
    right, baseline = float(span.get("x")), float(span.get("y"))
    left = right - measure("#SMEM", face, size, "ar")
    image = png(out / "ar/media/shelter/shelter-checklist-1080x1080.png")
    box = (int(left) - 30, int(baseline - size), int(right) + 30, int(baseline + size * 0.4))
    crop = image.crop(box)
    markup = (f'<text font-family="{face.family}" font-size="{size}" font-weight="{weight}">'
              f'<tspan x="{20 + left % 1:.2f}" y="{int(size * 1.5) + baseline % 1:.2f}">')  # same sub-pixel offsets
    word, flipped = (render(f"{markup}{w}</tspan></text>", 600, int(size * 2.5)) for w in ("#SMEM", "SMEM#"))
    xs = range(0, crop.width - int(right - left) + 4)
    ours, x = best_match(crop, word, xs)
    assert ours < 0.15 and abs(box[0] + x - left) <= 6, (ours, box[0] + x, left)
    assert best_match(crop, flipped, xs)[0] > 2 * ours + 0.1
