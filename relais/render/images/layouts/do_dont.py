"""``do-dont``: the items of kind ``do`` and ``dont`` in two groups.

Each group opens with its label from the interface (``labels.do`` / ``labels.dont``)
next to a check or a cross, and each item carries the same check or cross in a
badge: the meaning never rests on colour alone (blue for do, the accent red for
don't).  Square, portrait and story formats stack the groups with each item's
text when the texts fit (measured in the image's language); otherwise, and in
landscape formats, the groups stand side by side, titles only.  The portrait
format becomes a carousel instead, one group (or part of one) per slide.
Items of kind ``info`` are not part of this layout.
"""

from __future__ import annotations

from dataclasses import replace

from relais.render.images.formats import Format
from relais.render.images.geometry import Box
from relais.render.images.rows import Row, RowStyle, choose, on_slide, place_columns
from relais.render.images.canvas import Canvas
from relais.render.images.typeset import Where

CHECK, CROSS = "material/check-bold", "material/close-thick"


def show_message(fmt: Format) -> bool:
    return not fmt.landscape


def end_reserve(c: Canvas) -> float:
    return 0.0


KINDS = ("do", "dont")


def carousel(model) -> list[list]:
    """What a carousel splits: each group's items (a slide never mixes the two groups)."""
    return [[item for item in model.items if item.kind == kind] for kind in KINDS]


def groups(c: Canvas) -> list[tuple[list[Row], str]]:
    """(header and rows, panel tint) of each group this image shows."""
    pal, labels = c.pal, c.local.labels
    result = []
    for kind, label, mark, colour, tint in (("do", labels.do, CHECK, pal.primary, pal.tint),
                                            ("dont", labels.dont, CROSS, pal.accent, pal.accent_tint)):
        items = [item for item in c.items if item.kind == kind]
        if not items:
            continue
        header = Row(title=label, title_where=Where("ui.yml", ("labels", kind), f"label '{kind}'"), icon=mark,
                     colour=colour, header=True, diameter=c.px(40 if c.fmt.landscape else 48), on=tint)
        rows = [Row(title=item.title, title_where=c.where("items", item.id, "title", what=f"item '{item.id}' title"),
                    text=item.text, text_where=c.where("items", item.id, "text", what=f"item '{item.id}' text"),
                    icon=item.icon, colour=colour, badge_icon=mark, on=tint) for item in items]
        result.append(([header, *rows], tint))
    return result


def draw(c: Canvas) -> dict:
    """Each group on a pale panel of its colour: stacked with each item's text where they fit (measured),
    else side by side with titles only."""
    fmt, px = c.fmt, c.px
    empty = {"rows": [], "panels": []}
    if not all(carousel(c.model)):
        c.ts.problems.add(c.where("items", what="items"), c.local.lang,
                          "cannot make a do-dont infographic: it needs items of kind 'do' and of kind 'dont'")
        return empty
    shown = groups(c)
    pad = px(18 if fmt.landscape else 28)
    area = c.content.inset(pad)
    variants = []
    if not fmt.landscape:
        big = fmt.shape == "story"
        stacked = [row if i or g == 0 else replace(row, gap_before=2 * pad + px(24))
                   for g, (rows, _) in enumerate(shown) for i, row in enumerate(rows)]
        variants.append(([stacked], on_slide(RowStyle(
            diameter=px(76 if big else 68), body_max=px(42 if big else 38), body_min=fmt.body_min, title_ratio=1.18,
            header_ratio=1.3, gap_x=px(26), min_gap=px(14), max_gap=px(40 if big else 28)), c.slide, c.body_cap)))
    square = not fmt.landscape
    side = RowStyle(diameter=px(68 if square else 50), body_max=px(40 if square else 34), body_min=fmt.body_min,
                    title_ratio=1.0, header_ratio=1.15, show_text=False, gap_x=px(20 if square else 16),
                    min_gap=px(14 if square else 8), max_gap=px(48 if square else 24), col_gap=px(24) + 2 * pad)
    variants.append(([rows for rows, _ in shown], side))
    c.density, columns, style = choose(fmt, c.ts, variants, area)
    placed = place_columns(fmt, c.painter, c.ts, columns, area, style)
    c.body_size = placed.body_size if placed else 0.0
    if not placed:
        return empty
    tints = [tint for _, tint in shown]
    if len(columns) == 1:  # stacked: one panel around each group's rows
        boxes, panels, at = placed.boxes[0], [], 0
        for rows, _ in shown:
            group = boxes[at:at + len(rows)]
            at += len(rows)
            panels.append(Box(c.content.x, group[0].y - pad, c.content.w, group[-1].bottom - group[0].y + 2 * pad))
    else:
        panels = [col.inset(-pad) for col in area.columns(len(columns), style.col_gap)]
    return {"rows": placed.rows,
            "panels": [c.painter.rect(box, tint, rx=px(16)) for box, tint in zip(panels, tints)]}
