"""Each network's count of a post, as the network itself counts it (rules in ``relais.networks.CHANNELS``).

- X: twitter-text's weighted length (the library X publishes the rules of, here its Python port): a web
  address counts 23 whatever its length, an emoji 2, a CJK character 2, most others 1.
- Bluesky: graphemes, what a reader sees as one character (ICU, the segmentation browsers use: a flag, a
  family emoji or a letter with its accent is 1). A link counts as written: the app may shorten it, a
  posting tool does not.
- Mastodon: graphemes, every web address 23, a mention ``@user@server`` as ``@user`` (its server's rule).
- Threads: characters, an emoji as many as its UTF-8 bytes (Threads' documented rule).
- Meta's other networks, LinkedIn, WhatsApp and Telegram: UTF-16 code units, what their web composers count
  (an emoji 2); never fewer than the characters a reader sees, so a post within it fits.
"""

from __future__ import annotations

import re
from functools import lru_cache

from icu4py.breakers import CharacterBreaker
from twitter_text import extract_emojis_with_indices, extract_urls_with_indices, parse_tweet

from relais.networks import Channel

URL_LENGTH = 23  # what X and Mastodon count for any web address
# A Mastodon mention of another server: only "@user" counts.
_REMOTE_MENTION = re.compile(r"(?<![\w@])(@\w+)@[\w.-]+\.[a-z]{2,}", re.IGNORECASE)


def graphemes(text: str) -> int:
    return sum(1 for _ in CharacterBreaker(text, "en")) if text else 0


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def code_points(text: str) -> int:
    return len(text)


def x_weighted(text: str) -> int:
    return parse_tweet(text).weightedLength if text else 0


def mastodon(text: str) -> int:
    spans = [entity["indices"] for entity in extract_urls_with_indices(text, extract_urls_without_protocol=False)]
    countable, at = [], 0
    for start, end in sorted(spans):
        countable += [text[at:start], "x" * URL_LENGTH]
        at = end
    countable.append(text[at:])
    return graphemes(_REMOTE_MENTION.sub(r"\1", "".join(countable)))


def threads(text: str) -> int:
    total, at = 0, 0
    for entity in extract_emojis_with_indices(text):
        start, end = entity["indices"]
        total += len(text[at:start]) + len(entity["emoji"].encode("utf-8"))
        at = end
    return total + len(text[at:])


COUNTERS = {"x": x_weighted, "graphemes": graphemes, "mastodon": mastodon, "threads": threads, "utf16": utf16,
            "code points": code_points}


@lru_cache(maxsize=4096)
def count(counter: str, text: str) -> int:
    return COUNTERS[counter](text)


def post_length(channel: Channel, text: str) -> int:
    return count(channel.counter, text)


def alt_length(channel: Channel, text: str) -> int:
    return count(channel.alt_counter, text)


def how_counted(counter: str) -> str:
    """For messages: how a network counts, in a few words."""
    return {"x": "as X counts them: a web address 23, an emoji 2", "graphemes": "as characters a reader sees",
            "mastodon": "a web address 23", "threads": "an emoji as its UTF-8 bytes",
            "utf16": "an emoji 2", "code points": "characters"}[counter]
