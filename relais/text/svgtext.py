"""SVG <text> markup for a fitted text block.

resvg (0.48) ignores the SVG ``direction`` attribute: it always runs the
Unicode bidi algorithm with a left-to-right paragraph level, so an Arabic line
ending in "#SMEM 112" would get the Latin part on the wrong side, and its
text-anchor is always physical ("end" = right edge).  Browsers, on the other
hand, do honour ``direction`` and mirror text-anchor with it.  To get the same
picture everywhere we therefore:
- never write ``direction``; we write a physical text-anchor (start/align
  mirrored for RTL ourselves), and
- wrap each RTL line in RLI ... PDI (U+2067/U+2069), which makes the line an
  RTL paragraph for the bidi algorithm in resvg and in browsers alike;
- place each left-to-right run that the typesetter isolated in an RTL line
  (LRI ... PDI: "#SMEM", "@handle", an address, "20 km") ourselves: resvg
  ignores isolates, so "نهج #SMEM في" would come out "SMEM#".  Such a line
  is cut at its isolates; each piece is measured with the shaping used for
  fitting and drawn as its own <tspan>, right to left from the line's edge.
  An RTL piece is wrapped in RLI RLM ... RLM PDI: RLM (a strong RTL mark) keeps
  the spaces at its ends on the right side, which resvg gets wrong otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

from relais.text.bidi import LRI, PDI, cut, primary_lang
from relais.text.fit import FitResult
from relais.text.measure import measure

Align = Literal["start", "center", "end"]
VAlign = Literal["top", "middle", "bottom"]

RLI, RLM = "\u2067", "\u200f"
_ANCHORS = {"left": ("start", 0.0), "center": ("middle", 0.5), "right": ("end", 1.0)}


def num(value: float) -> str:
    """Compact, deterministic number for SVG attributes (2 decimals max)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def anchor_for(align: Align, rtl: bool) -> tuple[str, float]:
    """(text-anchor, fraction of the box width where lines are anchored).

    ``start``/``end`` are logical: for RTL text ``start`` is the right edge.
    """
    side = {"start": "left", "center": "center", "end": "right"}[align]
    if rtl and side != "center":
        side = "right" if side == "left" else "left"
    return _ANCHORS[side]


def baselines(fit: FitResult, y: float, height: float | None, valign: VAlign) -> list[float]:
    """Baseline y of each line; the block is placed top/middle/bottom in the box."""
    free = 0.0 if height is None else height - fit.height_used
    top = y + free * {"top": 0.0, "middle": 0.5, "bottom": 1.0}[valign]
    first = top + fit.ascent_px
    return [first + i * fit.line_height_px for i in range(len(fit.lines))]


def svg_text(
    fit: FitResult,
    x: float,
    y: float,
    width: float,
    *,
    height: float | None = None,
    align: Align = "start",
    valign: VAlign = "top",
    fill: str = "#000000",
    attrs: Mapping[str, str] | None = None,
) -> str:
    """A <text> element drawing ``fit`` in the box (x, y, width[, height]).

    One <tspan> per line with absolute x/y (resvg does not wrap), XML-escaped.
    ``attrs`` adds attributes to <text> (e.g. an id or a class).
    """
    anchor, fraction = anchor_for(align, fit.rtl)
    line_x = num(x + width * fraction)
    lang = primary_lang(fit.lang)
    head = {
        "font-family": fit.face.family,
        "font-size": num(fit.size),
        "font-weight": str(fit.face.weight),
        "fill": fill,
        "text-anchor": anchor,
        "xml:lang": lang,
        "lang": lang,
        **(attrs or {}),
    }
    spans = []
    for line, baseline in zip(fit.lines, baselines(fit, y, height, valign)):
        if not line:
            continue  # a blank line only takes vertical room
        pieces = isolated_pieces(line) if fit.rtl else [(line, False)]
        if len(pieces) == 1:
            content = escape(f"{RLI}{line}{PDI}" if fit.rtl else line)
            spans.append(f'<tspan x="{line_x}" y="{num(baseline)}">{content}</tspan>')
        else:
            spans.extend(_placed_pieces(fit, pieces, x + width * fraction, fraction, anchor, baseline))
    attributes = "".join(f" {name}={quoteattr(value)}" for name, value in head.items())
    return f"<text{attributes}>{''.join(spans)}</text>"


def isolated_pieces(line: str) -> list[tuple[str, bool]]:
    """An RTL line cut at the left-to-right runs the typesetter isolated: ``(piece, True)`` for an
    isolated run (LRI ... PDI kept), ``(piece, False)`` for the right-to-left text around them."""
    return cut(line, _isolated_spans(line))


def _isolated_spans(line: str):
    at = 0
    while (start := line.find(LRI, at)) != -1:
        end = line.find(PDI, start)
        at = len(line) if end == -1 else end + 1
        yield start, at


def _placed_pieces(fit: FitResult, pieces: list[tuple[str, bool]], anchor_x: float, fraction: float,
                   anchor: str, baseline: float) -> list[str]:
    """One <tspan> per piece, from the line's right edge leftwards (an RTL line reads from the right),
    each as wide as fitting measured it, so the line covers exactly what fitting reserved."""
    widths = [measure(piece, fit.face, fit.size, fit.lang) for piece, _ in pieces]
    right = anchor_x + sum(widths) * (1 - fraction)
    spans = []
    for (piece, ltr), width in zip(pieces, widths):
        content = piece if ltr else f"{RLI}{RLM}{piece}{RLM}{PDI}"
        end = "" if anchor == "end" else ' text-anchor="end"'
        spans.append(f'<tspan x="{num(right)}" y="{num(baseline)}"{end}>{escape(content)}</tspan>')
        right -= width
    return spans
