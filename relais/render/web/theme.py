"""Values the Material overrides (theme/overrides/) read from ``config.extra.relais``: languages, footer,
alert banner, 404 texts, security policy and asset names.

MkDocs' Jinja does not escape, so texts go as ``{"text", "lang"}`` and the ``relais.t`` macro escapes them;
``lang`` is set only when a text stands in for a missing translation.
"""

from __future__ import annotations

from relais.content import Content, LocalContent
from relais.render.web.page_views import STATEMENT_PATH
from relais.render.web.host import CSP


def theme_values(content: Content, local: LocalContent, assets: dict[str, str]) -> dict:
    site = local.site
    labels = local.labels
    return {
        "lang": local.lang,
        "locale": local.language.locale,
        "site_root": site.base_url,
        "lang_root": _root(site.base_url, local.lang),
        "languages": [{"code": lg.code, "name": lg.name, "locale": lg.locale, "root": _root(site.base_url, lg.code)}
                      for lg in content.languages],
        "publisher": {"name": _text(site.publisher.name), "url": site.publisher.url},
        "status": _text(getattr(labels, "accessibility_" + site.accessibility.status.replace("-", "_"))),
        "statement_path": STATEMENT_PATH,
        "alert": _alert(local),
        "not_found": {"title": _text(labels.not_found_title), "text": _text(labels.not_found_text),
                      "home": _text(labels.back_home)},
        "csp": CSP,
        "assets": assets,
    }


def _alert(local: LocalContent) -> dict | None:
    alert = local.site.alert
    if not alert or not alert.enabled:
        return None
    labels = local.labels
    return {"level": alert.level, "label": _text(getattr(labels, f"alert_{alert.level}")), "text": _text(alert.text),
            "link": alert.link, "more": _text(labels.more_information)}


def _root(base_url: str, lang: str) -> str:
    return f"{base_url.rstrip('/')}/{lang}/"


def _text(value) -> dict:
    return {"text": str(value), "lang": value.lang if getattr(value, "fallback", False) else None}
