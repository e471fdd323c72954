"""Validate stage: check every loaded file against its model and the cross-file rules, all errors at once."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Iterator

from pydantic import BaseModel, ValidationError

from relais.content import Content
from relais.diagnostics import ContentError, Report
from relais.icons import all_icon_names, suggest_icons
from relais.load import LoadedFiles, kind_of
from relais.messages import close_match, describe, field_names_at
from relais.models import CaseStudy, Guide, Interface, Page, Site
from relais.source import SourceFile
from relais.translation_checks import check_translations
from relais.translations import translatable_fields

MODELS: dict[str, type[BaseModel]] = {"site": Site, "guide": Guide, "case-study": CaseStudy, "page": Page, "ui": Interface}


def validate(loaded: LoadedFiles, report: Report) -> Content:
    """Build the typed content; raises ``ContentError`` with every problem found."""
    models: dict[str, BaseModel] = {}
    sound: dict[str, BaseModel] = {}  # files without errors: their translations can be checked against them
    for relpath, source in loaded.sources.items():
        model = _validate_file(source, MODELS[kind_of(relpath)], report)
        if model is not None:
            before = len(report.errors)
            models[relpath] = model
            _check_model(relpath, source, model, loaded.root, report)
            if len(report.errors) == before:
                sound[relpath] = model
    site = models.get("site.yml")
    catalogues = {}
    if isinstance(site, Site) and _check_site(site, loaded.sources["site.yml"], report):
        catalogues = check_translations(site, sound, loaded, report)
    if not report.ok or site is None or "ui.yml" not in models:
        raise ContentError(report)
    locations = _locations(site, models, loaded)
    by_kind = {kind: sorted((m for p, m in models.items() if kind_of(p) == kind), key=_order) for kind in MODELS}
    return Content(root=loaded.root, site=site, ui=models["ui.yml"], guides=by_kind["guide"], case_studies=by_kind["case-study"],
                   pages=by_kind["page"], catalogues=catalogues, source_files=tuple(sorted(loaded.sources)),
                   locations=locations)


def _locations(site: Site, models: dict[str, BaseModel], loaded: LoadedFiles) -> dict:
    """Position of every translatable text in its source file and in each translation file."""
    found = {}
    for relpath, model in models.items():
        source = loaded.sources[relpath]
        for key, loc, _ in translatable_fields(model):
            found[(site.default_language, relpath, key)] = (source.display, *source.position(loc))
            for lang, files in loaded.translations.items():
                translation = files.get(relpath)
                if translation is not None and key in translation.values:
                    found[(lang, relpath, key)] = (translation.display, *translation.values[key])
    return found


def _order(model: BaseModel) -> tuple:
    return (getattr(model, "order", 0), getattr(model, "id", ""))


def _validate_file(source: SourceFile, model: type[BaseModel], report: Report) -> BaseModel | None:
    if source.data is None:
        return None
    if not isinstance(source.data, dict):
        report.add(source.display, 1, 1, "the file must be a set of 'key: value' lines")
        return None
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        for error in _one_per_mistake(exc.errors(), model):
            loc = error["loc"]
            line, col = source.position(loc, key=error["type"] == "extra_forbidden")
            report.add(source.display, line, col, describe(error, model))
        return None


def _one_per_mistake(errors: list, model: type[BaseModel]) -> list:
    """A misspelled key is one mistake: drop the 'missing' error for the key it was meant to be."""
    meant = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            match = close_match(str(error["loc"][-1]), field_names_at(model, error["loc"][:-1]))
            if match:
                meant.add(error["loc"][:-1] + (match,))
    return [e for e in errors if not (e["type"] == "missing" and e["loc"] in meant)]


def walk(model: BaseModel, loc: tuple = ()) -> Iterator[tuple[tuple, BaseModel]]:
    """Every nested model with its location in the file."""
    yield loc, model
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from walk(value, loc + (name,))
        elif isinstance(value, list):
            for i, entry in enumerate(value):
                if isinstance(entry, BaseModel):
                    yield from walk(entry, loc + (name, i))


def _check_model(relpath: str, source: SourceFile, model: BaseModel, root: Path, report: Report) -> None:
    stem = relpath.rsplit("/", 1)[-1].removesuffix(".yml")
    if hasattr(model, "id") and model.id != stem:
        report.add(source.display, *source.position(("id",)),
                   f"id '{model.id}' differs from the file name; rename the file {model.id}.yml or set id: {stem}")
    for loc, node in walk(model):
        icon = getattr(node, "icon", None)
        if isinstance(icon, str) and icon not in all_icon_names():
            hints = suggest_icons(icon)
            hint = f"did you mean {' or '.join(repr(h) for h in hints)}?" if hints else "see https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/"
            report.add(source.display, *source.position(loc + ("icon",)), f"unknown icon '{icon}'; {hint}")
        _check_duplicate_ids(node, loc, source, report)


def _check_duplicate_ids(node: BaseModel, loc: tuple, source: SourceFile, report: Report) -> None:
    for name in type(node).model_fields:
        value = getattr(node, name)
        if not (isinstance(value, list) and value and hasattr(value[0], "id")):
            continue
        seen: Counter = Counter()
        for i, entry in enumerate(value):
            seen[entry.id] += 1
            if seen[entry.id] == 2:
                first = next(j for j, e in enumerate(value) if e.id == entry.id)
                line = source.position(loc + (name, first, "id"))[0]
                report.add(source.display, *source.position(loc + (name, i, "id")),
                           f"duplicate id '{entry.id}' in '{name}' (first used on line {line}); ids must be unique")


def _check_site(site: Site, source: SourceFile, report: Report) -> bool:
    """Site-wide rules; False when the languages are too broken to check translations against them."""
    codes = [lang.code for lang in site.languages]
    if site.default_language not in codes:
        report.add(source.display, *source.position(("default_language",)),
                   f"default language '{site.default_language}' is not in 'languages' ({', '.join(codes)})")
        return False
    for code, count in Counter(codes).items():
        if count > 1:
            report.add(source.display, *source.position(("languages",)), f"language '{code}' is listed twice")
    if site.brand.logo:
        _check_asset(site.brand.logo, ("brand", "logo"), source, report)
    return True


def _check_asset(relpath: str, loc: tuple, source: SourceFile, report: Report) -> None:
    """Assets are files inside content/; nothing may point outside the project."""
    content_dir = source.path.parent.resolve()
    if relpath.startswith(("/", "\\")) or ":" in relpath or ".." in Path(relpath).parts:
        report.add(source.display, *source.position(loc),
                   f"'{relpath}' must be a path inside content/, like assets/logo.svg (no '..', no absolute path, no URL)")
        return
    target = (content_dir / relpath).resolve()
    if not target.is_relative_to(content_dir) or not target.is_file():
        report.add(source.display, *source.position(loc), f"file '{relpath}' not found in content/; add it or fix the path")
