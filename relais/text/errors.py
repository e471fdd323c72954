"""Failure signals of the text engine.

Messages describe only the text problem ("needs 3 lines ..."): the caller knows
which file, field, language and output format it was building and prefixes
that, so every attribute needed to rephrase the message is kept on the
exception as well.
"""

from __future__ import annotations


class TextOverflow(Exception):
    """The text cannot be laid out in its box, even at the smallest allowed size."""

    def __init__(
        self,
        message: str,
        *,
        size_px: float,
        lines_needed: int = 0,
        lines_available: int = 0,
        height_needed: float = 0.0,
        height_available: float = 0.0,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.size_px = size_px
        self.lines_needed = lines_needed
        self.lines_available = lines_available
        self.height_needed = height_needed
        self.height_available = height_available


class WordTooWide(TextOverflow):
    """One unbreakable piece of text is wider than the box.

    We never split a word in the middle: a half-word in emergency guidance can
    change its meaning, so the author must shorten it or the box must grow.
    """

    def __init__(self, word: str, excess_px: float, *, size_px: float, max_width: float) -> None:
        message = (
            f"the word {word.strip()!r} is {excess_px:.0f} px wider than the box "
            f"({max_width:.0f} px) at {size_px:g} px"
        )
        super().__init__(message, size_px=size_px)
        self.word = word
        self.excess_px = excess_px
        self.max_width = max_width
