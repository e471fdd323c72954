"""``site/editions/index.html``: the list of local editions on the national site, by name, with a link to
each of its languages. A light static page like the front door (same stylesheet, no script)."""

from __future__ import annotations

from pathlib import Path

from relais.content import Content
from relais.editions import FOLDER, edition_content
from relais.render.web.host import CSP
from relais.render.web.root import _environment


def editions_index(content: Content, templates_dir: Path) -> dict[str, bytes]:
    if not content.editions:
        return {}
    languages = [{"code": lg.code, "direction": lg.direction,
                  "heading": str(content.in_language(lg.code).labels.local_editions)} for lg in content.languages]
    default = next(lg for lg in languages if lg["code"] == content.site.default_language)
    editions = []
    for edition in sorted(content.editions, key=lambda e: e.name.casefold()):
        local = edition_content(content, edition)
        editions.append({"id": edition.id, "name": edition.name, "href": f"{edition.id}/",
                         "publisher": edition.publisher.name,
                         "languages": [{"code": lg.code, "name": lg.name, "direction": lg.direction,
                                        "href": f"{edition.id}/{lg.code}/"} for lg in local.languages]})
    html = _environment(templates_dir).get_template("editions.html.j2").render(
        csp=CSP, default=default, languages=languages, editions=editions,
        site_name=content.in_language(default["code"]).site.name)
    return {f"{FOLDER}/index.html": html.encode("utf-8")}
