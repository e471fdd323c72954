"""``do-dont``: the items of kind ``do`` and ``dont`` in two groups.

Each group opens with its label from the interface (``labels.do`` / ``labels.dont``)
next to a check or a cross, and each item carries the same check or cross in a
badge: the meaning never rests on colour alone (blue for do, the accent red for
don't).  Portrait and story formats stack the groups with each item's text
when they hold them (typical texts, in this language's script); otherwise, and
in square and landscape formats, the groups stand side by side, titles only.  Items of
kind ``info`` are not part of this layout.
"""

from __future__ import annotations

from dataclasses import replace

from relais.render.images.formats import Format
from relais.render.images.geometry import Box
from relais.render.images.rows import Row, RowStyle, choose, place_columns
from relais.render.images.canvas import Canvas
from relais.render.images.typeset import Where

CHECK, CROSS = "material/check-bold", "material/close-thick"


def show_message(fmt: Format) -> bool:
    return not fmt.landscape


def end_reserve(c: Canvas) -> float:
    return 0.0


def groups(c: Canvas) -> list[list[Row]]:
    pal, labels = c.pal, c.local.labels
    result = []
    for kind, label, mark, colour, tint in (("do", labels.do, CHECK, pal.primary, pal.tint),
                                            ("dont", labels.dont, CROSS, pal.accent, pal.accent_tint)):
        items = [item for item in c.model.items if item.kind == kind]
        header = Row(title=label, title_where=Where("ui.yml", ("labels", kind), f"label '{kind}'"), icon=mark,
                     colour=colour, header=True, diameter=c.px(40 if c.fmt.landscape else 48), on=tint)
        rows = [Row(title=item.title, title_where=c.where("items", item.id, "title", what=f"item '{item.id}' title"),
                    text=item.text, text_where=c.where("items", item.id, "text", what=f"item '{item.id}' text"),
                    icon=item.icon, colour=colour, badge_icon=mark, on=tint) for item in items]
        result.append([header, *rows])
    return result


def draw(c: Canvas) -> dict:
    """Each group on a pale panel of its colour: stacked with texts (portrait, story) when the format
    holds them in this script, else side by side with titles only."""
    fmt, px, pal = c.fmt, c.px, c.pal
    do, dont = groups(c)
    empty = {"rows": [], "panels": []}
    if len(do) == 1 or len(dont) == 1:
        c.ts.problems.add(c.where("items", what="items"), c.local.lang,
                          "cannot make a do-dont infographic: it needs items of kind 'do' and of kind 'dont'")
        return empty
    pad = px(18 if fmt.landscape else 28)
    tints = (pal.tint, pal.accent_tint)
    area = c.content.inset(pad)
    variants = []
    if fmt.shape in ("portrait", "story"):
        big = fmt.shape == "story"
        stacked_dont = [replace(dont[0], gap_before=2 * pad + px(24)), *dont[1:]]
        variants.append(([do + stacked_dont], RowStyle(
            diameter=px(76 if big else 68), body_max=px(32 if big else 28), body_min=fmt.body_min, title_ratio=1.18,
            header_ratio=1.3, gap_x=px(26), min_gap=px(14), max_gap=px(40 if big else 28))))
    square = not fmt.landscape
    side = RowStyle(diameter=px(68 if square else 50), body_max=px(32 if square else 28), body_min=fmt.body_min,
                    title_ratio=1.0, header_ratio=1.15, show_text=False, gap_x=px(20 if square else 16),
                    min_gap=px(14 if square else 8), max_gap=px(48 if square else 24), col_gap=px(24) + 2 * pad)
    variants.append(([do, dont], side))
    c.density, columns, style = choose(c.ts, variants, area.h)
    placed = place_columns(fmt, c.painter, c.ts, columns, area, style)
    if not placed:
        return empty
    if len(columns) == 1:  # stacked: one panel around each group's rows
        boxes = placed.boxes[0]
        panels = [Box(c.content.x, group[0].y - pad, c.content.w, group[-1].bottom - group[0].y + 2 * pad)
                  for group in (boxes[: len(do)], boxes[len(do):])]
    else:
        panels = [col.inset(-pad) for col in area.columns(2, style.col_gap)]
    return {"rows": placed.rows,
            "panels": [c.painter.rect(box, tint, rx=px(16)) for box, tint in zip(panels, tints)]}
