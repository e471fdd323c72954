"""Left-to-right runs inside right-to-left text: the one place that finds them, for pages, images and print.

The Unicode bidi algorithm puts the "#" of "#SMEM" on the wrong side in an Arabic sentence ("SMEM#"), does the
same to "@handle" and to URL punctuation, swaps a number and its Latin unit ("20 km" shows as "km 20") and the
two sides of a size ("1080×1350" shows as "1350×1080") and the groups of a phone number. Each such run must be isolated as left-to-right:
``ltr_runs`` finds them, ``split_runs`` cuts a text at them, and each output wraps them its own way: pages in
``<span dir="ltr">`` (``relais.render.web.markdown``), SVG and plain-text contexts in LRI ... PDI
(``isolate_tokens``; resvg, browsers and raqm honour isolates, HarfBuzz draws nothing for them and the
coverage check ignores them). Arabic hashtags are left alone: in an RTL line their "#" is already on the
right, where Arabic readers expect it (and resvg 0.48 treats FSI like LRI, so "first strong" isolation would
get them wrong). Latin words and numbers alone need nothing: the algorithm already keeps them in order. Apply
to RTL texts only.
"""

from __future__ import annotations

import re
from functools import lru_cache
from unicodedata import bidirectional

from babel import Locale, UnknownLocaleError

LRI, PDI = "\u2066", "\u2069"
LRM, RLM = "\u200e", "\u200f"
_OPENERS = "\u2066\u2067\u2068"  # LRI, RLI, FSI: a text isolated before (a post already made) stays as it is


def primary_lang(lang: str) -> str:
    """'ar-MA' -> 'ar', 'FR_fr' -> 'fr'."""
    return lang.replace("_", "-").split("-")[0].lower()


@lru_cache(maxsize=None)
def direction(lang: str) -> str:
    """How ``lang`` is written, 'rtl' or 'ltr': the one direction rule of the site's languages, pages, images
    and print, taken from CLDR (Babel) rather than from a list of our own; a language CLDR does not know is
    left to right."""
    try:
        return Locale.parse(primary_lang(lang)).text_direction
    except (UnknownLocaleError, ValueError):
        return "ltr"


def is_rtl(lang: str) -> bool:
    return direction(lang) == "rtl"

_RTL = ("R", "AL")
_LTR = ("L", "EN")
_TOKEN = re.compile(
    r"(?<![A-Za-z0-9_\u00c0-\u024f\u2066\u2067\u2068])"  # not inside a Latin word; "و" may lead (و#SMEM)
    r"(?:(?:https?://|www\.)\S*[^\s.,;:!?\u061f\u060c\u00bb)\]]"  # URL, minus final punctuation
    r"|[#@][A-Za-z0-9_][\w.-]*\w|[#@][A-Za-z0-9_]"  # Latin #hashtag / @handle
    r"|\d+(?:×\d+)+(?![\w\u2069])"  # a size, 1080×1350 ("×" takes no direction: "1350×1080" otherwise)
    r"|(?<!\d)\+?\d{1,4}(?:[ \u00a0]\d{1,4}){2,}(?![\w\u2069])"  # a phone number, 03 53 01 00 00 (else "00 00 01 53 03")
    r"|\d+(?:[.,:/]\d+|[ \u00a0\u202f]\d{3}(?!\d))*"  # a number (10 000, 1,5, 14:49), then its Latin unit:
    r"[ \u00a0\u202f]?(?:%|‰|°[CF]?|[A-Za-z]{1,4}(?:/\d+)?)(?![\w\u2069]))"  # 20 km, 4 %, 24 h/24
)


def ltr_runs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every run to isolate left-to-right in a right-to-left text, in order. A token
    takes in the Latin words next to it ("Relais #SMEM" is one run: isolating "#SMEM" alone would put it
    before "Relais" in a right-to-left line)."""
    runs: list[tuple[int, int]] = []
    for match in _TOKEN.finditer(text):
        if _isolated(text, match.start()):
            continue
        start, end = _widened(text, *match.span())
        if runs and start <= runs[-1][1]:
            start = runs.pop()[0]
        runs.append((start, end))
    return runs


def _isolated(text: str, at: int) -> bool:
    """Is ``at`` inside an isolate the text already has (opened before it and not closed)?"""
    opened = max(text.rfind(opener, 0, at) for opener in _OPENERS)
    return opened != -1 and PDI not in text[opened:at]


def _widened(text: str, start: int, end: int) -> tuple[int, int]:
    """The span grown to the farthest left-to-right letter or digit on each side before any RTL letter,
    isolate boundary or line break (a line break starts a new bidi paragraph and ends every isolate, so a run
    must not cross one: "#SMEM" alone on its line would show "SMEM#")."""
    at = start
    while at > 0 and _extends(text[at - 1]) and not _ends_clause(text, at - 1):
        at -= 1
        if bidirectional(text[at]) in _LTR:
            start = at
    at = end
    while at < len(text) and _extends(text[at]) and not _ends_clause(text, at):
        at += 1
        if bidirectional(text[at - 1]) in _LTR:
            end = at
    return _paired(text, start, end)


def _extends(char: str) -> bool:
    """Can a left-to-right run grow over ``char``? Not over an RTL letter, an isolate boundary or a paragraph
    separator (bidi class B: line feed, carriage return, U+2029...)."""
    return bidirectional(char) not in (*_RTL, "B") and char not in _OPENERS + PDI


_CLAUSE_END = re.compile(r"[.,;:!?]\s")


def _ends_clause(text: str, at: int) -> bool:
    """Does a clause of the right-to-left sentence end at ``at``: "على @PrefDemo. #SMEM" is two runs, so the
    full stop stays the Arabic sentence's (in a run, it would sit between the handle and the hashtag)."""
    return _CLAUSE_END.match(text, at) is not None


def _paired(text: str, start: int, end: int) -> tuple[int, int]:
    """A bracket opened inside the run closes inside it (the bidi algorithm pairs brackets only within one
    isolate: "(https://x.fr/" isolated without its ")" would show "(" on both sides)."""
    for opening, closing in ("()", "[]"):
        while text.count(opening, start, end) > text.count(closing, start, end):
            at = text.find(closing, end)
            if at == -1 or any(bidirectional(ch) in _RTL for ch in text[end:at]):
                break
            end = at + 1
        while text.count(closing, start, end) > text.count(opening, start, end):
            at = text.rfind(opening, 0, start)
            if at == -1 or any(bidirectional(ch) in _RTL for ch in text[at:start]):
                break
            start = at
    return start, end


def split_runs(text: str) -> list[tuple[str, bool]]:
    """The text cut into pieces, in order: ``(piece, True)`` for a run to isolate, ``(piece, False)`` between."""
    return cut(text, ltr_runs(text))


def cut(text: str, spans) -> list[tuple[str, bool]]:
    """``text`` cut at ``spans`` (ordered, non-overlapping ``(start, end)``): ``(piece, True)`` for a span,
    ``(piece, False)`` for the text between."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for start, end in spans:
        if start > at:
            pieces.append((text[at:start], False))
        pieces.append((text[start:end], True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


def isolate_tokens(text: str) -> str:
    """Wrap every left-to-right run in LRI ... PDI, for SVG text and plain-text contexts (idempotent)."""
    return "".join(f"{LRI}{piece}{PDI}" if ltr else piece for piece, ltr in split_runs(text))


def mark_for_posting(text: str, facets: bool = False) -> str:
    """A right-to-left post as networks take it (plain text they parse for links, hashtags and handles): a
    left-to-right mark (LRM) before each run that opens with a character of no direction ("#", "@", a digit),
    which puts it on the run's side, and a right-to-left mark (RLM) after a clause's punctuation that follows
    a run, which keeps it the sentence's. No isolate: LRI ... PDI around "#SMEM" make Bluesky read a tag
    "SMEM\u2069" and no link. ``facets`` (Bluesky, which finds a hashtag or handle only after white space and
    takes every following non-space into a tag): the marks keep a space between them and "#" or "@" (LRM and a
    space before it, the RLM after the space that follows the punctuation). Idempotent."""
    pieces, at = [], 0
    for start, end in ltr_runs(text):
        pieces.append(text[at:start])
        run, first, before = text[start:end], text[start], text[:start]
        mark = LRM + " " if facets and first in "#@" else LRM
        spaced = not before or before[-1] in " \n"
        opens = bidirectional(first) != "L" and (spaced or mark == LRM) and not before.endswith(mark)
        pieces.append(mark + run if opens else run)
        at = end
        if _ends_clause(text, end):
            after = end + (2 if facets else 1)  # after the punctuation, or after the space that follows it
            if not text.startswith(RLM, after):
                pieces.append(text[end:after] + RLM)
                at = after
    pieces.append(text[at:])
    return "".join(pieces)
