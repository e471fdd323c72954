"""HarfBuzz measurements must match what resvg actually draws."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image

from relais.render.images.raster import render_png
from relais.text.fonts import face_for
from relais.text.measure import ink, measure, shape

X, BASELINE, SIZE = 100, 120, 48


def rendered_ink_columns(lang: str, weight: int, text: str) -> tuple[int, int]:
    """(first, last + 1) pixel columns with ink, text drawn at x=X by resvg."""
    face = face_for(lang, weight)
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="200">'
        '<rect width="1200" height="200" fill="#fff"/>'
        f'<text x="{X}" y="{BASELINE}" font-family="{face.family}" font-size="{SIZE}" '
        f'font-weight="{weight}">{text}</text></svg>'
    )
    image = Image.open(BytesIO(render_png(svg, 1200, 200)), formats=["PNG"]).convert("L")
    box = image.point(lambda v: 255 if v < 160 else 0).getbbox()
    assert box is not None, "nothing drawn"
    return box[0], box[2]


def test_longer_string_measures_wider() -> None:
    face = face_for("fr")
    assert measure("Restez à l’abri", face, 40, "fr") > measure("Restez", face, 40, "fr") > 0
    assert measure("abc", face, 80, "fr") == pytest.approx(2 * measure("abc", face, 40, "fr"))


def test_bold_is_wider_for_static_and_variable_faces() -> None:
    for lang, text in (("fr", "Alerte"), ("ar", "الحسابات الرسمية")):
        regular = measure(text, face_for(lang, 400), 40, lang)
        assert measure(text, face_for(lang, 700), 40, lang) > regular * 1.03


def test_arabic_is_shaped_with_joining_forms() -> None:
    face = face_for("ar")
    (isolated,) = [g[0] for g in shape("ب", face, "ar") if g[1] > 0]  # dots are marks
    joined = [g[0] for g in shape("ببب", face, "ar") if g[1] > 0]
    assert len(joined) == 3 and len(set(joined)) == 3  # final, medial, initial forms
    assert isolated not in joined


@pytest.mark.parametrize(
    ("lang", "weight", "text"),
    [
        ("fr", 400, "Fermez portes et fenêtres"),
        ("fr", 700, "Écoutez la radio : 112"),
        ("ar", 400, "أغلقوا الأبواب والنوافذ"),
        ("ar", 700, "أغلقوا الأبواب والنوافذ"),
    ],
)
def test_harfbuzz_ink_matches_resvg_pixels(lang: str, weight: int, text: str) -> None:
    """Same files, same shaping: the ink ends land within 2 px of the prediction.

    The bold Arabic case proves resvg applies font-weight to the variable
    Noto Sans Arabic exactly as we set the wght axis in HarfBuzz.
    """
    predicted = ink(text, face_for(lang, weight), SIZE, lang)
    assert predicted is not None
    first, end = rendered_ink_columns(lang, weight, text)
    assert first == pytest.approx(X + predicted.left, abs=2)
    assert end == pytest.approx(X + predicted.right, abs=2)
    advance = measure(text, face_for(lang, weight), SIZE, lang)
    assert end - first == pytest.approx(advance, abs=8)  # advance = ink + side bearings


def test_regular_arabic_prediction_does_not_match_bold_rendering() -> None:
    """Guards the test above: a weight mix-up is big enough to be caught."""
    text = "أغلقوا الأبواب والنوافذ"
    regular = ink(text, face_for("ar", 400), SIZE, "ar")
    assert regular is not None
    first, end = rendered_ink_columns("ar", 700, text)
    assert abs((end - first) - (regular.right - regular.left)) > 6
