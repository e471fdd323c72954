"""The offline copy: every language built once more with links to files (``page.html``, not ``page/``),
so it works opened from disk with no server, then zipped deterministically into ``site/``.

Material's ``offline`` plugin is not used: it adds a script from unpkg.com (a third party) to every page.
Search still works from disk: relais.js reads ``search/search_index.js`` through a <script> tag.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from relais.content import Content
from relais.project import Project
from relais.render.web.root import bundle_name, write_root

# Files that make no sense from disk: the 404 page and sitemaps use absolute addresses.
NOT_OFFLINE = ("404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json")


def file_path(path: str) -> str:
    """A page's folder address as a file address: ``guides/prepare/`` -> ``guides/prepare.html``."""
    return path.rstrip("/") + ".html" if path else "index.html"


def offline_config(config: dict, site_dir: Path) -> dict:
    """The online build's MkDocs config, with file links and its own output folder."""
    relais = config["extra"]["relais"]
    extra = {**config["extra"], "relais": {**relais, "offline": True, "statement_path": file_path(relais["statement_path"])}}
    return {**config, "site_dir": str(site_dir), "use_directory_urls": False, "extra": extra}


def write_offline_bundle(content: Content, project: Project, stage: Path) -> Path:
    """Zip ``stage/offline`` (filled by the language builds) with its own front door into ``stage/site``."""
    offline = stage / "offline"
    write_root(content, project.theme_dir / "root", offline, offline=True)
    for lang in content.languages:
        for name in NOT_OFFLINE:
            (offline / lang.code / name).unlink(missing_ok=True)
    target = stage / "site" / bundle_name(content)
    zip_folder(offline, target, target.stem, content.site.source_date)
    return target


def zip_folder(folder: Path, target: Path, prefix: str, date: str) -> None:
    """Same files, same bytes: sorted entries, one fixed date (the content's), fixed permissions."""
    stamp = (*(int(part) for part in date.split("-")), 0, 0, 0)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{prefix}/{path.relative_to(folder).as_posix()}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)
