"""Icons by name, from the SVG sets mkdocs-material ships (the names authors already use in pages)."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

import material

ICONS_ROOT = Path(material.__file__).parent / "templates" / ".icons"
_REAL_ROOT = ICONS_ROOT.resolve()
# Names are folders and a file name of the icon sets: no '..', no absolute path, nothing to escape with.
_NAME = re.compile(r"[a-z0-9_-]+(/[a-z0-9_-]+)*")


@lru_cache(maxsize=1)
def all_icon_names() -> frozenset[str]:
    """Every icon name (~14,000 files): only for suggestions, membership is ``icon_path``."""
    return frozenset(p.relative_to(ICONS_ROOT).with_suffix("").as_posix() for p in ICONS_ROOT.rglob("*.svg"))


@lru_cache(maxsize=None)
def icon_path(name: str) -> Path | None:
    """The SVG file of a known icon, or None: one file check. Never resolves outside the icon sets."""
    if not _NAME.fullmatch(name):
        return None
    path = ICONS_ROOT / f"{name}.svg"
    return path if path.is_file() and path.resolve().is_relative_to(_REAL_ROOT) else None


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
