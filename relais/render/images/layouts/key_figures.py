"""``key-figures``: the case study's figures, each a big localised number with its label.

Numbers are formatted for the language with Babel (``35 000`` in French,
``35,000`` in English).  Each figure sits on a pale panel: side by side in
landscape formats (number and label only: the panels are narrow), two by two
in square and portrait formats and one under the other in stories, with the
figure's icon beside the number.  All numbers share one size and all
labels another, the largest that fit every panel.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_decimal

from relais.render.images.formats import Format
from relais.render.images.geometry import Box
from relais.render.images.canvas import Canvas
from relais.text import FitResult, WordTooWide


def show_message(fmt: Format) -> bool:
    return fmt.shape in ("square", "portrait", "story")


def end_reserve(c: Canvas) -> float:
    return 0.0


@dataclass
class Cell:
    box: Box
    number: FitResult
    label: FitResult


def grid(c: Canvas, n: int) -> tuple[int, int]:
    """(columns, rows) of panels."""
    if c.fmt.landscape:
        return n, 1
    if c.fmt.shape == "story":
        return 1, n
    return (2, (n + 1) // 2) if n >= 4 else (n, 1)


def draw(c: Canvas) -> dict:
    fmt, px, pal, ts = c.fmt, c.px, c.pal, c.ts
    figures = list(c.model.figures)
    locale = c.local.language.locale
    numbers = [format_decimal(f.value, locale=locale) for f in figures]
    cols, rows = grid(c, len(figures))
    gap = px(16 if fmt.landscape else 28)
    boxes = [b for row in c.content.rows(rows, gap) for b in row.columns(cols, gap)][: len(figures)]
    pad = px(16 if fmt.landscape else 30)
    beside = not fmt.landscape  # icon beside the number
    diameter = 0 if fmt.landscape else px(72)
    inner_gap = px(10 if fmt.landscape else 14)
    text_x = diameter + px(28) if beside else 0
    text_w = boxes[0].w - 2 * pad - text_x
    inner_h = boxes[0].h - 2 * pad
    where_number = [c.where("figures", f.id, "value", what=f"figure '{f.id}' number") for f in figures]
    where_label = [c.where("figures", f.id, "label", what=f"figure '{f.id}' label") for f in figures]
    body_max = px(30 if fmt.landscape else 32)
    cells = None
    # A strong contrast between number and label first, then the largest label that fits with it.
    for ratio in (2.6, 2.3, 2.0, 1.8, 1.6):
        for body in _sizes(body_max, fmt.body_min):
            try:
                labels = [ts.at(f.label, w, text_w, body) for f, w in zip(figures, where_label)]
            except WordTooWide:
                continue
            number_size = _number_size(c, numbers, where_number, text_w, round(body * ratio), round(body * 1.6))
            if number_size is None:
                continue
            fits = [ts.at(n, w, text_w, number_size, weight=700, ltr_token=True) for n, w in zip(numbers, where_number)]
            heights = [_height(beside, diameter, inner_gap, n, lab) for n, lab in zip(fits, labels)]
            if max(heights) <= inner_h + 1e-6:
                cells = [Cell(b, n, lab) for b, n, lab in zip(boxes, fits, labels)]
                break
        if cells:
            break
    if cells is None:
        _report(c, figures, numbers, where_number, where_label, text_w, inner_h, beside, diameter, inner_gap)
        return {"panels": [], "circles": [], "icons": [], "texts": []}

    p = c.painter
    values: dict = {"panels": [], "circles": [], "icons": [], "texts": []}
    radius = px(16)
    content_h = max(_height(beside, diameter, inner_gap, cell.number, cell.label) for cell in cells)
    for figure, cell in zip(figures, cells):
        values["panels"].append(p.rect(cell.box, pal.tint, rx=radius))
        inner = cell.box.inset(pad)
        top = inner.y + (inner.h - content_h) / 2  # same baselines in every panel
        if beside:
            block = cell.number.height_used + inner_gap + cell.label.height_used
            cx, cy = inner.x + diameter / 2, top + content_h / 2
            ty = top + (content_h - block) / 2
        else:
            cx, cy = inner.x + diameter / 2, top + diameter / 2
            ty = top + diameter + inner_gap if diameter else top
        if diameter:
            values["circles"].append(p.circle(cx, cy, diameter / 2, pal.primary, on=pal.tint))
            s = diameter * 0.54
            values["icons"].append(p.icon(figure.icon, Box(cx - s / 2, cy - s / 2, s, s), pal.on_primary,
                                          on=pal.primary))
        tx = inner.x + text_x
        values["texts"].append(p.text(cell.number, Box(tx, ty, text_w, cell.number.height_used), fill=pal.primary,
                                      on=pal.tint, what="key figure"))
        ty += cell.number.height_used + inner_gap
        values["texts"].append(p.text(cell.label, Box(tx, ty, text_w, cell.label.height_used), fill=pal.text,
                                      on=pal.tint, what="figure label"))
    return values


def _sizes(size_max: float, size_min: float) -> list[float]:
    sizes = []
    size = size_max
    while size > size_min:
        sizes.append(size)
        size -= 1
    return [*sizes, size_min]


def _height(beside: bool, diameter: float, gap: float, number: FitResult, label: FitResult) -> float:
    text = number.height_used + gap + label.height_used
    if beside:
        return max(diameter, text)
    return diameter + gap + text if diameter else text


def _number_size(c: Canvas, numbers, wheres, width: float, size_max: float, size_min: float) -> float | None:
    """The largest size (<= size_max) at which every number holds on one line."""
    for size in _sizes(size_max, size_min):
        try:
            if all(len(c.ts.at(n, w, width, size, weight=700, ltr_token=True).lines) == 1
                   for n, w in zip(numbers, wheres)):
                return size
        except WordTooWide:
            continue
    return None


def _report(c: Canvas, figures, numbers, where_number, where_label, text_w, inner_h, beside, diameter,
            inner_gap) -> None:
    fmt, ts = c.fmt, c.ts
    body = fmt.body_min
    number_size = round(body * 1.6)
    for figure, number, wn, wl in zip(figures, numbers, where_number, where_label):
        try:
            fit = ts.at(number, wn, text_w, number_size, weight=700, ltr_token=True)
        except WordTooWide as exc:
            ts.overflow(number, wn, exc, text_w, inner_h, number_size, weight=700, ltr_token=True)
            continue
        room = inner_h - fit.height_used - inner_gap - (0 if beside or not diameter else diameter + inner_gap)
        ts.overflow(figure.label, wl, None, text_w, max(room, 0), body)
