"""SVG files from content/ (the brand logo): checked before any renderer or browser sees them, and cleaned.

An SVG is a document, not a picture: it can run scripts, embed a web page, read files through entities
and fetch addresses. ``check_svg`` says what is wrong and where, for validation; ``clean_svg`` rebuilds a
copy from an allow-list of drawing elements and presentation attributes, for publishing. Both parse
with defusedxml (expat): a DOCTYPE stops the parser before any entity is declared, and nothing is fetched.

``logo_markup`` gives the same allowed content, ids prefixed, for the infographics to draw inline (resvg is
given no file to read, so the logo travels inside each image as plain shapes).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

from functools import lru_cache
from pathlib import Path

from defusedxml import DefusedXmlException, DTDForbidden
from defusedxml.ElementTree import DefusedXMLParser

SVG_NS = "http://www.w3.org/2000/svg"

SHAPES = {"g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon"}
PAINT_SERVERS = {"defs", "linearGradient", "radialGradient", "stop"}
PRESENTATION = {
    "d", "x", "y", "width", "height", "rx", "ry", "cx", "cy", "r", "fx", "fy",
    "x1", "y1", "x2", "y2", "points", "transform", "offset",
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
    "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
    "stroke-dashoffset", "opacity", "clip-rule", "stop-color", "stop-opacity",
    "gradientUnits", "gradientTransform", "spreadMethod", "id", "visibility", "display",
}  # fmt: skip
# A standalone file also keeps its size, its clipping and its accessible name.
ROOT_ATTRIBUTES = {"viewBox", "width", "height", "preserveAspectRatio", "role", "aria-label", "aria-labelledby"}
CLEAN_ELEMENTS = SHAPES | PAINT_SERVERS | {"clipPath", "title", "desc", "image"}
CLEAN_ATTRIBUTES = PRESENTATION | {"clip-path", "clipPathUnits"}
ANIMATIONS = {"set", "animate", "animateTransform", "animateMotion"}
MAX_DEPTH = 64  # logos nest a dozen groups at most; the cleaners recurse, so the depth is bounded

# A safe value: numbers, colours, keywords, transforms, path data - or one url(#id).
_SAFE_VALUE = re.compile(r"^[\w\s.,#%()+-]*$")
_LOCAL_URL = re.compile(r"^url\(\s*#([\w.-]+)\s*\)$")
_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_EMBEDDED_RASTER = re.compile(r"^data:image/(png|jpeg|gif|webp)[;,]", re.IGNORECASE)
_BASE64_RASTER = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$")

Problem = tuple[int, int, str]  # line, column (from 1) in the SVG file, message


class SvgError(ValueError):
    """The file cannot be read as a safe SVG at all (not XML, a DOCTYPE, not an <svg>)."""

    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


def local(name: str) -> str:
    """``{namespace}name`` -> ``name``."""
    return name.rsplit("}", 1)[-1]


def style_attributes(style: str) -> dict[str, str]:
    """Presentation properties written in a style attribute, as attributes."""
    found = {}
    for declaration in style.split(";"):
        name, _, value = declaration.partition(":")
        found[name.strip()] = value.strip()
    return found


def clean_value(name: str, value: str, prefix: str = "") -> str | None:
    """The value of an allowed attribute, or None when it is not a plain value (ids get ``prefix``)."""
    value = value.strip()
    if name == "id":
        return f"{prefix}{value}" if re.fullmatch(r"[\w.-]+", value) else None
    if "url(" in value.lower():
        match = _LOCAL_URL.match(value)
        return f"url(#{prefix}{match.group(1)})" if match else None
    if not _SAFE_VALUE.match(value) or "expression" in value.lower():
        return None
    return value


class _Positions(ET.TreeBuilder):
    """Builds the tree and remembers where each element and processing instruction starts."""

    def __init__(self) -> None:
        super().__init__()
        self.expat = None  # set once the parser exists
        self.where: dict[ET.Element, tuple[int, int]] = {}
        self.stylesheets: list[tuple[int, int]] = []
        self.depth = 0
        self.too_deep: tuple[int, int] | None = None

    def _here(self) -> tuple[int, int]:
        return (self.expat.CurrentLineNumber, self.expat.CurrentColumnNumber + 1)

    def start(self, tag, attrs):
        element = super().start(tag, attrs)
        self.where[element] = self._here()
        self.depth += 1
        if self.depth > MAX_DEPTH and self.too_deep is None:
            self.too_deep = self.where[element]
        return element

    def end(self, tag):
        self.depth -= 1
        return super().end(tag)

    def pi(self, target, text=None):
        if target == "xml-stylesheet":
            self.stylesheets.append(self._here())
        return super().pi(target, text)


def _parse(data: bytes) -> tuple[ET.Element, _Positions]:
    builder = _Positions()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except DTDForbidden as exc:
        raise SvgError(parser.parser.CurrentLineNumber, 1,
                       "contains a <!DOCTYPE> (entities can read files); save the SVG without it") from exc
    except DefusedXmlException as exc:  # entities or external references: only possible inside a DOCTYPE
        raise SvgError(parser.parser.CurrentLineNumber, 1, f"declares {exc}; save the SVG without it") from exc
    except ET.ParseError as exc:
        line, col = exc.position
        raise SvgError(line, col + 1, f"is not a readable SVG file ({str(exc).split(':')[0]}); "
                                      "export it again from the drawing program") from exc
    if local(root.tag) != "svg":
        raise SvgError(*builder.where[root], f"is not an SVG file (its first element is <{local(root.tag)}>); use an SVG")
    if builder.too_deep:
        raise SvgError(*builder.too_deep, f"nests elements more than {MAX_DEPTH} levels deep; simplify the drawing")
    return root, builder


def _reference_problem(value: str) -> str | None:
    """Why a link or url() target reaches outside the file, or None for '#id' and embedded raster images."""
    value = value.strip()
    if value.startswith("#") or _EMBEDDED_RASTER.match(value):
        return None
    shown = value if len(value) <= 60 else value[:57] + "..."
    return f"refers to '{shown}' outside the file; remove it (an image can be embedded as PNG, JPEG, GIF or WebP data)"


def _css_problems(css: str) -> list[str]:
    found = [problem for _, target in _URL.findall(css) if (problem := _reference_problem(target))]
    if "@import" in css.lower():
        found.append("imports a stylesheet (@import); remove it")
    return found


def check_svg(data: bytes) -> list[Problem]:
    """Every reason not to use this SVG, with its line and column; empty when it is safe."""
    try:
        root, builder = _parse(data)
    except SvgError as exc:
        return [(exc.line, exc.col, exc.message)]
    problems = [(*where, "links a stylesheet (<?xml-stylesheet?>); remove it") for where in builder.stylesheets]
    for element in root.iter():
        where, tag = builder.where[element], local(element.tag)
        if tag == "script":
            problems.append((*where, "contains a <script> (code that runs when the file is opened); remove it"))
        elif tag == "foreignObject":
            problems.append((*where, "contains a <foreignObject> (it can embed a web page); remove it"))
        elif tag == "style":
            problems += [(*where, problem) for problem in _css_problems(element.text or "")]
        if tag in ANIMATIONS and re.match(r"(?i)(.*:)?href$|on", element.get("attributeName", "")):
            problems.append((*where, f"<{tag}> changes the attribute '{element.get('attributeName')}'; remove it"))
        for name, value in element.attrib.items():
            if local(name).lower().startswith("on"):
                problems.append((*where, f"has an event handler {local(name)}=\"...\" (code); remove the attribute"))
            elif local(name) in ("href", "src"):
                problem = _reference_problem(value)
                if problem:
                    problems.append((*where, problem))
            else:
                problems += [(*where, problem) for problem in _css_problems(value)]
    return problems


def clean_svg(data: bytes) -> bytes:
    """A copy made of allowed elements and attributes only: no scripts, links, styles, comments or
    processing instructions. Same input, same bytes. Raises ``SvgError`` when the file is not a safe SVG."""
    root, _ = _parse(data)
    attrs = {name: value for name, value in root.attrib.items() if name in ROOT_ATTRIBUTES and _SAFE_VALUE.match(value)}
    children = "".join(_clean_element(child) for child in root)
    attributes = "".join(f" {name}={quoteattr(value)}" for name, value in attrs.items())
    return f'<svg xmlns="{SVG_NS}"{attributes}>{children}</svg>\n'.encode()


def _clean_element(node: ET.Element) -> str:
    if node.tag.startswith("{") and not node.tag.startswith("{" + SVG_NS + "}"):
        return ""
    tag = local(node.tag)
    if tag not in CLEAN_ELEMENTS:
        return ""
    raw = dict(node.attrib)
    raw.update(style_attributes(raw.pop("style", "")))
    attrs = {name: clean for name, value in raw.items()
             if name in CLEAN_ATTRIBUTES and (clean := clean_value(name, value)) is not None}
    if tag == "image":  # only a raster image carried inside the file
        href = "".join(next((value for name, value in raw.items() if local(name) == "href"), "").split())
        if not _BASE64_RASTER.match(href):
            return ""
        attrs["href"] = href
    attributes = "".join(f" {name}={quoteattr(value)}" for name, value in attrs.items())
    if tag in ("title", "desc"):  # the accessible name: text only
        return f"<{tag}{attributes}>{escape((node.text or '').strip())}</{tag}>"
    children = "".join(_clean_element(child) for child in node)
    return f"<{tag}{attributes}>{children}</{tag}>" if children else f"<{tag}{attributes}/>"


Logo = tuple[str, str]  # (viewBox, inner markup): what the infographics' frame and card draw


def logo_markup(data: bytes, name: str = "logo", prefix: str = "logo-") -> Logo:
    """(viewBox, inner markup) of a logo's shapes and gradients, ids prefixed so they cannot collide with the
    image's own. Raises ``SvgError`` when the file is not a safe SVG or has no usable viewBox."""
    root, builder = _parse(data)
    view_box = root.get("viewBox")
    if not view_box:
        width, height = (re.sub(r"[a-z%]+$", "", root.get(k, "")) for k in ("width", "height"))
        view_box = f"0 0 {width or 100} {height or 100}"
    if not re.fullmatch(r"[\d.\s,+-]+", view_box):
        raise SvgError(*builder.where[root], f"has an invalid viewBox {view_box!r}; write four numbers, e.g. 0 0 64 64")
    return view_box, "".join(_drawn_element(child, prefix) for child in root)


@lru_cache(maxsize=16)
def sanitised_logo(path: Path, prefix: str = "logo-") -> Logo:
    """``logo_markup`` of a file."""
    return logo_markup(path.read_bytes(), path.name, prefix)


def _drawn_element(node: ET.Element, prefix: str) -> str:
    if node.tag.startswith("{") and not node.tag.startswith("{" + SVG_NS + "}"):
        return ""
    tag = local(node.tag)
    if tag not in SHAPES | PAINT_SERVERS:
        return ""
    raw = dict(node.attrib)
    raw.update(style_attributes(raw.pop("style", "")))
    attrs = {name: clean for name, value in raw.items()
             if name in PRESENTATION and (clean := clean_value(name, value, prefix)) is not None}
    children = "".join(_drawn_element(child, prefix) for child in node)
    attributes = "".join(f" {name}={quoteattr(value)}" for name, value in attrs.items())
    return f"<{tag}{attributes}>{children}</{tag}>" if children else f"<{tag}{attributes}/>"
