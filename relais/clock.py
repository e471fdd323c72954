"""One rule for the time of day an event shows, in every output (infographics, print, web): the locale's
short time format from CLDR (Babel), so "14:49" reads "14:49" in French and English (UK), "2:49 م" in Arabic."""

from __future__ import annotations

import datetime as dt


def format_clock(value: str, locale: str) -> str:
    """``value`` as written in the content ("HH:MM", validated by the models) in ``locale``'s short format."""
    from babel.dates import format_time

    hour, minute = (int(part) for part in value.split(":"))
    return format_time(dt.time(hour, minute), "short", locale=locale)
