"""Published SVGs carry their fonts: opened in a browser without Relais' fonts installed, every line is as wide
as the line the PNG was drawn from (both measured with the same font files); the page inlines the plain SVG.

The Arabic fixture kit (tests/fixtures/infographics/), rendered once per run by test_infographics' ``arabic``.
"""

from __future__ import annotations

import base64
import io
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import uharfbuzz as hb
from fontTools.ttLib import TTFont

from relais.render.images.raster import render_png
from relais.text.coverage import is_ignorable
from relais.text.fonts import default_fonts
from relais.text.measure import measure, script_runs
from test_infographics import SVG_NS, arabic, png  # noqa: F401 (fixture)

CHROMIUM = Path("/usr/bin/chromium")
_FACE = re.compile(r'@font-face\{font-family:"([^"]+)";font-weight:(\d+);[^}]*base64,([A-Za-z0-9+/=]+)\)')


def svgs(out: Path, lang: str) -> list[Path]:
    return sorted((out / lang / "media/shelter").glob("shelter-*.svg"))


def embedded(svg: str) -> dict[tuple[str, int], TTFont]:
    return {(family, int(weight)): TTFont(io.BytesIO(base64.b64decode(data)))
            for family, weight, data in _FACE.findall(svg)}


def lines(svg: str) -> list[tuple[str, int, float, str]]:
    """(family, weight, size, text) of every drawn line or piece (one <tspan> each)."""
    return [(text.get("font-family"), int(text.get("font-weight")), float(text.get("font-size")), span.text)
            for text in ET.fromstring(svg).iter(f"{SVG_NS}text") for span in text]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_size_is_published_as_svg_with_the_fonts_it_draws(arabic, lang: str) -> None:
    out, _, _ = arabic
    files = svgs(out, lang)
    assert {f.name.rsplit("-", 1)[-1] for f in files if "slide" not in f.name} >= {
        "1080x1080.svg", "1080x1920.svg", "1200x630.svg", "1200x675.svg"}
    for path in files:
        svg = path.read_text(encoding="utf-8")
        fonts = embedded(svg)
        drawn = lines(svg)
        assert drawn and {(family, weight) for family, weight, _, _ in drawn} == set(fonts), path.name
        for (family, weight), font in fonts.items():
            assert font.flavor == "woff2" and "fvar" not in font  # a static subset
            chars = {c for f, w, _, text in drawn if (f, w) == (family, weight) for c in text if not is_ignorable(c)}
            cmap = font.getBestCmap()
            assert chars and all(ord(c) in cmap for c in chars), (path.name, family, weight)
            assert len(cmap) < 200  # a subset, not the whole font
        # Shaped with the embedded subsets, every line is as wide as with the font files (joining forms kept).
        faces = default_fonts().families
        for family, weight, size, text in drawn:
            assert abs(advance(fonts[(family, weight)], text, size, lang)
                       - measure(text, faces[family].face(weight), size, lang)) < 0.5, (path.name, text)
        assert len(svg.encode()) < 80_000, path.name
        # The PNG is drawn from the same SVG without its fonts (resvg has the files).
        image = png(path.with_suffix(".png"))
        plain = re.sub(r"\n<style>.*?</style>", "", svg, flags=re.S)
        assert "@font-face" not in plain and image.size == tuple(int(v) for v in path.stem.rsplit("-", 1)[-1].split("x"))
        if path.stem.endswith("1080x1080"):
            assert png_bytes_equal(render_png(plain, 1080, 1080), path.with_suffix(".png"))


def advance(font: TTFont, text: str, size: float, lang: str) -> float:
    """Width of ``text`` shaped by HarfBuzz with ``font`` (an embedded subset), the way ``measure`` shapes."""
    font.flavor = None
    data = io.BytesIO()
    font.save(data)
    hb_font = hb.Font(hb.Face(hb.Blob(data.getvalue())))
    total = 0
    for run, script in script_runs(text):
        buf = hb.Buffer()
        buf.add_str(run)
        buf.guess_segment_properties()
        buf.direction = "rtl" if script == "Arab" else "ltr"
        hb.shape(hb_font, buf, {})
        total += sum(p.x_advance for p in buf.glyph_positions)
    return total * size / hb_font.face.upem


def png_bytes_equal(data: bytes, path: Path) -> bool:
    return data == path.read_bytes()


def browser_widths(svg_path: Path) -> list[float]:
    """Headless Chromium's width of every <tspan>, once the SVG's fonts are loaded. In a thread of its own:
    the browser tests' session keeps a Playwright loop on this worker's main thread, and Playwright's sync
    API refuses to start a second one there."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_browser_widths, svg_path).result()


def _browser_widths(svg_path: Path) -> list[float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(svg_path.as_uri())
            page.evaluate("document.fonts.ready")
            return page.evaluate("[...document.querySelectorAll('tspan')].map(t => t.getComputedTextLength())")
        finally:
            browser.close()


def no_system_font(family: str) -> bool:
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    return family not in listed


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium")
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_browser_without_the_fonts_lays_out_the_svg_as_the_png(arabic, lang: str, tmp_path: Path) -> None:
    out, _, _ = arabic
    path = out / lang / "media/shelter/shelter-checklist-1080x1080.svg"
    svg = path.read_text(encoding="utf-8")
    drawn = lines(svg)
    assert all(no_system_font(family) for family, _, _, _ in drawn)  # only the embedded fonts can serve
    faces = default_fonts().families
    ours = [measure(text, faces[family].face(weight), size, lang) for family, weight, size, text in drawn]
    widths = browser_widths(path)
    assert len(widths) == len(ours)
    for (_, _, _, text), mine, theirs in zip(drawn, ours, widths):
        assert abs(mine - theirs) <= max(1.0, 0.005 * mine), (text, mine, theirs)
    # Without its fonts the browser falls back to another face: the same check fails.
    bare = tmp_path / "bare.svg"
    bare.write_text(re.sub(r"\n<style>.*?</style>", "", svg, flags=re.S), encoding="utf-8")
    assert max(abs(a - b) / a for a, b in zip(ours, browser_widths(bare)) if a > 50) > 0.03
