"""Greedy line breaking on Unicode UAX #14 break opportunities.

resvg draws each <tspan> on one line and never wraps, so we decide the lines.
UAX #14 (ICU's line breaker, through icu4py) already knows French typography: no break before a
no-break space, ":" or "»" glued with U+00A0, none inside "3,5" or after "«".
Mandatory breaks (newlines) always start a new line.  A single unbreakable
piece wider than the box raises WordTooWide instead of being cut.
"""

from __future__ import annotations

import re
from functools import lru_cache

from icu4py.breakers import LineBreaker

from relais.text.coverage import LINE_SEPARATORS, prepare_text
from relais.text.errors import WordTooWide
from relais.text.fonts import FontFace
from relais.text.measure import measure

SOFT_HYPHEN = "\u00ad"
_SPACES = re.compile(r"[ \t]+")
_PARAGRAPH_SPLIT = re.compile("\r\n|[" + "".join(sorted(LINE_SEPARATORS)) + "]")
_EPSILON = 1e-6  # px; absorbs float noise when a line fits exactly


def paragraphs(text: str) -> list[str]:
    """Split on mandatory breaks and collapse runs of spaces/tabs, as SVG would.

    Blank lines inside are kept (as ""), surrounding blank space is not.
    """
    text = text.strip(" \t" + "".join(LINE_SEPARATORS))
    if not text:
        return []
    parts = _PARAGRAPH_SPLIT.split(text)
    return [_SPACES.sub(" ", part).strip(" ") for part in parts]


@lru_cache(maxsize=4096)
def break_units(paragraph: str) -> tuple[str, ...]:
    """UAX #14 pieces, each ending at a break opportunity (cached: fitting breaks the same text at many sizes).
    ICU replaced uniseg here: same pieces on every text of the kit, about 200 times faster."""
    return tuple(LineBreaker(paragraph, "und"))


def line_text(units: list[str]) -> str:
    """The drawn form of a line made of break units.

    Trailing spaces hang outside the box (not drawn, not measured); a line
    ending at a soft hyphen shows a real hyphen; other soft hyphens vanish.
    """
    line = "".join(units).rstrip(" ")
    if line.endswith(SOFT_HYPHEN):
        line = line[:-1] + "-"
    return line.replace(SOFT_HYPHEN, "")


def break_paragraph(
    paragraph: str, face: FontFace, size_px: float, max_width: float, lang: str
) -> list[str]:
    """Greedy fill: put as many break units on each line as fit in max_width."""
    lines: list[str] = []
    current: list[str] = []
    for unit in break_units(paragraph):
        if measure(line_text(current + [unit]), face, size_px, lang) <= max_width + _EPSILON:
            current.append(unit)
            continue
        if current:
            lines.append(line_text(current))
        current = [unit]
        width = measure(line_text(current), face, size_px, lang)
        if width > max_width + _EPSILON:
            raise WordTooWide(
                line_text(current), width - max_width, size_px=size_px, max_width=max_width
            )
    lines.append(line_text(current))
    return lines


def break_lines(
    text: str, face: FontFace, size_px: float, max_width: float, lang: str
) -> list[str]:
    """Lines of ``text`` (prepared for ``face``) that each fit in ``max_width`` px.

    Raises WordTooWide if one unbreakable piece is wider than the box.
    """
    prepared = prepare_text(text, face.path)
    lines: list[str] = []
    for paragraph in paragraphs(prepared):
        lines.extend(break_paragraph(paragraph, face, size_px, max_width, lang))
    return lines
