"""The site's front door: ``site/index.html`` lets a reader pick a language (and follows the browser's).

The offline copy has its own front door, linking to files (``fr/index.html``) rather than folders.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from relais.content import Content
from relais.render.web.host import CSP
from relais.render.web.downloads import kilobytes


def bundle_name(content: Content) -> str:
    """The offline copy's file name, dated so that a shared copy tells how fresh it is."""
    return f"relais-site-{content.site.source_date}.zip"


def root_files(content: Content, templates_dir: Path, offline: bool = False,
               bundle_size: int | None = None) -> dict[str, bytes]:
    """``index.html`` and its two static files; ``bundle_size`` is the offline copy's size (the link to it),
    written in each language with its own number format and unit."""
    env = _environment(templates_dir)
    base = content.site.base_url.rstrip("/")
    languages = []
    for lang in content.languages:
        local = content.in_language(lang.code)
        labels = local.labels
        languages.append({"code": lang.code, "name": lang.name, "direction": lang.direction,
                          "prompt": str(labels.choose_language), "offline_label": str(labels.offline_copy),
                          "editions_label": str(labels.local_editions),
                          "bundle_size": None if bundle_size is None else f"ZIP, {kilobytes(bundle_size, local)}",
                          "href": f"{lang.code}/index.html" if offline else f"{lang.code}/",
                          "url": f"{base}/{lang.code}/", "alert": _alert(local)})
    default = next(lg for lg in languages if lg["code"] == content.site.default_language)
    bundle = None if offline or bundle_size is None else bundle_name(content)
    html = env.get_template("index.html.j2").render(
        site_name=content.in_language(default["code"]).site.name, languages=languages, default=default, csp=CSP,
        site_url=f"{base}/", bundle=bundle, editions=bool(content.editions) and not offline)
    files = {"index.html": html.encode("utf-8")}
    for static in ("language.js", "chooser.css"):
        files[static] = (templates_dir / static).read_bytes()
    return files


@lru_cache(maxsize=4)
def _environment(templates_dir: Path) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _alert(local) -> dict | None:
    """The alert banner's words in one language (the front door shows it in every language)."""
    alert = local.site.alert
    if not alert or not alert.enabled:
        return None
    return {"level": alert.level, "label": str(getattr(local.labels, f"alert_{alert.level}")), "text": str(alert.text),
            "text_lang": alert.text.lang, "link": alert.link, "more": str(local.labels.more_information)}

