"""Site stage: one MkDocs build per language (no i18n plugin: search and fallbacks stay per language),
plus the same language built with file links for the offline copy."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from relais.content import Content, LocalContent
from relais.project import Project
from relais.render.web.page_views import nav_entries
from relais.render.web.assets import built_assets, finish_site, write_web_assets
from relais.render.web.offline import offline_config
from relais.render.web.theme import theme_values


def write_assets(content: Content, project: Project, docs_dir: Path) -> None:
    """Logo, self-hosted fonts, stylesheet and script, copied into one language's docs folder."""
    images = docs_dir / "assets" / "images"
    images.mkdir(parents=True, exist_ok=True)
    if content.site.brand.logo:
        shutil.copyfile(project.content_dir / content.site.brand.logo, images / "logo.svg")
    write_web_assets(content, project, docs_dir)


def mkdocs_config(content: Content, local: LocalContent, project: Project, docs_dir: Path, site_dir: Path) -> dict:
    site = local.site
    lang = local.lang
    assets = built_assets(docs_dir)
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
        "extra_css": [assets["css"]],
        "extra": {
            # Material shows its language switcher only when this is set; theme/overrides draws the links.
            "alternate": [{"name": lg.name, "link": f"../{lg.code}/", "lang": lg.code} for lg in content.languages],
            "relais": theme_values(content, local, assets),
        },
        "nav": [{title: path} for title, path in nav_entries(local)],
    }


def build_language_site(config: dict, work_dir: Path, lang: str) -> None:
    """The language's pages for the web, then the same pages for the offline copy (``work_dir/offline``)."""
    _build(config, work_dir / f"mkdocs.{lang}.yml")
    _build(offline_config(config, work_dir / "offline" / lang), work_dir / f"mkdocs.{lang}.offline.yml")


def _build(config: dict, config_path: Path) -> None:
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    mkdocs_build(load_config(str(config_path)))
    finish_site(Path(config["site_dir"]))
