"""Ready values for the page templates: every label chosen, every link and size computed here."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from ..content import LocalContent
from ..translations import translatable_fields
from ..urls import markdown_path, page_path
from .outputs import Download, MediaFile

PRINT_LABELS = {"a4": "leaflet", "a5": "flyer", "a3": "poster"}


@dataclass
class PageView:
    """What one page template receives."""

    kind: str
    model: Any  # the localised Guide / CaseStudy / Page, or None for the home page
    md_path: str
    title: str
    description: str
    fallback: bool
    figures: list[MediaFile] = field(default_factory=list)
    downloads: list[Download] = field(default_factory=list)

    def href(self, target: str) -> str:
        """Link from this page's Markdown file to another file of the docs folder."""
        return posixpath.relpath(target, posixpath.dirname(self.md_path) or ".")


def kilobytes(size: int, local: LocalContent) -> str:
    return f"{max(1, round(size / 1024))} {local.labels.kilobytes}"


def build_view(kind: str, model: Any, local: LocalContent, media: list[MediaFile], prints: list) -> PageView:
    view = PageView(kind=kind, model=model, md_path=markdown_path(kind, model.id), title=model.title,
                    description=model.key_message, fallback=_has_fallback(model))
    own_media = [m for m in media if m.page_id == model.id]
    view.figures = [m for m in own_media if m.fmt == "png" and (m.width, m.height) == (1080, 1080)]
    view.downloads = _media_downloads(view, own_media, local) + _print_downloads(view, model.id, prints, local)
    return view


def _has_fallback(model: Any) -> bool:
    return any(getattr(text, "fallback", False) for _, _, text in translatable_fields(model))


def _media_downloads(view: PageView, media: list[MediaFile], local: LocalContent) -> list[Download]:
    labels = local.labels
    result = []
    for m in sorted(media, key=lambda m: (m.infographic_id, m.fmt != "png", m.width, m.height)):
        name = labels.vector_image if m.fmt == "svg" else f"{labels.image if m.fmt == 'png' else 'JPEG'} {m.width}×{m.height}"
        result.append(Download(label=name, href=view.href(m.path), size=kilobytes(m.size_bytes, local), fmt=m.fmt.upper()))
    return result


def _print_downloads(view: PageView, page_id: str, prints: list, local: LocalContent) -> list[Download]:
    labels = local.labels
    result = []
    for doc in sorted((d for d in prints if d.page_id == page_id), key=lambda d: (d.edition != "office", d.fmt)):
        name = getattr(labels, "handout" if view.kind == "case-study" else PRINT_LABELS[doc.fmt])
        if doc.edition != "office":
            name = f"{name}, {labels.press_edition}"
        result.append(Download(label=name, href=view.href(doc.path), size=kilobytes(doc.size_bytes, local), fmt="PDF"))
    return result


def home_view(local: LocalContent) -> PageView:
    site = local.site
    return PageView(kind="home", model=None, md_path="index.md", title=site.name, description=site.tagline,
                    fallback=any(getattr(t, "fallback", False) for _, _, t in translatable_fields(site)))


def nav_entries(local: LocalContent) -> list[tuple[str, str]]:
    """(title, markdown path) for the navigation, in reading order."""
    entries = [(str(local.labels.home), "index.md")]
    entries += [(str(g.title), markdown_path("guide", g.id)) for g in local.guides]
    entries += [(str(c.title), markdown_path("case-study", c.id)) for c in local.case_studies]
    entries += [(str(p.title), markdown_path("page", p.id)) for p in local.pages]
    return entries


def page_url(kind: str, page_id: str) -> str:
    return page_path(kind, page_id)
