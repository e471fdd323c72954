"""Icons by name, from the SVG sets mkdocs-material ships (the names authors already use in pages)."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

import material

ICONS_ROOT = Path(material.__file__).parent / "templates" / ".icons"


@lru_cache(maxsize=1)
def all_icon_names() -> frozenset[str]:
    return frozenset(p.relative_to(ICONS_ROOT).with_suffix("").as_posix() for p in ICONS_ROOT.rglob("*.svg"))


def icon_path(name: str) -> Path | None:
    """The SVG file of a known icon, or None. Never resolves outside the icon sets."""
    return ICONS_ROOT / f"{name}.svg" if name in all_icon_names() else None


def suggest_icons(name: str, count: int = 3) -> list[str]:
    set_name = name.split("/", 1)[0]
    candidates = [n for n in all_icon_names() if n.startswith(set_name + "/")] or list(all_icon_names())
    return difflib.get_close_matches(name, candidates, n=count, cutoff=0.6)


@lru_cache(maxsize=None)
def icon_svg_paths(name: str) -> tuple[str, str]:
    """The viewBox and the path data of an icon, to inline it in our own SVG and HTML."""
    svg = icon_path(name).read_text(encoding="utf-8")
    view_box = re.search(r'viewBox="([^"]+)"', svg).group(1)
    paths = " ".join(re.findall(r'\sd="([^"]+)"', svg))
    return view_box, paths
