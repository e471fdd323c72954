"""Boxes in logical coordinates, and the one place where right-to-left mirrors them.

Layouts are computed once, for a left-to-right reader: ``x`` grows from the
*start* edge (where reading begins).  ``Mirror.box`` / ``Mirror.x`` turn a
logical position into the physical SVG one: unchanged for LTR images, flipped
around the vertical axis for RTL (Arabic) images.  Nothing else in the layouts
knows about direction; text alignment follows in ``relais.render.images.paint``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Box:
    """A rectangle: x, y of its top-start corner, width and height (px)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def inset(self, dx: float, dy: float | None = None) -> "Box":
        dy = dx if dy is None else dy
        return Box(self.x + dx, self.y + dy, self.w - 2 * dx, self.h - 2 * dy)

    def with_(self, **changes: float) -> "Box":
        return replace(self, **changes)

    def columns(self, count: int, gap: float) -> list["Box"]:
        """``count`` side-by-side boxes of equal width separated by ``gap``."""
        width = (self.w - gap * (count - 1)) / count
        return [Box(self.x + i * (width + gap), self.y, width, self.h) for i in range(count)]

    def rows(self, count: int, gap: float) -> list["Box"]:
        """``count`` stacked boxes of equal height separated by ``gap``."""
        height = (self.h - gap * (count - 1)) / count
        return [Box(self.x, self.y + i * (height + gap), self.w, height) for i in range(count)]


@dataclass(frozen=True)
class Mirror:
    """Logical -> physical x for a canvas ``width`` px wide."""

    width: float
    rtl: bool

    def x(self, x: float) -> float:
        """A point's x (a circle centre, a line end)."""
        return self.width - x if self.rtl else x

    def box(self, box: Box) -> Box:
        """A box's physical position (its width and height never change)."""
        return replace(box, x=self.width - box.right) if self.rtl else box
