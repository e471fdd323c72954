"""SVG -> PNG/JPEG for infographics, with resvg and only Relais' own fonts.

resvg shapes and orders Arabic correctly (CairoSVG does not).  It is run with
system fonts skipped and no resources directory: every image in the SVG must be
embedded as a raster ``data:`` URI, and every other reference must point inside
the document (``#id``).  That keeps renders identical on every machine and
stops an SVG from reading local files (``href="/etc/passwd"``, ``file://``).

Outputs are byte-identical from run to run: resvg is deterministic, and the
re-encoding through Pillow uses fixed, non-dithering settings.
"""

from __future__ import annotations

import html
import re
from io import BytesIO

import resvg_py
from PIL import Image

from relais.text.fonts import default_fonts

DEFAULT_MAX_BYTES = 300_000
JPEG_QUALITIES = tuple(range(90, 29, -5))  # tried in this order

_REFERENCE_ATTR = re.compile(r"""(?<![\w-])(?:[\w.-]+:)?href\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\)""", re.I)
_RASTER_DATA = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.I)
_FORBIDDEN = re.compile(r"<!ENTITY[^>]*\b(?:SYSTEM|PUBLIC)\b|@import", re.I)


class UnsafeSvg(ValueError):
    """The SVG refers to something outside itself."""


class RasterTooLarge(ValueError):
    """Even the most compact encoding is over the byte budget."""


def _check_target(target: str) -> None:
    target = html.unescape(target).strip()
    if target.startswith("#") or _RASTER_DATA.match(target):
        return
    raise UnsafeSvg(
        f"refusing external reference {target[:60]!r}: embed images as "
        "data:image/png|jpeg|gif|webp URIs and use only #id references"
    )


def check_references(svg: str) -> None:
    """Raise UnsafeSvg unless every href/url() is '#...' or an embedded raster image."""
    if match := _FORBIDDEN.search(svg):
        raise UnsafeSvg(f"refusing {match.group(0)[:40]!r} (external entity or CSS import)")
    for match in _REFERENCE_ATTR.finditer(svg):
        _check_target(match.group(1) if match.group(1) is not None else match.group(2))
    for match in _CSS_URL.finditer(html.unescape(svg)):
        _check_target(next(g for g in match.groups() if g is not None))


def rasterise(svg: str, width: int, height: int) -> Image.Image:
    """Draw ``svg`` at exactly width x height px (RGBA, transparent where unpainted)."""
    check_references(svg)
    fonts = default_fonts()
    latin = fonts.default_chain[0]
    png = resvg_py.svg_to_bytes(
        svg_string=svg,
        width=width,
        height=height,
        background=None,
        skip_system_fonts=True,
        font_files=fonts.font_files(),
        font_family=latin,
        sans_serif_family=latin,
        resources_dir=None,
    )
    image = Image.open(BytesIO(png), formats=["PNG"])
    image.load()
    if image.size != (width, height):
        raise ValueError(f"SVG renders at {image.size[0]}x{image.size[1]}, not {width}x{height}")
    return image.convert("RGBA")


def _png(image: Image.Image) -> bytes:
    out = BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def quantise(image: Image.Image) -> Image.Image:
    """256-colour palette, no dithering (deterministic; flat infographic colours)."""
    if image.getchannel("A").getextrema() == (255, 255):
        rgb = image.convert("RGB")
        return rgb.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    return image.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)


def render_png(svg: str, width: int, height: int, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """PNG bytes of ``svg``: full colour if under ``max_bytes``, else a 256-colour palette.

    Raises RasterTooLarge if even the palette PNG is over budget.
    """
    image = rasterise(svg, width, height)
    data = _png(image)
    if len(data) <= max_bytes:
        return data
    data = _png(quantise(image))
    if len(data) > max_bytes:
        raise RasterTooLarge(f"PNG is {len(data)} bytes even with 256 colours (budget {max_bytes})")
    return data


def render_jpeg(
    svg: str,
    width: int,
    height: int,
    max_bytes: int = DEFAULT_MAX_BYTES,
    background: str = "#ffffff",
) -> bytes:
    """JPEG bytes of ``svg`` on ``background``; quality steps down 90, 85, ... 30
    until under ``max_bytes`` (4:4:4 chroma so coloured text stays sharp)."""
    image = rasterise(svg, width, height)
    flat = Image.new("RGB", image.size, background)
    flat.paste(image, mask=image.getchannel("A"))
    for quality in JPEG_QUALITIES:
        out = BytesIO()
        flat.save(out, format="JPEG", quality=quality, optimize=True, subsampling=0)
        if out.tell() <= max_bytes:
            return out.getvalue()
    raise RasterTooLarge(f"JPEG is {out.tell()} bytes at quality {quality} (budget {max_bytes})")
