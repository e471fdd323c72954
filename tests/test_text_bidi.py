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


def test_numbers_with_latin_units_and_attached_conjunctions() -> None:
    """A number and its Latin unit stay together ("20 km", not "km 20"); Arabic "و" may lead a token."""
    from relais.text.bidi import split_runs

    text = "على بعد 10 000 km و4 % و24 h/24 وتابعوا و#SMEM و@gouvernementFR، الرقم 112 و35,000 و14:49"
    assert [piece for piece, ltr in split_runs(text) if ltr] == ["10 000 km", "4 %", "24 h/24", "#SMEM",
                                                                  "@gouvernementFR"]
    assert "".join(piece for piece, _ in split_runs(text)) == text
    assert split_runs("x@example.org C#") == [("x@example.org C#", False)]  # inside Latin words: nothing


def test_a_token_takes_in_the_latin_words_and_brackets_around_it() -> None:
    """Isolating "#SMEM" alone in "Relais #SMEM" would show "#SMEM Relais" in an RTL line."""
    from relais.text.bidi import split_runs

    assert split_runs("Relais #SMEM") == [("Relais #SMEM", True)]
    assert split_runs("الموقع Relais #SMEM (https://x.fr/) هنا") == [
        ("الموقع ", False), ("Relais #SMEM (https://x.fr/)", True), (" هنا", False)]
    assert split_runs("تابعوا (#SMEM) الآن") == [("تابعوا (", False), ("#SMEM", True), (") الآن", False)]


def test_a_size_is_one_left_to_right_run() -> None:
    """"×" has no direction: in an Arabic line "1080×1350" shows as "1350×1080" unless it is isolated."""
    from relais.text.bidi import split_runs

    assert split_runs("مقاس 1080×1350 هنا") == [("مقاس ", False), ("1080×1350", True), (" هنا", False)]
    assert split_runs("1/2 – انشروا") == [("1/2 – انشروا", False)]  # a slide number keeps its order alone


def test_one_direction_rule_from_cldr_for_every_output() -> None:
    """The direction of a language comes from CLDR, once: site.yml need not say it, and may not contradict it."""
    import pytest
    from pydantic import ValidationError

    from relais.models.site import Language
    from relais.text.bidi import direction, is_rtl

    assert [direction(code) for code in ("ar", "he", "fa", "ur", "ar-MA", "ar_SA", "fr", "en", "xx")] == \
        ["rtl"] * 6 + ["ltr"] * 3
    assert is_rtl("ar") and not is_rtl("fr")
    assert Language(code="he", name="עברית", locale="he_IL").direction == "rtl"  # nothing to write in site.yml
    assert Language(code="ar", name="العربية", locale="ar_SA", direction="rtl").direction == "rtl"
    with pytest.raises(ValidationError, match="must be 'rtl' \\('ar' is written right to left\\)"):
        Language(code="ar", name="العربية", locale="ar_SA", direction="ltr")


def test_isolating_an_isolated_post_again_changes_nothing() -> None:
    """A run already in LRI ... PDI (a post made before) is not widened across its isolate nor wrapped twice."""
    post = "قبل أي أزمة تابعوا الحسابات.\n\nhttps://smem.example.org/ar/guides/prepare/ #SMEM"
    once = isolate_tokens(post)
    assert once.endswith(f"\n\n{LRI}https://smem.example.org/ar/guides/prepare/ #SMEM{PDI}")
    assert isolate_tokens(once) == once


def test_a_run_never_crosses_a_line_break():
    """A line break starts a new bidi paragraph and ends every isolate: a run across it would leave '#SMEM'
    on the next line unisolated ('SMEM#'). Each line's Latin runs are isolated on their own."""
    from relais.text.bidi import LRI, PDI, isolate_tokens

    text = "تابعوا Relais\n#SMEM\nhttps://smem.example.org/ar/ 2026"
    isolated = isolate_tokens(text)
    # A Latin word alone needs no isolate; before the fix "Relais\n#SMEM" was one run across the break.
    assert isolated == f"تابعوا Relais\n{LRI}#SMEM{PDI}\n{LRI}https://smem.example.org/ar/ 2026{PDI}"
    assert isolate_tokens(isolated) == isolated


def test_a_clause_ends_a_run():
    """"على @PrefDemo. #SMEM": the full stop is the Arabic sentence's, between two runs (in one run it would
    sit between the handle and the hashtag)."""
    from relais.text.bidi import split_runs

    assert [p for p, ltr in split_runs("تابعوا @PrefDemo. #SMEM #Demo54") if ltr] == ["@PrefDemo", "#SMEM #Demo54"]
    assert [p for p, ltr in split_runs("موقع Relais #SMEM") if ltr] == ["Relais #SMEM"]  # a word still joins


def test_posts_get_marks_not_isolates():
    """Plain text for the networks: a left-to-right mark opens a run that starts with "#", "@" or a digit, a
    right-to-left mark keeps a clause's punctuation the sentence's; Bluesky's keep a space before "#" and "@"
    (its tags and handles follow white space) and after the punctuation. Idempotent."""
    from relais.text.bidi import LRM, RLM, mark_for_posting

    text = "تابعوا @PrefDemo. #SMEM\n#SMEM أولا، و20 km\nhttps://smem.example.org/ar/ #SMEM"
    x = mark_for_posting(text)
    assert x == (f"تابعوا {LRM}@PrefDemo.{RLM} {LRM}#SMEM\n{LRM}#SMEM أولا، و{LRM}20 km\n"
                 "https://smem.example.org/ar/ #SMEM")
    bluesky = mark_for_posting(text, facets=True)
    assert bluesky == (f"تابعوا {LRM} @PrefDemo. {RLM}{LRM} #SMEM\n{LRM} #SMEM أولا، و{LRM}20 km\n"
                       "https://smem.example.org/ar/ #SMEM")
    assert mark_for_posting(x) == x and mark_for_posting(bluesky, facets=True) == bluesky
