"""Records of the files the renderers wrote, so pages can link to them with their sizes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MediaFile:
    """An infographic file (PNG, SVG or JPEG) written inside a language folder."""

    page_id: str
    infographic_id: str
    fmt: str  # "png" | "svg" | "jpg"
    width: int
    height: int
    path: str  # relative to the language folder
    size_bytes: int
    alt: str


@dataclass(frozen=True)
class Download:
    """A link in a page's download panel."""

    label: str
    href: str
    size: str
    fmt: str
