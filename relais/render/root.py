"""The site's front door: ``site/index.html`` lets a reader pick a language (and follows the browser's)."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2

from ..content import Content

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")


def write_root(content: Content, templates_dir: Path, site_dir: Path) -> None:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    languages = []
    for lang in content.languages:
        local = content.in_language(lang.code)
        languages.append({"code": lang.code, "name": lang.name, "direction": lang.direction,
                          "prompt": str(local.labels.choose_language),
                          "href": f"{content.site.base_url.rstrip('/')}/{lang.code}/"})
    default = next(lg for lg in languages if lg["code"] == content.site.default_language)
    html = env.get_template("index.html.j2").render(
        site_name=content.in_language(default["code"]).site.name, languages=languages, default=default, csp=CSP)
    (site_dir / "index.html").write_text(html, encoding="utf-8")
    for static in ("language.js", "chooser.css"):
        shutil.copyfile(templates_dir / static, site_dir / static)
