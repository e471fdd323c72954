"""The frame every image shares: brand header, title, key message, trust footer.

Header: the logo, the site name and the publisher, so the image says who speaks.
Footer: a band in the primary colour with the page's short address and the
hashtags, so a reader can check the image on the official site.  The frame
computes what is left for the layout (``Framed.content``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from relais.render.images.formats import Format
from relais.render.images.geometry import Box
from relais.svg import Logo
from relais.render.images.paint import Painter
from relais.render.images.typeset import Typesetter, Where


@dataclass(frozen=True)
class FrameText:
    """The texts of the frame, with where each comes from."""

    site_name: str | None  # None: the header shows the publisher only (the home card)
    publisher: str
    title: str
    title_where: Where
    url: str
    hashtags: str
    message: str | None = None
    home_url: str | None = None  # stands in for ``url`` when that is too long for the band (an edition's)
    message_where: Where | None = None
    icon: str | None = None  # the page's icon: a story shows it in the zone under the app's top chrome


@dataclass
class Framed:
    values: dict = field(default_factory=dict)
    content: Box = Box(0, 0, 0, 0)
    body_top: float = 0.0  # where the accent bar (above the title) starts
    footer_top: float = 0.0  # where the footer band starts


# Designed sizes (px at 1080 wide): title (max, min, lines), message (max, min, lines).
TITLE = {"landscape": (50, 38, 2), "square": (60, 40, 3), "portrait": (66, 44, 3), "story": (76, 50, 4)}
MESSAGE = {"landscape": (34, 32, 2), "square": (34, 32, 2), "portrait": (38, 32, 3), "story": (42, 34, 4)}


def frame(fmt: Format, painter: Painter, ts: Typesetter, texts: FrameText, logo: Logo | None, *,
          show_message: bool, end_reserve: float = 0.0, title: tuple | None = None,
          message: tuple | None = None, centre: bool = False, compact: bool = False,
          counter: str | None = None) -> Framed:
    """Draw the frame and return the box left for the layout (logical coordinates).

    ``compact``: the title at its minimum size, to leave the layout more room.
    ``counter``: a carousel slide's number ("2/3"), in a pill at the end of the header."""
    p, pal, u = painter, painter.palette, fmt.unit
    W, H, m = fmt.width, fmt.height, fmt.margin * u
    out = Framed()
    v = out.values
    v["background"] = p.rect(Box(0, 0, W, H), pal.background)
    bands = []
    v["chrome_circles"], v["chrome_icons"] = [], []
    if fmt.safe_top:  # story: under the app's top chrome, no text: a tint and the page's icon, large
        bands.append(p.rect(Box(0, 0, W, fmt.safe_top), pal.tint))
        if texts.icon:
            r = fmt.safe_top * 0.3
            cx, cy = W - m - r, fmt.safe_top * 0.58
            v["chrome_circles"].append(p.circle(cx, cy, r, pal.primary, on=pal.tint))
            s = r * 1.08
            v["chrome_icons"].append(p.icon(texts.icon, Box(cx - s / 2, cy - s / 2, s, s), pal.on_primary,
                                            on=pal.primary))
    bands.append(p.rect(Box(0, 0, W, fmt.px(10)), pal.primary))
    top = fmt.safe_top + fmt.px(24 if fmt.landscape else 50)

    # Header: logo, site name, publisher (one line in landscape formats, two lines otherwise).
    logo_size = fmt.px(48 if fmt.landscape else 68)
    x_text = m
    v["logo"] = Markup("")
    if logo is not None:
        view_box, inner = logo
        v["logo"] = p.svg_fragment(view_box, inner, Box(m, top, logo_size, logo_size))
        x_text = m + logo_size + fmt.px(18)
    header_w = W - m - x_text
    v["counter"], v["header"] = [], []
    if counter is not None:
        header_w -= _counter(fmt, p, ts, v, counter, top, logo_size) + fmt.px(16)
    name_size = fmt.px(28) if not fmt.landscape else fmt.small_min
    name = None
    if texts.site_name:
        name = ts.fit(texts.site_name, Where("site.yml", ("name",), "site name"), header_w,
                      ts.block_height(name_size, 1, weight=700), name_size, fmt.small_min, weight=700)
    # A site name that already names the publisher (an edition's "Relais #SMEM – Préfecture du Nord") is not
    # followed by that name again: it says who speaks, and a prefecture's long name gets the whole line.
    said = name is not None and texts.publisher.casefold() in texts.site_name.casefold()
    if fmt.landscape:
        x = x_text
        if name is not None:
            v["header"].append(p.text(name, Box(x, top, name.width_used, logo_size), fill=pal.primary,
                                      on=pal.background, valign="middle", what="site name"))
            x += name.width_used + fmt.px(16)
        width = W - m - x
        if not said:
            publisher = ts.fit(texts.publisher, Where("site.yml", ("publisher", "name"), "publisher name"), width,
                               ts.block_height(fmt.small_min, 1), fmt.small_min, fmt.small_min)
            v["header"].append(p.text(publisher, Box(x, top, width, logo_size), fill=pal.text, on=pal.background,
                                      valign="middle", what="publisher name"))
    else:
        publisher = None if said else ts.fit(
            texts.publisher, Where("site.yml", ("publisher", "name"), "publisher name"),
            header_w, ts.block_height(fmt.small_min, 1), fmt.small_min, fmt.small_min)
        lines = [(f, colour) for f, colour in ((name, pal.primary), (publisher, pal.text)) if f is not None]
        gap = fmt.px(4)
        y = top + (logo_size - sum(f.height_used for f, _ in lines) - gap * (len(lines) - 1)) / 2
        for fit, colour in lines:
            v["header"].append(p.text(fit, Box(x_text, y, header_w, fit.height_used), fill=colour,
                                      on=pal.background, what="header text"))
            y += fit.height_used + gap
    y = top + logo_size + fmt.px(18 if fmt.landscape else 38)

    # Accent bar, title, key message (computed first: a card centres them between header and footer).
    out.body_top = y
    bar = fmt.px(5 if fmt.landscape else 6)
    bar_gap = fmt.px(10 if fmt.landscape else 22)
    width = W - 2 * m - end_reserve
    t_max, t_min, t_lines = title or TITLE[fmt.shape]
    if compact:
        t_max = t_min
    title_lh = ts.title_line_height
    title_box = ts.block_height(fmt.px(t_max), t_lines, weight=700, line_height=title_lh)
    title_fit = ts.fit(texts.title, texts.title_where, width, title_box, fmt.px(t_max), fmt.px(t_min),
                       weight=700, line_height=title_lh, balance=True)
    title_h = title_fit.height_used if title_fit else title_box
    message_fit, message_gap = None, fmt.px(18 if fmt.landscape else 24)
    if show_message and texts.message:
        s_max, s_min, s_lines = message or MESSAGE[fmt.shape]
        message_fit = ts.fit(texts.message, texts.message_where, width, ts.block_height(fmt.px(s_max), s_lines),
                             fmt.px(s_max), max(fmt.px(s_min), fmt.body_min), balance=True)
    block = bar + bar_gap + title_h + (message_gap + message_fit.height_used if message_fit else 0)
    band_h = fmt.px(62 if fmt.landscape else 92)
    band_y = H - fmt.safe_bottom - band_h
    if centre:
        room = band_y - fmt.px(20) - y
        if block > room + 1e-6 and texts.message_where is not None:  # the title and message must clear the footer
            ts.problems.add(texts.message_where, ts.lang, f"does not fit: with the title it needs {block:.0f} px "
                            f"of height but the image has {room:.0f} px; shorten the title or the key message")
        y += max(0.0, (room - block) / 2)
    v["accent"] = p.rect(Box(m, y, fmt.px(64), bar), pal.accent)
    y += bar + bar_gap
    v["title"] = p.text(title_fit, Box(m, y, width, title_h), fill=pal.primary, on=pal.background, what="title")
    y += title_h
    v["message"] = Markup("")
    if message_fit is not None:
        y += message_gap
        v["message"] = p.text(message_fit, Box(m, y, width, message_fit.height_used), fill=pal.text,
                              on=pal.background, what="key message")
        y += message_fit.height_used

    # Footer band: short address at the start, hashtags at the end.
    out.footer_top = band_y
    v["footer"] = p.rect(Box(0, band_y, W, band_h), pal.primary)
    size = fmt.px(26)
    tag_fit = ts.fit(texts.hashtags, Where("site.yml", ("hashtags",), "hashtags"), W / 3,
                     ts.block_height(size, 1, weight=700), size, fmt.small_min, weight=700)
    tag_w = tag_fit.width_used if tag_fit else 0
    url_w = W - 2 * m - tag_w - fmt.px(32)
    before = len(ts.problems.items)
    url_fit = ts.fit(texts.url, Where("site.yml", ("base_url",), "page address"), url_w,
                     ts.block_height(size, 1), size, fmt.small_min, ltr_token=True)
    if url_fit is None and texts.home_url:  # a long address (an edition's path): the site's address stands in
        del ts.problems.items[before:]
        url_fit = ts.fit(texts.home_url, Where("site.yml", ("base_url",), "site address"), url_w,
                         ts.block_height(size, 1), size, fmt.small_min, ltr_token=True)
    v["footer_texts"] = []
    for fit, box, align in ((url_fit, Box(m, band_y, url_w, band_h), "start"),
                            (tag_fit, Box(W - m - tag_w, band_y, tag_w, band_h), "end")):
        v["footer_texts"].append(p.text(fit, box, fill=pal.on_primary, on=pal.primary, align=align,
                                        valign="middle", what="footer text"))
    v["bands"] = bands
    if fmt.safe_bottom:  # under the app's bottom chrome: the same calm tint as at the top
        v["bands"].append(p.rect(Box(0, H - fmt.safe_bottom, W, fmt.safe_bottom), pal.tint))

    gap_above = fmt.px(22 if fmt.landscape else 44)
    gap_below = fmt.px(20 if fmt.landscape else 40)
    out.content = Box(m, y + gap_above, W - 2 * m, band_y - gap_below - (y + gap_above))
    return out


def _counter(fmt: Format, p: Painter, ts: Typesetter, v: dict, counter: str, top: float, height: float) -> float:
    """The slide number in a primary pill at the end of the header row; returns the pill's width."""
    pal = p.palette
    size = fmt.px(28)
    fit = ts.fit(counter, Where(None, (), "slide number"), fmt.width / 4, ts.block_height(size, 1, weight=700),
                 size, fmt.small_min, weight=700, ltr_token=True)
    if fit is None:
        return 0.0
    pad_x, pad_y = fmt.px(18), fmt.px(8)
    w, h = fit.width_used + 2 * pad_x, fit.height_used + 2 * pad_y
    box = Box(fmt.width - fmt.margin * fmt.unit - w, top + (height - h) / 2, w, h)
    v["counter"].append(p.rect(box, pal.primary, rx=h / 2))
    v["header"].append(p.text(fit, box, fill=pal.on_primary, on=pal.primary, align="center", valign="middle",
                              what="slide number"))
    return w
