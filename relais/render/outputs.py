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
    alt: str  # a carousel slide's says which slide it is and what it shows
    slide: int = 0  # a carousel slide's number (from 1); 0: a single image
    slides: int = 0  # how many slides its carousel has
    holds: tuple[str, ...] = ()  # a slide's item titles, in order


@dataclass(frozen=True)
class Download:
    """A link in a page's download panel."""

    label: str
    href: str
    size: str
    fmt: str
    name: str = ""  # what screen readers read when the label needs its context ("PNG" -> "Image PNG 1080×1080")
