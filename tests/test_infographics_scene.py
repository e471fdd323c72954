"""The drawn scene of every infographic of the default kit (frozen in tests/fixtures/kit/), in French and Arabic:
geometry read back from the SVG each image task makes (what resvg rasterises), without rasterising.

Badges beside icons, never on them; the same texts in every language; type sizes; stories that use their height.
"""

from __future__ import annotations

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
def scenes(tmp_path_factory) -> dict[str, list[tuple[object, str]]]:
    """{lang: [(job, svg)]} for every image of the frozen default kit."""
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
            svg, problems = draw(job, spec.local, env, spec.palette, spec.logo, ContrastLog(), spec.hashtags)
            assert not problems.items, problems.items
            drawn.append((job, svg))
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
    for job, svg in scenes[lang]:
        badges, icons = badges_and_icons(svg)
        if job.layout in ("checklist", "do-dont", "phases"):
            assert badges and icons, job.label
        counted += len(badges)
        for badge in badges:
            hit = [icon for icon in icons if badge.meets(icon)]
            assert not hit, f"{job.label} ({lang}): badge {badge} covers icon {hit[0]}"
    assert counted > 50
