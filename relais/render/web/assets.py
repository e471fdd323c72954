"""The site's own static files, named after a hash of their content so hosts can cache them for a year.

Material's JavaScript bundle is not shipped: ``relais.js`` (search, share buttons) is a few KB against ~60 KB
gzipped for the bundle, its search worker and index, and the pages read the same without it. Material's
stylesheet stays; the theme copies it with its own hash in the name.
"""

from __future__ import annotations

import hashlib
import html
import inspect
import json
import os
import re
import shutil
from pathlib import Path

import fontTools

from relais.colour import contrast
from relais.content import Content
from relais.project import Project
from relais.render.web import fonts as webfonts
from relais.render.web.fonts import WebFont, font_face_css, web_fonts, woff2_subset

STYLESHEET = "assets/stylesheets/relais.css"  # sources, in theme/overrides/
SCRIPT = "assets/javascripts/relais.js"

# Files the theme copies into every language folder that no page loads.
UNUSED = ("assets/javascripts/bundle.*", "assets/javascripts/workers", "assets/javascripts/lunr",
          "assets/stylesheets/palette.*", "assets/stylesheets/*.map", "assets/images/favicon.png", STYLESHEET, SCRIPT)
_TAG = re.compile(r"<[^>]*>")


def fingerprinted(relpath: str, data: bytes) -> str:
    """``assets/x/name.css`` -> ``assets/x/name.1a2b3c4d.css`` (the first 8 hex digits of its SHA-256)."""
    stem, dot, ext = relpath.rpartition(".")
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:8]}{dot}{ext}"


def write_web_assets(content: Content, project: Project, docs_dir: Path) -> None:
    """Fonts, the stylesheet (fonts, brand colours, theme rules) and the script, with hashed names."""
    faces = []
    for font in web_fonts():
        data = _cached_font(font, project)
        name = fingerprinted(font.file_name, data)
        _write(docs_dir / "assets" / "fonts" / name, data)
        faces.append((font, f"../fonts/{name}"))
    theme = project.theme_dir / "overrides"
    css = font_face_css(faces) + brand_css(content) + (theme / STYLESHEET).read_text(encoding="utf-8")
    for relpath, data in ((STYLESHEET, css.encode("utf-8")), (SCRIPT, (theme / SCRIPT).read_bytes())):
        _write(docs_dir / fingerprinted(relpath, data), data)


def built_assets(docs_dir: Path) -> dict[str, str]:
    """Paths of the hashed stylesheet and script written by ``write_web_assets``."""
    def one(relpath: str) -> str:
        folder, _, name = relpath.rpartition("/")
        stem = name.rpartition(".")[0]
        found = sorted((docs_dir / folder).glob(f"{stem}.*.*"))
        assert len(found) == 1, f"expected one hashed copy of {relpath}, found {found}"
        return f"{folder}/{found[0].name}"
    return {"css": one(STYLESHEET), "js": one(SCRIPT)}


def finish_site(site_dir: Path) -> None:
    """After MkDocs: drop what no page loads, and give the search index a script form (works from disk)."""
    for pattern in UNUSED:
        for path in site_dir.glob(pattern):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    index = site_dir / "search" / "search_index.json"
    if index.exists():
        docs = [{key: _plain(doc[key]) for key in ("location", "title", "text")}
                for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]]
        script = "var __index = " + json.dumps({"docs": docs}, ensure_ascii=False, separators=(",", ":")) + ";\n"
        (index.parent / "search_index.js").write_text(script, encoding="utf-8")


def _plain(value: str) -> str:
    """The search index holds HTML fragments; relais.js shows results as text, so keep the text only."""
    return " ".join(html.unescape(_TAG.sub(" ", value)).split())


def _cached_font(font: WebFont, project: Project) -> bytes:
    """Subsetting takes seconds: keep each subset under a hash of everything that made it (never a date)."""
    key = hashlib.sha256(b"\0".join([font.source.read_bytes(), font.unicode_range.encode(), str(font.weight).encode(),
                                      fontTools.version.encode(), inspect.getsource(webfonts).encode()])).hexdigest()
    cache = project.cache_dir / "fonts" / f"{key}.woff2"
    if not cache.exists():
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(woff2_subset(font))
        os.replace(temporary, cache)
    return cache.read_bytes()


def brand_css(content: Content) -> str:
    """The brand's colours, and two derived so that any brand passes WCAG AA: the text colour on the brand
    colour (white or black) and the link colour (the brand colour, or the text colour when too pale)."""
    brand = content.site.brand
    on_primary = max(("#ffffff", "#000000"), key=lambda colour: contrast(brand.primary, colour))
    link = brand.primary if contrast(brand.primary, brand.background) >= 4.5 else brand.text
    return (":root {\n"
            f"  --relais-primary: {brand.primary};\n  --relais-accent: {brand.accent};\n"
            f"  --relais-text: {brand.text};\n  --relais-background: {brand.background};\n"
            f"  --relais-on-primary: {on_primary};\n  --relais-link: {link};\n}}\n")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
