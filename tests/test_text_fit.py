"""fit_text: the largest size that fits, or a clear TextOverflow."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from relais.text.errors import TextOverflow, WordTooWide
from relais.text.fit import candidate_sizes, fit_text, layout
from relais.text.fonts import face_for
from relais.text.measure import measure

SAMPLES = json.loads((Path(__file__).parent / "fixtures/text/samples.json").read_text("utf-8"))


def test_short_text_keeps_the_maximum_size() -> None:
    result = fit_text("112", face_for("fr", 700), 600, 200, 96, 24, lang="fr")
    assert result.size == 96
    assert result.lines == ("112",)
    assert result.width_used == pytest.approx(measure("112", face_for("fr", 700), 96, "fr"))


@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_long_text_shrinks_to_the_largest_size_that_fits(lang: str) -> None:
    face, width, height = face_for(lang), 640, 300
    result = fit_text(SAMPLES[lang], face, width, height, 72, 12, lang=lang)
    assert 12 < result.size < 72
    assert len(result.lines) > 1
    assert result.height_used <= height
    assert result.width_used <= width
    assert all(measure(line, face, result.size, lang) <= width for line in result.lines)
    # One step larger does not fit (too tall or a word too wide).
    try:
        pitch = result.line_height_px / result.size
        bigger = layout(SAMPLES[lang], face, result.size + 1, width, pitch, lang)
    except WordTooWide:
        return
    assert bigger.height_used > height


def test_sizes_are_deterministic_steps() -> None:
    assert candidate_sizes(30, 27, 1) == [30, 29, 28, 27]
    assert candidate_sizes(30, 27.5, 1) == [30, 29, 28, 27.5]
    with pytest.raises(ValueError):
        candidate_sizes(20, 30, 1)


def test_arabic_gets_more_line_spacing_by_default() -> None:
    fr = fit_text("a\nb", face_for("fr"), 500, 500, 40, 40, lang="fr")
    ar = fit_text("ا\nب", face_for("ar"), 500, 500, 40, 40, lang="ar")
    assert fr.line_height_px == pytest.approx(48) and ar.line_height_px == pytest.approx(60)
    assert fit_text("a\nb", face_for("fr"), 500, 500, 40, 40, 1.5, "fr").line_height_px == 60


def test_overflow_at_minimum_size_says_by_how_much() -> None:
    with pytest.raises(TextOverflow) as caught:
        fit_text(SAMPLES["fr_wrap"], face_for("fr"), 500, 96, 48, 24, lang="fr")
    error = caught.value
    match = re.fullmatch(
        r"needs (\d+) lines \((\d+) px\) but the box holds (\d+) \(96 px\)"
        r" at the minimum size 24 px",
        str(error),
    )
    assert match, str(error)
    assert int(match[1]) == error.lines_needed > error.lines_available == int(match[3]) == 3
    assert error.height_needed > error.height_available == 96
    assert error.size_px == 24


def test_box_too_low_for_a_single_line() -> None:
    with pytest.raises(TextOverflow, match=r"needs 1 line \(\d+ px\) but the box holds 0"):
        fit_text("Alerte", face_for("fr"), 500, 10, 48, 24, lang="fr")


def test_unbreakable_word_at_minimum_size_is_named() -> None:
    with pytest.raises(WordTooWide) as caught:
        fit_text("Risque d’inondation", face_for("fr"), 100, 500, 60, 30, lang="fr")
    assert caught.value.word == "d’inondation"
    assert caught.value.size_px == 30
    assert caught.value.excess_px > 0


def test_empty_text_fits_trivially() -> None:
    result = fit_text("  \n ", face_for("fr"), 100, 100, 40, 20, lang="fr")
    assert result.lines == () and result.height_used == 0
