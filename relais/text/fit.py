"""Fit a text in a box: the largest size (from size_max down) at which it fits.

Vertical model: the block is ``ascent + (n - 1) * line_height_px + descent``,
where ascent/descent are the ink extents of a reference repertoire of the face's
script (accented capitals, descenders, Arabic harakat), widened by the text's
own ink if it goes further.  This keeps baselines identical from box to box and
guarantees the ink stays inside the box.  We do not use the fonts' hhea
ascender: Noto Sans Arabic declares 1.37 em for stacked Quranic marks, which
would shrink every Arabic text by a third for ink that never appears.
"""

from __future__ import annotations

import math
from functools import lru_cache
from dataclasses import dataclass

from relais.text.coverage import prepare_text
from relais.text.errors import TextOverflow, WordTooWide
from relais.text.bidi import is_rtl
from relais.text.fonts import FontFace
from relais.text.linebreak import break_lines
from relais.text.measure import ink, measure

# Line pitch in em when the caller gives none: Arabic needs more room than
# Latin (hamza below, dots and harakat of neighbouring lines collide at 1.2).
DEFAULT_LINE_HEIGHT = {"Latn": 1.2, "Arab": 1.5}

REFERENCE_INK = {
    "Latn": "ÀÉÊÎÑÇÅÜ¿¡gjpqy",
    "Arab": "أإآلكطظبَبُبِبّبًبٌبٍجيـٍ",
}


@dataclass(frozen=True)
class FitResult:
    """A laid-out text block; all lengths in px."""

    size: float
    lines: tuple[str, ...]
    line_height_px: float
    width_used: float
    height_used: float
    ascent_px: float  # from the block top to the first baseline
    descent_px: float  # from the last baseline to the block bottom
    face: FontFace
    lang: str

    @property
    def rtl(self) -> bool:
        return is_rtl(self.lang)


@lru_cache(maxsize=65536)
def vertical_extent(text: str, face: FontFace, lang: str) -> tuple[float, float]:
    """(ascent, descent) in em, both positive: reference repertoire + the text's ink."""
    reference = REFERENCE_INK.get(face.script, REFERENCE_INK["Latn"])
    boxes = [b for b in (ink(reference, face, 1.0, lang), ink(text, face, 1.0, lang)) if b]
    return max(b.top for b in boxes), -min(b.bottom for b in boxes)


def block_height(n_lines: int, size: float, line_height: float, asc: float, desc: float) -> float:
    """Height in px of ``n_lines`` lines at ``size`` px (asc/desc in em)."""
    if n_lines == 0:
        return 0.0
    return (asc + desc + (n_lines - 1) * line_height) * size


def lines_that_fit(
    max_height: float, size: float, line_height: float, asc: float, desc: float
) -> int:
    """How many lines a box of max_height px holds at size px."""
    room = max_height / size - asc - desc
    return 0 if room < 0 else 1 + math.floor(room / line_height + 1e-9)


def candidate_sizes(size_max: float, size_min: float, step: float) -> list[float]:
    """size_max, size_max - step, ... down to size_min (always included)."""
    if not 0 < size_min <= size_max or step <= 0:
        raise ValueError(f"bad sizes: max {size_max}, min {size_min}, step {step}")
    count = math.floor((size_max - size_min) / step + 1e-9)
    sizes = [round(size_max - i * step, 4) for i in range(count + 1)]
    return sizes if sizes[-1] == size_min else [*sizes, size_min]


def layout(
    text: str, face: FontFace, size: float, max_width: float, line_height: float, lang: str
) -> FitResult:
    """Break ``text`` at ``size`` px (may raise WordTooWide); no height check."""
    lines = tuple(break_lines(text, face, size, max_width, lang))
    asc, desc = vertical_extent(prepare_text(text, face.path), face, lang)
    return FitResult(
        size=size,
        lines=lines,
        line_height_px=size * line_height,
        width_used=max((measure(line, face, size, lang) for line in lines), default=0.0),
        height_used=block_height(len(lines), size, line_height, asc, desc),
        ascent_px=asc * size,
        descent_px=desc * size,
        face=face,
        lang=lang,
    )


def fit_text(
    text: str,
    face: FontFace,
    max_width: float,
    max_height: float,
    size_max: float,
    size_min: float,
    line_height: float | None = None,
    lang: str = "fr",
    step: float = 1.0,
) -> FitResult:
    """Largest size in size_max, size_max - step, ..., size_min whose lines fit the box.

    ``line_height`` is the line pitch in em (None: 1.2 for Latin, 1.5 for Arabic).
    Raises TextOverflow (WordTooWide for an unbreakable word) if even size_min fails.
    """
    if line_height is None:
        line_height = DEFAULT_LINE_HEIGHT.get(face.script, 1.2)
    for size in candidate_sizes(size_max, size_min, step):
        try:
            result = layout(text, face, size, max_width, line_height, lang)
        except WordTooWide:
            if size == size_min:
                raise
            continue
        if result.height_used <= max_height + 1e-6:
            return result
    raise _too_tall(result, max_height, line_height)


def _too_tall(result: FitResult, max_height: float, line_height: float) -> TextOverflow:
    """The overflow error for a block that is too tall at the minimum size."""
    size, n = result.size, len(result.lines)
    asc, desc = result.ascent_px / size, result.descent_px / size
    holds = lines_that_fit(max_height, size, line_height, asc, desc)
    return TextOverflow(
        f"needs {n} line{'s' * (n > 1)} ({result.height_used:.0f} px) but the box holds "
        f"{holds} ({max_height:.0f} px) at the minimum size {size:g} px",
        size_px=size,
        lines_needed=n,
        lines_available=holds,
        height_needed=result.height_used,
        height_available=max_height,
    )
