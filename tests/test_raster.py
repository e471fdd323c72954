"""render_png / render_jpeg: exact size, byte budget, determinism, no external files."""

from __future__ import annotations

import base64
import os
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO

import pytest
from PIL import Image

from relais.render.images.raster import (
    RasterTooLarge,
    UnsafeSvg,
    check_references,
    rasterise,
    render_jpeg,
    render_png,
)

CARD = """<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 1080 1080">
<rect width="1080" height="1080" fill="#fff4d6"/>
<rect x="60" y="60" width="960" height="200" rx="24" fill="#c0392b"/>
<text x="100" y="190" font-family="Atkinson Hyperlegible" font-weight="700" font-size="96" fill="#fff">Alerte crue</text>
<text x="1000" y="500" font-family="Noto Sans Arabic" font-size="64" text-anchor="end">\u2067تابع الحسابات الرسمية\u2069</text>
</svg>"""

GRADIENT = """<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400">
<defs><radialGradient id="g" cx="30%" cy="40%" r="80%"><stop offset="0" stop-color="#ffcc00"/>
<stop offset="0.5" stop-color="#0055aa"/><stop offset="1" stop-color="#aa0033"/></radialGradient></defs>
<rect width="400" height="400" fill="url(#g)"/>
<text x="40" y="100" font-size="60" font-family="Atkinson Hyperlegible" fill="#fff">Alerte</text></svg>"""


def open_png(data: bytes) -> Image.Image:
    image = Image.open(BytesIO(data), formats=["PNG"])
    image.load()
    return image


def test_png_has_exact_size_fits_budget_and_is_reproducible() -> None:
    svg = CARD.format(w=1080, h=1080)
    first, second = render_png(svg, 1080, 1080), render_png(svg, 1080, 1080)
    assert first == second
    assert first.startswith(b"\x89PNG\r\n\x1a\n") and len(first) <= 300_000
    image = open_png(first)
    assert image.size == (1080, 1080)
    assert image.getpixel((1000, 240))[:3] == (0xC0, 0x39, 0x2B)  # the red banner


def test_png_scales_the_viewbox_to_the_requested_size() -> None:
    image = open_png(render_png(CARD.format(w=1080, h=1080), 540, 540))
    assert image.size == (540, 540)
    assert image.getpixel((500, 120))[:3] == (0xC0, 0x39, 0x2B)  # the banner, at half scale
    assert image.getpixel((20, 20))[:3] == (0xFF, 0xF4, 0xD6)


def test_png_size_mismatch_is_an_error() -> None:
    with pytest.raises(ValueError, match="not 1080x500"):
        render_png(CARD.format(w=1080, h=1080), 1080, 500)


def test_png_over_budget_is_quantised_deterministically() -> None:
    full = render_png(GRADIENT, 400, 400)
    assert open_png(full).mode == "RGBA"
    budget = len(full) - 1
    small = render_png(GRADIENT, 400, 400, max_bytes=budget)
    assert small == render_png(GRADIENT, 400, 400, max_bytes=budget)
    assert len(small) <= budget
    image = open_png(small)
    assert image.mode == "P" and image.size == (400, 400)


def test_png_steps_colours_down_instead_of_failing() -> None:
    tight = render_png(GRADIENT, 400, 400, max_bytes=2_000)
    assert len(tight) <= 2_000 and tight == render_png(GRADIENT, 400, 400, max_bytes=2_000)
    image = open_png(tight)
    assert image.mode == "P" and image.size == (400, 400) and len(image.getcolors()) < 256


def noise_svg(width: int, height: int) -> str:
    noise = BytesIO()
    Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)).save(noise, format="PNG")
    uri = "data:image/png;base64," + base64.b64encode(noise.getvalue()).decode()
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
            f'<image href="{uri}" width="{width}" height="{height}"/></svg>')


def test_png_of_noise_fits_one_bit_a_pixel() -> None:
    """The worst case: two colours always fit width * height / 8 bytes plus headers, so the default
    budget (300 KB) holds even a 1080x1920 image (259 KB a bit a pixel) and no content can fail."""
    svg = noise_svg(200, 200)
    data = render_png(svg, 200, 200, max_bytes=200 * 200 // 8 + 2_000)
    assert open_png(data).size == (200, 200)
    with pytest.raises(RasterTooLarge):
        render_png(svg, 200, 200, max_bytes=1_000)


def test_jpeg_fits_budget_and_steps_quality_down() -> None:
    svg = CARD.format(w=1080, h=1080)
    data = render_jpeg(svg, 1080, 1080)
    assert data == render_jpeg(svg, 1080, 1080)
    assert data.startswith(b"\xff\xd8") and len(data) <= 300_000
    image = Image.open(BytesIO(data), formats=["JPEG"])
    assert image.size == (1080, 1080) and image.mode == "RGB"
    tight = render_jpeg(svg, 1080, 1080, max_bytes=len(data) - 1)
    assert len(tight) < len(data)
    with pytest.raises(RasterTooLarge):
        render_jpeg(GRADIENT, 400, 400, max_bytes=500)


@pytest.mark.parametrize(
    "reference",
    [
        '<image href="/etc/passwd" width="10" height="10"/>',
        '<image xlink:href="file:///etc/passwd" width="10" height="10"/>',
        "<image href='logo.png' width='10' height='10'/>",
        '<image href="https://example.org/x.png" width="10" height="10"/>',
        '<image href="&#102;ile:///etc/passwd" width="10" height="10"/>',
        '<image href="data:image/svg+xml;base64,PHN2Zy8+" width="10" height="10"/>',
        '<rect width="10" height="10" fill="url(file:///etc/passwd)"/>',
        '<rect width="10" height="10" style="fill: url(\'/x.svg#g\')"/>',
        "<style>@import url(x.css);</style>",
    ],
)
def test_external_references_are_refused(reference: str) -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="10" height="10">{reference}</svg>'
    )
    with pytest.raises(UnsafeSvg):
        render_png(svg, 10, 10)


def test_external_entities_are_refused() -> None:
    svg = (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&x;</text></svg>'
    )
    with pytest.raises(UnsafeSvg):
        check_references(svg)


def test_embedded_images_and_internal_references_are_allowed() -> None:
    pixel = BytesIO()
    Image.new("RGB", (4, 4), (0, 128, 255)).save(pixel, format="PNG")
    uri = "data:image/png;base64," + base64.b64encode(pixel.getvalue()).decode()
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20">'
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/></linearGradient></defs>'
        f'<image xlink:href="{uri}" width="20" height="20" image-rendering="optimizeSpeed"/>'
        '<rect x="20" width="20" height="20" fill="url(#g)"/></svg>'
    )
    image = open_png(render_png(svg, 40, 20))
    assert image.getpixel((10, 10))[:3] == (0, 128, 255)
    assert image.getpixel((30, 10))[:3] == (255, 0, 0)


def ink_box(svg: str) -> tuple[int, int, int, int] | None:
    return rasterise(svg, 400, 100).getchannel("A").getbbox()


@pytest.mark.parametrize("family", ['font-family="sans-serif"', 'style="font-family: Nope, sans-serif"', ""])
def test_generic_sans_serif_and_no_family_draw_the_latin_face(family: str) -> None:
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100">'
           f'<text x="10" y="60" font-size="40" {family}>Alerte</text></svg>')
    named = svg.replace(family, 'font-family="Atkinson Hyperlegible"') if family else svg
    assert ink_box(svg) is not None and ink_box(svg) == ink_box(named)


def test_system_fonts_are_never_used() -> None:
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100">'
           '<text x="10" y="60" font-size="40" font-family="DejaVu Sans">Alerte</text></svg>')
    assert ink_box(svg) is None  # Debian's DejaVu Sans is installed here, and ignored


def test_invalid_svg_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="invalid SVG"):
        render_png("<svg", 10, 10)


def test_renders_from_another_thread() -> None:
    """The binding's objects belong to the thread that made them: each thread gets its own."""
    svg = CARD.format(w=1080, h=1080)
    here = render_png(svg, 540, 540)
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(render_png, svg, 540, 540).result() == here
