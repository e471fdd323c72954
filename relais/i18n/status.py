"""Is a translation up to date? Each translated field records a short hash of the source text it was made from.

The record lives in a ``_source`` mapping at the end of the translation file, one line per field::

    _source:
      items.follow-official-accounts.title: 3fa2c1d0 9b1e22aa

The first hash is the default-language text the translation was made from, the second the translation as
it was when stamped (so ``stamp`` can tell which translations were edited since). Texts stay clean for hand
editing and a stamp only ever touches these lines.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

Key = tuple[str, ...]  # a field's stable key, as in ``relais.translations``

STATUS_KEY = "_source"
COMPLETE, MISSING, OUTDATED = "complete", "missing", "outdated"
STATES = (COMPLETE, MISSING, OUTDATED)


def text_hash(text: str) -> str:
    """First 8 hex digits of sha256 of the NFC-normalised, whitespace-collapsed text: reflowing a paragraph is no change."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Record:
    """What a translated field was stamped against: the source hash, and the translation's own hash."""

    source: str
    translation: str | None = None

    @classmethod
    def parse(cls, value: Any) -> "Record | None":
        parts = str(value).split() if isinstance(value, str) else []
        return cls(parts[0], parts[1] if len(parts) > 1 else None) if parts else None

    @classmethod
    def of(cls, source_text: str, translation: str) -> "Record":
        return cls(text_hash(source_text), text_hash(translation))

    def __str__(self) -> str:
        return f"{self.source} {self.translation}" if self.translation else self.source

    def edited_since(self, translation: str) -> bool:
        return self.translation != text_hash(translation)


def dotted(key: Key) -> str:
    return ".".join(key)


def split_status(data: Any) -> tuple[Any, dict[Key, Record]]:
    """A translation file's texts (without ``_source``) and its records by key; a malformed record is no record."""
    if not isinstance(data, dict):
        return data, {}
    texts = {k: v for k, v in data.items() if k != STATUS_KEY}
    raw = data.get(STATUS_KEY)
    records = {}
    for name, value in (raw.items() if isinstance(raw, dict) else ()):
        record = Record.parse(value)
        if record:
            records[tuple(str(name).split("."))] = record
    return texts, records


def state(source_text: str, translation: str | None, record: Record | None) -> str:
    if not translation:
        return MISSING
    return COMPLETE if record and record.source == text_hash(source_text) else OUTDATED


def language_name(code: str) -> str:
    """English name of a language for messages ('French'), the code itself if Babel does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).english_name or code
    except (ValueError, UnknownLocaleError):
        return code


def counts_line(code: str, states: Iterable[str]) -> str:
    counts = Counter(states)
    return f"{code} ({language_name(code)}): " + " / ".join(f"{counts[s]} {s}" for s in STATES)
