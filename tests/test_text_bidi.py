"""isolate_tokens: Latin hashtags/handles/URLs become LTR isolates in RTL text."""

from __future__ import annotations

from relais.text.bidi import LRI, PDI, isolate_tokens
from relais.text.fonts import missing_glyphs


def test_latin_tokens_are_isolated_and_arabic_hashtags_left_alone() -> None:
    text = "تابع #SMEM و #الحسابات و @Relais_112 على www.gouv.fr/alerte."
    assert isolate_tokens(text) == (
        f"تابع {LRI}#SMEM{PDI} و #الحسابات و {LRI}@Relais_112{PDI} "
        f"على {LRI}www.gouv.fr/alerte{PDI}."
    )


def test_isolation_is_idempotent_and_invisible() -> None:
    once = isolate_tokens("تابع #SMEM 112")
    assert isolate_tokens(once) == once
    assert missing_glyphs(once, "ar") == set()


def test_plain_words_are_untouched() -> None:
    text = "Appelez le 112, pas le 17 # ni @"
    assert isolate_tokens(text) == text
