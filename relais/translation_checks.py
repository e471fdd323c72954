"""Checks translation files field by field against their source file and builds the catalogues."""

from __future__ import annotations

import difflib
from functools import lru_cache
from typing import Annotated

from pydantic import BaseModel, TypeAdapter, ValidationError

from .diagnostics import Report
from .load import LoadedFiles
from .messages import describe
from .models import Site
from .source import SourceFile
from .translations import Catalogue, Key, flatten_translation, translatable_fields


def check_translations(site: Site, models: dict[str, BaseModel], loaded: LoadedFiles, report: Report) -> dict:
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
            translation = files.get(relpath)
            severity = "error" if language.complete else "warning"
            texts = _check_one(code, relpath, model, loaded.sources[relpath], translation, severity, report)
            catalogues[(code, relpath)] = Catalogue(code, texts)
    return catalogues


def _check_one(code: str, relpath: str, model: BaseModel, source: SourceFile, translation: SourceFile | None,
               severity: str, report: Report) -> dict[Key, str]:
    expected = {key: (loc, field_type(model, loc)) for key, loc, _ in translatable_fields(model)}
    if translation is None:
        report.add(source.display, 1, 1, f"no '{code}' translation; create content/translations/{code}/{relpath}", severity)
        return {}
    if translation.data is None:
        return {}
    if not isinstance(translation.data, dict):
        report.add(translation.display, 1, 1, "a translation file must be a set of 'key: value' lines")
        return {}
    texts: dict[Key, str] = {}
    for key, value in flatten_translation(translation.data):
        position = translation.position(key)
        if key not in expected:
            report.add(translation.display, *translation.position(key, key=True), _unknown_key_message(key, expected))
            continue
        if not isinstance(value, str):
            report.add(translation.display, *position, f"'{key[-1]}' must be a text")
            continue
        error = _text_error(expected[key][1], value, key)
        if error:
            report.add(translation.display, *position, error)
            continue
        texts[key] = value.strip()
    for key, (loc, _) in expected.items():
        if key not in texts and key not in dict(flatten_translation(translation.data)):
            line = source.position(loc)[0]
            report.add(translation.display, *translation.position(key[:-1]),
                       f"missing translation of '{'.'.join(key)}' (source: {source.display}:{line})", severity)
    return texts


def field_type(model: BaseModel, loc: tuple):
    """The owning model class and field name of a source location."""
    node = model
    for part in loc[:-1]:
        node = node[part] if isinstance(part, int) else getattr(node, part)
    return type(node), loc[-1]


@lru_cache(maxsize=None)
def _adapter(owner: type[BaseModel], name: str) -> TypeAdapter:
    info = owner.model_fields[name]
    return TypeAdapter(Annotated[info.annotation, *info.metadata])


def _text_error(owner_and_name: tuple, value: str, key: Key) -> str | None:
    """A translation obeys the same rules as its source field (length limit, plain text)."""
    owner, name = owner_and_name
    try:
        _adapter(owner, name).validate_python(value)
    except ValidationError as exc:
        error = exc.errors()[0]
        error["loc"] = key
        return describe(error, owner)
    return None


def _unknown_key_message(key: Key, expected: dict) -> str:
    siblings = {k[len(key) - 1] for k in expected if k[: len(key) - 1] == key[:-1] and len(k) >= len(key)}
    match = difflib.get_close_matches(key[-1], sorted(siblings), n=1, cutoff=0.6)
    hint = f"; did you mean '{match[0]}'?" if match else (f"; expected one of: {', '.join(sorted(siblings))}" if siblings else "")
    return f"unknown key '{key[-1]}' (no such text in the source file){hint}"
