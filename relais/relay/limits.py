"""Each network's limit for translators: the note a PO file gives a post, and the check ``i18n import`` makes.

A post's limit is not a number of characters a translation tool can count: X counts a web address 23 and an
emoji 2, and ``{url}``, ``{hashtags}`` and ``{account}`` are filled before counting. The note says so in
plain words; ``import`` fills the placeholders with the national site's values and counts the network's way.
"""

from __future__ import annotations

from types import SimpleNamespace

from relais.models.relay import PostText
from relais.models.site import Site
from relais.networks import CHANNELS, channel as channel_named
from relais.relay.compose import fill
from relais.relay.count import how_counted, post_length
from relais.urls import page_path

FOLDERS = {"guides": "guide", "case-studies": "case-study"}


def _limit(channel) -> str:
    return f"{channel.title} {channel.limit:,}".replace(",", " ") + f" ({how_counted(channel.counter)})"


def channels_of(marker: PostText):
    return [channel_named(marker.channel)] if marker.channel else [c for c in CHANNELS if c.limit]


def note(marker: PostText) -> str:
    """For the translator: the limits the text must keep, the way each network counts."""
    limits = "; ".join(_limit(c) for c in channels_of(marker))
    return (f"a post, at most: {limits}; counted once {{url}}, {{hashtags}} and {{account}} are filled (keep them "
            "as they are, and keep the line breaks)")


def translation_problems(site: Site, relpath: str, lang: str, marker: PostText, text: str) -> list[str]:
    """Networks on which the translated post, filled with the national site's values, is too long."""
    folder, _, name = relpath.rpartition("/")
    path = page_path(FOLDERS[folder], name.removesuffix(".yml")) if folder in FOLDERS else ""
    local = SimpleNamespace(site=site, lang=lang)
    problems = []
    for channel in channels_of(marker):
        length = post_length(channel, fill(text, channel, local, path))
        if length > channel.limit:
            problems.append(f"{length} characters on {channel.title}, {channel.limit} at most "
                            f"({how_counted(channel.counter)}); cut {length - channel.limit} characters")
    return problems
