"""Checks translation files field by field against their source file and builds the catalogues."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated

from pydantic import BaseModel, TypeAdapter, ValidationError

from relais.diagnostics import Report
from relais.i18n.status import MISSING, OUTDATED, STATUS_KEY, Record, dotted, language_name, split_status, state
from relais.load import LoadedFiles
from relais.messages import describe
from relais.models import Site
from relais.source import SourceFile
from relais.translations import Catalogue, Key, flatten_translation, translatable_fields


@dataclass(frozen=True)
class SourceText:
    """One translatable text of a source file, and the field whose rules its translations obey."""

    relpath: str
    key: Key
    loc: tuple
    text: str
    line: int
    owner: type[BaseModel]
    name: str

    @property
    def context(self) -> str:
        """The text's stable name across the project, e.g. ``guides/prepare.yml:items.follow-official-accounts.title``."""
        return f"{self.relpath}:{dotted(self.key)}"

    @property
    def limit(self) -> int | None:
        from relais.schema import max_length
        return max_length(self.owner.model_fields[self.name])

    @property
    def description(self) -> str | None:
        return self.owner.model_fields[self.name].description


def source_texts(relpath: str, model: BaseModel, source: SourceFile) -> list[SourceText]:
    """Every translatable text of a source file, in file order."""
    return [SourceText(relpath, key, loc, text, source.position(loc)[0], *field_type(model, loc))
            for key, loc, text in translatable_fields(model)]


def check_translations(site: Site, models: dict[str, BaseModel], loaded: LoadedFiles, report: Report,
                       only: dict[str, set[str]] | None = None) -> dict:
    """The catalogue of every (language, file); ``only``: the languages a file is published in, when not all
    (an edition's files need translations in the edition's languages only)."""
    catalogues: dict[tuple[str, str], Catalogue] = {}
    languages = {lang.code: lang for lang in site.languages if lang.code != site.default_language}
    for code, files in loaded.translations.items():
        if code not in languages:
            first = next(iter(files.values()))
            report.add(first.display, 1, 1, f"translations for '{code}', a language not listed in site.yml; add it to 'languages' or remove the folder")
    for code, language in languages.items():
        files = loaded.translations.get(code, {})
        for relpath, source_file in files.items():
            if relpath not in loaded.sources:
                report.add(source_file.display, 1, 1, f"no source file content/{relpath} for this translation; check the file name")
        for relpath, model in models.items():
            if only and relpath in only and code not in only[relpath]:
                continue
            translation = files.get(relpath)
            severity = "error" if language.complete else "warning"
            catalogues[(code, relpath)] = _check_one(code, site.default_language, relpath, model, loaded.sources[relpath],
                                                     translation, severity, report)
    return catalogues


def _check_one(code: str, default: str, relpath: str, model: BaseModel, source: SourceFile,
               translation: SourceFile | None, severity: str, report: Report) -> Catalogue:
    expected = {text.key: text for text in source_texts(relpath, model, source)}
    nothing = Catalogue(code, {}, {key: MISSING for key in expected})
    if translation is None:
        report.add(source.display, 1, 1, f"no '{code}' translation; create content/translations/{code}/{relpath}", severity)
        return nothing
    if translation.data is None:
        return nothing
    if not isinstance(translation.data, dict):
        report.add(translation.display, 1, 1, "a translation file must be a set of 'key: value' lines")
        return nothing
    data, records = split_status(translation.data)
    _check_status_mapping(translation, report)
    texts = _valid_texts(data, expected, translation, report)
    present = dict(flatten_translation(data))
    misspelled = {_meant(key, expected) for key in present if key not in expected}  # one mistake, one line
    states = {key: state(text.text, texts.get(key), records.get(key)) for key, text in expected.items()}
    for key, text in expected.items():
        if key not in present and not any(m and key[:len(m)] == m for m in misspelled):
            report.add(translation.display, *translation.position(key[:-1]),
                       f"missing translation of '{dotted(key)}' (source: {source.display}:{text.line})", severity)
        elif states[key] == OUTDATED and records:
            report.add(translation.display, *translation.position(key),
                       _outdated_message(code, default, text, source, records.get(key)), "warning")
    never_stamped = sum(s == OUTDATED for s in states.values()) if not records else 0
    if never_stamped:  # a file never stamped: one line, not one per field
        report.add(translation.display, 1, 1, f"{never_stamped} translation(s) with no record of the {language_name(default)} "
                   f"text they were made from (outdated until checked); check them, then run 'python build.py i18n stamp --lang {code}'",
                   "warning")
    return Catalogue(code, texts, states)


def _valid_texts(data: dict, expected: dict[Key, SourceText], translation: SourceFile, report: Report) -> dict[Key, str]:
    """The translated texts that obey their field's rules; every other entry is reported."""
    texts: dict[Key, str] = {}
    reported: set[Key] = set()
    for key, value in flatten_translation(data):
        position = translation.position(key)
        if key not in expected:
            unknown = _unknown_prefix(key, expected)
            if unknown not in reported:  # a renamed id is one mistake, not one per text under it
                reported.add(unknown)
                report.add(translation.display, *translation.position(unknown, key=True), _unknown_key_message(unknown, expected))
            continue
        if not isinstance(value, str):
            report.add(translation.display, *position, f"'{key[-1]}' must be a text")
            continue
        error = text_error(expected[key], value)
        if error:
            report.add(translation.display, *position, error)
            continue
        texts[key] = value.strip()
    return texts


def _check_status_mapping(translation: SourceFile, report: Report) -> None:
    if STATUS_KEY in translation.data and not isinstance(translation.data[STATUS_KEY], dict):
        report.add(translation.display, *translation.position((STATUS_KEY,)),
                   f"'{STATUS_KEY}' is kept by 'python build.py i18n stamp'; delete it and run that command again")


def _outdated_message(code: str, default: str, text: SourceText, source: SourceFile, record: Record | None) -> str:
    stamp = f"python build.py i18n stamp --lang {code}"
    where = f"{source.display}:{text.line}"
    if record is None:
        return (f"outdated translation of '{dotted(text.key)}': no record of the {language_name(default)} text it was "
                f"translated from ({where}); check it against the source, then run '{stamp}'")
    return (f"outdated translation of '{dotted(text.key)}': the {language_name(default)} source changed ({where}); "
            f"update it and run '{stamp}' (or, if it is still right, '{stamp} {text.context}')")


def field_type(model: BaseModel, loc: tuple):
    """The owning model class and field name of a source location."""
    node = model
    for part in loc[:-1]:
        node = node[part] if isinstance(part, int) else getattr(node, part)
    return type(node), loc[-1]


@lru_cache(maxsize=None)
def _adapter(owner: type[BaseModel], name: str) -> TypeAdapter:
    info = owner.model_fields[name]  # an optional text (``Title | None``) carries its rules inside its annotation
    return TypeAdapter(Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation)


def text_error(source: SourceText, value: str) -> str | None:
    """A translation obeys the same rules as its source field (length limit, plain text)."""
    try:
        _adapter(source.owner, source.name).validate_python(value)
    except ValidationError as exc:
        error = exc.errors()[0]
        error["loc"] = source.key
        return describe(error, source.owner)
    return None


def _siblings(key: Key, expected: dict) -> list[str]:
    return sorted({k[len(key) - 1] for k in expected if k[: len(key) - 1] == key[:-1] and len(k) >= len(key)})


def _meant(key: Key, expected: dict) -> Key | None:
    """The expected key a misspelled one was meant to be (``sumary`` -> ``summary``)."""
    match = difflib.get_close_matches(key[-1], _siblings(key, expected), n=1, cutoff=0.6)
    return key[:-1] + (match[0],) if match else None


def _unknown_prefix(key: Key, expected: dict) -> Key:
    """The shortest part of ``key`` that no source text starts with (``items.old-id`` for ``items.old-id.title``)."""
    for end in range(1, len(key) + 1):
        if not any(k[:end] == key[:end] for k in expected):
            return key[:end]
    return key


def _unknown_key_message(key: Key, expected: dict) -> str:
    meant, siblings = _meant(key, expected), _siblings(key, expected)
    hint = f"; did you mean '{meant[-1]}'?" if meant else (f"; expected one of: {', '.join(siblings)}" if siblings else "")
    return f"unknown key '{key[-1]}' (no such text in the source file){hint}"
