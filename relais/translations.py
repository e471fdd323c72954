"""Translatable fields: where they are, what each language says, and the localised view of a model.

A field is translatable when its type carries the ``TRANSLATABLE`` marker. Its stable key is the path of
field names, with list entries named by their ``id`` (``items.follow-official-accounts.title``), so the
same key finds the text in every language whatever the order of the lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from pydantic import BaseModel

from relais.i18n.status import OUTDATED
from relais.models.common import is_translatable

Key = tuple[str, ...]


class LocalText(str):
    """A text in the language it is written in.

    ``fallback`` is True when it stands in for a missing translation; ``outdated`` is True when it is a
    translation made from an older version of the source text (the page may say so, discreetly).
    """

    lang: str
    fallback: bool
    outdated: bool

    def __new__(cls, value: str, lang: str, fallback: bool = False, outdated: bool = False) -> "LocalText":
        obj = super().__new__(cls, value)
        obj.lang = lang
        obj.fallback = fallback
        obj.outdated = outdated
        return obj

    def __reduce__(self):  # tasks carry localised models to worker processes
        return (LocalText, (str(self), self.lang, self.fallback, self.outdated))


def _is_translatable(model: type[BaseModel], name: str) -> bool:
    return is_translatable(model.model_fields[name])


def translatable_fields(model: BaseModel, prefix: Key = (), loc: tuple = ()) -> Iterator[tuple[Key, tuple, str]]:
    """Every translatable text of ``model``: its stable key, its location in the source file, its value."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if value is None:
            continue
        if isinstance(value, str) and _is_translatable(type(model), name):
            yield prefix + (name,), loc + (name,), value
        elif isinstance(value, BaseModel):
            yield from translatable_fields(value, prefix + (name,), loc + (name,))
        elif isinstance(value, list):
            for index, entry in enumerate(value):
                if isinstance(entry, BaseModel) and hasattr(entry, "id"):
                    yield from translatable_fields(entry, prefix + (name, entry.id), loc + (name, index))


def flatten_translation(data: Any, prefix: Key = ()) -> Iterator[tuple[Key, Any]]:
    """The leaves of a translation file, keyed like ``translatable_fields`` (mappings all the way down)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from flatten_translation(value, prefix + (str(key),))
    else:
        yield prefix, data


@dataclass(frozen=True)
class Catalogue:
    """What one language says for one source file: stable key -> text, and the state of every field."""

    lang: str
    texts: dict[Key, str]
    states: dict[Key, str] = field(default_factory=dict)  # key -> complete / missing / outdated (i18n.status)


def localise(model: BaseModel, lang: str, default_lang: str, catalogue: Catalogue | None, prefix: Key = (),
             staleness: bool = True):
    """A copy of ``model`` whose translatable texts are ``LocalText`` in ``lang``, or marked fallbacks.
    ``staleness``: mark translations made from an older source text (only pages show it)."""
    updates: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, str) and _is_translatable(type(model), name):
            updates[name] = _local(value, prefix + (name,), lang, default_lang, catalogue, staleness)
        elif isinstance(value, BaseModel):
            updates[name] = localise(value, lang, default_lang, catalogue, prefix + (name,), staleness)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            updates[name] = [
                localise(entry, lang, default_lang, catalogue, prefix + (name, getattr(entry, "id", str(i))), staleness)
                for i, entry in enumerate(value)
            ]
    return model.model_copy(update=updates)


def _local(value: str, key: Key, lang: str, default_lang: str, catalogue: Catalogue | None,
           staleness: bool = True) -> LocalText:
    if lang == default_lang:
        return LocalText(value, lang)
    translated = catalogue.texts.get(key) if catalogue else None
    if not translated:
        return LocalText(value, default_lang, fallback=True)
    return LocalText(translated, lang, outdated=staleness and catalogue.states.get(key) == OUTDATED)
