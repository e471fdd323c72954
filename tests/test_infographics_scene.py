"""The drawn scene of every infographic of the default kit (frozen in tests/fixtures/kit/), in French and Arabic:
geometry read back from the SVG each image task makes (what resvg rasterises), without rasterising.

Badges beside icons, never on them; the same texts in every language; type sizes; stories that use their height.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest

from conftest import KIT
from relais.engine.fingerprint import code_digest
from relais.pipeline import read
from relais.render.images.infographics import Shared, image_tasks
from relais.render.images.paint import ContrastLog
from relais.render.images.scene import draw, environment
from test_infographics import SVG_NS, make_project

LANGS = ("fr", "ar")
ICON_UNITS = 24  # every mkdocs-material icon is drawn on a 24 x 24 grid
_TRANSFORM = re.compile(r"translate\(([-\d.]+) ([-\d.]+)\) scale\(([-\d.]+)(?: ([-\d.]+))?\)")


@dataclass(frozen=True)
class Rect:
    x0: float
    y0: float
    x1: float
    y1: float

    def meets(self, other: "Rect") -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1


@pytest.fixture(scope="module")
def scenes(tmp_path_factory) -> dict[str, list[tuple[object, list]]]:
    """{lang: [(job, [drawn image, ...])]} for every image of the frozen default kit (a carousel: several)."""
    root = tmp_path_factory.mktemp("scenes")
    project = make_project(root / "kit", KIT)
    content, _, _ = read(project)
    env = environment(project.infographics_dir)
    shared = Shared.read(content, project.infographics_dir)
    result = {}
    for lang in LANGS:
        drawn = []
        for task, job in image_tasks(content, lang, shared, code_digest()):
            spec = task.spec
            images, problems = draw(job, spec.local, env, spec.palette, spec.logo, ContrastLog(), spec.hashtags)
            assert not problems.items, problems.items
            drawn.append((job, images))
        result[lang] = drawn
    return result


def icon_rect(path: ET.Element) -> Rect:
    """The box an icon is drawn in, from its transform (a directional icon is flipped: x is its right edge)."""
    x, y, sx, sy = _TRANSFORM.fullmatch(path.get("transform")).groups()
    sx = float(sx)
    sy = float(sy) if sy is not None else sx
    x, y = float(x), float(y)
    x0, x1 = sorted((x, x + sx * ICON_UNITS))
    return Rect(x0, y, x1, y + sy * ICON_UNITS)


def circle_rect(circle: ET.Element) -> Rect:
    cx, cy, r = (float(circle.get(k)) for k in ("cx", "cy", "r"))
    r += float(circle.get("stroke-width") or 0) / 2
    return Rect(cx - r, cy - r, cx + r, cy + r)


def badges_and_icons(svg: str) -> tuple[list[Rect], list[Rect]]:
    root = ET.fromstring(svg)
    badges = [g for g in root.iter(f"{SVG_NS}g") if g.get("class") == "badge"]
    inside = {id(p) for g in badges for p in g.iter(f"{SVG_NS}path")}
    icons = [icon_rect(p) for p in root.iter(f"{SVG_NS}path") if p.get("transform") and id(p) not in inside]
    return [circle_rect(g.find(f"{SVG_NS}circle")) for g in badges], icons


@pytest.mark.parametrize("lang", LANGS)
def test_badges_sit_beside_icons_never_on_them(scenes, lang: str) -> None:
    counted = 0
    for job, images in scenes[lang]:
        for image in images:
            badges, icons = badges_and_icons(image.svg)
            if job.layout in ("checklist", "do-dont", "phases") and not image.cover and (
                    job.layout != "phases" or not image.slide or image.slide.index > 1):  # context: no badge
                assert badges and icons, job.label
            counted += len(badges)
            for badge in badges:
                hit = [icon for icon in icons if badge.meets(icon)]
                assert not hit, f"{job.label} ({lang}): badge {badge} covers icon {hit[0]}"
            discs = discs_of(image.svg)  # nor the icon's circle: a badge on the rim reads as covering it
            for badge, other in ((b, d) for b in discs["badge"] for d in discs["other"]):
                assert math.dist(badge[:2], other[:2]) >= badge[2] + other[2], f"{job.label} ({lang}): {badge} on {other}"
    assert counted > 50


def discs_of(svg: str) -> dict[str, list[tuple[float, float, float]]]:
    """(cx, cy, r) of the badges' circles and of every other circle (the icons' discs) of an SVG."""
    root = ET.fromstring(svg)
    inside = {id(c) for g in root.iter(f"{SVG_NS}g") if g.get("class") == "badge" for c in g.iter(f"{SVG_NS}circle")}
    found: dict[str, list] = {"badge": [], "other": []}
    for circle in root.iter(f"{SVG_NS}circle"):
        cx, cy, r = (float(circle.get(k)) for k in ("cx", "cy", "r"))
        found["badge" if id(circle) in inside else "other"].append((cx, cy, r))
    return found


_INVISIBLE = re.compile("[\\s\u2066-\u2069\u200e\u200f]+")


def drawn_text(svg: str) -> str:
    """Every text of the image, without spaces or bidi marks (lines and pieces joined in logical order)."""
    return _INVISIBLE.sub("", "".join("".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG_NS}text")))


def texts_shown(job, images) -> list[str]:
    """The ids of the items whose text the image (all its slides) shows."""
    drawn = "".join(drawn_text(image.svg) for image in images)
    return [item.id for item in job.subject.model.items if _INVISIBLE.sub("", str(item.text)) in drawn]


def body_size(svg: str) -> float:
    """The size most lines of regular weight are set in (the item texts)."""
    sizes = [float(t.get("font-size")) for t in content_texts(svg) if t.get("font-weight") == "400" for _ in t]
    return max(set(sizes), key=sizes.count)


def test_portrait_images_show_every_item_text_in_every_language(scenes) -> None:
    """1080x1350 is the one shape that must carry everything: a list that does not fit with its texts becomes a
    carousel (1/2, 2/2...), never a list of titles; every language gets the same texts."""
    carousels = 0
    for lang in LANGS:
        for job, images in scenes[lang]:
            if job.fmt.name != "1080x1350" or job.layout not in ("checklist", "do-dont", "phases"):
                continue
            items = [i.id for i in job.subject.model.items if job.layout != "do-dont" or i.kind != "info"]
            assert texts_shown(job, images) == items, (job.label, lang)
            if len(images) > 1:
                carousels += 1
                assert [(d.slide.index, d.slide.count) for d in images] == [(k, len(images)) for k in
                                                                            range(1, len(images) + 1)]
                shown = [title for d in images for title in d.holds]
                assert shown == [str(job.subject.model.items[[i.id for i in job.subject.model.items].index(x)].title)
                                 for x in items]  # each item on one slide, in order
                for d in images:
                    assert f"{d.slide.index}/{d.slide.count}" in drawn_text(d.svg) and d.holds[0] in d.alt
                assert len({body_size(d.svg) for d in images}) == 1, job.label  # one type size for all slides
    assert carousels >= 1


def test_density_follows_the_measured_texts_not_the_script(scenes) -> None:
    """The Arabic images show as many item texts as the French ones wherever the texts fit."""
    counts = {lang: {(job.subject.page_id, job.image_id, job.fmt.name): len(texts_shown(job, images))
                     for job, images in scenes[lang] if job.layout in ("checklist", "do-dont")}
              for lang in LANGS}
    for key, fr in counts["fr"].items():
        print(key, fr, counts["ar"][key])
    assert counts["ar"] == counts["fr"]


WHITE = "#FFFFFF"


def content_texts(svg: str) -> list[ET.Element]:
    """The texts of the layout and of the title block: not the header (above the accent bar), not the footer
    band and the slide counter (white on the brand colour), not the numbers in badges."""
    root = ET.fromstring(svg)
    in_badges = {id(t) for g in root.iter(f"{SVG_NS}g") if g.get("class") == "badge" for t in g.iter(f"{SVG_NS}text")}
    width = float(root.get("width"))
    accent = min(float(r.get("y")) for r in root.iter(f"{SVG_NS}rect")
                 if float(r.get("width")) == round(64 * width / 1080) and float(r.get("height")) < 10)
    return [t for t in root.iter(f"{SVG_NS}text") if id(t) not in in_badges and t.get("fill") != WHITE
            and float(t[0].get("y")) > accent]


@pytest.mark.parametrize("lang", LANGS)
def test_body_text_is_at_least_32_px_at_1080_wide(scenes, lang: str) -> None:
    """Every text of the content is >= 32 px at 1080 px wide (36 px in 1200 px images); header, footer and
    badge numbers >= 24 px (27 px)."""
    for job, images in scenes[lang]:
        body, small = job.fmt.px(32), job.fmt.px(24)
        for image in images:
            root = ET.fromstring(image.svg)
            sizes = [float(t.get("font-size")) for t in root.iter(f"{SVG_NS}text")]
            assert min(sizes) >= small, job.label
            texts = content_texts(image.svg)
            assert texts, job.label
            for text in texts:
                assert float(text.get("font-size")) >= body, (job.label, lang, "".join(text.itertext()))


@pytest.mark.parametrize("lang", LANGS)
def test_key_figures_are_the_largest_text(scenes, lang: str) -> None:
    checked = 0
    for job, images in scenes[lang]:
        if job.layout != "key-figures" or images[0].cover:
            continue
        texts = list(ET.fromstring(images[0].svg).iter(f"{SVG_NS}text"))
        largest = max(float(t.get("font-size")) for t in texts)
        numbers = [t for t in texts if re.fullmatch(r"[\d\s\u00a0\u202f,.\u2066\u2067\u2069\u200f]+",
                                                    "".join(t.itertext()))]
        assert len(numbers) == len(job.subject.model.figures), job.label
        assert all(float(t.get("font-size")) == largest for t in numbers), job.label
        title = next(float(t.get("font-size")) for t in texts if t.get("font-weight") == "700"
                     and t not in numbers and float(t.get("font-size")) > job.fmt.px(36))
        assert largest >= title + job.fmt.px(6), job.label
        checked += 1
    assert checked >= 3


@pytest.mark.parametrize("lang", LANGS)
def test_stories_use_their_height(scenes, lang: str) -> None:
    """Between the app's chrome (top and bottom 250 px, no text) the story is filled: no empty band taller
    than 220 px between its texts, nor between the last text and the footer band."""
    for job, images in scenes[lang]:
        if job.fmt.name != "1080x1920":
            continue
        for image in images:
            root = ET.fromstring(image.svg)
            lines = sorted((float(s.get("y")), float(t.get("font-size")), t.get("fill") == WHITE)
                           for t in root.iter(f"{SVG_NS}text") for s in t)
            assert all(250 <= y - size and y + 0.4 * size <= 1670 for y, size, _ in lines), job.label
            footer = min(y - size for y, size, white in lines if white and y > 1400)
            tops = [y - size for y, size, white in lines if not white] + [footer]
            bottoms = [y + 0.4 * size for y, size, white in lines if not white]
            gaps = [top - bottom for bottom, top in zip(sorted(bottoms), sorted(tops)[1:])]
            assert max(gaps) < 220, (job.label, lang, max(gaps))


@pytest.mark.parametrize("lang", LANGS)
def test_no_text_runs_into_the_footer_band(scenes, lang: str) -> None:
    """Cards and covers centre their title and message: they must still clear the footer band."""
    for job, images in scenes[lang]:
        for image in images:
            root = ET.fromstring(image.svg)
            width, height = float(root.get("width")), float(root.get("height"))
            footer = min(float(r.get("y")) for r in root.iter(f"{SVG_NS}rect")
                         if float(r.get("width")) == width and float(r.get("y")) > height / 2)
            for text in root.iter(f"{SVG_NS}text"):
                if text.get("fill") == WHITE:
                    continue
                size = float(text.get("font-size"))
                for span in text:
                    assert float(span.get("y")) + 0.25 * size <= footer, (job.label, lang, span.text)
