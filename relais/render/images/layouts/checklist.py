"""``checklist``: the guide's items as a numbered list, icon in a brand circle, number in a badge.

Square and taller formats show each item's title and text in one column when
the texts fit (measured in the image's language); otherwise, and in landscape
formats, titles only, in two columns from four items on.  The portrait format
becomes a carousel instead (``scene``): numbers go on from slide to slide.
"""

from __future__ import annotations

from babel.numbers import format_decimal

from relais.render.images.formats import Format
from relais.render.images.rows import Row, RowStyle, choose, on_slide, place_columns, split
from relais.render.images.canvas import Canvas


def show_message(fmt: Format) -> bool:
    return fmt.shape in ("portrait", "story")


def end_reserve(c: Canvas) -> float:
    return 0.0


def carousel(model) -> list[list]:
    """What a carousel splits: the items, in order (numbers go on from slide to slide)."""
    return [list(model.items)]


def item_rows(c: Canvas, items, numbered: bool = True) -> list[Row]:
    locale = c.local.language.locale
    number = {item.id: i for i, item in enumerate(c.model.items, 1)}
    return [
        Row(title=item.title, title_where=c.where("items", item.id, "title", what=f"item '{item.id}' title"),
            text=item.text, text_where=c.where("items", item.id, "text", what=f"item '{item.id}' text"),
            icon=item.icon, badge=format_decimal(number[item.id], locale=locale) if numbered else None)
        for item in items
    ]


def styles(c: Canvas) -> tuple[RowStyle, RowStyle]:
    """(title and text, titles only) for this format."""
    fmt, px = c.fmt, c.px
    big = fmt.shape == "story"
    full = RowStyle(diameter=px(88 if big else 80), body_max=px(42 if big else 38), body_min=fmt.body_min,
                    title_ratio=1.18, show_text=True, gap_x=px(30), gap_title=px(6), min_gap=px(20),
                    max_gap=px(64 if big else 48))
    titles = RowStyle(diameter=px(64 if fmt.landscape else 72), body_max=px(36 if fmt.landscape else 46),
                      body_min=fmt.body_min, title_ratio=1.0, show_text=False, gap_x=px(20 if fmt.landscape else 26),
                      min_gap=px(16), max_gap=px(40 if fmt.landscape else 84), col_gap=px(40))
    return full, titles


def draw(c: Canvas) -> dict:
    rows = item_rows(c, c.items)
    full, titles = styles(c)
    full = on_slide(full, c.slide, c.body_cap)
    variants = [] if c.fmt.landscape else [(split(rows, 1), full)]
    variants += [(split(rows, 1 if len(rows) <= 3 else 2), titles)]
    c.density, columns, style = choose(c.fmt, c.ts, variants, c.content)
    placed = place_columns(c.fmt, c.painter, c.ts, columns, c.content, style)
    c.body_size = placed.body_size if placed else 0.0
    return {"rows": placed.rows if placed else []}
