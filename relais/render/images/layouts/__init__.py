"""The layouts: each module computes the values its template in ``infographics/`` draws.

A layout exposes ``show_message(fmt)`` (does the frame show the key message in
this format?), ``end_reserve(canvas)`` (width kept free at the end of the title,
for the card's big icon) and ``draw(canvas) -> dict`` (template values).  The
density of each layout (columns, title only or title and text) is a design
decision per format and per number of items, never per text length: a text
that does not fit its box is an error to fix, not a reason to hide it.
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
