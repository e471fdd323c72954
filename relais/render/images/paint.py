"""Ready-to-draw values for the templates: physical positions, colours, icon and text markup.

A ``Painter`` is the only way layouts put things on the canvas.  It takes
logical boxes (see ``geometry``), mirrors them for RTL images, picks the text
anchor (``start`` is the right edge for an Arabic text in an Arabic image, and
a French fallback in an Arabic image is still aligned to the right), and
records every colour pair it draws so the palette can be checked for contrast.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from relais import colour as wcag
from relais.render.images.geometry import Box, Mirror
from relais.icons import icon_svg_paths
from relais.text import FitResult
from relais.text.svgtext import num

WHITE = "#FFFFFF"


@dataclass(frozen=True)
class Palette:
    """The brand colours and the few shades derived from them."""

    primary: str
    accent: str
    text: str
    background: str

    @classmethod
    def from_brand(cls, brand) -> "Palette":
        return cls(brand.primary.upper(), brand.accent.upper(), brand.text.upper(), brand.background.upper())

    @property
    def on_primary(self) -> str:
        return WHITE

    @property
    def tint(self) -> str:
        """A pale shade of the primary colour for panels."""
        return wcag.mix(self.primary, self.background, 0.06)

    @property
    def accent_tint(self) -> str:
        return wcag.mix(self.accent, self.background, 0.04)

    @property
    def rule(self) -> str:
        """Hairlines and separators (decoration: no contrast requirement)."""
        return wcag.mix(self.primary, self.background, 0.22)

    def name(self, value: str) -> tuple[str, str | None]:
        """(how to call a colour in an error, the brand key that sets it)."""
        for key in ("primary", "accent", "text", "background"):
            if getattr(self, key) == value:
                return f"{key} {value}", key
        if value == self.tint:
            return f"pale primary {value}", "primary"
        if value == self.accent_tint:
            return f"pale accent {value}", "accent"
        if value == WHITE:
            return f"white {value}", None
        return value, None


@dataclass
class ContrastUse:
    ratio: float
    what: str


@dataclass
class ContrastLog:
    """Colour pairs drawn, with the strictest contrast each needs."""

    uses: dict[tuple[str, str], ContrastUse] = field(default_factory=dict)

    def need(self, fg: str, bg: str, ratio: float, what: str) -> None:
        key = (fg.upper(), bg.upper())
        if key not in self.uses or self.uses[key].ratio < ratio:
            self.uses[key] = ContrastUse(ratio, what)


class Painter:
    """Turns logical geometry into physical, ready values for the SVG templates."""

    def __init__(self, width: float, height: float, rtl: bool, palette: Palette, contrast: ContrastLog) -> None:
        self.width, self.height = width, height
        self.mirror = Mirror(width, rtl)
        self.rtl = rtl
        self.palette = palette
        self.contrast = contrast

    # -- shapes ------------------------------------------------------------------------

    def rect(self, box: Box, fill: str, *, rx: float = 0) -> dict:
        b = self.mirror.box(box)
        return {"x": num(b.x), "y": num(b.y), "w": num(b.w), "h": num(b.h), "fill": fill, "rx": num(rx)}

    def circle(self, cx: float, cy: float, r: float, fill: str, *, on: str | None = None,
               stroke: str = "none", stroke_width: float = 0) -> dict:
        """A disc; ``on`` is the colour behind it when it must stand out (3:1, WCAG 1.4.11)."""
        if on is not None:
            edge = stroke if stroke != "none" else fill
            self.contrast.need(edge, on, wcag.GRAPHICS, "the circles that carry the icons")
        return {"cx": num(self.mirror.x(cx)), "cy": num(cy), "r": num(r), "fill": fill,
                "stroke": stroke, "sw": num(stroke_width)}

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str, width: float) -> dict:
        return {"x1": num(self.mirror.x(x1)), "y1": num(y1), "x2": num(self.mirror.x(x2)), "y2": num(y2),
                "stroke": stroke, "sw": num(width)}

    def icon(self, name: str, box: Box, fill: str, *, on: str, directional: bool = False) -> Markup:
        """An icon from mkdocs-material's sets as a transformed path.  Icons keep their drawing in
        right-to-left images, except ``directional`` ones (arrows, chevrons), which are flipped."""
        self.contrast.need(fill, on, wcag.GRAPHICS, f"the icon {name}")
        view_box, path = icon_svg_paths(name)
        vx, vy, vw, vh = (float(v) for v in view_box.replace(",", " ").split())
        b = self.mirror.box(box)
        scale = min(b.w / vw, b.h / vh)
        x = b.x + (b.w - vw * scale) / 2 - vx * scale
        y = b.y + (b.h - vh * scale) / 2 - vy * scale
        if directional and self.rtl:
            x = b.x + (b.w + vw * scale) / 2 + vx * scale
            return Markup(f'<path transform="translate({num(x)} {num(y)}) scale({-scale:.4f} {scale:.4f})" '
                          f'd="{escape(path)}" fill="{escape(fill)}"/>')
        # A transformed path, not a nested <svg>: resvg would clip (and rasterise) each nested viewport apart.
        return Markup(f'<path transform="translate({num(x)} {num(y)}) scale({scale:.4f})" '
                      f'd="{escape(path)}" fill="{escape(fill)}"/>')

    def svg_fragment(self, view_box: str, inner: str, box: Box) -> Markup:
        """Trusted (already sanitised) vector markup scaled into ``box``: the logo."""
        b = self.mirror.box(box)
        return Markup(
            f'<svg x="{num(b.x)}" y="{num(b.y)}" width="{num(b.w)}" height="{num(b.h)}" '
            f'viewBox="{escape(view_box)}" preserveAspectRatio="xMidYMid meet" aria-hidden="true">{inner}</svg>'
        )

    # -- text --------------------------------------------------------------------------

    def text(self, fit: FitResult | None, box: Box, *, fill: str, on: str, align: str = "start",
             valign: str = "top", what: str = "text") -> Markup:
        """A fitted text in ``box``; ``align`` is logical (start = where this image's lines begin)."""
        if fit is None:
            return Markup("")
        from relais.text import svg_text

        if align != "center" and fit.rtl != self.rtl:
            align = "end" if align == "start" else "start"
        self.contrast.need(fill, on, wcag.required_text_contrast(fit.size, fit.face.weight),
                           f"{what} at {fit.size:g} px{' bold' if fit.face.weight >= 700 else ''}")
        b = self.mirror.box(box)
        return Markup(svg_text(fit, b.x, b.y, b.w, height=b.h, align=align, valign=valign, fill=fill))
