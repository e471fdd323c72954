"""Load stage: find the content files and parse them, keeping every position for error messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from relais.diagnostics import Report
from relais.source import ParseCache, SourceFile, load_yaml

# Folder of a source file -> the kind of content it holds.
ROOT_FILES = {"site.yml": "site", "ui.yml": "ui", "relay.yml": "relay"}
KINDS = {"guides": "guide", "case-studies": "case-study", "pages": "page", "editions": "edition"}


@dataclass
class LoadedFiles:
    """Every parsed content file, by path relative to ``content/``."""

    root: Path
    sources: dict[str, SourceFile] = field(default_factory=dict)
    translations: dict[str, dict[str, SourceFile]] = field(default_factory=dict)  # lang -> relpath -> file


def kind_of(relpath: str) -> str | None:
    folder = relpath.rsplit("/", 1)[0] if "/" in relpath else ""
    if folder == "":
        return ROOT_FILES.get(relpath)
    parts = folder.split("/")
    if len(parts) == 3 and parts[0] == "editions" and parts[2] == "guides":  # an edition's own guides
        return "edition-guide"
    return KINDS.get(folder)


def edition_of(relpath: str) -> str | None:
    """The edition a local guide belongs to (``editions/<id>/guides/x.yml``), else None."""
    return relpath.split("/")[1] if kind_of(relpath) == "edition-guide" else None


def load_files(content_dir: Path, project_dir: Path, report: Report, cache: ParseCache | None = None) -> LoadedFiles:
    """Parse every ``.yml`` file under ``content_dir``; reports misplaced files instead of ignoring them."""
    loaded = LoadedFiles(root=content_dir)
    if not (content_dir / "site.yml").is_file():
        report.add(_display(content_dir / "site.yml", project_dir), 1, 1, "site.yml is missing; every kit needs one")
    if not (content_dir / "ui.yml").is_file():
        report.add(_display(content_dir / "ui.yml", project_dir), 1, 1, "ui.yml (the interface labels) is missing; copy it from the default kit")
    root = content_dir.resolve()
    for path in sorted(content_dir.rglob("*.y*ml")):
        relpath = path.relative_to(content_dir).as_posix()
        display = _display(path, project_dir)
        if path.suffix == ".yaml":
            report.add(display, 1, 1, "rename this file with the .yml extension so that it is read")
            continue
        if not path.resolve().is_relative_to(root):  # a symbolic link could make the build read any file
            report.add(display, 1, 1, "this file is a link to a file outside content/; copy the file into content/ instead")
            continue
        if not path.is_file():
            report.add(display, 1, 1, "this is not a readable file (a folder or a broken link?); remove or rename it")
            continue
        parts = relpath.split("/")
        if parts[0] == "translations" and len(parts) > 2:
            loaded.translations.setdefault(parts[1], {})["/".join(parts[2:])] = load_yaml(path, display, report, cache)
        elif kind_of(relpath):
            loaded.sources[relpath] = load_yaml(path, display, report, cache)
        else:
            report.add(display, 1, 1, "this file is in no known folder (guides/, case-studies/, pages/, editions/, editions/<id>/guides/, "
                                       "translations/<lang>/); move it")
    return loaded


def _display(path: Path, project_dir: Path) -> str:
    try:
        return path.relative_to(project_dir).as_posix()
    except ValueError:
        return path.as_posix()
