"""What a layout draws on: the page an image is made for (``Subject``), the image to make (``Job``) and the
``Canvas`` a layout function receives. Kept apart from ``scene`` so that layouts and scene import one way."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from relais.content import LocalContent
from relais.render.images.formats import Format
from relais.render.images.geometry import Box
from relais.svg import Logo
from relais.render.images.paint import Painter, Palette
from relais.render.images.typeset import Typesetter, Where


@dataclass(frozen=True)
class Subject:
    """The page an image is made for, with the texts the frame shows."""

    kind: str  # "guide" | "case-study" | "page" | "home"
    page_id: str
    relpath: str  # its content file, relative to content/
    model: Any  # the localised model (None for the home page)
    title: str
    message: str
    icon: str | None
    url: str  # short address, without scheme

    @property
    def summary(self) -> str:
        """Its title and key message, as one text (the alt text of its card and covers)."""
        title = str(self.title).rstrip()
        joiner = " " if title.endswith((".", "!", "?", "…", ":")) else ". "
        return f"{title}{joiner}{self.message}"


@dataclass(frozen=True)
class Job:
    subject: Subject
    image_id: str  # the infographic id, or "card"
    layout: str
    alt: str
    fmt: Format

    @property
    def label(self) -> str:
        kind = "card" if self.layout == "card" else "infographic"
        name = self.subject.page_id if self.layout == "card" else self.image_id
        return f"{kind} '{name}' {self.fmt.name}"


@dataclass(frozen=True)
class Slide:
    """One slide of a carousel: a long list split over several images of the same format."""

    index: int  # from 1
    count: int
    ids: tuple[str, ...]  # the items it shows

    @property
    def label(self) -> str:
        return f"{self.index}/{self.count}"


@dataclass
class Canvas:
    """What a layout function works with."""

    job: Job
    local: LocalContent
    painter: Painter
    ts: Typesetter
    content: Box = field(default_factory=lambda: Box(0, 0, 0, 0))
    framed: Any = None  # the frame's values and geometry
    logo: Logo | None = None  # the brand logo, sanitised
    frame_problems: int = 0  # problems found in the frame (before the layout ran)
    density: int = 0  # which of the layout's variants was chosen (0: the richest)
    slide: Slide | None = None  # the part of a carousel this image is, if it is one
    body_cap: float | None = None  # a carousel's slides share one body size: the largest all can take
    body_size: float = 0.0  # the body size the layout drew at (0: not recorded)

    @property
    def items(self) -> list:
        """The page's items this image shows (a carousel slide shows some of them)."""
        items = list(self.model.items)
        return items if self.slide is None else [item for item in items if item.id in self.slide.ids]

    @property
    def fmt(self) -> Format:
        return self.job.fmt

    @property
    def pal(self) -> Palette:
        return self.painter.palette

    @property
    def model(self) -> Any:
        return self.job.subject.model

    def px(self, size: float) -> float:
        return self.fmt.px(size)

    def where(self, *key: Any, what: str) -> Where:
        return Where(self.job.subject.relpath, tuple(key), what)
