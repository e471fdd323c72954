"""Each network counts a post its own way (relais.relay.count); the rules live in relais.networks."""

from __future__ import annotations

import pytest
from twitter_text import parse_tweet

from relais.networks import CHANNELS, channel
from relais.relay.count import alt_length, graphemes, mastodon, post_length, threads, utf16, x_weighted

URL = "https://smem.example.org/fr/guides/prepare/"
FAMILY = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"  # one emoji, seven code points
FLAG = "\U0001F1EB\U0001F1F7"  # France: two regional indicators
ARABIC = "قبل أي أزمة، تابعوا الحسابات الرسمية الصحيحة لتلقي معلومات موثوقة."


def test_x_counts_an_address_23_and_an_emoji_or_cjk_character_2():
    assert x_weighted(URL) == 23
    assert x_weighted(f"Suivez {URL} #SMEM") == len("Suivez ") + 23 + len(" #SMEM")
    assert x_weighted(FAMILY) == 2 and x_weighted(FLAG) == 2 and x_weighted("🚨") == 2
    assert x_weighted("避難") == 4
    assert x_weighted(ARABIC) == len(ARABIC)  # Arabic letters weigh 1, as Latin ones
    assert x_weighted("é") == 1 and x_weighted("e\u0301") == 1  # normalised first (NFC)


def test_x_count_is_twitter_text_itself():
    text = f"🚨 Alerte ! {FAMILY} {FLAG} 避難 {ARABIC} {URL} #SMEM"
    assert x_weighted(text) == parse_tweet(text).weightedLength


def test_bluesky_counts_what_a_reader_sees_as_one_character():
    assert graphemes(FAMILY) == 1 and graphemes(FLAG) == 1 and graphemes("👍🏽") == 1
    assert graphemes("e\u0301") == 1
    assert graphemes(ARABIC) == len(ARABIC)
    assert graphemes(URL) == len(URL)  # a link counts as written (a posting tool does not shorten it)


def test_mastodon_counts_an_address_23_and_a_remote_mention_as_its_user_name():
    assert mastodon(URL) == 23
    assert mastodon("Suivez @prefecture@social.example.org") == len("Suivez @prefecture")
    assert mastodon(f"{FAMILY} {URL}") == 1 + 1 + 23
    assert mastodon("smem.example.org/fr") == len("smem.example.org/fr")  # without its scheme it is text


def test_threads_counts_an_emoji_as_its_utf8_bytes():
    assert threads("abc") == 3
    assert threads("🚨") == 4
    assert threads(FAMILY) == len(FAMILY.encode("utf-8")) == 25
    assert threads(f"a {FLAG}") == 2 + 8


def test_meta_linkedin_telegram_count_utf16_units():
    assert utf16("🚨") == 2 and utf16(FAMILY) == 11 and utf16("é") == 1 and utf16(ARABIC) == len(ARABIC)


def test_every_network_has_its_rules_once():
    ids = [c.id for c in CHANNELS]
    assert len(ids) == len(set(ids))
    expected = {"x": (280, "1200x675", 1000), "bluesky": (300, "1200x675", 2000), "mastodon": (500, "1200x675", 1500),
                "threads": (500, "1080x1350", None), "instagram": (2200, "1080x1350", None),
                "facebook": (63206, "1200x630", None), "linkedin": (3000, "1200x630", None),
                "stories": (None, "1080x1920", None), "whatsapp": (1024, "1080x1080", None),
                "telegram": (1024, "1080x1080", None)}
    assert {c.id: (c.limit, c.image, c.alt_limit) for c in CHANNELS} == expected


@pytest.mark.parametrize("network", ["x", "bluesky", "mastodon"])
def test_alt_text_is_counted_for_the_networks_that_limit_it(network):
    rule = channel(network)
    assert alt_length(rule, "a" * rule.alt_limit) == rule.alt_limit
    assert alt_length(rule, FAMILY) == (1 if rule.alt_counter == "graphemes" else 7)


def test_post_length_uses_the_networks_counter():
    text = f"🚨 {URL}"
    assert [post_length(channel(n), text) for n in ("x", "bluesky", "mastodon", "threads", "linkedin")] == \
        [2 + 1 + 23, 1 + 1 + len(URL), 1 + 1 + 23, 4 + 1 + len(URL), 2 + 1 + len(URL)]
