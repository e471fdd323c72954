"""``phases``: the #SMEM reflex: why it matters, then three numbered steps.

The guide's LAST THREE items are the three phases, in order (prepare, act
responsibly, be civic-minded in ``smem-reflex``); any items before them are
the context ("you are where it happens", "false information hinders rescuers")
and are shown first, on a pale panel, as the reason for the steps.  Steps are
numbered, joined by a line and drawn larger than the context.

Square, portrait and story formats show the context and the steps one under
the other: the context with its texts, or its titles only, or not at all, the
richest that fits (measured in the image's language).  Landscape formats
show the three steps side by side, circle above title and text, with chevrons
between them; the context is left to the page and the alt text.
"""

from __future__ import annotations

from dataclasses import replace

from babel.numbers import format_decimal

from relais.render.images.formats import Format
from relais.render.images.geometry import Box
from relais.render.images.rows import Row, RowStyle, badge_overhang, badge_place, fits, on_slide, place_columns
from relais.render.images.canvas import Canvas
from relais.text import WordTooWide

PHASES = 3
CHEVRON = "material/chevron-right"


def show_message(fmt: Format) -> bool:
    return fmt.shape in ("portrait", "story")


def end_reserve(c: Canvas) -> float:
    return 0.0


def _rows(c: Canvas, items, *, numbered: bool, on: str | None = None, diameter: float | None = None) -> list[Row]:
    locale = c.local.language.locale
    return [Row(title=item.title, title_where=c.where("items", item.id, "title", what=f"item '{item.id}' title"),
                text=item.text, text_where=c.where("items", item.id, "text", what=f"item '{item.id}' text"),
                icon=item.icon, badge=format_decimal(i, locale=locale) if numbered else None, on=on,
                diameter=diameter)
            for i, item in enumerate(items, 1)]


def carousel(model) -> list[list]:
    """What a carousel splits: the context on one slide, the three steps on another (never split)."""
    items = list(model.items)
    return [items[:-PHASES], items[-PHASES:]]


CAROUSEL_WHOLE = True  # one slide per group


def style_for(c: Canvas) -> RowStyle:
    story = c.fmt.shape == "story"
    px = c.px
    return on_slide(RowStyle(diameter=px(88 if story else 80), body_max=px(42 if story else 38),
                             body_min=c.fmt.body_min, title_ratio=1.2, show_text=True, gap_x=px(28), min_gap=px(14),
                             max_gap=px(48 if story else 36)), c.slide, c.body_cap)


def _context_only(c: Canvas, rows: list[Row], style: RowStyle, pad: float) -> dict:
    """The context's items on their pale panel, with their texts."""
    area = c.content.inset(pad)
    placed = place_columns(c.fmt, c.painter, c.ts, [[replace(r, show_text=True) for r in rows]], area, style)
    c.body_size = placed.body_size if placed else 0.0
    if not placed:
        return {"rows": [], "panels": [], "lines": [], "icons": []}
    boxes = placed.boxes[0]
    panel = Box(c.content.x, boxes[0].y - pad, c.content.w, boxes[-1].bottom - boxes[0].y + 2 * pad)
    return {"rows": placed.rows, "panels": [c.painter.rect(panel, c.pal.tint, rx=c.px(16))], "lines": [],
            "icons": []}


def draw(c: Canvas) -> dict:
    fmt, px, pal = c.fmt, c.px, c.pal
    items = list(c.model.items)
    empty = {"rows": [], "panels": [], "lines": [], "icons": []}
    if len(items) < PHASES:
        c.ts.problems.add(c.where("items", what="items"), c.local.lang,
                          f"cannot make a phases infographic: it needs at least {PHASES} items (the last "
                          f"{PHASES} are the phases), not {len(items)}")
        return empty
    shown = {item.id for item in c.items}  # a carousel slide shows the context or the steps
    context = [i for i in items[:-PHASES] if i.id in shown]
    steps = [i for i in items[-PHASES:] if i.id in shown]
    if fmt.landscape:
        return _across(c, steps) or empty
    story = fmt.shape == "story"
    pad = px(24)
    context_rows = _rows(c, context, numbered=False, on=pal.tint, diameter=px(56))
    step_rows = _rows(c, steps, numbered=True)
    if not step_rows:  # the context's slide of a carousel
        return _context_only(c, context_rows, style_for(c), pad)
    style = style_for(c)
    # Richest first, measured: the context with its texts, with its titles only, then the steps alone.
    variants = []
    for shown in ((True, False, None) if context_rows else (None,)):
        rows = [replace(r, show_text=shown) for r in context_rows] if shown is not None else []
        first = replace(step_rows[0], gap_before=2 * pad + px(12)) if rows else step_rows[0]
        variants.append(([rows + [first, *step_rows[1:]]], style))
    area = c.content.inset(pad, 0)
    areas = [area.with_(y=area.y + pad, h=area.h - pad) if len(col) > len(step_rows) else area
             for (col,), _ in variants]  # a context panel needs its padding above
    c.density = next((k for k, ((col,), _) in enumerate(variants) if fits(fmt, c.ts, [col], areas[k], style)),
                     len(variants) - 1)
    (column,), _ = variants[c.density]
    area = areas[c.density]
    shown_context = len(column) - len(step_rows)
    placed = place_columns(fmt, c.painter, c.ts, [column], area, style)
    c.body_size = placed.body_size if placed else 0.0
    if not placed:
        return empty
    boxes, markers = placed.boxes[0], placed.markers[0]
    panels = []
    if shown_context:
        first, last = boxes[0], boxes[shown_context - 1]
        panels.append(c.painter.rect(Box(c.content.x, first.y - pad, c.content.w, last.bottom - first.y + 2 * pad),
                                     pal.tint, rx=px(16)))
    step_marks = markers[shown_context:]
    lines = []
    if len(step_marks) > 1:
        x = step_marks[0][0]
        lines.append(c.painter.line(x, step_marks[0][1], x, step_marks[-1][1], pal.primary, px(4)))
    return {"rows": placed.rows, "panels": panels, "lines": lines, "icons": []}


def _across(c: Canvas, steps) -> dict | None:
    """Three columns: the numbered circle, then the step's title and text; chevrons between columns."""
    fmt, px, pal, ts, p = c.fmt, c.px, c.pal, c.ts, c.painter
    d, gap, chevron = px(68), px(12), px(40)
    cols = c.content.columns(len(steps), px(72))
    width = cols[0].w
    rows = _rows(c, steps, numbered=True)
    chosen = None
    for texts, body in [(t, b) for t in (True, False) for b in range(int(px(36)), int(fmt.body_min) - 1, -1)]:
        try:  # each step's title and text, else (measured) its title only
            fits = [(ts.at(r.title, r.title_where, width, round(body * 1.15), weight=700, balance=True),
                     ts.at(r.text if texts else "", r.text_where, width, body)) for r in rows]
        except WordTooWide:
            continue
        if max(d + gap + t.height_used + gap / 2 + x.height_used for t, x in fits) <= c.content.h + 1e-6:
            chosen = fits
            break
    if chosen is None:
        room = c.content.h - d - gap
        for r in rows:
            title = ts.at(r.title, r.title_where, width, round(fmt.body_min * 1.15), weight=700)
            if title.height_used > room:
                ts.overflow(r.title, r.title_where, None, width, room, round(fmt.body_min * 1.15), weight=700)
            else:
                ts.overflow(r.text, r.text_where, None, width, room - title.height_used - gap / 2, fmt.body_min)
        return None
    used = max(d + gap + t.height_used + gap / 2 + x.height_used for t, x in chosen)
    top = c.content.y + (c.content.h - used) / 2
    values: list[dict] = []
    r = d / 2
    lead = badge_overhang(fmt, RowStyle(diameter=d, body_max=0, body_min=0), rows)
    for col, row, (title, text) in zip(cols, rows, chosen):
        cx, cy = col.x + lead + r, top + r
        v = {"circles": [p.circle(cx, cy, r, pal.primary, on=pal.background)], "icons": [], "badges": [],
             "badge_marks": [], "texts": []}
        s = d * 0.54
        v["icons"].append(p.icon(row.icon, Box(cx - s / 2, cy - s / 2, s, s), pal.on_primary, on=pal.primary))
        bx, by, badge_r = badge_place(fmt, cx, cy, r)
        v["badges"].append(p.circle(bx, by, badge_r, pal.background, stroke=pal.primary, stroke_width=px(3),
                                    on=pal.background))
        number = ts.at(row.badge, row.title_where, 2 * badge_r, fmt.small_min, weight=700)
        v["badge_marks"].append(p.text(number, Box(bx - badge_r, by - badge_r, 2 * badge_r, 2 * badge_r),
                                       fill=pal.primary, on=pal.background, align="center", valign="middle",
                                       what="step number"))
        y = top + d + gap
        v["texts"].append(p.text(title, Box(col.x, y, width, title.height_used), fill=pal.text,
                                 on=pal.background, what="step title"))
        y += title.height_used + gap / 2
        if text.lines:
            v["texts"].append(p.text(text, Box(col.x, y, width, text.height_used), fill=pal.text,
                                     on=pal.background, what="step text"))
        values.append(v)
    icons = []
    for left, right in zip(cols, cols[1:]):
        cx = (left.right + right.x) / 2
        icons.append(p.icon(CHEVRON, Box(cx - chevron / 2, top + d / 2 - chevron / 2, chevron, chevron),
                            pal.accent, on=pal.background, directional=True))
    return {"rows": values, "panels": [], "lines": [], "icons": icons}
