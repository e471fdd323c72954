"""A page's download list: per infographic, one entry a size with its PNG and SVG side by side, and for a
carousel one entry a slide that says what it holds ("1/3 – Abonnez-vous et Activez les alertes"); then the
print documents. Link-preview cards are left out: they are for the networks' previews, not for posting.

The links read "PNG" and "SVG" on screen, which is enough beside their size; screen readers, which also
list the links of a page out of their context, get the whole name ("Image PNG 1080×1350 – 1/3").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from typing import Any, Callable

from babel.lists import format_list
from babel.numbers import format_decimal

from relais.content import LocalContent
from relais.render.outputs import Download, MediaFile

PRINT_LABELS = {"a4": "leaflet", "a5": "flyer", "a3": "poster"}
FORMAT_ORDER = {"png": 0, "svg": 1, "jpg": 2}  # the picture to post first, then the one to adapt
# An infographic named by what it shows where the page has a heading for it; else "Infographie N".
LAYOUT_LABELS = {"timeline": "timeline", "key-figures": "key_figures"}


@dataclass(frozen=True)
class Entry:
    """An entry of the list: an infographic, one of its sizes or a slide; its own links, or entries below it."""

    label: str
    files: list[Download] = field(default_factory=list)
    entries: list["Entry"] = field(default_factory=list)


def kilobytes(size: int, local: LocalContent) -> str:
    return f"{format_decimal(max(1, round(size / 1024)), locale=local.language.locale)} {local.labels.kilobytes}"


def image_entries(model: Any, media: list[MediaFile], local: LocalContent, href: Callable[[str], str]) -> list[Entry]:
    """The infographics of ``model``, in the page's order; under one entry each when there are several
    ("Chronologie", or "Infographie 2"), so that no two entries read the same."""
    infographics = list(getattr(model, "infographics", []))
    entries = []
    for number, infographic in enumerate(infographics, 1):
        title = _title(infographic, infographics, number, local.labels) if len(infographics) > 1 else ""
        own = sorted((m for m in media if m.infographic_id == infographic.id), key=_by_size)
        sizes = [_size_entry(list(files), local, href, f" – {title}" if title else "")
                 for _, files in groupby(own, key=lambda m: (m.width, m.height))]
        entries += [Entry(title, entries=sizes)] if title and sizes else sizes
    return entries


def _title(infographic: Any, infographics: list, number: int, labels: Any) -> str:
    """The page's heading for what it shows (a timeline), when no other infographic shares it; else its number."""
    label = LAYOUT_LABELS.get(infographic.layout)
    if label and [i.layout for i in infographics].count(infographic.layout) == 1:
        return str(getattr(labels, label))
    return f"{labels.infographic} {number}"


def _by_size(m: MediaFile) -> tuple:
    return (m.width, m.height, m.slide, FORMAT_ORDER.get(m.fmt, 9))


def _size_entry(files: list[MediaFile], local: LocalContent, href: Callable[[str], str], context: str) -> Entry:
    size = f"{files[0].width}×{files[0].height}"
    if not files[0].slides:
        return Entry(size, files=[_link(m, local, href, f"{size}{context}") for m in files])
    slides = []
    for number, own in groupby(files, key=lambda m: m.slide):
        own = list(own)
        holds = format_list(list(own[0].holds), locale=local.language.locale) if own[0].holds else ""
        counter = f"{number}/{own[0].slides}"
        slides.append(Entry(f"{counter} – {holds}" if holds else counter,
                            files=[_link(m, local, href, f"{size} – {counter}{context}") for m in own]))
    return Entry(size, entries=slides)


def _link(m: MediaFile, local: LocalContent, href: Callable[[str], str], context: str) -> Download:
    kind = {"png": local.labels.image, "svg": local.labels.vector_image}.get(m.fmt, m.fmt.upper())
    return Download(label=m.fmt.upper(), href=href(m.path), size=kilobytes(m.size_bytes, local), fmt=m.fmt.upper(),
                    name=f"{kind} {context}")


def print_downloads(kind: str, page_id: str, prints: list, local: LocalContent,
                    href: Callable[[str], str]) -> list[Download]:
    labels = local.labels
    result = []
    for doc in sorted((d for d in prints if d.page_id == page_id), key=lambda d: (d.edition != "office", d.fmt)):
        name = getattr(labels, "handout" if kind == "case-study" else PRINT_LABELS[doc.fmt])
        if doc.edition != "office":
            name = f"{name} – {labels.press_edition}"  # a dash, not a Latin comma in Arabic
        result.append(Download(label=name, href=href(doc.path), size=kilobytes(doc.size_bytes, local), fmt="PDF"))
    return result
