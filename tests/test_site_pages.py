"""The pages stage with infographics and print documents present: figure, download panel, link-preview card."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from relais.pipeline import read
from relais.project import Project
from relais.render.outputs import MediaFile
from relais.render.web.pages import write_pages


def media_file(page: str, name: str, fmt: str, size: tuple[int, int], kb: int) -> MediaFile:
    return MediaFile(page, name, fmt, *size, f"media/{page}/{name}-{size[0]}x{size[1]}.{fmt}", kb * 1024, f"alt of {name}")


def front_and_body(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def test_guide_page_shows_figure_downloads_and_its_card(kit, tmp_path: Path):
    content, _, _ = read(Project(kit.root))
    media = [media_file("prepare", "prepare-checklist", "png", (1080, 1080), 146),
             media_file("prepare", "prepare-checklist", "svg", (1080, 1080), 40),
             media_file("prepare", "card", "png", (1200, 630), 90),
             media_file("prepare", "card", "jpg", (1200, 630), 60),
             media_file("home", "card", "jpg", (1200, 630), 55)]
    prints = [SimpleNamespace(page_id="prepare", lang="en", fmt="a4", edition="office",
                              path="print/prepare-en-a4.pdf", size_bytes=1_300_000)]
    write_pages(content.in_language("en"), kit.root / "theme/pages", tmp_path, media, prints)

    front, body = front_and_body(tmp_path / "guides/prepare.md")
    assert front["relais"] == {"path": "guides/prepare/", "type": "article", "image": {
        "url": "https://smem.example.org/en/media/prepare/card-1200x630.jpg", "alt": "alt of card",
        "width": 1200, "height": 630, "type": "image/jpeg"}}
    assert "[![alt of prepare\\-checklist](../media/prepare/prepare-checklist-1080x1080.png)" in body
    assert "](#relais-items)</figcaption>" in body  # the caption leads to the text that describes the image
    assert "- [PNG image 1080×1080](../media/prepare/prepare-checklist-1080x1080.png)" in body
    assert "PNG, 146 KB" in body and "SVG, 40 KB" in body and "PDF, 1,270 KB" in body
    assert "1200×630" not in body  # link-preview cards are not offered as downloads

    statement, _ = front_and_body(tmp_path / "accessibilite.md")
    assert statement["relais"]["image"]["url"].endswith("/en/media/home/card-1200x630.jpg")  # the site's card


def test_without_infographics_the_pages_still_build(kit, tmp_path: Path):
    content, _, _ = read(Project(kit.root))
    write_pages(content.in_language("fr"), kit.root / "theme/pages", tmp_path, [], [])
    front, body = front_and_body(tmp_path / "guides/prepare.md")
    assert "image" not in front["relais"] and "<figure" not in body and "Télécharger" not in body


SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1080" viewBox="0 0 1080 1080" role="img" '
       'aria-labelledby="t"><title id="t">Checklist</title>\n\n<text x="10" y="20" font-family="Atkinson Hyperlegible">'
       'Suivez &amp; partagez</text>{extra}</svg>')


@pytest.mark.parametrize(("extra", "inlined"), [("", True), ('<a href="https://evil.example/">x</a>', False),
                                                 ('<g onload="alert(1)"/>', False), ("<script>alert(1)</script>", False),
                                                 ('<rect style="fill:red"/>', False)])
def test_infographic_is_inlined_as_svg_only_when_safe(kit, tmp_path: Path, extra: str, inlined: bool):
    content, _, _ = read(Project(kit.root))
    media = [media_file("prepare", "prepare-checklist", fmt, (1080, 1080), 10) for fmt in ("png", "svg")]
    svgs = {media[1].path: SVG.format(extra=extra)}  # the image task's SVG, in memory
    write_pages(content.in_language("fr"), kit.root / "theme/pages", tmp_path, media, [], svgs)
    _, body = front_and_body(tmp_path / "guides/prepare.md")
    figure = body[body.index("<figure"):body.index("</figure>")]
    assert ('role="img"' in figure and "\n\n" not in figure and "Suivez &amp; partagez" in figure) == inlined
    assert ("prepare-checklist-1080x1080.png" in figure) != inlined  # the PNG stands in for an unsafe SVG
    assert '<a href="#relais-items">' in figure or "](#relais-items)" in figure


def test_any_brand_colour_keeps_text_readable(kit):
    """A pale brand colour gets black header text, and links fall back to the text colour (WCAG 1.4.3).
    (``read``, not ``check``: ``check`` also draws the infographics, where white on this yellow is refused.)"""
    from relais.colour import contrast
    from relais.render.web.assets import brand_css
    assert round(contrast("#000091", "#FFFFFF"), 1) == 14.9 and round(contrast("#E1000F", "#FFFFFF"), 1) == 5.0
    kit.edit("site.yml", 'primary: "#000091"', 'primary: "#FFD700"')
    content, _, _ = read(Project(kit.root))
    css = brand_css(content)
    assert "--relais-on-primary: #000000;" in css and "--relais-link: #161616;" in css
