"""Site stage: one MkDocs build per language (no i18n plugin: search and fallbacks stay per language)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from ..content import Content, LocalContent
from ..project import Project
from .page_views import nav_entries
from .webfonts import font_face_css, web_fonts, woff2_subset


def write_assets(content: Content, project: Project, docs_dir: Path) -> None:
    """Logo, self-hosted fonts and the brand colours, copied into one language's docs folder."""
    images = docs_dir / "assets" / "images"
    images.mkdir(parents=True, exist_ok=True)
    if content.site.brand.logo:
        shutil.copyfile(project.content_dir / content.site.brand.logo, images / "logo.svg")
    fonts_dir = docs_dir / "assets" / "fonts"
    fonts_dir.mkdir(parents=True, exist_ok=True)
    fonts = web_fonts()
    for font in fonts:
        (fonts_dir / font.file_name).write_bytes(_cached_font(font, project))
    styles = docs_dir / "assets" / "stylesheets"
    styles.mkdir(parents=True, exist_ok=True)
    (styles / "fonts.css").write_text(font_face_css(fonts, "../fonts/") + _brand_css(content), encoding="utf-8")


def _cached_font(font, project: Project) -> bytes:
    cache = project.cache_dir / "fonts" / font.file_name
    if not cache.exists():
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(woff2_subset(font))
    return cache.read_bytes()


def _brand_css(content: Content) -> str:
    brand = content.site.brand
    return (":root {\n"
            f"  --relais-primary: {brand.primary};\n  --relais-accent: {brand.accent};\n"
            f"  --relais-text: {brand.text};\n  --relais-background: {brand.background};\n}}\n")


def mkdocs_config(content: Content, local: LocalContent, project: Project, docs_dir: Path, site_dir: Path) -> dict:
    site = local.site
    lang = local.lang
    return {
        "INHERIT": str(project.mkdocs_yml),
        "site_name": str(site.name),
        "site_url": f"{site.base_url.rstrip('/')}/{lang}/",
        "site_description": str(site.tagline),
        "site_author": str(site.publisher.name),
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "strict": True,
        "theme": {"language": lang, "custom_dir": str(project.theme_dir / "overrides")},
        "plugins": [{"search": {"lang": [lang]}}],
        "extra": {"alternate": [{"name": lg.name, "link": f"../{lg.code}/", "lang": lg.code} for lg in content.languages]},
        "nav": [{title: path} for title, path in nav_entries(local)],
    }


def build_language_site(config: dict, work_dir: Path, lang: str) -> None:
    config_path = work_dir / f"mkdocs.{lang}.yml"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    mkdocs_build(load_config(str(config_path)))
