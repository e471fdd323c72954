"""Rows of advice: an icon in a coloured circle, a bold title, and (where space allows) the text.

Used by the checklist, do/don't, phases and timeline layouts.  All rows of an
image share one type size (a list whose items shrink one by one looks
careless): the largest body size, from the format's maximum down to its
minimum, at which every column holds its rows.  If even the minimum fails,
each row is given an equal share of its column and every row that overflows
its share is reported with ``Typesetter.overflow`` (how many lines, how many
pixels, how many characters to cut).

Columns are given as lists of rows; row ``j`` of every column sits on the same
grid line, so two columns stay aligned.  ``split`` makes the columns of a
numbered list column-major (1-2-3 down the first column, then the next).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from relais.render.images.formats import Format
from relais.render.images.geometry import Box
from relais.render.images.paint import Painter
from relais.render.images.typeset import Typesetter, Where
from relais.text import FitResult, WordTooWide


@dataclass(frozen=True)
class Row:
    title: str
    title_where: Where
    text: str | None = None
    text_where: Where | None = None
    icon: str | None = None  # mkdocs-material icon drawn in the circle
    colour: str | None = None  # circle colour (default: primary)
    badge: str | None = None  # a number in a small disc on the circle
    badge_icon: str | None = None  # or an icon (check / close) in that disc
    header: bool = False  # a group heading (do / don't, a date): bigger title in ``colour``
    diameter: float | None = None  # circle size for this row (default: the style's; 0: none)
    hollow: bool = False  # a ring instead of a disc (timeline events)
    gap_before: float = 0.0  # extra space above this row
    on: str | None = None  # the colour behind the row (default: the background)
    show_text: bool | None = None  # draw the text (default: the style's choice)


@dataclass(frozen=True)
class RowStyle:
    diameter: float  # width of the marker column (and default circle size; 0: no markers)
    body_max: float
    body_min: float
    title_ratio: float = 1.2  # item title size = body size x ratio
    header_ratio: float = 1.3  # header title size = body size x ratio
    show_text: bool = True
    gap_x: float = 24  # marker column to text
    gap_title: float = 6  # title to text
    min_gap: float = 18  # between rows
    max_gap: float = 56
    col_gap: float = 48
    icon_ratio: float = 0.54  # icon size / circle size


@dataclass
class Placed:
    """The rows drawn: ready values for the templates, and where their markers are (logical)."""

    rows: list[dict] = field(default_factory=list)
    markers: list[list[tuple[float, float, float]]] = field(default_factory=list)  # per column: (cx, cy, r)
    boxes: list[list[Box]] = field(default_factory=list)  # per column: each row's box (without gap_before)
    title_ends: list[list[float]] = field(default_factory=list)  # per column: logical x where each title ends
    top: float = 0.0
    height: float = 0.0
    body_size: float = 0.0


def on_slide(style: RowStyle, slide: object | None, cap: float | None = None) -> RowStyle:
    """A carousel slide holds a share of the list: larger type and more air, so it is not half empty; ``cap``:
    the body size every slide of the carousel can take (they share one)."""
    if slide is None:
        return style
    body = round(style.body_max * 1.25) if cap is None else max(style.body_min, min(cap, style.body_max * 1.25))
    return replace(style, body_max=body, max_gap=style.max_gap * 1.6)


def split(rows: list[Row], columns: int) -> list[list[Row]]:
    """Column-major: the first ceil(n / columns) rows in the first column, and so on."""
    per = math.ceil(len(rows) / columns) if rows else 0
    return [rows[c * per:(c + 1) * per] for c in range(columns) if rows[c * per:(c + 1) * per]]


def _sizes(style: RowStyle) -> list[float]:
    sizes, size = [], style.body_max
    while size > style.body_min:
        sizes.append(size)
        size -= 1
    return [*sizes, style.body_min]


def title_size(style: RowStyle, body: float, header: bool = False) -> float:
    ratio = style.header_ratio if header else style.title_ratio
    return max(body + (4 if header else 0), round(body * ratio))


def _shows_text(row: Row, style: RowStyle) -> bool:
    shown = style.show_text if row.show_text is None else row.show_text
    return bool(shown and row.text and not row.header)


def _diameter(row: Row, style: RowStyle) -> float:
    return style.diameter if row.diameter is None else row.diameter


def _measure(ts: Typesetter, row: Row, style: RowStyle, width: float, body: float
             ) -> tuple[FitResult, FitResult | None, float]:
    title = ts.at(row.title, row.title_where, width, title_size(style, body, row.header), weight=700, balance=True,
                  line_height=ts.title_line_height)
    text = None
    height = title.height_used
    if _shows_text(row, style):
        text = ts.at(row.text, row.text_where, width, body)
        height += style.gap_title + text.height_used
    return title, text, max(height, _diameter(row, style)) + row.gap_before


def choose(fmt: Format, ts: Typesetter, variants: list[tuple[list[list[Row]], RowStyle]], area: Box
           ) -> tuple[int, list[list[Row]], RowStyle]:
    """(index, columns, style) of the first (richest) variant whose rows, measured in this image's language,
    fit ``area``. The density follows the real texts: an Arabic guide gets its texts wherever they fit, as
    a French one does, and loses them only where they do not. When none fits, the richest one, whose
    problems are then reported (its columns are the widest: a word too wide is measured against them);
    the index says it did not fit (``len(variants)``)."""
    for index, (columns, style) in enumerate(variants):
        if fits(fmt, ts, columns, area, style):
            return index, columns, style
    return len(variants), *variants[0]


def fits(fmt: Format, ts: Typesetter, columns: list[list[Row]], area: Box, style: RowStyle, *,
         aligned: bool = True) -> bool:
    """Do these columns hold their rows in ``area`` (measured, nothing reported)?"""
    columns = [c for c in columns if c]
    return not columns or not isinstance(_fit(fmt, ts, columns, area, style, aligned), float)


@dataclass
class _Fitted:
    body: float
    measured: list
    heights: list[list[float]]
    lead: float
    text_x: float
    text_w: float


def _fit(fmt: Format, ts: Typesetter, columns: list[list[Row]], area: Box, style: RowStyle,
         aligned: bool = True) -> _Fitted | float:
    """The largest body size at which every column holds its rows in ``area``; else the height needed
    at the smallest size (a float).  ``columns`` has no empty column."""
    lines = max(len(c) for c in columns)
    cols = area.columns(len(columns), style.col_gap)
    lead = badge_overhang(fmt, style, [r for col in columns for r in col])
    text_x = lead + style.diameter + style.gap_x if style.diameter else 0
    text_w = cols[0].w - text_x
    needed = lines * style.diameter  # at the smallest size (measured below when the words fit)
    for body in _sizes(style):
        try:
            measured = [[_measure(ts, row, style, text_w, body) for row in col] for col in columns]
        except WordTooWide:
            continue
        if aligned:
            line_heights = [max(col[j][2] for col in measured if j < len(col)) for j in range(lines)]
            heights = [line_heights[: len(col)] for col in columns]
        else:
            heights = [[m[2] for m in col] for col in measured]
        needed = max(sum(h) + style.min_gap * (len(h) - 1) for h in heights)
        if needed <= area.h + 1e-6:
            return _Fitted(body, measured, heights, lead, text_x, text_w)
    return needed


def place_columns(fmt: Format, painter: Painter, ts: Typesetter, columns: list[list[Row]], area: Box,
                  style: RowStyle, *, valign: str = "spread", aligned: bool = True) -> Placed | None:
    """The rows of each column inside ``area``; None when they cannot fit (problems recorded).

    ``aligned``: row j of every column on one grid line; otherwise each column stacks on its own."""
    columns = [c for c in columns if c]
    if not columns:
        return Placed()
    fitted = _fit(fmt, ts, columns, area, style, aligned)
    cols = area.columns(len(columns), style.col_gap)
    if isinstance(fitted, float):
        lead = badge_overhang(fmt, style, [r for col in columns for r in col])
        text_w = cols[0].w - (lead + style.diameter + style.gap_x if style.diameter else 0)
        _report(ts, columns, style, area, max(len(c) for c in columns), text_w, fitted)
        return None
    f = fitted
    return _draw(fmt, painter, ts, columns, f.measured, cols, f.heights, area, style, f.body, f.lead, f.text_x,
                 f.text_w, valign)


def _report(ts: Typesetter, columns: list[list[Row]], style: RowStyle, area: Box, lines: int,
            text_w: float, needed: float) -> None:
    """Blame each row that overflows an equal share of its column, at the minimum sizes."""
    share = (area.h - style.min_gap * (lines - 1)) / lines
    body = style.body_min
    before = len(ts.problems.items)
    for row in (r for col in columns for r in col):
        size = title_size(style, body, row.header)
        try:
            title = ts.at(row.title, row.title_where, text_w, size, weight=700, line_height=ts.title_line_height)
        except WordTooWide as exc:
            ts.overflow(row.title, row.title_where, exc, text_w, share, size, weight=700, line_height=ts.title_line_height)
            continue
        if title.height_used > share:
            ts.overflow(row.title, row.title_where, None, text_w, share, size, weight=700, line_height=ts.title_line_height)
            continue
        if _shows_text(row, style):
            room = share - title.height_used - style.gap_title
            ts.overflow(row.text, row.text_where, None, text_w, max(room, 0), body)
    if len(ts.problems.items) == before:  # no single text to blame: too many rows for the format
        first = next((r for col in columns for r in col if not r.header), columns[0][0])  # headers: ui.yml
        ts.problems.add(Where(first.title_where.relpath, ("items",), f"the {sum(map(len, columns))} rows"),
                        ts.lang, f"do not fit: at the smallest type they need {needed:.0f} px of height "
                        f"but the format has {area.h:.0f} px; remove an item or shorten the texts")


def _draw(fmt, painter, ts, columns, measured, cols, heights, area, style, body, lead, text_x, text_w,
          valign) -> Placed:
    """``heights``: per column, the height of each of its rows' grid lines."""
    p = painter
    gap = style.min_gap
    if valign == "spread":
        room = [(area.h - sum(h)) / (len(h) - 1) for h in heights if len(h) > 1]
        if room:
            gap = min(style.max_gap, max(style.min_gap, min(room)))
    used = max(sum(h) + gap * (len(h) - 1) for h in heights)
    top = area.y + (max(0.0, area.h - used) / 2 if valign in ("spread", "middle") else 0.0)
    placed = Placed(top=top, height=used, body_size=body, markers=[[] for _ in columns],
                    boxes=[[] for _ in columns], title_ends=[[] for _ in columns])
    for c, (column, col_measured) in enumerate(zip(columns, measured)):
        y = top
        for j, (row, (title, text, _)) in enumerate(zip(column, col_measured)):
            y_row = y + row.gap_before
            placed.boxes[c].append(Box(cols[c].x, y_row, cols[c].w, heights[c][j] - row.gap_before))
            placed.title_ends[c].append(cols[c].x + text_x + title.width_used)
            placed.rows.append(_row_values(fmt, p, ts, row, title, text, cols[c], y_row, style, lead, text_x,
                                           text_w, placed.markers[c]))
            y += heights[c][j] + gap
    return placed


def _row_values(fmt, p: Painter, ts, row: Row, title: FitResult, text: FitResult | None, col: Box, y: float,
                style: RowStyle, lead: float, text_x: float, text_w: float, markers: list) -> dict:
    pal = p.palette
    on = row.on or pal.background
    values: dict = {"circles": [], "icons": [], "badges": [], "badge_marks": [], "texts": []}
    d = _diameter(row, style)
    block = title.height_used + (style.gap_title + text.height_used if text else 0)
    ty = y + (d - block) / 2 if d and block < d else y
    colour = row.colour or pal.primary
    if d:
        r = d / 2
        cx = col.x + lead + style.diameter / 2
        # A marker smaller than the column (timeline dots) sits on the title's first line.
        cy = y + r if d >= style.diameter else ty + title.ascent_px * 0.62
        markers.append((cx, cy, r))
        if row.hollow:
            values["circles"].append(p.circle(cx, cy, r - fmt.px(2), on, stroke=colour,
                                              stroke_width=fmt.px(4), on=on))
        else:
            values["circles"].append(p.circle(cx, cy, r, colour, on=on))
        if row.icon:
            s = d * style.icon_ratio
            values["icons"].append(p.icon(row.icon, Box(cx - s / 2, cy - s / 2, s, s), pal.on_primary, on=colour))
        if row.badge or row.badge_icon:
            bx, by, br = badge_place(fmt, cx, cy, r)
            _badge(fmt, p, ts, values, row, bx, by, br, colour, on)
    tx = col.x + text_x
    title_colour = colour if row.header else pal.text
    values["texts"].append(p.text(title, Box(tx, ty, text_w, title.height_used), fill=title_colour,
                                  on=on, what="heading" if row.header else "item title"))
    if text is not None:
        values["texts"].append(p.text(text, Box(tx, ty + title.height_used + style.gap_title, text_w,
                                                text.height_used), fill=pal.text, on=on,
                                      what="item text"))
    return values


BADGE_RADIUS = 20  # designed px at 1080 wide
BADGE_GAP = 6  # between the badge and the icon's circle


def badge_place(fmt: Format, cx: float, cy: float, r: float) -> tuple[float, float, float]:
    """(x, y, radius) of a badge (a number, a check or a cross) beside the circle at (cx, cy, r) that holds the
    icon: never on the icon nor on its circle (a design review read a badge on the rim as covering it). It
    ends a gap before the circle on the start side, level with the circle's top."""
    radius = fmt.px(BADGE_RADIUS)
    return cx - r - fmt.px(BADGE_GAP) - radius, cy - r + radius, radius


def badge_overhang(fmt: Format, style: RowStyle, rows: list[Row]) -> float:
    """How far badges reach past their circle on the start side: the room the marker column adds."""
    reach = 0.0
    for row in rows:
        if row.badge or row.badge_icon:
            d = _diameter(row, style)
            bx, _, radius = badge_place(fmt, 0.0, 0.0, d / 2)
            reach = max(reach, radius - bx - d / 2)
    return reach


def _badge(fmt: Format, p: Painter, ts: Typesetter, values: dict, row: Row, cx: float, cy: float, r: float,
           colour: str, on: str) -> None:
    pal = p.palette
    values["badges"].append(p.circle(cx, cy, r, pal.background, stroke=colour, stroke_width=fmt.px(3), on=on))
    if row.badge_icon:
        s = r * 1.2
        values["badge_marks"].append(p.icon(row.badge_icon, Box(cx - s / 2, cy - s / 2, s, s), colour,
                                            on=pal.background))
    elif row.badge:
        fit = ts.at(row.badge, Where(row.title_where.relpath, (), "item number"), 2 * r, fmt.small_min, weight=700)
        values["badge_marks"].append(p.text(fit, Box(cx - r, cy - r, 2 * r, 2 * r), fill=colour, on=pal.background,
                                            align="center", valign="middle", what="item number"))
