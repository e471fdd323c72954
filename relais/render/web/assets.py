"""The site's own static files, named after a hash of their content so hosts can cache them for a year.

Material's JavaScript bundle is not shipped: ``relais.js`` (search, share buttons) is a few KB against ~60 KB
gzipped for the bundle, its search worker and index, and the pages read the same without it. Material's
stylesheet stays; the theme copies it with its own hash in the name.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from pathlib import Path

from relais.colour import contrast
from relais.content import Content
from relais.render.web.fonts import WebFont, font_face_css
from relais.text.bidi import isolate_tokens

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


def asset_files(content: Content, overrides_dir: Path, fonts: list[tuple[WebFont, bytes]],
                logo: bytes | None) -> dict[str, bytes]:
    """One language's own files for its docs folder: fonts, the stylesheet (fonts, brand colours, theme
    rules) and the script with hashed names, and the logo."""
    files: dict[str, bytes] = {}
    faces = []
    for font, data in fonts:
        name = fingerprinted(font.file_name, data)
        files[f"assets/fonts/{name}"] = data
        faces.append((font, f"../fonts/{name}"))
    css = font_face_css(faces) + brand_css(content) + (overrides_dir / STYLESHEET).read_text(encoding="utf-8")
    for relpath, data in ((STYLESHEET, css.encode("utf-8")), (SCRIPT, (overrides_dir / SCRIPT).read_bytes())):
        files[fingerprinted(relpath, data)] = data
    if logo is not None:
        files["assets/images/logo.svg"] = logo
    return files


def asset_names(files: dict[str, bytes]) -> dict[str, str]:
    """Paths of the hashed stylesheet and script among ``asset_files``."""
    def one(relpath: str) -> str:
        stem = relpath.rpartition(".")[0]
        found = [name for name in files if name.startswith(stem + ".") and name != relpath]
        assert len(found) == 1, f"expected one hashed copy of {relpath}, found {found}"
        return found[0]
    return {"css": one(STYLESHEET), "js": one(SCRIPT)}


def finish_site(site_dir: Path, rtl: bool = False) -> None:
    """After MkDocs: drop what no page loads, and give the search index a script form (works from disk).
    Results are shown as plain text: in a right-to-left language their left-to-right runs get isolates."""
    for pattern in UNUSED:
        for path in site_dir.glob(pattern):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    index = site_dir / "search" / "search_index.json"
    if index.exists():
        shown = isolate_tokens if rtl else str
        docs = [{"location": _plain(doc["location"]), "title": shown(_plain(doc["title"])),
                 "text": shown(_plain(doc["text"]))} for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]]
        script = "var __index = " + json.dumps({"docs": docs}, ensure_ascii=False, separators=(",", ":")) + ";\n"
        (index.parent / "search_index.js").write_text(script, encoding="utf-8")


def _plain(value: str) -> str:
    """The search index holds HTML fragments; relais.js shows results as text, so keep the text only."""
    return " ".join(html.unescape(_TAG.sub(" ", value)).split())


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
