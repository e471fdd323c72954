"""SVG -> PNG/JPEG for infographics, with resvg and only Relais' own fonts.

resvg shapes and orders Arabic correctly (CairoSVG does not).  It runs with a
font database holding only Relais' font files (never system fonts) and no
resources directory: every image in the SVG must be embedded as a raster
``data:`` URI, and every other reference must point inside the document
(``#id``).  That keeps renders identical on every machine and stops an SVG from
reading local files (``href="/etc/passwd"``, ``file://``): with no resources
directory resvg would still open absolute and working-directory paths, hence
``check_references``.

Each PNG is encoded once, by resvg (``resvg.render`` returns PNG bytes, RGBA,
the same bytes on every run).  Only a PNG over its byte budget is decoded and
re-encoded by Pillow as a palette PNG, with fewer colours until it fits; at two
colours (one bit a pixel) even a 1080x1920 image of noise is under the default
budget, so infographic content cannot make a PNG fail.  Quantising uses no
dithering, so these outputs are deterministic too.
"""

from __future__ import annotations

import html
import re
import threading
from io import BytesIO

from PIL import Image
from resvg import render, usvg

from relais.text.fonts import default_fonts

DEFAULT_MAX_BYTES = 300_000
JPEG_QUALITIES = tuple(range(90, 29, -5))  # tried in this order
PALETTE_COLOURS = (256, 128, 64, 32, 16, 8, 4, 2)  # tried in this order when over budget

_REFERENCE_ATTR = re.compile(r"""(?<![\w-])(?:[\w.-]+:)?href\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\)""", re.I)
_RASTER_DATA = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.I)
_FORBIDDEN = re.compile(r"<!ENTITY[^>]*\b(?:SYSTEM|PUBLIC)\b|@import", re.I)
# A font-family attribute or CSS property, up to the end of its tag or declaration.
_FONT_FAMILY = re.compile(r"font-family[^;}<>]*", re.I)
_SANS_SERIF = re.compile(r"(?<![\w-])sans-serif(?![\w-])", re.I)


class UnsafeSvg(ValueError):
    """The SVG refers to something outside itself."""


class RasterTooLarge(ValueError):
    """Even the most compact encoding is over the byte budget (for a PNG: only with a
    budget below one bit a pixel, never with the default one)."""


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


_local = threading.local()


def _options() -> usvg.Options:
    """resvg options with Relais' fonts only, made once per thread: the binding's objects
    may only be used by the thread that created them."""
    if not hasattr(_local, "options"):
        options = usvg.Options.default()  # empty font database, no resources_dir
        for path in default_fonts().font_files():
            options.load_font_file(path)
        options.font_family = default_fonts().default_chain[0]  # for text without font-family
        _local.options = options
    return _local.options


def _parse(svg: str) -> usvg.Tree:
    check_references(svg)
    # This binding cannot set the generic families, and resvg's 'sans-serif' is Arial (absent:
    # the text would vanish): name our Latin face instead, as resvg-py's sans_serif_family did.
    latin = default_fonts().default_chain[0]
    svg = _FONT_FAMILY.sub(lambda m: _SANS_SERIF.sub(latin, m.group(0)), svg)
    try:
        return usvg.Tree.from_str(svg, _options())
    except BaseException as error:  # the binding panics on an invalid SVG: a BaseException
        if type(error).__name__ != "PanicException":
            raise
        raise ValueError(f"invalid SVG: {error}") from None


def _render(svg: str, width: int, height: int) -> bytes:
    """resvg's PNG of ``svg`` at exactly width x height px (RGBA, transparent where unpainted)."""
    tree = _parse(svg)
    svg_width, svg_height = tree.int_size()
    scaled_height = round(svg_height * width / svg_width)
    if scaled_height != height:
        raise ValueError(f"SVG renders at {width}x{scaled_height}, not {width}x{height}")
    # The binding takes an affine (a, b, c, d, e, f): x' = a*x + b*y + c, y' = d*x + e*y + f.
    return render(tree, (width / svg_width, 0, 0, 0, height / svg_height, 0), bg_size=(width, height))


def _decode(png: bytes) -> Image.Image:
    image = Image.open(BytesIO(png), formats=["PNG"])
    image.load()
    return image.convert("RGBA")


def rasterise(svg: str, width: int, height: int) -> Image.Image:
    """Draw ``svg`` at exactly width x height px (RGBA, transparent where unpainted)."""
    return _decode(_render(svg, width, height))


def quantise(image: Image.Image, colours: int = 256) -> Image.Image:
    """A palette of ``colours``, no dithering (deterministic; flat infographic colours)."""
    if image.getchannel("A").getextrema() == (255, 255):
        rgb = image.convert("RGB")
        return rgb.quantize(colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    return image.quantize(colours, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)


def render_png(svg: str, width: int, height: int, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """PNG bytes of ``svg``: resvg's own full-colour PNG if under ``max_bytes``, else a palette
    PNG of 256, 128, ... 2 colours, the first under ``max_bytes``."""
    data = _render(svg, width, height)
    if len(data) <= max_bytes:
        return data
    image = _decode(data)
    for colours in PALETTE_COLOURS:
        # After the first, each step re-quantises the previous palette (<= 256 colours): quick even for noise.
        image = quantise(image.convert("RGBA"), colours)
        out = BytesIO()
        image.save(out, format="PNG", optimize=True)  # Pillow packs <= 16 colours in fewer bits a pixel
        if out.tell() <= max_bytes:
            return out.getvalue()
    raise RasterTooLarge(f"PNG is {out.tell()} bytes even with {colours} colours (budget {max_bytes})")


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
