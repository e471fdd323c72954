"""Glyph coverage: which characters a font file can really draw.

resvg silently drops (or swaps in another font for) characters a font lacks, so
the build must check coverage itself and refuse tofu before rendering.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

# Characters some faces lack but that have a safe, same-meaning stand-in.
# Atkinson Hyperlegible has no U+202F (the narrow no-break space French
# typography puts before « ; : ! ? » and inside guillemets) nor U+2009.  A
# regular no-break space keeps the "never break here" meaning, is only a few
# pixels wider, and avoids resvg quietly pulling the glyph from another font
# that our measurements would not know about.
SUBSTITUTES: dict[str, str] = {
    "\u202f": "\u00a0",  # narrow no-break space -> no-break space
    "\u2007": "\u00a0",  # figure space (no-break) -> no-break space
    "\u2009": " ",  # thin space (breakable) -> space
    "\u200a": " ",  # hair space (breakable) -> space
    "\u2011": "-\u2060",  # non-breaking hyphen -> hyphen + word joiner
    "\u2010": "-",  # hyphen -> hyphen-minus
    "\u2212": "-",  # minus sign -> hyphen-minus
}

# Line separators: consumed by the line breaker, never drawn.
LINE_SEPARATORS = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")

# Unicode Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt).
# HarfBuzz (and resvg's harfrust) hide these when the font lacks them, so they
# are not tofu: ZWJ/ZWNJ, bidi marks and isolates, soft hyphen, variation selectors...
_IGNORABLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)  # fmt: skip


def is_ignorable(char: str) -> bool:
    """True for characters that are invisible formatting, never tofu."""
    cp = ord(char)
    return any(lo <= cp <= hi for lo, hi in _IGNORABLE_RANGES)


@lru_cache(maxsize=None)
def cmap(path: Path) -> frozenset[int]:
    """Code points mapped to a glyph in the font file (cached: parsing is slow)."""
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


def prepare_text(text: str, path: Path) -> str:
    """Replace characters the font lacks by their stand-ins (see SUBSTITUTES).

    Always measure and render the prepared text, so HarfBuzz and resvg see
    exactly the same characters.
    """
    covered = cmap(path)
    for char, stand_in in SUBSTITUTES.items():
        if char in text and ord(char) not in covered:
            if all(ord(c) in covered or is_ignorable(c) for c in stand_in):
                text = text.replace(char, stand_in)
    return text


def uncovered(text: str, path: Path) -> set[str]:
    """Characters of the *prepared* text that the font cannot draw."""
    covered = cmap(path)
    return {
        c
        for c in prepare_text(text, path)
        if ord(c) not in covered
        and c not in LINE_SEPARATORS
        and c != "\t"
        and not is_ignorable(c)
    }
