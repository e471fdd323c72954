"""Command line: build, check, serve, new guide / edition, i18n. Editors see diagnostics, never tracebacks."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from relais.diagnostics import ContentError, Report
from relais.engine.executor import ExecutorError
from relais.i18n.cli import add_parser as add_i18n_parser, status_lines
from relais.project import Project
from relais.system import system_problems


RELEASE_HELP = ("for publishing: also refuse placeholders, i.e. example domains (example.org, *.test, localhost...) "
                "in any address, the TODO texts of 'new guide' and 'new edition', and the demonstration edition, "
                "so that no printed QR code points nowhere")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Relais: turn the guidance written in content/*.yml into a website, infographics and leaflets.",
    )
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="project folder (default: this repository)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = commands.add_parser("build", help="check the content, then build the whole site into site/ (replaced only "
                                              "on success); only what changed is made again")
    build.add_argument("--dry-run", action="store_true", help="list what would be made again and why, build nothing")
    build.add_argument("--edition", metavar="ID", help="build the national site and this local edition only "
                                                      "(default: every edition); the others stay as published")
    build.add_argument("--release", action="store_true", help=RELEASE_HELP)
    _add_engine_options(build)
    check = commands.add_parser("check", help="check the content and list every mistake as file:line:col, without "
                                              "building (text fitting in every image and leaflet included)")
    check.add_argument("--release", action="store_true", help=RELEASE_HELP)
    _add_engine_options(check)
    serve = commands.add_parser("serve", help="build, serve on http://127.0.0.1:8000 and rebuild when content changes")
    serve.add_argument("--port", type=int, default=8000)
    _add_engine_options(serve)
    new = commands.add_parser("new", help="create a new content file, ready to fill in every language")
    new.add_argument("what", choices=["guide", "edition"])
    new.add_argument("slug", help="identifier and file name, e.g. 'heatwave' or 'meurthe-et-moselle' "
                                  "(lowercase words joined by hyphens)")
    commands.add_parser("schemas", help="write the JSON Schemas used by editors for autocompletion into schemas/")
    add_i18n_parser(commands)
    return parser


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of workers; write 1 or more")
    return int(value)


def _add_engine_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", type=_positive, metavar="N",
                        help="worker processes (default: one per CPU this process may use; 1: no workers)")
    parser.add_argument("--executor", default="local", metavar="WHERE",
                        help="'local' (default) or dask://HOST:PORT to send the work to a Dask cluster")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    project = Project(args.project.resolve())
    if args.command in ("build", "serve") and not getattr(args, "dry_run", False):
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
    except ExecutorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except ModuleNotFoundError as exc:  # a Python without the pinned dependencies (not the project's .venv)
        print(f"error: the Python package '{exc.name}' is not installed for {sys.executable}; run 'make site' "
              "once, then use .venv/bin/python build.py (or the make commands)", file=sys.stderr)
        return 2
    except Exception as exc:  # an editor sees one sentence; developers set RELAIS_DEBUG=1 for the traceback
        if os.environ.get("RELAIS_DEBUG"):
            raise
        print(f"internal error: {type(exc).__name__}: {exc}\nNothing was published: site/ is unchanged. "
              "Please report this (set RELAIS_DEBUG=1 to see the details).", file=sys.stderr)
        return 3


def _engine(args: argparse.Namespace, project: Project):
    from relais.engine.cache import Cache
    from relais.engine.runner import Engine

    engine = Engine(Cache(project.cache_dir / "results"), executor_name=args.executor, jobs=args.jobs)
    if args.executor.startswith("dask://"):
        engine.executor()  # connect first: a wrong address is said before any work is done
    return engine


def _run(args: argparse.Namespace, project: Project) -> int:
    if args.command == "check":
        from relais.pipeline import check
        engine = _engine(args, project)
        try:
            content, report = check(project, engine, release=args.release)
        finally:
            engine.close()
        _print_report(report)
        print(f"OK: {len(content.guides)} guides, {len(content.case_studies)} case studies, "
              f"{len(content.pages)} pages in {len(content.languages)} languages; every image and leaflet fits.")
        for line in status_lines(content):
            print(f"Translation {line}")
        return 0
    if args.command == "build":
        return _build(args, project)
    if args.command == "serve":
        from relais.serve import serve
        return serve(project, args.port, _engine(args, project))
    if args.command == "new":
        if args.what == "edition":
            from relais.scaffold_edition import new_edition
            return new_edition(project, args.slug)
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


def _build(args: argparse.Namespace, project: Project) -> int:
    engine = _engine(args, project)
    if args.dry_run:
        from relais.dryrun import dry_run
        print("\n".join(dry_run(project, engine.cache, release=args.release)))
        return 0
    from relais.pipeline import build
    started = time.perf_counter()
    try:
        built = build(project, engine, edition=args.edition, release=args.release)
    finally:
        engine.close()
    _print_report(built.report)
    print(f"Done: {project.site_dir} ({len(built.files)} files; {engine.summary()}) "
          f"in {time.perf_counter() - started:.1f} s")
    return 0


def _print_report(report: Report) -> None:
    for diagnostic in report.errors + report.warnings:
        print(diagnostic, file=sys.stderr)
