"""Validate stage: check every loaded file against its model and the cross-file rules, all errors at once."""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import partial
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from relais.content import Content
from relais.diagnostics import ContentError, Report
from relais.icons import icon_path, suggest_icons
from relais.load import LoadedFiles, edition_of, kind_of
from relais.messages import close_match, describe, field_names_at
from relais.edition_checks import check_data, check_editions, edition_languages
from relais.phones import region_of
from relais.models import CaseStudy, Guide, Interface, Page, Relay, Site
from relais.models.edition import Edition
from relais.models.common import is_web_address
from relais.source import SourceFile
from relais.svg import SvgError, check_svg, logo_markup
from relais.translation_checks import check_translations
from relais.translations import translatable_fields

MODELS: dict[str, type[BaseModel]] = {"site": Site, "guide": Guide, "case-study": CaseStudy, "page": Page, "ui": Interface,
                                      "edition": Edition, "edition-guide": Guide, "relay": Relay}
MAX_LOGO_BYTES = 200 * 1024  # drawn in every image and page: a heavier logo is a badly exported one
# Scripts that legitimately mix in one name (Japanese, Chinese, Korean, each with Latin); any other mix is suspect.
EAST_ASIAN = {"Cjk", "Hiragana", "Katakana", "Katakana-Hiragana", "Hangul", "Bopomofo"}


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
    _check_page_ids(models, loaded, report)
    site = models.get("site.yml")
    catalogues = {}
    if isinstance(site, Site) and _check_site(site, loaded.sources["site.yml"], report):
        region = region_of(site)
        for relpath, model in models.items():
            for loc, node in walk(model):
                check_data(node, loc, loaded.sources[relpath], region, report)
        check_editions(site, models, loaded, report, partial(_check_logo, content_dir=loaded.root))
        catalogues = check_translations(site, sound, loaded, report, edition_languages(models))
    if not report.ok or site is None or "ui.yml" not in models:
        raise ContentError(report)
    locations = _locations(site, models, loaded)
    by_kind = {kind: sorted((m for p, m in models.items() if kind_of(p) == kind), key=_order) for kind in MODELS}
    local_guides: dict[str, list[Guide]] = {}
    for relpath, model in sorted(models.items(), key=lambda pair: _order(pair[1])):
        if kind_of(relpath) == "edition-guide":
            local_guides.setdefault(edition_of(relpath), []).append(model)
    return Content(root=loaded.root, site=site, ui=models["ui.yml"], guides=by_kind["guide"], case_studies=by_kind["case-study"],
                   pages=by_kind["page"], catalogues=catalogues, source_files=tuple(sorted(loaded.sources)),
                   locations=locations, editions=sorted(by_kind["edition"], key=lambda e: e.id), local_guides=local_guides,
                   relay=models.get("relay.yml"))


# The home page's images live in media/home/; a free page's folder sits beside the site's own folders.
RESERVED_IDS = {"home"}
RESERVED_PAGE_IDS = {"accessibilite", "relay-kit", "assets", "media", "print", "search", "guides", "case-studies", "index", "404"}


def _check_page_ids(models: dict[str, BaseModel], loaded: LoadedFiles, report: Report) -> None:
    """Guides, case studies and pages share one set of ids: each names its images (media/<id>/) and PDFs."""
    first: dict[tuple, str] = {}
    for relpath, model in sorted(models.items(), key=lambda pair: (kind_of(pair[0]) == "edition-guide", pair[0])):
        kind = kind_of(relpath)
        if kind not in ("guide", "case-study", "page", "edition-guide"):
            continue
        source = loaded.sources[relpath]
        where = source.position(("id",))
        reserved = RESERVED_IDS | (RESERVED_PAGE_IDS if kind == "page" else set())
        if model.id in reserved:
            report.add(source.display, *where, f"id '{model.id}' is used by the site itself; choose another id "
                                               "(and rename the file to match)")
        elif (model.id, None) in first or (model.id, edition_of(relpath)) in first:
            other = first.get((model.id, None)) or first[(model.id, edition_of(relpath))]
            report.add(source.display, *where, f"id '{model.id}' is already the id of {other}; ids of "
                                               "guides, case studies and pages must all differ")
        first.setdefault((model.id, edition_of(relpath)), loaded.sources[relpath].display)


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
        if isinstance(icon, str) and icon_path(icon) is None:
            hints = suggest_icons(icon)
            hint = f"did you mean {' or '.join(repr(h) for h in hints)}?" if hints else "see https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/"
            report.add(source.display, *source.position(loc + ("icon",)), f"unknown icon '{icon}'; {hint}")
        _check_duplicate_ids(node, loc, source, report)
        _check_hosts(node, loc, source, report)


def _check_hosts(node: BaseModel, loc: tuple, source: SourceFile, report: Report) -> None:
    """A suspicious host name is a warning: it may be right (the build goes on), but an editor must look."""
    for name, info in type(node).model_fields.items():
        value = getattr(node, name)
        warning = host_warning(value) if isinstance(value, str) and is_web_address(info) else None
        if warning:
            report.add(source.display, *source.position(loc + (name,)), f"'{name}': {warning}", "warning")


def _script(ch: str) -> str:
    """The script of a letter, from its Unicode name ('CYRILLIC SMALL LETTER IE' -> 'Cyrillic')."""
    return unicodedata.name(ch, "unknown").split()[0].title()


def host_warning(url: str) -> str | None:
    """Why the host of ``url`` may imitate another one (letters of several scripts in one label), or None."""
    if url.startswith("mailto:"):
        host = url.removeprefix("mailto:").split("?", 1)[0].rpartition("@")[2].lower()
    elif url.startswith(("http://", "https://")):
        host = urlsplit(url).hostname or ""
    else:
        return None
    for label in host.split("."):
        text = label
        if label.startswith("xn--"):
            try:
                text = label[4:].encode("ascii").decode("punycode")
            except UnicodeError:
                return f"the host name '{host}' has an invalid 'xn--' part; check the address"
        letters = [(ch, _script(ch)) for ch in text if unicodedata.category(ch).startswith("L")]
        scripts = Counter(script for _, script in letters)
        if len(scripts) > 1 and not set(scripts) <= {"Latin"} | EAST_ASIAN:
            main = scripts.most_common(1)[0][0]
            odd = ", ".join(sorted({f"'{ch}' (U+{ord(ch):04X}, {script})" for ch, script in letters if script != main}))
            return (f"the host name '{host}' mixes {main} letters with {odd}, as look-alikes of real addresses do; "
                    "check it and type it again")
    return None


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
        _check_logo(site.brand.logo, ("brand", "logo"), source, report)
    return True


def _check_logo(relpath: str, loc: tuple, source: SourceFile, report: Report, content_dir: Path | None = None) -> None:
    """A logo is drawn into every image and page: it must be a small, safe SVG."""
    path = _check_asset(relpath, loc, source, report, content_dir)
    if path is None:
        return
    where = source.position(loc)
    if path.suffix.lower() != ".svg":
        report.add(source.display, *where, f"logo {relpath}: the logo must be an SVG file (.svg); export it as SVG")
        return
    size = path.stat().st_size
    if size > MAX_LOGO_BYTES:
        report.add(source.display, *where, f"logo {relpath} is {size // 1024} KB, over the {MAX_LOGO_BYTES // 1024} KB "
                                           "budget; simplify it or save it optimised (e.g. with SVGO)")
        return
    data = path.read_bytes()
    problems = check_svg(data)
    for line, _, message in problems:
        report.add(source.display, *where, f"logo {relpath} (line {line}): {message}")
    if not problems:
        try:  # what the images will draw: a logo they cannot use is an error now, not during the build
            logo_markup(data, relpath)
        except SvgError as exc:
            report.add(source.display, *where, f"logo {relpath} (line {exc.line}): {exc.message}")


def _check_asset(relpath: str, loc: tuple, source: SourceFile, report: Report,
                 content_dir: Path | None = None) -> Path | None:
    """Assets are files inside content/; nothing may point outside the project. The file, when it is one.
    ``content_dir``: content/, when ``source`` is not at its top (an edition's file)."""
    content_dir = (content_dir or source.path.parent).resolve()
    if relpath.startswith(("/", "\\")) or ":" in relpath or ".." in Path(relpath).parts:
        report.add(source.display, *source.position(loc),
                   f"'{relpath}' must be a path inside content/, like assets/logo.svg (no '..', no absolute path, no URL)")
        return None
    path = content_dir / relpath
    if not path.resolve().is_relative_to(content_dir):  # a symbolic link (of the file or of a folder) leaves content/
        report.add(source.display, *source.position(loc),
                   f"'{relpath}' is a link to a file outside content/; copy the file into content/ instead")
        return None
    if not path.is_file():
        report.add(source.display, *source.position(loc), f"file '{relpath}' not found in content/; add it or fix the path")
        return None
    return path
