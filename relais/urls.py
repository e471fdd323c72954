"""Where every output lives, relative to a language's folder, and its public address."""

from __future__ import annotations

import re

from relais.content import Content

PAGE_FOLDERS = {"guide": "guides", "case-study": "case-studies", "page": ""}


def page_path(kind: str, page_id: str) -> str:
    """Folder of a page inside ``site/<lang>/``, with its trailing slash (``guides/prepare/``)."""
    folder = PAGE_FOLDERS[kind]
    return f"{folder}/{page_id}/" if folder else f"{page_id}/"


def markdown_path(kind: str, page_id: str) -> str:
    """Markdown source of a page inside the language's docs folder."""
    return page_path(kind, page_id).rstrip("/") + ".md"


def media_path(page_id: str, name: str) -> str:
    """An infographic or card file inside ``site/<lang>/`` (``media/prepare/checklist-1080x1080.png``)."""
    return f"media/{page_id}/{name}"


def print_path(page_id: str, lang: str, fmt: str, edition: str = "office") -> str:
    """A print document inside ``site/<lang>/`` (``print/prepare-fr-a4.pdf``, ``...-a4-press.pdf``)."""
    suffix = "" if edition == "office" else f"-{edition}"
    return f"print/{page_id}-{lang}-{fmt}{suffix}.pdf"


def absolute_url(content: Content, lang: str, path: str = "") -> str:
    """Public address of a path inside ``site/<lang>/``."""
    return f"{content.site.base_url.rstrip('/')}/{lang}/{path}"


def short_address(base_url: str, lang: str, path: str = "") -> str:
    """``smem.example.org/fr/guides/prepare``: an address as a reader types it (images print it)."""
    return re.sub(r"^https?://", "", f"{base_url.rstrip('/')}/{lang}/{path}").rstrip("/")
