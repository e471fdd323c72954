"""Measuring text with HarfBuzz, on the very font files resvg draws with.

Widths are computed once in font units (shaping is size-independent when there
is no hinting, as in resvg) and scaled per size, so trying many sizes while
fitting costs one shaping per distinct string.

Text is split into script runs (Arabic vs the rest) and each run is shaped with
its own direction, script and language, like resvg does per bidi run: Arabic
must be shaped RTL to get its joining forms and lam-alef ligatures.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import uharfbuzz as hb

from relais.text.bidi import primary_lang
from relais.text.fonts import FontFace

_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF),
                  (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))  # fmt: skip


@dataclass(frozen=True)
class Ink:
    """Ink bounding box in px, relative to the pen origin on the baseline (y up)."""

    left: float
    right: float
    top: float
    bottom: float


@lru_cache(maxsize=None)
def hb_font(face: FontFace) -> hb.Font:
    """HarfBuzz font at upem scale; variable faces get wght = face.weight."""
    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(face.path))))
    if face.variable:
        font.set_variations({"wght": float(face.weight)})
    return font


def upem(face: FontFace) -> int:
    return hb_font(face).face.upem


def _is_arabic(char: str) -> bool:
    cp = ord(char)
    return any(lo <= cp <= hi for lo, hi in _ARABIC_RANGES)


def _kind(char: str) -> str | None:
    if _is_arabic(char):
        return "Arab"
    return "other" if unicodedata.category(char).startswith("L") else None


def script_runs(text: str) -> list[tuple[str, str | None]]:
    """Split into (run, script) with script 'Arab', 'other' or None (only neutrals).

    Neutral characters (spaces, digits, punctuation) join the current run, so
    "#SMEM 112" after Arabic ends up in one Latin run as in the bidi algorithm.
    """
    runs: list[tuple[str, str | None]] = []
    current, script = "", None
    for char in text:
        kind = _kind(char)
        if kind is not None and script is not None and kind != script:
            runs.append((current, script))
            current = ""
        if kind is not None:
            script = kind
        current += char
    if current:
        runs.append((current, script))
    return runs


@lru_cache(maxsize=65536)
def shape(text: str, face: FontFace, lang: str) -> tuple[tuple[int, int, int, int], ...]:
    """Glyphs of ``text`` as (glyph id, x advance, x offset, y offset) in font units.

    Runs come in logical order; within an RTL run HarfBuzz returns visual order.
    """
    glyphs: list[tuple[int, int, int, int]] = []
    for run, script in script_runs(text):
        buf = hb.Buffer()
        buf.add_str(run)
        buf.language = primary_lang(lang)
        run_script = script if script == "Arab" else None if script else face.script
        if run_script:
            buf.script = run_script
        buf.guess_segment_properties()
        buf.direction = "rtl" if buf.script == "Arab" else "ltr"
        hb.shape(hb_font(face), buf, {})
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
            glyphs.append((info.codepoint, pos.x_advance, pos.x_offset, pos.y_offset))
    return tuple(glyphs)


@lru_cache(maxsize=65536)
def advance_units(text: str, face: FontFace, lang: str) -> int:
    """Total advance width in font units."""
    return sum(g[1] for g in shape(text, face, lang))


def measure(text: str, face: FontFace, size_px: float, lang: str) -> float:
    """Advance width of ``text`` in px at ``size_px`` (what resvg will advance)."""
    return advance_units(text, face, lang) * size_px / upem(face)


def ink(text: str, face: FontFace, size_px: float, lang: str) -> Ink | None:
    """Ink box of the drawn glyphs (None if nothing is drawn).

    Exact for single-direction text; for mixed Arabic/Latin lines the
    horizontal ends may be off by a side bearing (runs are laid out in logical
    order here), the vertical extent is always exact.
    """
    font, scale = hb_font(face), size_px / upem(face)
    pen, boxes = 0, []
    for gid, advance, dx, dy in shape(text, face, lang):
        ext = font.get_glyph_extents(gid)
        if ext is not None and ext.width and ext.height:
            x0, top = pen + dx + ext.x_bearing, dy + ext.y_bearing
            x1, bottom = x0 + ext.width, top + ext.height
            boxes.append((min(x0, x1), max(x0, x1), max(top, bottom), min(top, bottom)))
        pen += advance
    if not boxes:
        return None
    return Ink(
        left=min(b[0] for b in boxes) * scale,
        right=max(b[1] for b in boxes) * scale,
        top=max(b[2] for b in boxes) * scale,
        bottom=min(b[3] for b in boxes) * scale,
    )
