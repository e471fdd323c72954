"""Command line: build, check, serve, new guide, i18n. Editors see diagnostics, never tracebacks."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from relais.diagnostics import ContentError, Report
from relais.i18n.cli import add_parser as add_i18n_parser, status_lines
from relais.project import Project
from relais.system import system_problems


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Relais: turn the guidance written in content/*.yml into a website, infographics and leaflets.",
    )
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="project folder (default: this repository)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("build", help="check the content, then build the whole site into site/ (replaced only on success)")
    commands.add_parser("check", help="check the content and list every mistake as file:line:col, without building")
    serve = commands.add_parser("serve", help="build, serve on http://127.0.0.1:8000 and rebuild when content changes")
    serve.add_argument("--port", type=int, default=8000)
    new = commands.add_parser("new", help="create a new content file, ready to fill in every language")
    new.add_argument("what", choices=["guide"])
    new.add_argument("slug", help="identifier and file name, e.g. 'heatwave' (lowercase words joined by hyphens)")
    commands.add_parser("schemas", help="write the JSON Schemas used by editors for autocompletion into schemas/")
    add_i18n_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    project = Project(args.project.resolve())
    if args.command in ("build", "serve"):
        problems = system_problems()
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 1
    try:
        return _run(args, project)
    except ContentError as exc:
        _print_report(exc.report)
        print(f"\n{len(exc.report.errors)} error(s): nothing was built; site/ is unchanged.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # an editor sees one sentence; developers set RELAIS_DEBUG=1 for the traceback
        if os.environ.get("RELAIS_DEBUG"):
            raise
        print(f"internal error: {type(exc).__name__}: {exc}\nNothing was published: site/ is unchanged. "
              "Please report this (set RELAIS_DEBUG=1 to see the details).", file=sys.stderr)
        return 3


def _run(args: argparse.Namespace, project: Project) -> int:
    if args.command == "check":
        from relais.pipeline import check
        content, report = check(project)
        _print_report(report)
        print(f"OK: {len(content.guides)} guides, {len(content.case_studies)} case studies, "
              f"{len(content.pages)} pages in {len(content.languages)} languages.")
        for line in status_lines(content):
            print(f"Translation {line}")
        return 0
    if args.command == "build":
        from relais.pipeline import build
        build(project)
        return 0
    if args.command == "serve":
        from relais.serve import serve
        return serve(project, args.port)
    if args.command == "new":
        from relais.scaffold import new_guide
        return new_guide(project, args.slug)
    if args.command == "i18n":
        from relais.i18n.cli import run as run_i18n
        return run_i18n(args, project)
    if args.command == "schemas":
        from relais.schema import write_schemas
        for path in write_schemas(project):
            print(f"wrote {path.relative_to(project.root)}")
        return 0
    return 2


def _print_report(report: Report) -> None:
    for diagnostic in report.errors + report.warnings:
        print(diagnostic, file=sys.stderr)
