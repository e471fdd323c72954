"""The layouts: each module computes the values its template in ``infographics/`` draws.

A layout exposes ``show_message(fmt)`` (does the frame show the key message in
this format?), ``end_reserve(canvas)`` (width kept free at the end of the title,
for the card's big icon) and ``draw(canvas) -> dict`` (template values).  Each
layout lists its variants for a format, richest first (title and text, then
titles only...), and draws the first whose texts, measured in the image's own
language, fit (``rows.choose``): an Arabic image carries as much as a French one
wherever the texts fit.  Layouts that can be split (``carousel(model)``) become
numbered 1080x1350 slides rather than lose their texts (``scene``).
"""

from __future__ import annotations

from types import ModuleType

from relais.render.images.layouts import card, checklist, do_dont, key_figures, phases, timeline

LAYOUTS: dict[str, ModuleType] = {
    "checklist": checklist,
    "do-dont": do_dont,
    "timeline": timeline,
    "key-figures": key_figures,
    "phases": phases,
    "card": card,
}
