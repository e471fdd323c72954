"""Colour arithmetic, the one copy for every output: WCAG 2.2 contrast, brand tints, office-printer greys and
the print shop's CMYK separation.

Contrast follows WCAG's definition (relative luminance of sRGB colours,
``(L1 + 0.05) / (L2 + 0.05)``).  Thresholds: 4.5:1 for text, 3:1 for large text
(>= 24 px, or >= 18.67 px bold: WCAG's 18 pt / 14 pt bold) and for graphical
objects such as icons and the circles that carry them (WCAG 1.4.3, 1.4.11).

An infographic is seldom seen at its pixel size: a 1080 px image fills a phone
screen about 400 to 540 CSS px wide.  Text sizes are therefore judged as seen
at half size (``DISPLAY_SCALE``): a 24 px body text counts as 12 px, normal
text needing 4.5:1; only titles of 48 px bold and more count as large.
"""

from __future__ import annotations

import re

_HEX = re.compile(r"^#([0-9A-Fa-f]{6})$")

NORMAL_TEXT = 4.5
LARGE_TEXT = 3.0
GRAPHICS = 3.0


def rgb(colour: str) -> tuple[int, int, int]:
    """'#000091' -> (0, 0, 145); only the #RRGGBB form the content schema allows."""
    match = _HEX.match(colour)
    if not match:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    value = match.group(1)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def hex_colour(red: float, green: float, blue: float) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02X}" for c in (red, green, blue))


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""
    r, g, b = (_linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio, 1 to 21, whatever the order."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


DISPLAY_SCALE = 0.5


def is_large_text(size_px: float, weight: int) -> bool:
    """WCAG large scale text (18 pt = 24 px, or 14 pt = 18.67 px bold) as seen at DISPLAY_SCALE."""
    seen = size_px * DISPLAY_SCALE
    return seen >= 24 - 1e-6 or (weight >= 700 and seen >= 18.66)


def required_text_contrast(size_px: float, weight: int) -> float:
    return LARGE_TEXT if is_large_text(size_px, weight) else NORMAL_TEXT


def mix(colour: str, other: str, amount: float) -> str:
    """``amount`` of ``colour`` over ``other`` (0 gives ``other``), in sRGB like a designer's tint."""
    a, b = rgb(colour), rgb(other)
    return hex_colour(*(amount * x + (1 - amount) * y for x, y in zip(a, b)))


def grey(colour: str) -> str:
    """The grey an office printer or a greyscale render makes of a colour (Rec. 601 luma, as pdfium does)."""
    r, g, b = rgb(colour)
    y = 0.299 * r + 0.587 * g + 0.114 * b
    return hex_colour(y, y, y)


def grey_contrast(a: str, b: str) -> float:
    """Contrast once both colours are printed in black and white: the lower of luma and luminance greys."""
    return min(contrast(grey(a), grey(b)), contrast(a, b))  # contrast() of colours = that of their luminance greys


# --- print-shop colour -----------------------------------------------------------------------------
# A press PDF paints in DeviceCMYK. Brand colours have no CMYK reference in site.yml, so each is separated
# by one rule: full grey component replacement (K = 1 - max(R, G, B), then C, M, Y of what is left), so
# that black and every grey print on the black plate alone (no registration trouble on small text) and
# white is no ink. It is the naive separation, not a colour-managed one (no press profile is known to us):
# a print shop that proofs against its own profile will match brand colours by eye or by a Pantone.


def cmyk(colour: str) -> tuple[float, float, float, float]:
    """'#000091' -> (1, 1, 0, 0.431): the press separation of a #RRGGBB colour, 0 to 1, 3 decimals."""
    red, green, blue = (channel / 255 for channel in rgb(colour))
    black = 1 - max(red, green, blue)
    if black >= 1:
        return 0.0, 0.0, 0.0, 1.0
    cyan, magenta, yellow = ((1 - channel - black) / (1 - black) for channel in (red, green, blue))
    return tuple(round(value, 3) + 0.0 for value in (cyan, magenta, yellow, black))  # + 0.0: no -0.0


def device_cmyk(colour: str) -> str:
    """The CSS (and SVG, for WeasyPrint) colour of ``colour``'s separation: 'device-cmyk(1 1 0 0.431)'."""
    return "device-cmyk(" + " ".join(f"{value:g}" for value in cmyk(colour)) + ")"
