"""Fonts registry and glyph coverage (the build refuses tofu with missing_glyphs)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from relais.text.coverage import prepare_text, uncovered
from relais.text.fonts import default_fonts, face_for, font_files, missing_glyphs

SAMPLES = json.loads((Path(__file__).parent / "fixtures/text/samples.json").read_text("utf-8"))


def test_font_files_come_from_fontpkg_packages() -> None:
    files = [Path(p) for p in font_files()]
    assert len(files) == 4
    for path in files:
        assert path.is_file()
        assert path.parent.name == "files" and path.parent.parent.name.startswith("fontpkg_")


@pytest.mark.parametrize(("lang", "weight"), [("fr", 400), ("fr", 700), ("ar", 400), ("ar", 700)])
def test_svg_family_name_is_the_name_inside_the_file(lang: str, weight: int) -> None:
    """resvg matches font-family against the font's own name table."""
    face = face_for(lang, weight)
    with TTFont(face.path, lazy=True) as font:
        names = {font["name"].getDebugName(16), font["name"].getDebugName(1)}
    assert face.family in names
    assert str(face.path) in font_files()


def test_language_choice() -> None:
    assert face_for("fr").family == "Atkinson Hyperlegible"
    assert face_for("es-ES", 700).path.name == "AtkinsonHyperlegible-Bold.ttf"
    arabic = face_for("ar", 700)
    assert arabic.family == "Noto Sans Arabic" and arabic.variable and arabic.weight == 700
    # Whole-text fallback: Greek is not in Atkinson, Noto Sans has it.
    assert face_for("fr", 400, "Ελληνικά").family == "Noto Sans"


def test_unavailable_weight_is_refused() -> None:
    with pytest.raises(ValueError, match="400, 700"):
        face_for("fr", 500)
    with pytest.raises(ValueError, match="100-900"):
        face_for("ar", 950)


@pytest.mark.parametrize("lang", ["fr", "es", "en", "ar"])
def test_samples_are_fully_covered(lang: str) -> None:
    assert missing_glyphs(SAMPLES[lang], lang) == set()
    assert missing_glyphs(SAMPLES[lang], lang, 700) == set()
    assert face_for(lang, 400, SAMPLES[lang]) == face_for(lang)  # no fallback needed


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_emoji_and_cjk_are_reported_missing(lang: str) -> None:
    assert missing_glyphs("Attention ⚠️ 火災", lang) == {"⚠", "火", "災"}


def test_invisible_format_characters_are_not_tofu() -> None:
    text = "\u2066#SMEM\u2069 \u200f112 \u00adx\u200d\ufe0f"
    assert missing_glyphs(text, "ar") == set()
    assert missing_glyphs(text, "fr") == set()


def test_narrow_nbsp_is_substituted_only_where_missing() -> None:
    atkinson, noto = face_for("fr"), default_fonts().families["Noto Sans"].face(400)
    text = "Alerte\u202f!"
    assert prepare_text(text, atkinson.path) == "Alerte\u00a0!"
    assert prepare_text(text, noto.path) == text
    assert uncovered(text, atkinson.path) == set()
