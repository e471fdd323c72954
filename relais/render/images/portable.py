"""Portable SVG: the published SVG carries the fonts it uses, so it looks the same anywhere.

A designer opens the SVG in a browser, Inkscape or a design tool that has none of Relais' fonts: without
them its lines overflow or wrap differently (every line was measured with those fonts). So each published
SVG embeds, in ``@font-face`` rules, the subset of each face it draws (only its characters, every glyph
the shaping reaches from them: Arabic joining forms and ligatures too), as WOFF2 (HarfBuzz's subsetter,
fontTools and Brotli for the WOFF2). A variable face is pinned at the weight drawn, so each subset is a
plain static font any tool reads. Text stays real text.

The PNG is drawn from the plain SVG (resvg has the font files themselves), and the web page inlines the
plain SVG too (the page has its own fonts, and its security policy forbids inline style); only the file
that people download carries the fonts.
"""

from __future__ import annotations

import base64
import io
import xml.etree.ElementTree as ET
from collections import defaultdict
from functools import lru_cache

import uharfbuzz as hb
from fontTools.ttLib import woff2

from relais.text.fonts import FontFace, default_fonts

SVG_NS = "{http://www.w3.org/2000/svg}"


def faces_and_text(svg: str) -> dict[FontFace, str]:
    """Each face the SVG's texts are drawn in, with every character drawn in it."""
    fonts = default_fonts()
    chars: dict[FontFace, set[str]] = defaultdict(set)
    for text in ET.fromstring(svg).iter(f"{SVG_NS}text"):
        family = fonts.families[text.get("font-family")]
        chars[family.face(int(text.get("font-weight", "400")))].update("".join(text.itertext()))
    return {face: "".join(sorted(found)) for face, found in sorted(chars.items(), key=lambda kv: (kv[0].family, kv[0].weight))}


@lru_cache(maxsize=8)
def _hb_face(face: FontFace) -> hb.Face:
    return hb.Face(hb.Blob.from_file_path(str(face.path)))


@lru_cache(maxsize=256)
def woff2_subset(face: FontFace, text: str) -> bytes:
    """WOFF2 bytes of ``face`` cut down to ``text`` and every glyph its shaping reaches (all layout features
    kept), a variable face pinned at its weight (other axes at their default), hinting dropped. HarfBuzz's
    subsetter does the cut and the instancing in one step, in milliseconds; fontTools writes the WOFF2."""
    source = _hb_face(face)
    wanted = hb.SubsetInput()
    wanted.unicode_set.update(ord(char) for char in text)
    wanted.layout_feature_tag_set.clear()
    wanted.layout_feature_tag_set.invert()  # every feature (the complement of none): joining, ligatures, marks
    wanted.flags = hb.SubsetFlags.NO_HINTING
    if face.variable:
        wanted.pin_all_axes_to_default(source)
        wanted.pin_axis_location(source, "wght", face.weight)
    out = io.BytesIO()
    # No glyf transform: three times quicker to write, about 10 % larger, read by every WOFF2 decoder.
    woff2.compress(io.BytesIO(hb.subset(source, wanted).blob.data), out, transform_tables=set())
    return out.getvalue()


def font_faces_css(svg: str) -> str:
    """The ``@font-face`` rules of every face the SVG draws, each its WOFF2 subset as a data: URI."""
    rules = []
    for face, text in faces_and_text(svg).items():
        data = base64.b64encode(woff2_subset(face, text)).decode("ascii")
        rules.append(f'@font-face{{font-family:"{face.family}";font-weight:{face.weight};font-style:normal;'
                     f'src:url(data:font/woff2;base64,{data}) format("woff2")}}')
    return "".join(rules)


def portable_svg(svg: str) -> str:
    """``svg`` with the fonts it draws embedded (a <style> right after its <desc>)."""
    css = font_faces_css(svg)
    if not css:
        return svg
    end = svg.index("</desc>") + len("</desc>")
    return f"{svg[:end]}\n<style>{css}</style>{svg[end:]}"
