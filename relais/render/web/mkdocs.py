"""The site of one language as an MkDocs build (no i18n plugin: search and fallbacks stay per language).

``pages_task`` gathers what MkDocs reads (generated Markdown, the language's assets, its configuration, the
theme overrides and ``mkdocs.yml``) into one task keyed on all of it: a language whose pages did not change
is not built again.
"""

from __future__ import annotations

from relais.content import Content, LocalContent
from relais.engine.fingerprint import digest
from relais.engine.task import Task
from relais.project import Project
from relais.render.web.markdown import Directions
from relais.render.web.page_views import nav_entries
from relais.render.web.tasks import PagesSpec, build_pages
from relais.render.web.theme import theme_values


def mkdocs_config(content: Content, local: LocalContent, assets: dict[str, str]) -> dict:
    """The language's MkDocs configuration, without folders (the task adds them)."""
    site = local.site
    lang = local.lang
    plain = Directions.of_site(content.languages, lang).plain  # no markup in titles: LTR runs get isolates
    return {
        "site_name": plain(site.name),
        "site_url": f"{site.base_url.rstrip('/')}/{lang}/",
        "site_description": plain(site.tagline),
        "site_author": str(site.publisher.name),
        "strict": True,
        "theme": {"language": lang, "direction": local.language.direction},  # body dir: site.yml's, not Material's
        "plugins": [{"search": {"lang": [lang]}}],
        "extra_css": [assets["css"]],
        "extra": {
            # Material shows its language switcher only when this is set; theme/overrides draws the links.
            "alternate": [{"name": lg.name, "link": f"../{lg.code}/", "lang": lg.code} for lg in content.languages],
            "relais": theme_values(content, local, assets),
        },
        "nav": [{plain(title): path} for title, path in nav_entries(local)],
    }


def pages_task(content: Content, lang: str, project: Project, docs: dict[str, bytes], linked: list[str],
               config: dict, code: str) -> Task:
    overrides_dir = project.theme_dir / "overrides"
    overrides = tuple((p.relative_to(overrides_dir).as_posix(), p.read_bytes())
                      for p in sorted(overrides_dir.rglob("*")) if p.is_file())
    base = project.mkdocs_yml.read_text(encoding="utf-8")
    bytecode = project.cache_dir / "jinja"
    bytecode.mkdir(parents=True, exist_ok=True)
    spec = PagesSpec(lang, tuple(lg.code for lg in content.languages), tuple(sorted(docs.items())),
                     tuple(sorted(linked)), config, overrides, base, str(bytecode))
    inputs = (("pages and assets", digest(spec.docs)), ("linked files", digest(spec.linked)),
              ("MkDocs configuration", digest(config)), ("theme overrides", digest(overrides)),
              ("mkdocs.yml", digest(base)), ("languages", digest(spec.languages)), ("code and tools", code))
    return Task(f"{lang}/pages", "pages", build_pages, spec, inputs)

