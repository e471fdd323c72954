"""One rule for the time of day an event shows, in every output (infographics, print, web): the locale's
short time format from CLDR (Babel), so "14:49" reads "14:49" in French and English (UK), "2:49 م" in Arabic."""

from __future__ import annotations

import datetime as dt


def format_clock(value: str, locale: str) -> str:
    """``value`` as written in the content ("HH:MM", validated by the models) in ``locale``'s short format."""
    from babel.dates import format_time

    hour, minute = (int(part) for part in value.split(":"))
    return format_time(dt.time(hour, minute), "short", locale=locale)


def format_when(day: dt.date, time: str | None, locale: str) -> str:
    """A day (long format) and, when given, its time of day, joined as the locale joins them (CLDR's date-time
    pattern): "15 avril 2013, 14:49", "15 أبريل 2013، 2:49 م"."""
    from babel import Locale
    from babel.dates import format_date

    date = format_date(day, "long", locale=locale)
    if not time:
        return date
    return Locale.parse(locale).datetime_formats["long"].format(format_clock(time, locale), date)
