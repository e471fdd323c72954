"""The brand logo inlined as sanitised vector markup.

resvg refuses SVG data URIs in our pipeline (``raster.check_references``) and
an ``href`` to a file would let an SVG read the disk, so the logo is copied
into each infographic as plain shapes.  The file is parsed with ElementTree
(expat does not fetch external entities) and rebuilt from an allow-list:
shape and grouping elements, gradients, and presentation attributes.
Everything else goes: scripts, ``<image>``/``<use>``/``<a>``/``<foreignObject>``,
``<style>``, ``<text>`` (logos must be drawn as paths: the text would need
fonts we do not control), event handlers, ``href``s, and any ``url()`` other
than a reference to a gradient of the logo itself.  Ids are prefixed so they
cannot collide with the infographic's own.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import quoteattr

SVG_NS = "http://www.w3.org/2000/svg"

SHAPES = {"g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon"}
PAINT_SERVERS = {"defs", "linearGradient", "radialGradient", "stop"}

ATTRIBUTES = {
    "d", "x", "y", "width", "height", "rx", "ry", "cx", "cy", "r", "fx", "fy",
    "x1", "y1", "x2", "y2", "points", "transform", "offset",
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
    "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
    "stroke-dashoffset", "opacity", "clip-rule", "stop-color", "stop-opacity",
    "gradientUnits", "gradientTransform", "spreadMethod", "id", "visibility", "display",
}  # fmt: skip

# A safe value: numbers, colours, keywords, transforms, path data - or one url(#id).
_SAFE_VALUE = re.compile(r"^[\w\s.,#%()+-]*$")
_LOCAL_URL = re.compile(r"^url\(\s*#([\w.-]+)\s*\)$")


class LogoError(ValueError):
    """The logo file cannot be used (not an SVG, unreadable)."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if tag.startswith("{") else tag


def _style_attributes(style: str) -> dict[str, str]:
    """Presentation properties written in a style attribute, as attributes."""
    found = {}
    for declaration in style.split(";"):
        name, _, value = declaration.partition(":")
        found[name.strip()] = value.strip()
    return found


def _clean_value(name: str, value: str, prefix: str) -> str | None:
    value = value.strip()
    if name == "id":
        return f"{prefix}{value}" if re.fullmatch(r"[\w.-]+", value) else None
    if "url(" in value.lower():
        match = _LOCAL_URL.match(value)
        return f"url(#{prefix}{match.group(1)})" if match else None
    if not _SAFE_VALUE.match(value) or "expression" in value.lower():
        return None
    return value


def _element(node: ET.Element, prefix: str) -> str:
    tag = _local(node.tag)
    if node.tag.startswith("{") and not node.tag.startswith("{" + SVG_NS):
        return ""
    if tag not in SHAPES | PAINT_SERVERS:
        return ""
    attrs: dict[str, str] = {}
    raw = dict(node.attrib)
    raw.update(_style_attributes(raw.pop("style", "")))
    for name, value in raw.items():
        if name not in ATTRIBUTES:
            continue
        clean = _clean_value(name, value, prefix)
        if clean is not None:
            attrs[name] = clean
    children = "".join(_element(child, prefix) for child in node)
    attributes = "".join(f" {name}={quoteattr(value)}" for name, value in attrs.items())
    return f"<{tag}{attributes}>{children}</{tag}>" if children else f"<{tag}{attributes}/>"


@lru_cache(maxsize=16)
def sanitised_logo(path: Path, prefix: str = "logo-") -> tuple[str, str]:
    """(viewBox, inner markup) of the logo's allowed content."""
    try:
        data = path.read_bytes()
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise LogoError(f"the logo {path.name} declares a DOCTYPE or entities; remove them")
        root = ET.fromstring(data)
    except (OSError, ET.ParseError) as exc:
        raise LogoError(f"cannot read the logo {path.name}: {exc}") from exc
    if _local(root.tag) != "svg":
        raise LogoError(f"the logo {path.name} is not an SVG file")
    view_box = root.get("viewBox")
    if not view_box:
        width, height = (re.sub(r"[a-z%]+$", "", root.get(k, "")) for k in ("width", "height"))
        view_box = f"0 0 {width or 100} {height or 100}"
    if not re.fullmatch(r"[\d.\s,+-]+", view_box):
        raise LogoError(f"the logo {path.name} has an invalid viewBox {view_box!r}")
    return view_box, "".join(_element(child, prefix) for child in root)
