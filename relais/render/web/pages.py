"""Pages stage: the Markdown of every page of one language, written into its docs folder."""

from __future__ import annotations

from pathlib import Path

import yaml
from babel.dates import format_date
from babel.numbers import format_decimal

from relais.content import LocalContent
from relais.urls import markdown_path
from relais.render.web.markdown import environment
from relais.render.outputs import MediaFile
from relais.render.web.page_views import PageView, build_view, home_view, statement_view
from relais.render.web.statement import statement_values


def write_pages(local: LocalContent, templates_dir: Path, docs_dir: Path, media: list[MediaFile], prints: list) -> list[PageView]:
    env = environment(templates_dir)
    views = [home_view(local, media)]
    _write(docs_dir, views[0], env.get_template("home.md.j2").render(**_home_values(local, views[0])))
    for kind, models in (("guide", local.guides), ("case-study", local.case_studies), ("page", local.pages)):
        for model in models:
            view = build_view(kind, model, local, media, prints, docs_dir)
            values = {"view": view, "page": model, "labels": local.labels, **_extra_values(kind, model, local)}
            _write(docs_dir, view, env.get_template(f"{kind}.md.j2").render(**values))
            views.append(view)
    statement = statement_values(local)
    view = statement_view(local, media, statement["scope"])
    _write(docs_dir, view, env.get_template("accessibility.md.j2").render(view=view, labels=local.labels, **statement))
    return [*views, view]


def _home_values(local: LocalContent, view: PageView) -> dict:
    links = {m.id: view.href(markdown_path(kind, m.id)) for kind, group in
             (("guide", local.guides), ("case-study", local.case_studies), ("page", local.pages)) for m in group}
    return {"view": view, "site": local.site, "labels": local.labels, "guides": local.guides,
            "more": [*local.case_studies, *local.pages], "links": links}


def _extra_values(kind: str, model, local: LocalContent) -> dict:
    if kind != "case-study":
        return {}
    locale = local.language.locale
    dates = {e.id: format_date(e.date, "long", locale=locale) + (f", {e.time}" if e.time else "") for e in model.events}
    numbers = {f.id: format_decimal(f.value, locale=locale) for f in model.figures}
    return {"dates": dates, "numbers": numbers}


def _write(docs_dir: Path, view: PageView, markdown: str) -> None:
    """Front matter is dumped by PyYAML, so titles and descriptions need no hand escaping.
    ``relais`` carries what the theme's <head> needs: the page's address and its link-preview image."""
    meta = {"title": str(view.title), "description": str(view.description), "relais": _head_values(view)}
    path = docs_dir / view.md_path
    path.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
    path.write_text(f"---\n{front}---\n\n{markdown}", encoding="utf-8")


def _head_values(view: PageView) -> dict:
    values: dict = {"path": view.path, "type": "website" if view.kind == "home" else "article"}
    if view.image:
        image = view.image
        language_url = view.url.removesuffix(view.path)  # media paths start at the language folder
        values["image"] = {"url": language_url + image.path, "alt": str(image.alt),
                           "width": image.width, "height": image.height,
                           "type": "image/jpeg" if image.fmt == "jpg" else f"image/{image.fmt}"}
    return values
