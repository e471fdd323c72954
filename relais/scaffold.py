"""``new guide SLUG``: a guide that passes ``check`` at once, in every language, ready to be rewritten."""

from __future__ import annotations

import re
import sys

import yaml

from relais.pipeline import check
from relais.project import Project
from relais.release import PLACEHOLDER
from relais.translations import translatable_fields
from relais.models import Guide

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _draft(slug: str, order: int) -> dict:
    """Source fields of the new guide; every text says what to write in its place."""
    item = lambda n: {"id": f"advice-{n}", "icon": "material/check-circle", "title": f"{PLACEHOLDER} advice {n} title",
                      "text": f"{PLACEHOLDER}: one or two short sentences for advice {n}."}
    return {
        "id": slug, "order": order, "phase": "prepare", "icon": "material/information-outline",
        "title": f"{PLACEHOLDER}: title of the guide", "key_message": f"{PLACEHOLDER}: the one line to remember.",
        "summary": f"{PLACEHOLDER}: two to four sentences that introduce the guide.",
        "items": [item(1), item(2), item(3)],
        "infographics": [{"id": "checklist", "layout": "checklist",
                          "alt": f"{PLACEHOLDER}: describe the whole infographic, title and every advice."}],
        "sources": [{"id": "source", "title": f"{PLACEHOLDER}: title of the source document", "publisher": PLACEHOLDER}],
    }


def _translation(guide: Guide) -> dict:
    """Same texts under the same stable keys, nested the way translation files are."""
    tree: dict = {}
    for key, _, value in translatable_fields(guide):
        node = tree
        for part in key[:-1]:
            node = node.setdefault(part, {})
        node[key[-1]] = str(value)
    return tree


def _dump(header: str, data: dict) -> str:
    return f"# yaml-language-server: $schema={header}\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)


def new_guide(project: Project, slug: str) -> int:
    if not SLUG.match(slug):
        print(f"error: '{slug}' is not a valid id; use lowercase words joined by hyphens, e.g. 'heatwave'", file=sys.stderr)
        return 2
    content, _ = check(project)
    target = project.content_dir / "guides" / f"{slug}.yml"
    if target.exists():
        print(f"error: {target.relative_to(project.root)} already exists; choose another name", file=sys.stderr)
        return 2
    draft = Guide.model_validate(_draft(slug, max((g.order for g in content.guides), default=0) + 1))
    written = [target]
    target.write_text(_dump("../../schemas/guide.schema.json", draft.model_dump(exclude_defaults=True)), encoding="utf-8")
    for lang in content.languages:
        if lang.code == content.site.default_language:
            continue
        path = project.content_dir / "translations" / lang.code / "guides" / f"{slug}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_dump("../../../../schemas/guide.translation.schema.json", _translation(draft)), encoding="utf-8")
        written.append(path)
    for path in written:
        print(f"created {path.relative_to(project.root)}")
    print(f"Replace every '{PLACEHOLDER}' text, then run: python build.py check")
    return 0
