"""Fitting content texts for one image, and the clear errors when they cannot fit.

Every text an infographic draws goes through a ``Typesetter``: it picks the
face with ``relais.text.face_for`` (the face of the text's *own* language: a
French fallback in the English image is set as French), refuses characters the
fonts cannot draw, isolates Latin hashtags and addresses in right-to-left
texts, and fits the text with ``relais.text``.  Problems are not raised one by
one: they are collected in ``Problems`` with enough context (content file and
key, infographic, format, language, field) to become ``file:line:col: error:``
lines, so an editor sees every problem of a build at once.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from relais.text import (
    FitResult,
    TextOverflow,
    WordTooWide,
    face_for,
    fit_text,
    is_rtl,
    isolate_tokens,
    missing_glyphs,
)
from relais.text.fit import DEFAULT_LINE_HEIGHT, block_height, vertical_extent
from relais.text.bidi import primary_lang
from relais.text.fonts import default_fonts

LRI, PDI = "\u2066", "\u2069"
GLYPHS = "uses characters the fonts cannot draw"
UNLIMITED = 1e9


@dataclass(frozen=True)
class Where:
    """Which text of the content is drawn: its file (relative to content/), its key, its name for people."""

    relpath: str | None
    key: tuple = ()
    what: str = "text"


@dataclass(frozen=True)
class Problem:
    where: Where
    lang: str
    message: str


@dataclass
class Problems:
    """Problems of one image; ``context`` names it (``infographic 'x' 1080x1350 (en)``)."""

    context: str
    items: list[Problem] = field(default_factory=list)

    def add(self, where: Where, lang: str, message: str) -> None:
        self.items.append(Problem(where, lang, f"{self.context}: {where.what} {message}"))


def text_lang(value: str, default: str) -> str:
    """The language a text is written in (a ``LocalText`` knows; fallbacks keep the default language's)."""
    return getattr(value, "lang", None) or default


def describe_chars(chars: set[str]) -> str:
    parts = []
    for char in sorted(chars):
        name = unicodedata.name(char, "unnamed character")
        parts.append(f"'{char}' (U+{ord(char):04X} {name})")
    return ", ".join(parts)


class Typesetter:
    """Fits the texts of one image in language ``lang``, collecting problems."""

    def __init__(self, lang: str, problems: Problems, latin_lang: str = "en") -> None:
        self.lang = lang
        self.rtl = is_rtl(lang)
        # A text with no right-to-left letter in an RTL image ("Relais #SMEM", a brand name kept in
        # Latin letters) is a left-to-right paragraph: set it in this language, aligned to the start.
        self.latin_lang = latin_lang if not is_rtl(latin_lang) else "en"
        self.problems = problems
        self._glyphs_checked: set[tuple[str, int]] = set()
        self._failed: set[tuple] = set()

    @property
    def title_line_height(self) -> float:
        """Line pitch of titles (em): short, bold, seldom vowelled, they need less room than body text."""
        return 1.3 if self.rtl else 1.15

    # -- preparing -----------------------------------------------------------------

    def prepared(self, value: str, where: Where, weight: int, *, ltr_token: bool = False) -> tuple[str, str]:
        """(text to lay out, its language); checks glyph coverage once per text and weight."""
        lang = text_lang(value, self.lang)
        text = str(value)
        if is_rtl(lang) and not ltr_token and not any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text):
            lang = self.latin_lang
        if ltr_token and is_rtl(self.lang):
            text = f"{LRI}{text}{PDI}"  # an address or a number inside an RTL layout
        elif is_rtl(lang):
            text = isolate_tokens(text)
        if (text, weight) not in self._glyphs_checked:
            self._glyphs_checked.add((text, weight))
            missing = missing_glyphs(text, lang, weight)
            if missing:
                families = " / ".join(f.name for f in default_fonts().chain(lang))
                self.problems.add(where, text_lang(value, self.lang), f"{GLYPHS} ({families}): "
                                  f"{describe_chars(missing)}; replace them or remove them")
        return text, lang

    # -- fitting ---------------------------------------------------------------------

    def block_height(self, size: float, lines: int, *, weight: int = 400, line_height: float | None = None) -> float:
        """Height of ``lines`` lines at ``size`` px in this image's main face, the way fit_text counts it:
        the box that holds exactly that many lines of ordinary text."""
        face = face_for(self.lang, weight)
        if line_height is None:
            line_height = DEFAULT_LINE_HEIGHT.get(face.script, 1.2)
        asc, desc = vertical_extent("", face, self.lang)
        return block_height(lines, size, line_height, asc, desc) * 1.02

    def fit(self, value: str, where: Where, width: float, height: float, size_max: float,
            size_min: float, *, weight: int = 400, line_height: float | None = None,
            ltr_token: bool = False, balance: bool = False) -> FitResult | None:
        """The largest size in [size_min, size_max] at which the text fits the box; None (and a
        problem) if even size_min does not.  ``balance``: lines of even length (titles)."""
        text, lang = self.prepared(value, where, weight, ltr_token=ltr_token)
        face = face_for(lang, weight, text)
        try:
            fit = fit_text(text, face, width, height, size_max, size_min, line_height, lang)
        except TextOverflow as exc:
            self.overflow(value, where, exc, width, height, size_min, weight=weight,
                          line_height=line_height, ltr_token=ltr_token)
            return None
        return _balanced(fit, text, width, line_height) if balance else fit

    def at(self, value: str, where: Where, width: float, size: float, *, weight: int = 400,
           line_height: float | None = None, ltr_token: bool = False, balance: bool = False) -> FitResult:
        """The text broken into lines at exactly ``size`` (no height limit); raises WordTooWide."""
        text, lang = self.prepared(value, where, weight, ltr_token=ltr_token)
        face = face_for(lang, weight, text)
        fit = fit_text(text, face, width, UNLIMITED, size, size, line_height, lang)
        return _balanced(fit, text, width, line_height) if balance else fit

    def overflow(self, value: str, where: Where, exc: TextOverflow | None, width: float, height: float,
                 size_min: float, *, weight: int = 400, line_height: float | None = None,
                 ltr_token: bool = False) -> None:
        """Record why ``value`` does not fit a box of width x height at size_min, with a fix."""
        text, face_lang = self.prepared(value, where, weight, ltr_token=ltr_token)
        face = face_for(face_lang, weight, text)
        if exc is None:
            try:
                fit_text(text, face, width, height, size_min, size_min, line_height, face_lang)
                return
            except TextOverflow as raised:
                exc = raised
        key = (where, width, height)
        if key in self._failed:
            return
        self._failed.add(key)
        lang = text_lang(value, self.lang)  # where the text is written, for the error's location
        if isinstance(exc, WordTooWide):
            self.problems.add(where, lang, f"does not fit: {exc.message}; shorten or split this word")
            return
        cut = self._characters_over(text, face, width, height, size_min, line_height, face_lang)
        self.problems.add(where, lang, f"does not fit: {exc.message}; shorten it by about {cut} characters")

    @staticmethod
    def _characters_over(text, face, width, height, size, line_height, lang) -> int:
        """How many characters to remove (cutting at word ends) for the text to fit at ``size``."""
        words = text.split(" ")
        lo, hi = 0, len(words)  # words[:lo] fits, words[:hi] does not
        while hi - lo > 1:
            mid = (lo + hi) // 2
            try:
                fit_text(" ".join(words[:mid]), face, width, height, size, size, line_height, lang)
                lo = mid
            except TextOverflow:
                hi = mid
        kept = len(" ".join(words[:lo]))
        # Rounded up to the next 5: the author rewrites, and a little slack avoids a second try.
        over = len(text) - kept
        return max(5, -(-over // 5) * 5)


def _balanced(fit: FitResult, text: str, width: float, line_height: float | None) -> FitResult:
    """The same text, size and number of lines in the narrowest width that keeps that number
    (CSS ``text-wrap: balance``): no short last line such as a lone "112" under a title."""
    if len(fit.lines) < 2:
        return fit
    lo, hi, best = width * 0.5, width, fit
    for _ in range(10):
        mid = (lo + hi) / 2
        try:
            trial = fit_text(text, fit.face, mid, UNLIMITED, fit.size, fit.size, line_height, fit.lang)
        except TextOverflow:
            lo = mid
            continue
        if len(trial.lines) == len(fit.lines):
            best, hi = trial, mid
        else:
            lo = mid
    return best
