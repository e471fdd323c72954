"""``i18n stamp``: record which source text each translation now matches (what a reviewer runs after checking).

By default only translations edited since their last stamp (or never stamped) are recorded, so an
outdated translation nobody touched stays outdated. ``--all`` or naming fields stamps them as they are,
for when the source change needs no change in the translation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from relais.i18n import yamlfile
from relais.i18n.status import OUTDATED, Record, state
from relais.i18n.workspace import Workspace
from relais.translation_checks import SourceText


@dataclass
class Stamped:
    count: int = 0
    files: list[str] = field(default_factory=list)
    still_outdated: list[tuple[str, SourceText]] = field(default_factory=list)  # ("file:line", text)
    unknown_targets: list[str] = field(default_factory=list)


def stamp(ws: Workspace, lang: str, targets: list[str], everything: bool) -> Stamped:
    result = Stamped(unknown_targets=[t for t in targets if not any(_named(text, [t]) for text in _all(ws))])
    if result.unknown_targets:
        return result
    for relpath, texts in ws.texts.items():
        current, records = ws.current(lang, relpath)
        if not current and not records:
            continue  # no file, or nothing in it to stamp
        new = {}
        for text in texts:
            translation = current.get(text.key)
            if translation is None:
                continue  # nothing translated: a leftover record is dropped
            old = records.get(text.key)
            chosen = _named(text, targets) if targets else everything or old is None or old.edited_since(translation)
            new[text.key] = Record.of(text.text, translation) if chosen else old
            result.count += new[text.key] != old
            if not chosen and old and state(text.text, translation, old) == OUTDATED:
                result.still_outdated.append((ws.where(lang, relpath, text.key), text))
        if _write_records(ws, lang, relpath, {k: r for k, r in new.items() if r}):
            result.files.append(ws.display(lang, relpath))
    return result


def _all(ws: Workspace):
    return (text for texts in ws.texts.values() for text in texts)


def _named(text: SourceText, targets: list[str]) -> bool:
    """A target names a file (``guides/prepare.yml``), a field or a group of fields (``...:items.follow-official-accounts``)."""
    return any(t in (text.relpath, text.context) or text.context.startswith(t + ".") for t in targets)


def _write_records(ws: Workspace, lang: str, relpath: str, records: dict) -> bool:
    path = ws.path(lang, relpath)
    if not path.is_file():
        return False
    before = path.read_text(encoding="utf-8")
    data = yamlfile.load(path)
    yamlfile.set_records(data, records)
    after = yamlfile.dump(data)
    if after == before:
        return False
    yamlfile.write_atomic(path, after)
    return True
