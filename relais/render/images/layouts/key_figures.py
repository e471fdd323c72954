"""``key-figures``: the case study's figures, each a big localised number with its label.

Numbers are formatted for the language with Babel (``35 000`` in French,
``35,000`` in English).  Each figure sits on a pale panel: side by side in
landscape formats (number and label only), two by two in square and portrait
formats and one under the other in stories, with the figure's icon beside the
number; the first arrangement whose labels fit (measured) is drawn, without the
icons when the labels need their width.  All numbers share one size and all
labels another, the largest that fit every panel; the numbers are the largest
text of the image (the frame's title is kept smaller: ``title_sizes``).
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


FIGURES_TITLE = {"landscape": (44, 36, 2), "square": (48, 38, 3), "portrait": (52, 40, 3), "story": (58, 44, 4)}


def title_sizes(fmt: Format) -> tuple:
    """The frame's title, kept below the numbers: the figures are the largest text of the image."""
    return FIGURES_TITLE[fmt.shape]


def grids(c: Canvas, n: int) -> list[tuple[int, int, bool]]:
    """(columns, rows, icons) of panels to try, richest first: with each figure's icon, then without."""
    if c.fmt.landscape:
        shapes = [(n, 1)] if n <= 2 else [(n, 1), ((n + 1) // 2, 2)]
        return [(cols, rows, False) for cols, rows in shapes]
    shapes = [(1, n)] if c.fmt.shape == "story" else [(2, (n + 1) // 2), (1, n)] if n >= 4 else [(n, 1), (1, n)]
    return [(cols, rows, icons) for icons in (True, False) for cols, rows in shapes]


@dataclass
class Geometry:
    boxes: list[Box]
    pad: float
    beside: bool  # icon beside the number
    diameter: float
    inner_gap: float
    text_x: float
    text_w: float
    inner_h: float


def geometry(c: Canvas, n: int, cols: int, rows: int, icons: bool) -> Geometry:
    fmt, px = c.fmt, c.px
    gap = px(16 if fmt.landscape else 28)
    boxes = [b for row in c.content.rows(rows, gap) for b in row.columns(cols, gap)][:n]
    pad = px(16 if fmt.landscape else 30 if icons else 24)
    beside = icons
    diameter = px(72) if icons else 0
    text_x = diameter + px(28) if beside else 0
    return Geometry(boxes, pad, beside, diameter, px(10 if fmt.landscape else 14), text_x,
                    boxes[0].w - 2 * pad - text_x, boxes[0].h - 2 * pad)


def draw(c: Canvas) -> dict:
    fmt, px, pal, ts = c.fmt, c.px, c.pal, c.ts
    figures = list(c.model.figures)
    locale = c.local.language.locale
    numbers = [format_decimal(f.value, locale=locale) for f in figures]
    where_number = [c.where("figures", f.id, "value", what=f"figure '{f.id}' number") for f in figures]
    where_label = [c.where("figures", f.id, "label", what=f"figure '{f.id}' label") for f in figures]
    # The numbers are the largest text: never below the frame's largest title size.
    number_min = px(title_sizes(fmt)[0] + 6)
    cells = None
    for cols, rows, icons in grids(c, len(figures)):
        g = geometry(c, len(figures), cols, rows, icons)
        cells = _cells(c, g, figures, numbers, where_number, where_label, number_min)
        if cells:
            break
    if cells is None:
        _report(c, figures, numbers, where_number, where_label, g.text_w, g.inner_h, g.beside, g.diameter,
                g.inner_gap, number_min)
        return {"panels": [], "circles": [], "icons": [], "texts": []}
    pad, beside, diameter, inner_gap, text_x, text_w = g.pad, g.beside, g.diameter, g.inner_gap, g.text_x, g.text_w

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


def _cells(c: Canvas, g: Geometry, figures, numbers, where_number, where_label, number_min: float
           ) -> list[Cell] | None:
    """Numbers and labels in their panels: a strong contrast between number and label first, then the
    largest label that fits with it; None if even the smallest sizes do not fit."""
    fmt, px, ts = c.fmt, c.px, c.ts
    body_max = px(34 if fmt.landscape else 40)
    for ratio in (3.0, 2.6, 2.3, 2.0):
        for body in _sizes(body_max, fmt.body_min):
            try:
                labels = [ts.at(f.label, w, g.text_w, body) for f, w in zip(figures, where_label)]
            except WordTooWide:
                continue
            number_size = _number_size(c, numbers, where_number, g.text_w, max(round(body * ratio), number_min),
                                       number_min)
            if number_size is None:
                continue
            fits = [ts.at(n, w, g.text_w, number_size, weight=700, ltr_token=True)
                    for n, w in zip(numbers, where_number)]
            heights = [_height(g.beside, g.diameter, g.inner_gap, n, lab) for n, lab in zip(fits, labels)]
            if max(heights) <= g.inner_h + 1e-6:
                return [Cell(b, n, lab) for b, n, lab in zip(g.boxes, fits, labels)]
    return None


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
            inner_gap, number_size: float) -> None:
    fmt, ts = c.fmt, c.ts
    body = fmt.body_min
    for figure, number, wn, wl in zip(figures, numbers, where_number, where_label):
        try:
            fit = ts.at(number, wn, text_w, number_size, weight=700, ltr_token=True)
        except WordTooWide as exc:
            ts.overflow(number, wn, exc, text_w, inner_h, number_size, weight=700, ltr_token=True)
            continue
        room = inner_h - fit.height_used - inner_gap - (0 if beside or not diameter else diameter + inner_gap)
        ts.overflow(figure.label, wl, None, text_w, max(room, 0), body)
