"""``python build.py i18n ...``: the translation workflow on the command line."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from relais.project import Project
from relais.i18n.status import counts_line

if TYPE_CHECKING:  # the workspace loads every model: only when a command runs, so '--help' stays quick
    from relais.i18n.workspace import Workspace


def add_parser(commands) -> None:
    i18n = commands.add_parser("i18n", help="translation workflow: status, stamp, PO export and import")
    actions = i18n.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("status", help="complete / missing / outdated translations, per language")
    stamp = actions.add_parser("stamp", help="record that translations match the current source (after review)")
    stamp.add_argument("--lang", required=True)
    stamp.add_argument("--all", dest="everything", action="store_true",
                       help="also stamp outdated translations left unchanged (the source change needs no new translation)")
    stamp.add_argument("fields", nargs="*", metavar="FILE[:KEY]",
                       help="stamp only these, e.g. guides/prepare.yml:items.follow-official-accounts.title")
    export = actions.add_parser("export", help="write a PO file for translators")
    export.add_argument("--lang", required=True)
    export.add_argument("--output", required=True, type=Path)
    imported = actions.add_parser("import", help="check a translated PO file and write it into content/translations/")
    imported.add_argument("path", type=Path)
    imported.add_argument("--lang", help="language of the file (default: the 'Language' of the PO header)")
    imported.add_argument("--dry-run", action="store_true", help="check only, write nothing")


def status_lines(content) -> list[str]:
    """One ``complete / missing / outdated`` line per translated language of a checked ``Content``."""
    return [counts_line(lang.code, [s for (code, _), catalogue in content.catalogues.items() if code == lang.code
                                    for s in catalogue.states.values()])
            for lang in content.languages if lang.code != content.site.default_language]


def run(args: argparse.Namespace, project: Project) -> int:
    from relais.i18n.workspace import open_workspace
    ws = open_workspace(project)
    if args.action == "status":  # from the files as they are, so a language in progress shows too
        listed = {lg.code for lg in ws.site.languages}
        for lang in ws.languages():
            print(counts_line(lang, ws.states(lang)) + ("" if lang in listed else " (not in site.yml yet)"))
        return 0
    if args.lang is not None and not _usable_language(ws, args.lang):
        return 2
    return {"stamp": _stamp, "export": _export, "import": _import}[args.action](ws, args)


def _usable_language(ws: Workspace, lang: str) -> bool:
    problem = None
    if not re.fullmatch(r"[a-z]{2}", lang):
        problem = f"'{lang}' is not a language code; use two lowercase letters, e.g. de"
    elif lang == ws.site.default_language:
        problem = f"'{lang}' is the default language: the source files hold it, there is nothing to translate"
    if problem:
        print(f"error: {problem}", file=sys.stderr)
    return problem is None


def _stamp(ws: Workspace, args: argparse.Namespace) -> int:
    from relais.i18n.stamp import stamp
    if args.lang not in ws.loaded.translations:
        print(f"error: no translations in content/translations/{args.lang}/", file=sys.stderr)
        return 2
    result = stamp(ws, args.lang, args.fields, args.everything)
    for target in result.unknown_targets:
        print(f"error: no text '{target}' in the source files; name a file (guides/prepare.yml) or a field "
              f"(guides/prepare.yml:title), as 'check' prints them", file=sys.stderr)
    if result.unknown_targets:
        return 2
    command = f"python build.py i18n stamp --lang {args.lang}"
    for where, text in result.still_outdated:
        print(f"{where}: warning: '{text.context}' is still outdated (unchanged since its last stamp); update it and run "
              f"'{command}', or if it is still right: '{command} {text.context}'", file=sys.stderr)
    print(f"stamped {result.count} translation(s)" + (f" in {', '.join(result.files)}" if result.files else ""))
    return 0


def _export(ws: Workspace, args: argparse.Namespace) -> int:
    from relais.i18n.po_export import export_po
    from relais.i18n.yamlfile import write_atomic
    write_atomic(args.output, export_po(ws, args.lang))
    print(f"wrote {args.output}")
    return 0


def _import(ws: Workspace, args: argparse.Namespace) -> int:
    from relais.i18n.po_import import import_po
    result = import_po(ws, args.path, args.lang, args.dry_run)
    for problem in sorted(result.problems, key=lambda p: p.line):
        print(f"{args.path}:{problem.line}: {problem.severity}: {problem.message}", file=sys.stderr)
    errors = sum(p.severity == "error" for p in result.problems)
    if errors:
        print(f"\n{errors} error(s): nothing was written.", file=sys.stderr)
        return 1
    count = sum(len(entries) for entries in result.entries.values())
    verb = "checked" if args.dry_run else "imported"
    print(f"{verb} {count} translation(s) into '{result.lang}'" +
          (f"; updated {', '.join(result.written)}" if result.written else "; no file changed"))
    return 0
