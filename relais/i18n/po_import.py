"""``i18n import``: check a translated PO file entry by entry, then write the YAML translation files.

Nothing is written unless every entry is valid; each file is then replaced atomically. Imported entries
record the hash of their msgid (the source text the translator saw), so a text translated from an older
export stays outdated.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po

from relais.translation_checks import SourceText, text_error
from relais.i18n import yamlfile
from relais.i18n.status import Record, language_name, text_hash
from relais.i18n.workspace import Workspace
from relais.models.relay import post_channel
from relais.relay.limits import translation_problems

# What a translation must carry over unchanged from its source text.
_PLACEHOLDERS = {
    "hashtag": re.compile(r"(?<!\w)#\w+"),
    "account": re.compile(r"(?<![\w.])@\w+"),
    "address": re.compile(r"https?://[^\s<>\"')]+[^\s<>\"').,;:!?»”]"),
    "number": re.compile(r"\d+"),
    "placeholder": re.compile(r"\{(?:url|hashtags|account)\}"),  # a post's, filled per language and edition
}


@dataclass
class Problem:
    line: int
    message: str
    severity: str = "error"


@dataclass
class Imported:
    lang: str = ""
    problems: list[Problem] = field(default_factory=list)
    untranslated: list[int] = field(default_factory=list)  # PO lines of empty entries, left as they are
    entries: dict[str, list[tuple[SourceText, str, Record]]] = field(default_factory=dict)  # relpath -> accepted
    written: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def import_po(ws: Workspace, po_path: Path, lang: str | None, dry_run: bool = False) -> Imported:
    result = Imported()
    catalog = _read(po_path, result)
    if catalog is None:
        return result
    result.lang = _language(ws, catalog, lang, result)
    contexts = ws.by_context()
    existing = {relpath: ws.current(result.lang, relpath) for relpath in ws.texts}
    for message in catalog:
        if message.id:  # the first, empty msgid is the header
            _check_message(message, contexts, existing, ws, result)
    if result.untranslated:  # one line: a new language has hundreds
        count = len(result.untranslated)
        result.problems.append(Problem(result.untranslated[0], f"{count} untranslated entr{'y' if count == 1 else 'ies'} "
                                       f"(from this line on), left as they are", "warning"))
    if result.ok and result.entries and not dry_run:
        result.written = _write(ws, result)
    return result


def _read(po_path: Path, result: Imported) -> Catalog | None:
    try:
        with po_path.open("rb") as handle:
            return read_po(handle, abort_invalid=True)
    except PoFileError as exc:
        result.problems.append(Problem(exc.lineno + 1, f"not a valid PO file: {exc.args[0].rsplit(' on ', 1)[0]}"))
    except (OSError, UnicodeDecodeError) as exc:
        result.problems.append(Problem(1, f"cannot read the file: {exc}"))
    return None


def _language(ws: Workspace, catalog: Catalog, lang: str | None, result: Imported) -> str:
    header = catalog.locale.language if catalog.locale else None
    chosen = lang or header or ""
    if not re.fullmatch(r"[a-z]{2}", chosen):
        result.problems.append(Problem(1, "no language: give --lang, or a 'Language:' line in the PO header"))
    elif chosen == ws.site.default_language:
        result.problems.append(Problem(1, f"'{chosen}' is the default language: the source files hold it"))
    elif header and lang and header != lang:
        result.problems.append(Problem(1, f"the PO header says this file is in '{header}', not '{lang}'"))
    return chosen


def _check_message(message: Message, contexts: dict[str, SourceText], existing: dict, ws: Workspace, result: Imported) -> None:
    problem = lambda text, severity="error": result.problems.append(Problem(message.lineno, text, severity))
    source = contexts.get(message.context or "")
    if source is None:
        problem(_unknown_context(message.context, contexts))
        return
    if isinstance(message.id, (list, tuple)) or isinstance(message.string, (list, tuple)):
        problem(f"{source.context}: plural forms are not used by Relais; write one msgstr")
        return
    translation = message.string.strip()
    if not translation:
        result.untranslated.append(message.lineno)
        return
    if message.fuzzy:
        problem(f"{source.context}: marked fuzzy (to be checked); not imported until the flag is removed", "warning")
        return
    texts, records = existing[source.relpath]
    if texts.get(source.key) == translation and records.get(source.key) == Record.of(message.id, translation):
        return  # already in the files, reviewed against this very source text: nothing to import or re-check
    errors = [text_error(source, translation)] + _lost_placeholders(message.id, translation)
    marker = post_channel(source.owner.model_fields[source.name])
    if marker is not None and not any(errors):  # a post: too long on a network, counted as it counts
        errors += [f"too long: {problem}" for problem in translation_problems(ws.site, source.relpath, result.lang,
                                                                              marker, translation)]
    for error in filter(None, errors):
        problem(f"{source.context}: {error}")
    if any(errors):
        return
    if text_hash(message.id) != text_hash(source.text):
        problem(f"{source.context}: the {language_name(ws.site.default_language)} source changed since this file was "
                f"exported; imported, but it stays outdated until updated", "warning")
    result.entries.setdefault(source.relpath, []).append((source, translation, Record.of(message.id, translation)))


def _unknown_context(context: str | None, contexts: dict[str, SourceText]) -> str:
    if not context:
        return "no msgctxt: every entry needs the one the export gave it (file:key)"
    match = difflib.get_close_matches(context, list(contexts), n=1, cutoff=0.8)
    return f"unknown msgctxt '{context}' (no such text in the source files)" + (f"; did you mean '{match[0]}'?" if match else "")


def _tokens(kind: str, text: str) -> set[str]:
    found = _PLACEHOLDERS[kind].findall(text)
    if kind == "number":  # Arabic-Indic digits are the same number
        found = ["".join(str(unicodedata.digit(c)) for c in number) for number in found]
    return set(found)


def _lost_placeholders(source: str, translation: str) -> list[str]:
    """Hashtags, @accounts, web addresses and numbers of the source that the translation lost."""
    lost = []
    for kind in _PLACEHOLDERS:
        missing = sorted(_tokens(kind, source) - _tokens(kind, translation))
        if missing:
            lost.append(f"the {kind} {', '.join(repr(m) for m in missing)} of the source is missing from the translation; "
                        "keep it as it is")
    return lost


def _write(ws: Workspace, result: Imported) -> list[str]:
    """Build every file in memory first; then replace each one atomically."""
    pending = {}
    for relpath, entries in result.entries.items():
        path = ws.path(result.lang, relpath)
        before = path.read_text(encoding="utf-8") if path.is_file() else None
        try:
            after = _updated(ws, result.lang, relpath, entries)
        except ValueError as exc:  # the YAML file itself is broken: 'check' shows where
            result.problems.append(Problem(1, f"cannot update {ws.display(result.lang, relpath)}: {exc}; run 'python build.py check'"))
            return []
        if after != before:
            pending[path] = after
    for path, text in pending.items():
        yamlfile.write_atomic(path, text)
    return [path.relative_to(ws.project.root).as_posix() for path in pending]


def _updated(ws: Workspace, lang: str, relpath: str, entries: list) -> str:
    data = yamlfile.load(ws.path(lang, relpath))
    header = "" if data else yamlfile.schema_header(lang, relpath)  # a file read back keeps its own first line
    order = [text.key for text in ws.texts[relpath]]
    current, records = ws.current(lang, relpath)
    for source, translation, record in entries:
        if current.get(source.key) != translation:
            yamlfile.set_text(data, source.key, translation, order)
        current[source.key], records[source.key] = translation, record
    yamlfile.set_records(data, {key: records[key] for key in order if key in current and key in records})
    return yamlfile.dump(data, header)
