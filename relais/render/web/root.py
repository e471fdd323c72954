"""The site's front door: ``site/index.html`` lets a reader pick a language (and follows the browser's).

The offline copy has its own front door, linking to files (``fr/index.html``) rather than folders.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
from babel.numbers import format_decimal

from relais.content import Content
from relais.render.web.host import CSP


def bundle_name(content: Content) -> str:
    """The offline copy's file name, dated so that a shared copy tells how fresh it is."""
    return f"relais-site-{content.site.source_date}.zip"


def write_root(content: Content, templates_dir: Path, site_dir: Path, offline: bool = False) -> None:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    base = content.site.base_url.rstrip("/")
    languages = []
    for lang in content.languages:
        local = content.in_language(lang.code)
        labels = local.labels
        languages.append({"code": lang.code, "name": lang.name, "direction": lang.direction,
                          "prompt": str(labels.choose_language), "offline_label": str(labels.offline_copy),
                          "href": f"{lang.code}/index.html" if offline else f"{lang.code}/",
                          "url": f"{base}/{lang.code}/", "alert": _alert(local)})
    default = next(lg for lg in languages if lg["code"] == content.site.default_language)
    html = env.get_template("index.html.j2").render(
        site_name=content.in_language(default["code"]).site.name, languages=languages, default=default, csp=CSP,
        site_url=f"{base}/", bundle=None if offline else _bundle(content, site_dir))
    (site_dir / "index.html").write_text(html, encoding="utf-8")
    for static in ("language.js", "chooser.css"):
        shutil.copyfile(templates_dir / static, site_dir / static)


def _alert(local) -> dict | None:
    """The alert banner's words in one language (the front door shows it in every language)."""
    alert = local.site.alert
    if not alert or not alert.enabled:
        return None
    return {"level": alert.level, "label": str(getattr(local.labels, f"alert_{alert.level}")), "text": str(alert.text),
            "text_lang": alert.text.lang, "link": alert.link, "more": str(local.labels.more_information)}


def _bundle(content: Content, site_dir: Path) -> dict | None:
    path = site_dir / bundle_name(content)
    if not path.exists():
        return None
    local = content.in_language(content.site.default_language)
    size = format_decimal(max(1, round(path.stat().st_size / 1024)), locale=local.language.locale)
    return {"href": path.name, "size": f"ZIP, {size} {local.labels.kilobytes}"}
