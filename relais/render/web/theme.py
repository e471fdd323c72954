"""Values the Material overrides (theme/overrides/) read from ``config.extra.relais``: languages, footer,
alert banner, 404 texts, security policy and asset names.

MkDocs' Jinja does not escape, so texts go as ``{"text", "html"}``: ``html`` escaped here, with its LTR runs
isolated and its language when it stands in for a missing translation (``escape_text``), for ``relais.t``;
``text`` to escape where no markup may go (``<title>``).
"""

from __future__ import annotations

from relais.content import Content, LocalContent
from relais.render.web.markdown import Directions, escape_text
from relais.render.web.page_views import STATEMENT_PATH
from relais.render.web.host import CSP


def theme_values(content: Content, local: LocalContent, assets: dict[str, str]) -> dict:
    site = local.site
    labels = local.labels
    directions = Directions.of_site(content.languages, local.lang)
    return {
        "lang": local.lang,
        "locale": local.language.locale,
        "site_root": site.base_url,
        "lang_root": _root(site.base_url, local.lang),
        "languages": [{"code": lg.code, "name": lg.name, "locale": lg.locale, "root": _root(site.base_url, lg.code)}
                      for lg in content.languages],
        "publisher": {"name": _text(site.publisher.name, directions), "url": site.publisher.url},
        "status": _text(getattr(labels, "accessibility_" + site.accessibility.status.replace("-", "_")), directions),
        "statement_path": STATEMENT_PATH,
        "dir": directions.page,
        "alert": _alert(local, directions),
        "not_found": {key: _text(value, directions) for key, value in
                      (("title", labels.not_found_title), ("text", labels.not_found_text), ("home", labels.back_home))},
        "csp": CSP,
        "assets": assets,
    }


def _alert(local: LocalContent, directions: Directions) -> dict | None:
    alert = local.site.alert
    if not alert or not alert.enabled:
        return None
    labels = local.labels
    texts = {"label": getattr(labels, f"alert_{alert.level}"), "text": alert.text, "more": labels.more_information}
    return {"level": alert.level, "link": alert.link, **{key: _text(value, directions) for key, value in texts.items()}}


def _root(base_url: str, lang: str) -> str:
    return f"{base_url.rstrip('/')}/{lang}/"


def _text(value, directions: Directions) -> dict:
    return {"text": str(value), "html": escape_text(value, directions)}
