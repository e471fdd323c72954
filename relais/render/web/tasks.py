"""The web task: one language's pages built by MkDocs (with Material) in a worker, from files in memory.

The spec carries everything: the generated Markdown and assets, the MkDocs configuration (without folders),
the theme overrides and the project's ``mkdocs.yml``. The worker lays them out in a temporary folder, runs
MkDocs, drops what no page loads, and returns the published files and their offline copy. Files that other
tasks make (images, PDFs) are linked from the pages: empty stand-ins let MkDocs check those links, and are
not returned.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from relais.engine.task import Result
from relais.render.web.assets import finish_site
from relais.render.web.offline import offline_files

HOOKS = Path(__file__).with_name("mkdocs_hooks.py")


@dataclass(frozen=True)
class PagesSpec:
    lang: str
    languages: tuple[str, ...]
    docs: tuple[tuple[str, bytes], ...]  # path in the docs folder -> bytes (Markdown, assets)
    linked: tuple[str, ...]  # paths in the docs folder made by other tasks (stand-ins)
    config: dict  # MkDocs configuration; this task adds the folders
    overrides: tuple[tuple[str, bytes], ...]  # theme/overrides/
    base_config: str  # the project's mkdocs.yml (INHERITed)
    bytecode_dir: str | None = None  # Jinja's compiled templates, kept between builds (not an input)


def build_pages(spec: PagesSpec, check: bool) -> Result:
    with tempfile.TemporaryDirectory(prefix="relais-mkdocs-") as folder:
        root = Path(folder)
        docs, site, overrides = root / "docs", root / "site", root / "overrides"
        for base, files in ((docs, spec.docs), (overrides, spec.overrides)):
            for relpath, data in files:
                _write(base / relpath, data)
        for relpath in spec.linked:
            _write(docs / relpath, b"")
        (root / "mkdocs.yml").write_text(spec.base_config, encoding="utf-8")
        config = {"INHERIT": str(root / "mkdocs.yml"), **spec.config, "docs_dir": str(docs), "site_dir": str(site),
                  "theme": {**spec.config["theme"], "custom_dir": str(overrides)}, "hooks": [str(HOOKS)]}
        config.setdefault("extra", {})["relais_bytecode_dir"] = spec.bytecode_dir or ""
        config_path = root / f"mkdocs.{spec.lang}.yml"
        config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        _mkdocs(config_path)
        finish_site(site, rtl=spec.config["extra"]["relais"]["dir"] == "rtl")
        linked = set(spec.linked)
        files = {f"{spec.lang}/{p.relative_to(site).as_posix()}": p.read_bytes()
                 for p in sorted(site.rglob("*")) if p.is_file() and p.relative_to(site).as_posix() not in linked}
    offline = offline_files(files, frozenset(spec.languages))
    return Result(files={**files, **{f"offline/{name}": data for name, data in offline.items()}})


def _mkdocs(config_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    build(load_config(str(config_path)))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
