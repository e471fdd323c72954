"""``new edition ID``: a local edition that passes ``check`` at once, with a TODO in every text to replace.

Written as commented YAML (not dumped from the model) so that a prefecture's editor sees, next to each
field, what to put there, and examples of the optional ones (accounts, local numbers, an alert banner).
"""

from __future__ import annotations

import sys

from relais.diagnostics import ContentError
from relais.editions import FOLDER
from relais.pipeline import read
from relais.project import Project
from relais.scaffold import PLACEHOLDER, SLUG

TEMPLATE = """\
# yaml-language-server: $schema=../../schemas/edition.schema.json
# Local edition '{id}': what differs from the national kit. Everything not written here (guides, case
# studies, pages, national numbers and accounts) comes from the national kit at every build.
# Replace every {todo}, then run: python build.py check
id: {id}
name: "{todo}: Relais #SMEM – Préfecture de …"
publisher:
  name: "{todo}: Préfecture de …"
  url: "https://{todo_host}.invalid/"   # {todo}: the prefecture's own website (.invalid: refused by --release)
# logo: assets/editions/{id}.svg          # an SVG in content/, checked like the national logo
base_url: "{base}"
languages: [{languages}]
# Local official accounts, shown before the national ones (x, facebook, instagram, linkedin, mastodon,
# bluesky, threads, youtube, whatsapp, telegram):
accounts: []
#  - id: prefecture-x
#    network: x
#    handle: "@Prefet00"
#    url: "https://x.com/Prefet00"
#    owner: "Préfecture de …"
# Local contacts, shown after the national emergency numbers:
emergency_numbers: []
#  - id: information-line
#    number: "03 00 00 00 00"
#    label: "Cellule d’information du public, ouverte pendant une crise"
# hashtags: ["#SMEM", "#…"]               # default: the national ones
# guides: [{guides}]   # the national guides carried, in this order (default: all)
"""

TRANSLATION = """\
# yaml-language-server: $schema=../../../../schemas/edition.translation.schema.json
name: "{todo}: Relais #SMEM – …"
publisher:
  name: "{todo}: …"
"""


def new_edition(project: Project, slug: str) -> int:
    if not SLUG.match(slug):
        print(f"error: '{slug}' is not a valid id; use lowercase words joined by hyphens, e.g. 'meurthe-et-moselle'",
              file=sys.stderr)
        return 2
    content, _, _ = read(project)
    target = project.content_dir / FOLDER / f"{slug}.yml"
    if target.exists():
        print(f"error: {target.relative_to(project.root)} already exists; choose another name", file=sys.stderr)
        return 2
    base = f"{content.site.base_url.rstrip('/')}/{FOLDER}/{slug}/"
    written = [target]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(TEMPLATE.format(id=slug, todo=PLACEHOLDER, todo_host=PLACEHOLDER.lower(), base=base,
                                      languages=", ".join(lg.code for lg in content.languages),
                                      guides=", ".join(g.id for g in content.guides)), encoding="utf-8")
    for lang in content.languages:
        if lang.code != content.site.default_language:
            path = project.content_dir / "translations" / lang.code / FOLDER / f"{slug}.yml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(TRANSLATION.format(todo=PLACEHOLDER), encoding="utf-8")
            written.append(path)
    try:
        read(project)
        _stamp(project, slug, [lang.code for lang in content.languages if lang.code != content.site.default_language])
    except ContentError as exc:  # the scaffold must pass: if it does not, it is our bug, not the editor's
        for path in written:
            path.unlink()
        raise RuntimeError(f"the new edition does not pass check: {exc.report.errors[:3]}") from exc
    for path in written:
        print(f"created {path.relative_to(project.root)}")
    print(f"Replace every '{PLACEHOLDER}' text, then run: python build.py check")
    return 0


def _stamp(project: Project, slug: str, langs: list[str]) -> None:
    """Record the French texts the new translations stand for, so that they are not reported as having no
    record (their TODOs are already what ``check`` and ``--release`` point at)."""
    from relais.i18n.stamp import stamp
    from relais.i18n.workspace import open_workspace

    ws = open_workspace(project)  # each language stamps files of its own: one reading of the content serves all
    for lang in langs:
        stamp(ws, lang, [f"{FOLDER}/{slug}.yml"], False)
