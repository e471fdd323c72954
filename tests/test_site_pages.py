"""The pages stage with infographics and print documents present: figure, download panel, link-preview card."""

from __future__ import annotations

import re
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
    prints = [SimpleNamespace(page_id="prepare", lang="en", fmt="a4", edition=edition,
                              path=f"print/prepare-en-a4{suffix}.pdf", size_bytes=1_300_000)
              for edition, suffix in (("office", ""), ("press", "-press"))]
    write_pages(content.in_language("en"), kit.root / "theme/pages", tmp_path, media, prints)

    front, body = front_and_body(tmp_path / "guides/prepare.md")
    assert front["relais"] == {"path": "guides/prepare/", "type": "article", "image": {
        "url": "https://smem.example.org/en/media/prepare/card-1200x630.jpg", "alt": "alt of card",
        "width": 1200, "height": 630, "type": "image/jpeg"}}
    assert "[![alt of prepare\\-checklist](../media/prepare/prepare-checklist-1080x1080.png)" in body
    assert "](#relais-items)</figcaption>" in body  # the caption leads to the text that describes the image
    assert ('- 1080×1080 <span class="relais-downloads__files">[<span aria-hidden="true">PNG</span>'
            '<span class="relais-sr-only">PNG image 1080×1080</span>](../media/prepare/prepare-checklist-1080x1080.png) '
            '<span class="relais-downloads__meta" dir="ltr">146 KB</span> · [<span aria-hidden="true">SVG</span>'
            '<span class="relais-sr-only">SVG vector image 1080×1080</span>](../media/prepare/prepare-checklist-1080x1080.svg) '
            '<span class="relais-downloads__meta" dir="ltr">40 KB</span></span>') in body
    assert ('- [A4 leaflet \\(PDF\\)](../print/prepare-en-a4.pdf) '
            '<span class="relais-downloads__meta" dir="ltr">1,270 KB</span>') in body
    assert "- [A4 leaflet \\(PDF\\) – print\\-shop edition, with bleed](../print/prepare-en-a4-press.pdf)" in body
    assert "1200×630" not in body  # link-preview cards are not offered as downloads

    statement, _ = front_and_body(tmp_path / "accessibilite.md")
    assert statement["relais"]["image"]["url"].endswith("/en/media/home/card-1200x630.jpg")  # the site's card


def slides(fmt: str, size: tuple[int, int], holds: list[tuple[str, ...]]) -> list[MediaFile]:
    return [MediaFile("act-responsibly", "act-responsibly-do-dont", fmt, *size,
                      f"media/act-responsibly/act-responsibly-do-dont-{size[0]}x{size[1]}-{k}.{fmt}", 10_240, "alt",
                      k, len(holds), titles) for k, titles in enumerate(holds, 1)]


def download_list(body: str) -> list[str]:
    """The download panel's lines, as a reader sees them (links' screen-reader names and markup left out)."""
    panel = body[body.index('<div class="relais-downloads"'):].split("</div>", 1)[0]
    shown = re.sub(r'<span class="relais-sr-only">.*?</span>|\]\([^)]*\)|<[^>]+>|\[|\\', "", panel)
    return [line.rstrip() for line in shown.splitlines() if line.strip()]


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", ["- 1080×1080 PNG 10 Ko · SVG 10 Ko",
            "- 1080×1350",
            "    - 1/2 – Relayez les sources officielles et Corrigez vos erreurs PNG 10 Ko · SVG 10 Ko",
            "    - 2/2 – Ne relayez pas les rumeurs PNG 10 Ko · SVG 10 Ko"]),
    ("ar", ["- 1080×1080 PNG 10 كيلوبايت · SVG 10 كيلوبايت",
            "- 1080×1350",
            "    - 1/2 – أ وب PNG 10 كيلوبايت · SVG 10 كيلوبايت",
            "    - 2/2 – ج PNG 10 كيلوبايت · SVG 10 كيلوبايت"]),
])
def test_downloads_give_each_size_once_and_say_what_each_slide_holds(kit, tmp_path: Path, lang, expected):
    """One entry a size with its PNG and SVG side by side (not "SVG vector image" once per size), and for a
    carousel one entry a slide, with its number and the titles it holds (the slides' own records)."""
    content, _, _ = read(Project(kit.root))
    holds = ({"fr": [("Relayez les sources officielles", "Corrigez vos erreurs"), ("Ne relayez pas les rumeurs",)],
              "ar": [("أ", "ب"), ("ج",)]})[lang]
    media = [MediaFile("act-responsibly", "act-responsibly-do-dont", fmt, 1080, 1080,
                       f"media/act-responsibly/act-responsibly-do-dont-1080x1080.{fmt}", 10_240, "alt")
             for fmt in ("svg", "png")]  # the SVG first: the list still puts the PNG first
    media += slides("svg", (1080, 1350), holds) + slides("png", (1080, 1350), holds)
    write_pages(content.in_language(lang), kit.root / "theme/pages", tmp_path, media, [])
    _, body = front_and_body(tmp_path / "guides/act-responsibly.md")
    assert download_list(body) == expected
    # Screen readers list links out of context: each link's name says which file it is.
    names = re.findall(r'<span class="relais-sr-only">(.*?)</span>', body)
    assert len(names) == len(set(names)) == 6
    if lang == "ar":  # "×" has no direction: without the isolation Arabic shows "1350×1080"
        assert '- <span dir="ltr">1080×1350</span>\n' in body and 'dir="rtl">10 كيلوبايت</span>' in body
    else:
        assert names[2:4] == ["Image PNG 1080×1350 – 1/2", "Image vectorielle SVG 1080×1350 – 1/2"]


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


@pytest.mark.parametrize(("lang", "when", "not_written"), [("fr", "15 avril 2013, 14:49", "2:49"),
                                                           ("ar", "15 أبريل 2013، 2:49 م", "14:49")])
def test_a_case_study_dates_its_events_as_the_images_and_leaflets_do(kit, tmp_path: Path, lang, when, not_written):
    """One rule for the time of day (relais.clock): the page's timeline says "2:49 م" in Arabic, as the image
    and the handout do, joined to the day as the locale joins them (not "14:49" after a Latin comma)."""
    content, _, _ = read(Project(kit.root))
    write_pages(content.in_language(lang), kit.root / "theme/pages", tmp_path, [], [])
    _, body = front_and_body(tmp_path / "case-studies/boston-2013.md")
    assert f"\n{when}\n" in body and not_written not in body  # a definition list: the date, then ": what"
