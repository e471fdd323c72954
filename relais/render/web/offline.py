"""The offline copy: the site with links to files (``guides/prepare.html``, not ``guides/prepare/``), so it works
opened from disk with no server, zipped deterministically into ``site/``.

It is derived from the published pages, not built a second time by MkDocs: each page moves from
``<folder>/index.html`` to ``<folder>.html`` and every relative link in it is resolved from the old place and
written again from the new one (a folder link becomes the page file). Search still works from disk: relais.js
reads ``search/search_index.js`` through a <script> tag. Material's ``offline`` plugin is not used: it adds a
script from unpkg.com (a third party) to every page.
"""

from __future__ import annotations

import io
import json
import posixpath
import re
import zipfile
from urllib.parse import urlsplit

# Files that make no sense from disk: the 404 page and sitemaps use absolute addresses.
NOT_OFFLINE = ("404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json")
# Already compressed: stored as they are (deflating them again costs time and saves nothing).
STORED = (".png", ".jpg", ".jpeg", ".pdf", ".woff2", ".zip", ".gz")
_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_INDEX = "var __index = "


def file_path(path: str) -> str:
    """A page's folder address as a file address: ``guides/prepare/`` -> ``guides/prepare.html``."""
    return path.rstrip("/") + ".html" if path.strip("/") else "index.html"


def _moved(name: str) -> str:
    """Where a published file goes in the offline copy (paths relative to the site root)."""
    folder, _, base = name.rpartition("/")
    if base != "index.html" or folder.count("/") == 0:  # language front pages stay <lang>/index.html
        return name
    return folder + ".html"


def _target(folder: str, languages: frozenset[str]) -> str:
    """The file a folder link leads to: a language's (or the site's) front page, else the page file."""
    return posixpath.join(folder, "index.html") if folder in ("", *languages) else folder + ".html"


def rewrite_links(html: str, old: str, new: str, languages: frozenset[str]) -> str:
    """Relative links of a page that moves from ``old`` to ``new`` (both relative to the site root)."""
    base_old, base_new = posixpath.dirname(old), posixpath.dirname(new)

    def one(match: re.Match) -> str:
        url = match.group(2)
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith(("#", "/")) or not url:
            return match.group(0)
        path = parts.path
        target = posixpath.normpath(posixpath.join(base_old, path))
        target = "" if target == "." else target
        if path.rsplit("/", 1)[-1] in ("", ".", ".."):  # a folder: its page file
            target = _target(target, languages)
        link = posixpath.relpath(target, base_new or ".")
        link += f"?{parts.query}" if parts.query else ""
        link += f"#{parts.fragment}" if parts.fragment else ""
        return match.group(1) + link + match.group(3)

    return _LINK.sub(one, html)


def _search_index(script: str) -> str:
    """``search_index.js`` with file locations (relative to the language folder)."""
    data = json.loads(script.removeprefix(_INDEX).rstrip().rstrip(";"))
    for doc in data["docs"]:
        path, hash_, fragment = doc["location"].partition("#")
        doc["location"] = file_path(path) + hash_ + fragment
    return _INDEX + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n"


def offline_files(files: dict[str, bytes], languages: frozenset[str]) -> dict[str, bytes]:
    """The offline copy of published files (paths relative to the site root)."""
    result = {}
    for name, data in files.items():
        lang, _, inner = name.partition("/")
        if lang in languages and inner in NOT_OFFLINE:
            continue
        new = _moved(name)
        if name.endswith(".html"):
            data = rewrite_links(data.decode("utf-8"), name, new, languages).encode("utf-8")
        elif name.endswith("search/search_index.js"):
            data = _search_index(data.decode("utf-8")).encode("utf-8")
        result[new] = data
    return result


def zip_files(files: dict[str, bytes], prefix: str, date: str) -> bytes:
    """Same files, same bytes: sorted entries, one fixed date (the content's), fixed permissions."""
    stamp = (*(int(part) for part in date.split("-")), 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{prefix}/{name}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED if name.endswith(STORED) else zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()
