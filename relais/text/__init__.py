"""Text engine for infographics: fonts, measuring, line breaking, fitting, SVG text.

resvg draws our SVGs (it shapes and orders Arabic correctly) but never wraps
lines and silently drops glyphs a font lacks, so this package measures text
with HarfBuzz on the very same font files, breaks lines itself (UAX #14) and
checks glyph coverage before anything is rendered.
"""

from relais.text.bidi import is_rtl, isolate_tokens
from relais.text.errors import TextOverflow, WordTooWide
from relais.text.fit import FitResult, fit_text
from relais.text.fonts import (
    FontFace,
    FontSet,
    default_fonts,
    face_for,
    font_files,
    missing_glyphs,
)
from relais.text.linebreak import break_lines
from relais.text.measure import measure
from relais.text.svgtext import svg_text

__all__ = [
    "FitResult",
    "FontFace",
    "FontSet",
    "TextOverflow",
    "WordTooWide",
    "break_lines",
    "default_fonts",
    "face_for",
    "fit_text",
    "font_files",
    "is_rtl",
    "isolate_tokens",
    "measure",
    "missing_glyphs",
    "svg_text",
]
