"""``timeline``: the case study's events in order, grouped under their (localised) dates.

Square, portrait and story formats draw it down the page: a vertical line
joins a filled dot per date and a ring per event; portrait and story formats
also show each event's text where the texts fit, and the dates go into two
columns where one does not hold them (measured).  Landscape formats draw it
across: one column per date (up to four), a horizontal line through the date
dots, the event titles below.  Times are localised too (``14:49``; ``2:49 PM`` in en_US).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import groupby

from babel.dates import format_date

from relais.clock import format_clock

from relais.render.images.formats import Format
from relais.render.images.geometry import Box
from relais.render.images.rows import Row, RowStyle, choose, fits, place_columns
from relais.render.images.canvas import Canvas


def show_message(fmt: Format) -> bool:
    return fmt.shape in ("portrait", "story")


def end_reserve(c: Canvas) -> float:
    return 0.0


def date_groups(c: Canvas) -> list[list[Row]]:
    locale = c.local.language.locale
    px = c.px
    groups = []
    for day, events in groupby(c.model.events, key=lambda e: e.date):
        events = list(events)
        rows = [Row(title=format_date(day, "long", locale=locale),
                    title_where=c.where("events", events[0].id, "date", what=f"date of event '{events[0].id}'"),
                    header=True, diameter=px(26))]
        for event in events:
            title = event.title
            if event.time:
                title = type(event.title)(f"{format_clock(event.time, locale)} – {title}",
                                          getattr(event.title, "lang", c.local.lang))
            rows.append(Row(title=title, title_where=c.where("events", event.id, "title",
                                                              what=f"event '{event.id}' title"),
                            text=event.text, text_where=c.where("events", event.id, "text",
                                                                 what=f"event '{event.id}' text"),
                            diameter=px(18), hollow=True))
        groups.append(rows)
    return groups


def balanced(groups: list[list[Row]], columns: int) -> list[list[Row]]:
    """Whole date groups per column, the first columns taking groups until about 1/columns of the rows."""
    if columns == 1:
        return [[row for group in groups for row in group]]
    total = sum(len(g) for g in groups)
    result: list[list[Row]] = [[] for _ in range(columns)]
    col = 0
    for group in groups:
        if col < columns - 1 and result[col] and len(result[col]) + len(group) / 2 > total / columns:
            col += 1
        result[col].extend(group)
    return result


def draw(c: Canvas) -> dict:
    fmt, px, pal = c.fmt, c.px, c.pal
    groups = date_groups(c)
    if fmt.landscape and len(groups) <= 4 and fits(fmt, c.ts, *_across_columns(c, groups), aligned=False):
        return _across(c, groups)
    titles = RowStyle(diameter=px(30), body_max=px(42), body_min=fmt.body_min, title_ratio=1.0, header_ratio=1.1,
                      show_text=False, gap_x=px(18), gap_title=px(4), min_gap=px(10), max_gap=px(30), col_gap=px(56))
    one, two = (_spaced(c, balanced(groups, n)) for n in (1, 2))
    # Richest first, measured: each event's text (tall formats), titles in one column, then in two.
    variants = [] if fmt.landscape else [(one, titles)]
    if fmt.shape in ("portrait", "story"):
        variants.insert(0, (one, replace(titles, body_max=px(38), title_ratio=1.1, show_text=True)))
    variants.append((two, titles))
    c.density, columns, style = choose(fmt, c.ts, variants, c.content)
    placed = place_columns(fmt, c.painter, c.ts, columns, c.content, style, valign="spread")
    if not placed:
        return {"rows": [], "lines": []}
    lines = []
    for markers in placed.markers:
        if len(markers) > 1:
            x = markers[0][0]
            lines.append(c.painter.line(x, markers[0][1], x, markers[-1][1], pal.rule, px(4)))
    return {"rows": placed.rows, "lines": lines}


def _spaced(c: Canvas, columns: list[list[Row]]) -> list[list[Row]]:
    """Dates open each group with some air above them."""
    return [[replace(r, gap_before=c.px(14)) if r.header and i else r for i, r in enumerate(col)] for col in columns]


def _across_columns(c: Canvas, groups: list[list[Row]]) -> tuple[list[list[Row]], Box, RowStyle]:
    """One column per date, the date's dot then its events without markers: (columns, area, style)."""
    fmt, px = c.fmt, c.px
    style = RowStyle(diameter=px(26), body_max=px(34), body_min=fmt.body_min, title_ratio=1.0, header_ratio=1.05,
                     show_text=False, gap_x=px(14), min_gap=px(12), max_gap=px(24), col_gap=px(36))
    return [[group[0]] + [replace(r, diameter=0) for r in group[1:]] for group in groups], c.content, style


def _across(c: Canvas, groups: list[list[Row]]) -> dict:
    """One column per date; the date dots on one horizontal line."""
    fmt, px, pal = c.fmt, c.px, c.pal
    columns, area, style = _across_columns(c, groups)
    placed = place_columns(fmt, c.painter, c.ts, columns, area, style, valign="top", aligned=False)
    if not placed:
        return {"rows": [], "lines": []}
    # The line runs from each date label to the next dot (never under a label).
    dots = [(markers[0], ends[0]) for markers, ends in zip(placed.markers, placed.title_ends) if markers]
    lines = []
    for i, ((cx, cy, r), end) in enumerate(dots):
        start = end + px(14)
        stop = dots[i + 1][0][0] - r - px(10) if i + 1 < len(dots) else c.content.right
        if stop - start > px(16):
            lines.append(c.painter.line(start, cy, stop, cy, pal.rule, px(4)))
    return {"rows": placed.rows, "lines": lines}
