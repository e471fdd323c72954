"""Pages stage: the Markdown of every page of one language, written into its docs folder."""

from __future__ import annotations

import json
from pathlib import Path

from babel.numbers import format_decimal

from relais.clock import format_when
from relais.content import LocalContent
from relais.urls import markdown_path
from relais.render.web.markdown import Directions, environment
from relais.render.outputs import MediaFile
from relais.render.web.page_views import PageView, build_view, home_view, statement_view
from relais.render.web.statement import statement_values


def page_files(local: LocalContent, templates_dir: Path, media: list[MediaFile], prints: list,
               svgs: dict[str, str] | None = None) -> dict[str, str]:
    """The Markdown of every page of one language, by path in its docs folder."""
    env = environment(templates_dir)
    directions = Directions.of_site(local.site.languages, local.lang)  # read by the md and text filters
    files: dict[str, str] = {}
    home = home_view(local, media)
    files[home.md_path] = _page(home, directions, env.get_template("home.md.j2").render(
        directions=directions, **_home_values(local, home)))
    for kind, models in (("guide", local.guides), ("case-study", local.case_studies), ("page", local.pages)):
        for model in models:
            view = build_view(kind, model, local, media, prints, svgs)
            values = {"view": view, "page": model, "labels": local.labels, "directions": directions,
                      **_extra_values(kind, model, local)}
            files[view.md_path] = _page(view, directions, env.get_template(f"{kind}.md.j2").render(**values))
    statement = statement_values(local)
    view = statement_view(local, media, statement["scope"])
    files[view.md_path] = _page(view, directions, env.get_template("accessibility.md.j2").render(
        view=view, labels=local.labels, directions=directions, **statement))
    return files


def write_pages(local: LocalContent, templates_dir: Path, docs_dir: Path, media: list[MediaFile], prints: list,
                svgs: dict[str, str] | None = None) -> dict[str, str]:
    """``page_files`` written into ``docs_dir`` (for tools and tests that read a docs folder)."""
    files = page_files(local, templates_dir, media, prints, svgs)
    for relpath, text in files.items():
        path = docs_dir / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return files


def _home_values(local: LocalContent, view: PageView) -> dict:
    links = {m.id: view.href(markdown_path(kind, m.id)) for kind, group in
             (("guide", local.guides), ("case-study", local.case_studies), ("page", local.pages)) for m in group}
    return {"view": view, "site": local.site, "labels": local.labels, "guides": local.guides,
            "more": [*local.case_studies, *local.pages], "links": links}


def _extra_values(kind: str, model, local: LocalContent) -> dict:
    if kind != "case-study":
        return {}
    locale = local.language.locale
    dates = {e.id: format_when(e.date, e.time, locale) for e in model.events}
    numbers = {f.id: format_decimal(f.value, locale=locale) for f in model.figures}
    return {"dates": dates, "numbers": numbers}


def _page(view: PageView, directions: Directions, markdown: str) -> str:
    """Front matter written as JSON, which is YAML too (and twenty times quicker to write than PyYAML's
    dump), so titles and descriptions need no hand escaping. ``relais`` carries what the theme's <head>
    needs: the page's address and its link-preview image."""
    meta = {"title": directions.plain(view.title), "description": directions.plain(view.description),
            "relais": _head_values(view)}
    front = json.dumps(meta, ensure_ascii=False, sort_keys=True)
    for char in "\u0085\u2028\u2029":  # line breaks to YAML (not to JSON): escaped, so a title stays one line
        front = front.replace(char, f"\\u{ord(char):04x}")
    return f"---\n{front}\n---\n\n{markdown}"


def _head_values(view: PageView) -> dict:
    values: dict = {"path": view.path, "type": "website" if view.kind == "home" else "article"}
    if view.image:
        image = view.image
        language_url = view.url.removesuffix(view.path)  # media paths start at the language folder
        values["image"] = {"url": language_url + image.path, "alt": str(image.alt),
                           "width": image.width, "height": image.height,
                           "type": "image/jpeg" if image.fmt == "jpg" else f"image/{image.fmt}"}
    return values
