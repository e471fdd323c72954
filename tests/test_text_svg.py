"""SVG <text> markup, and what resvg makes of it (Arabic above all)."""

from __future__ import annotations

import json
import re
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageStat, features

from relais.render.images.raster import render_png
from relais.text.bidi import isolate_tokens
from relais.text.fit import fit_text
from relais.text.fonts import face_for
from relais.text.measure import measure
from relais.text.svgtext import PDI, RLI, num, svg_text

SAMPLES = json.loads((Path(__file__).parent / "fixtures/text/samples.json").read_text("utf-8"))
W, H = 1000, 160


def render(markup: str, width: int = W, height: int = H) -> Image.Image:
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
        f'<rect width="{width}" height="{height}" fill="#fff"/>{markup}</svg>'
    )
    return Image.open(BytesIO(render_png(svg, width, height)), formats=["PNG"]).convert("RGB")


def ink_mask(image: Image.Image) -> Image.Image:
    """White-on-black mask of the dark pixels, cropped to their bounding box."""
    mask = image.convert("L").point(lambda v: 255 if v < 128 else 0)
    return mask.crop(mask.getbbox())


def difference(a: Image.Image, b: Image.Image) -> float:
    """Blurred mask difference / total ink, best over +-3 px shifts (0 = identical)."""
    w, h = max(a.width, b.width) + 8, max(a.height, b.height) + 8

    def placed(mask: Image.Image, dx: int = 0, dy: int = 0) -> Image.Image:
        canvas = Image.new("L", (w, h))
        canvas.paste(mask, (4 + dx, 4 + dy))
        return canvas.filter(ImageFilter.GaussianBlur(1.5))

    ref = placed(a)
    best = float("inf")
    for dx in range(-3, 4):
        for dy in range(-3, 4):
            other = placed(b, dx, dy)
            diff = ImageStat.Stat(ImageChops.difference(ref, other)).sum[0]
            best = min(best, diff / (ImageStat.Stat(ref).sum[0] + ImageStat.Stat(other).sum[0]))
    return best


def arabic_line(text: str, size: float = 48) -> str:
    fit = fit_text(text, face_for("ar"), 900, 150, size, size, lang="ar")
    assert len(fit.lines) == 1
    return svg_text(fit, 50, 20, 900, fill="#000000")


def raqm_reference(text: str, direction: str, size: int = 48) -> Image.Image:
    """The same string laid out by FreeType + HarfBuzz + FriBiDi (Pillow's raqm)."""
    font = ImageFont.truetype(str(face_for("ar").path), size, layout_engine=ImageFont.Layout.RAQM)
    image = Image.new("RGB", (W, H), "white")
    draw = ImageDraw.Draw(image)
    draw.text((50, 20), text, font=font, fill="black", direction=direction, language="ar")
    return image


needs_raqm = pytest.mark.skipif(
    not features.check("raqm"), reason="Pillow built without libraqm: no reference bidi layout"
)


def test_markup_is_escaped_and_positioned() -> None:
    fit = fit_text("Eau & gaz <coupés>\nBis", face_for("fr", 700), 800, 300, 40, 40, lang="fr")
    markup = svg_text(fit, 10, 20, 800, align="end", fill="#c00000", attrs={"class": "title"})
    assert "Eau &amp; gaz &lt;coupés&gt;" in markup
    assert 'font-family="Atkinson Hyperlegible"' in markup and 'font-weight="700"' in markup
    assert 'text-anchor="end"' in markup and 'x="810"' in markup and 'class="title"' in markup
    assert f'y="{num(20 + fit.ascent_px)}"' in markup
    assert f'y="{num(20 + fit.ascent_px + fit.line_height_px)}"' in markup
    assert 'xml:lang="fr"' in markup and "direction" not in markup
    assert markup.count("<tspan") == 2


@pytest.mark.parametrize(
    ("align", "anchor", "x"),
    [("start", "end", "950"), ("end", "start", "50"), ("center", "middle", "500")],
)
def test_rtl_alignment_is_mirrored_and_lines_isolated(align: str, anchor: str, x: str) -> None:
    fit = fit_text("تابع الحسابات", face_for("ar"), 900, 150, 40, 40, lang="ar")
    markup = svg_text(fit, 50, 0, 900, align=align)  # type: ignore[arg-type]
    assert f'text-anchor="{anchor}"' in markup and f'x="{x}"' in markup
    assert f">{RLI}تابع الحسابات{PDI}<" in markup and 'xml:lang="ar"' in markup


@needs_raqm
def test_arabic_with_number_and_hashtag_matches_reference_shaping() -> None:
    text = SAMPLES["ar_hashtag"]
    ours = ink_mask(render(arabic_line(text)))
    reference = ink_mask(raqm_reference(text, "rtl"))
    assert abs(ours.width - reference.width) <= 4
    assert abs(ours.height - reference.height) <= 3
    assert difference(ours, reference) < 0.15


@needs_raqm
def test_naive_ltr_rendering_fails_the_same_comparison() -> None:
    """Without the RLI/PDI wrap resvg uses an LTR paragraph: the check must catch it."""
    text = SAMPLES["ar_hashtag"]
    naive = ink_mask(render(arabic_line(text).replace(RLI, "").replace(PDI, "")))
    reference = ink_mask(raqm_reference(text, "rtl"))
    assert difference(naive, reference) > 0.4
    assert difference(naive, ink_mask(raqm_reference(text, "ltr"))) < 0.15


def red_columns(image: Image.Image) -> tuple[int, int]:
    r, g, b = image.split()
    red = ImageChops.subtract(r, g).point(lambda v: 255 if v > 128 else 0)
    box = red.getbbox()
    assert box is not None
    return box[0], box[2]


def test_word_order_first_logical_word_is_rightmost() -> None:
    text = SAMPLES["ar_hashtag"]  # تابع الحسابات الرسمية #SMEM 112
    first_word, latin_word = text.split()[0], "SMEM"
    line = arabic_line(text)
    whole = render(line).convert("L").point(lambda v: 255 if v < 200 else 0).getbbox()
    assert whole is not None
    for word, side in ((first_word, "right"), (latin_word, "left")):
        image = render(line.replace(word, f'<tspan fill="#ff0000">{word}</tspan>', 1))
        left, right = red_columns(image)
        assert right - left > 30
        if side == "right":
            assert abs(right - whole[2]) <= 2 and abs(right - 950) <= 4  # at the start edge
        else:
            assert abs(left - whole[0]) <= 2


def test_isolated_hashtag_keeps_its_hash_on_the_left() -> None:
    line = arabic_line(isolate_tokens(SAMPLES["ar_hashtag"]))
    image = render(line.replace("#SMEM", '<tspan fill="#ff0000">#</tspan>SMEM'))
    hash_right = red_columns(image)[1]
    smem = render(line.replace("SMEM", '<tspan fill="#ff0000">SMEM</tspan>', 1))
    assert hash_right <= red_columns(smem)[0] + 2  # "#" directly left of "SMEM"


@pytest.mark.parametrize(("lang", "weight"), [("fr", 700), ("es", 400), ("ar", 700), ("ar", 400)])
def test_fitted_text_stays_inside_its_box(lang: str, weight: int) -> None:
    x, y, width, height = 100, 80, 560, 420
    fit = fit_text(SAMPLES[lang], face_for(lang, weight), width, height, 90, 12, lang=lang)
    image = render(svg_text(fit, x, y, width, height=height, valign="middle"), 800, 600)
    box = image.convert("L").point(lambda v: 255 if v < 250 else 0).getbbox()
    assert box is not None
    assert box[0] >= x - 2 and box[2] <= x + width + 2, box
    assert box[1] >= y and box[3] <= y + height, box
    # ...and it uses the box: the block is close to one of its edges (fitted).
    assert box[3] - box[1] > 0.7 * height or box[2] - box[0] > 0.85 * width


MID_LINE = "نهج #SMEM في ثلاث خطوات"  # the hashtag between Arabic words


def best_match(line: Image.Image, word: Image.Image, xs: range) -> tuple[float, int]:
    """(difference, x): where the ink of ``word`` best matches the ink of ``line``, its left edge in ``xs``."""
    canvas = line.convert("L").point(lambda v: 255 if v < 128 else 0)
    ref = ink_mask(word)
    top = canvas.getbbox()[1]
    ink = ImageStat.Stat(ref).sum[0]
    found = (float("inf"), -1)
    for y in range(max(0, top - 6), top + 40):
        for x in xs:
            window = canvas.crop((x, y, x + ref.width, y + ref.height))
            found = min(found, (ImageStat.Stat(ImageChops.difference(window, ref)).sum[0] / ink, x))
    return found


def test_hashtag_mid_line_is_placed_by_us_and_drawn_in_order() -> None:
    """An isolated "#SMEM" between Arabic words is not left to the rasteriser's bidi: the line is cut into
    pieces placed right to left, each as wide as fitting measured it; the PNG shows "#SMEM" where the SVG
    says, in order."""
    fit = fit_text(isolate_tokens(MID_LINE), face_for("ar"), 900, 150, 48, 48, lang="ar")
    line = svg_text(fit, 50, 20, 900, fill="#000000")
    spans = re.findall(r'<tspan x="([\d.]+)"[^>]*>([^<]*)</tspan>', line)
    assert [text.strip(f"{RLI}{PDI}\u200f") for _, text in spans] == ["نهج ", "\u2066#SMEM", " في ثلاث خطوات"]
    right = float(spans[1][0])  # the hashtag's right edge (pieces are anchored at their right end)
    left = right - measure("#SMEM", fit.face, 48, "ar")
    image = render(line)
    word = render(f'<text font-family="Noto Sans Arabic" font-size="48"><tspan x="50" y="80">#SMEM</tspan></text>')
    flipped = render(f'<text font-family="Noto Sans Arabic" font-size="48"><tspan x="50" y="80">SMEM#</tspan></text>')
    near = range(int(left) - 20, int(left) + 20)
    ours, x = best_match(image, word, near)
    assert ours < 0.1 and abs(x - left) <= 6, (ours, x, left)  # "#SMEM", in order, where the SVG put it
    assert best_match(image, flipped, near)[0] > 3 * ours + 0.1
    whole = render(line).convert("L").point(lambda v: 255 if v < 200 else 0).getbbox()
    assert abs(whole[2] - 950) <= 4 and abs(whole[0] - (950 - fit.width_used)) <= 4  # as wide as measured
    first = red_columns(render(line.replace("نهج", '<tspan fill="#ff0000">نهج</tspan>', 1)))
    assert first[0] > left  # the first word stays at the right
