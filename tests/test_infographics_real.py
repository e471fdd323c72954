"""Infographics of the default kit (frozen in tests/fixtures/kit/), in French and English: every size, weight,
accessibility, determinism.

They are the images of the run's shared build (``built_site``): drawn once per run, here read back from the
run's cache (keyed on a hash of every input), as a rebuild does.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from conftest import KIT
from relais.engine.fingerprint import code_digest
from relais.pipeline import read
from relais.render.images import raster
from relais.render.images.formats import FORMATS
from relais.render.images.infographics import Shared, image_tasks
from relais.render.images.paint import Palette, ContrastLog
from relais.render.images.raster import check_references
from relais.render.images.scene import draw, environment
from test_infographics import SVG_NS, XML_LANG, make_project, render_images

LANGS = ("fr", "en")
SIZES = [(f.width, f.height) for f in FORMATS]


@pytest.fixture(scope="module")
def real(tmp_path_factory, built_site):
    """The French and English images of a copy of the default kit; the shared build made them already."""
    root = tmp_path_factory.mktemp("real")
    project = make_project(root / "kit", KIT)
    content, _, _ = read(project)
    media = {lang: render_images(project, lang, root / "out" / lang) for lang in LANGS}
    return content, project, media, root / "out"


def pages(content):
    yield "home", []
    for guide in content.guides:
        yield guide.id, guide.infographics
    for study in content.case_studies:
        yield study.id, study.infographics
    for page in content.pages:
        yield page.id, []


@pytest.mark.parametrize("lang", LANGS)
def test_every_infographic_in_every_size_and_every_card(real, lang: str) -> None:
    content, _, media, out = real
    written = {m.path: m for m in media[lang]}
    expected = set()
    for page_id, infographics in pages(content):
        expected |= {f"media/{page_id}/card-1200x630.png", f"media/{page_id}/card-1200x630.jpg"}
        for infographic in infographics:
            for w, h in SIZES:
                slides = {m.slides for m in media[lang] if m.infographic_id == infographic.id and m.width == w
                          and m.height == h}
                assert len(slides) == 1, (infographic.id, w, h)
                count = slides.pop()
                stems = [f"{infographic.id}-{w}x{h}"] if not count else [f"{infographic.id}-{w}x{h}-{k}"
                                                                         for k in range(1, count + 1)]
                expected |= {f"media/{page_id}/{stem}.{ext}" for stem in stems for ext in ("png", "svg")}
    assert set(written) == expected
    assert len([m for m in media[lang] if m.fmt == "png" and m.infographic_id != "card"]) >= 6 * 5
    for path, record in written.items():
        data = (out / lang / path).read_bytes()
        assert record.size_bytes == len(data)
        if record.fmt == "svg":
            continue
        assert len(data) < 300_000, f"{path}: {len(data)} bytes"
        image = Image.open(out / lang / path, formats=["PNG" if record.fmt == "png" else "JPEG"])
        assert image.size == (record.width, record.height)
        assert re.search(rf"-{record.width}x{record.height}(-\d+)?\.{record.fmt}$", path), path  # -k: a slide
        assert record.alt.strip()


@pytest.mark.parametrize("lang", LANGS)
def test_svg_is_accessible_and_self_contained(real, lang: str) -> None:
    content, _, media, out = real
    local = content.in_language(lang)
    titles = {g.id: g.title for g in local.guides} | {c.id: c.title for c in local.case_studies}
    for record in (m for m in media[lang] if m.fmt == "svg"):
        text = (out / lang / record.path).read_text(encoding="utf-8")
        style = re.search(r"<style>(.*?)</style>", text, flags=re.S)
        assert style and re.fullmatch(r'(@font-face\{[^}]*src:url\(data:font/woff2;base64,[A-Za-z0-9+/=]+\) '
                                      r'format\("woff2"\)\})+', style.group(1))  # its fonts, nothing else
        check_references(text.replace(style.group(0), ""))
        assert "href" not in text and "<image" not in text and "<script" not in text
        root = ET.fromstring(text)
        assert root.get("role") == "img" and root.get("lang") == lang and root.get(XML_LANG) == lang
        title, desc = root.find(f"{SVG_NS}title"), root.find(f"{SVG_NS}desc")
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert title.text == titles[record.page_id] and desc.text == record.alt
        texts = list(root.iter(f"{SVG_NS}text"))
        assert len(texts) >= 5  # real text (RGAA 1.8), never outlines (a cover or a slide holds fewer lines)
        drawn = " ".join("".join(t.itertext()) for t in texts)
        assert "#SMEM" in drawn and f"smem.example.org/{lang}/" in drawn  # trust line
        assert str(local.site.publisher.name) in drawn


def story_svgs(real, lang: str):
    """The SVG of every story (1080x1920) image or slide, drawn from its task's spec as the task draws it,
    with the name of its PNG."""
    content, project, _, _ = real
    env = environment(project.infographics_dir)
    for task, job in image_tasks(content, lang, Shared.read(content, project.infographics_dir), code_digest()):
        if job.fmt.name == "1080x1920":
            spec = task.spec
            assert spec.palette == Palette.from_brand(content.site.brand) and spec.logo is not None
            drawn, problems = draw(job, spec.local, env, spec.palette, spec.logo, ContrastLog(), spec.hashtags)
            assert not problems.items and drawn
            for number, image in enumerate(drawn, 1):  # a story too long for one image is a carousel
                suffix = f"-{number}" if len(drawn) > 1 else ""
                yield job, image.svg, f"{job.image_id}-1080x1920{suffix}.png"


@pytest.mark.parametrize("lang", LANGS)
def test_stories_keep_text_out_of_the_app_chrome(real, lang: str) -> None:
    _, _, _, out = real
    palette = Palette.from_brand(real[0].site.brand)
    for job, svg, name in story_svgs(real, lang):
        for text in ET.fromstring(svg).iter(f"{SVG_NS}text"):
            size = float(text.get("font-size"))
            for span in text:
                baseline = float(span.get("y"))
                assert 250 <= baseline - size and baseline + 0.4 * size <= 1670, (job.label, span.text)
        image = Image.open(out / lang / "media" / job.subject.page_id / name).convert("RGB")
        top = {"#%02X%02X%02X" % c: n for n, c in image.crop((0, 10, 1080, 250)).getcolors(1 << 16)}
        bottom = {"#%02X%02X%02X" % c for _, c in image.crop((0, 1670, 1080, 1920)).getcolors(1 << 16)}
        # Under the chrome: a calm tint, and at the top the page's icon in a brand circle (no text).
        assert top.get(palette.tint, 0) > 0.8 * 1080 * 240 and bottom == {palette.tint}, (job.label, bottom)
        assert top.get(palette.primary, 0) > 0.05 * 1080 * 240, job.label


def test_renders_are_byte_identical_and_svgs_stable(real) -> None:
    content, project, media, out = real
    first = list(story_svgs(real, "fr"))
    second = list(story_svgs(real, "fr"))
    assert [svg for _, svg, _ in first] == [svg for _, svg, _ in second]
    job, svg, name = next((j, s, n) for j, s, n in first if j.layout == "checklist")
    fresh = raster.render_png(svg, 1080, 1920)
    assert fresh == raster.render_png(svg, 1080, 1920)  # no cache involved
    written = out / "fr" / "media" / job.subject.page_id / name
    assert written.read_bytes() == fresh  # the cached render is the same bytes


def test_rebuild_reads_every_image_from_the_cache(real, tmp_path: Path, monkeypatch) -> None:
    content, project, media, _ = real

    def refuse(*args, **kwargs):
        raise AssertionError("rendered again although nothing changed")

    monkeypatch.setattr(raster, "render_png", refuse)
    monkeypatch.setattr(raster, "render_jpeg", refuse)
    again = render_images(project, "en", tmp_path / "en")
    assert [(m.path, m.size_bytes) for m in again] == [(m.path, m.size_bytes) for m in media["en"]]


def test_numbers_and_dates_follow_the_language(real) -> None:
    _, _, _, out = real

    def texts(lang: str, name: str) -> str:
        root = ET.parse(out / lang / "media" / "boston-2013" / name).getroot()
        return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG_NS}text"))

    fr, en = texts("fr", "boston-2013-key-figures-1080x1080.svg"), texts("en", "boston-2013-key-figures-1080x1080.svg")
    assert "35\u00a0000" in fr and "140\u00a0000" in fr  # French thousands (narrow no-break space -> no-break)
    assert "35,000" in en and "140,000" in en
    fr, en = texts("fr", "boston-2013-timeline-1080x1080.svg"), texts("en", "boston-2013-timeline-1080x1080.svg")
    assert "15 avril 2013" in fr and "19 avril 2013" in fr
    assert "15 April 2013" in en and "14:49" in en
