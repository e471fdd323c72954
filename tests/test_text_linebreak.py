"""Line breaking: UAX #14 opportunities, greedy fill, French no-break spaces."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from relais.text.coverage import prepare_text
from relais.text.errors import WordTooWide
from relais.text.fonts import face_for
from relais.text.linebreak import break_lines, paragraphs
from relais.text.measure import measure

SAMPLES = json.loads((Path(__file__).parent / "fixtures/text/samples.json").read_text("utf-8"))
NO_LINE_START = tuple(":;!?»%€°")
SIZE = 32


@pytest.mark.parametrize("max_width", range(200, 900, 23))
def test_french_never_breaks_at_no_break_spaces(max_width: int) -> None:
    face = face_for("fr")
    text = SAMPLES["fr_wrap"]
    lines = break_lines(text, face, SIZE, max_width, "fr")
    assert len(lines) > 1 or max_width > 700
    for line in lines:
        assert line and not line.startswith(NO_LINE_START), lines
        assert not line.endswith("«"), lines
        assert line == line.strip(" "), "spaces at line ends are not drawn"
        assert measure(line, face, SIZE, "fr") <= max_width
    # Nothing lost, nothing added (no hyphen in this text).
    assert " ".join(lines).split() == prepare_text(text, face.path).split()


def test_control_plain_spaces_would_break_there() -> None:
    """Guards the test above: without no-break spaces some line does start badly."""
    face = face_for("fr")
    text = SAMPLES["fr_wrap"].replace("\u202f", " ").replace("\u00a0", " ")
    starts = {
        line[0]
        for width in range(200, 900, 23)
        for line in break_lines(text, face, SIZE, width, "fr")
    }
    assert starts & set(NO_LINE_START)


def test_greedy_fill_uses_the_room() -> None:
    """Each line is full: its first word of the next line would not have fitted."""
    face, width = face_for("en"), 420
    lines = break_lines(SAMPLES["en"], face, SIZE, width, "en")
    for line, following in zip(lines, lines[1:]):
        next_word = following.split(" ")[0]
        assert measure(f"{line} {next_word}", face, SIZE, "en") > width


def test_mandatory_breaks_are_honoured() -> None:
    face = face_for("fr")
    lines = break_lines("Restez chez vous.\nÉcoutez la radio.", face, SIZE, 2000, "fr")
    assert lines == ["Restez chez vous.", "Écoutez la radio."]
    assert paragraphs("  a \t b\r\n\nc  \n") == ["a b", "", "c"]


def test_arabic_lines_fit_and_keep_words() -> None:
    face = face_for("ar")
    lines = break_lines(SAMPLES["ar"], face, SIZE, 300, "ar")
    assert len(lines) > 3
    assert all(measure(line, face, SIZE, "ar") <= 300 for line in lines)
    assert " ".join(lines).split() == SAMPLES["ar"].split()


def test_soft_hyphen_shows_a_hyphen_only_at_a_break() -> None:
    face = face_for("fr")
    text = "Évacuation in\u00adter\u00addé\u00adpar\u00adte\u00admen\u00adtale"
    lines = break_lines(text, face, SIZE, 260, "fr")
    assert len(lines) > 1
    assert all(line.endswith("-") for line in lines[:-1])
    assert "".join(line.rstrip("-") for line in lines).replace(" ", "") == text.replace(
        "\u00ad", ""
    ).replace(" ", "")


def test_a_word_wider_than_the_box_is_reported_not_split() -> None:
    face = face_for("fr")
    word = "anticonstitutionnellement"
    with pytest.raises(WordTooWide) as caught:
        break_lines(f"C’est {word}.", face, SIZE, 200, "fr")
    error = caught.value
    assert error.word == f"{word}."
    assert error.excess_px == pytest.approx(measure(f"{word}.", face, SIZE, "fr") - 200)
    assert f"the word '{word}.' is" in str(error) and "px wider than the box" in str(error)
