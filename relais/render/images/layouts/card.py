"""``card``: the 1200x630 link preview of every page (Open Graph, X, WhatsApp, Mastodon...).

The page title large, its key message (the home page: the site name and its
tagline), and the page's icon in a large brand circle at the end of the line
(the home page shows the logo).  The frame's footer gives the address a reader
can check.
"""

from __future__ import annotations

from relais.render.images.formats import Format
from relais.render.images.geometry import Box
from relais.render.images.canvas import Canvas

TITLE = (62, 40, 3)  # designed size max, min, lines (px at 1080 wide)
MESSAGE = (36, 32, 3)
CENTRE = True  # title and message centred between header and footer


def show_message(fmt: Format) -> bool:
    return True


def diameter(c: Canvas) -> float:
    return c.px(190)


def end_reserve(c: Canvas) -> float:
    return diameter(c) + c.px(48)


def draw(c: Canvas) -> dict:
    fmt, pal, p = c.fmt, c.pal, c.painter
    d = diameter(c)
    framed = c.framed
    cx = fmt.width - fmt.margin * fmt.unit - d / 2
    cy = (framed.body_top + framed.footer_top) / 2
    values: dict = {"circles": [], "icons": [], "logos": []}
    subject = c.job.subject
    if subject.icon:
        values["circles"].append(p.circle(cx, cy, d / 2, pal.primary, on=pal.background))
        s = d * 0.52
        values["icons"].append(p.icon(subject.icon, Box(cx - s / 2, cy - s / 2, s, s), pal.on_primary,
                                      on=pal.primary))
    elif c.local.site.brand.logo and c.logo is not None:
        view_box, inner = c.logo
        values["logos"].append(p.svg_fragment(view_box, inner, Box(cx - d / 2, cy - d / 2, d, d)))
    return values
