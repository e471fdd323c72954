"""The five social-media shapes every infographic is drawn in, and the link-preview card.

Sizes are designed for 1080 px wide images and scaled by ``unit`` for 1200 px
ones, so a text keeps the same size relative to the image width: body text is
never below 32 px at 1080 px (36 px at 1200 px), the header and footer never
below 24 px (27 px).  Stories (1080x1920) keep all
text out of the top and bottom 250 px, which the apps cover with their chrome.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from relais.render.images.geometry import Box

Shape = Literal["landscape", "square", "portrait", "story"]


@dataclass(frozen=True)
class Format:
    width: int
    height: int
    shape: Shape
    margin: int  # side margins (px)
    safe_top: int = 0  # no text above this y
    safe_bottom: int = 0  # no text below height - safe_bottom

    @property
    def name(self) -> str:
        return f"{self.width}x{self.height}"

    @property
    def unit(self) -> float:
        """Scale of every designed size (1 at 1080 px wide)."""
        return self.width / 1080

    def px(self, size: float) -> float:
        """A designed size scaled to this format, rounded to a whole pixel."""
        return float(round(size * self.unit))

    @property
    def body_min(self) -> float:
        """The smallest body text (item titles and texts, labels, the key message): 32 px at 1080 wide,
        readable on a phone at arm's length."""
        return self.px(32)

    @property
    def small_min(self) -> float:
        """The smallest text allowed anywhere in the image (header, footer, numbers in badges)."""
        return self.px(24)

    @property
    def landscape(self) -> bool:
        return self.shape == "landscape"

    @property
    def safe(self) -> Box:
        """Where text may go (the whole image except story chrome)."""
        return Box(0, self.safe_top, self.width, self.height - self.safe_top - self.safe_bottom)


FORMATS: tuple[Format, ...] = (
    Format(1200, 630, "landscape", margin=56),
    Format(1080, 1080, "square", margin=64),
    Format(1080, 1350, "portrait", margin=72),
    Format(1080, 1920, "story", margin=72, safe_top=250, safe_bottom=250),
    Format(1200, 675, "landscape", margin=56),
)

CARD = FORMATS[0]
SVG_FORMAT = FORMATS[1]  # the square: the page shows its SVG inline


def format_named(name: str) -> Format:
    return next(f for f in FORMATS if f.name == name)
