"""Round-trip editing of translation files with ruamel.yaml: comments, key order and quoting survive.

Only the texts the tools change and the ``_source`` record are touched; the rest of the file is written
back exactly as it was read.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString

from relais.load import kind_of
from relais.i18n.status import STATUS_KEY, Key, Record, dotted

FOLD_WIDTH = 100  # long texts become '>-' blocks folded near this width, like the hand-written files
STATUS_COMMENT = ("Kept by 'python build.py i18n stamp' and 'i18n import': the source text each translation was made from.\n"
                  "Do not edit; run 'python build.py check' to see which translations are outdated.")


def _yaml() -> YAML:
    yaml = YAML()  # round-trip mode
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap an existing line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load(path: Path) -> CommentedMap:
    """The file's mapping, or an empty one for a file still to be created (or empty)."""
    data = _yaml().load(path.read_text(encoding="utf-8")) if path.is_file() else None
    if data is not None and not isinstance(data, CommentedMap):
        raise ValueError("the file should be a set of 'key: value' lines")
    return CommentedMap() if data is None else data


def dump(data: CommentedMap, header: str = "") -> str:
    out = io.StringIO()
    out.write(header)
    _yaml().dump(data, out)
    return out.getvalue()


def schema_header(lang: str, relpath: str) -> str:
    """First line of a new translation file, pointing editors at its schema (like the hand-made ones)."""
    depth = len(Path("translations", lang, relpath).parts)
    return f"# yaml-language-server: $schema={'../' * depth}schemas/{kind_of(relpath)}.translation.schema.json\n"


def set_text(data: CommentedMap, key: Key, text: str, order: list[Key]) -> None:
    """Put ``text`` at ``key``, creating mappings as needed; new keys go where the source file has them."""
    node = data
    for depth, name in enumerate(key):
        siblings = list(dict.fromkeys(k[depth] for k in order if k[:depth] == key[:depth] and len(k) > depth))
        if name not in node:
            _insert(node, name, CommentedMap() if depth < len(key) - 1 else None, siblings)
        if depth < len(key) - 1:
            node = node[name]
            if not isinstance(node, CommentedMap):
                raise ValueError(f"'{dotted(key[:depth + 1])}' should be a set of 'key: value' lines")
    node[key[-1]] = _scalar(text, node[key[-1]])


def _insert(mapping: CommentedMap, name: str, value, siblings: list[str]) -> None:
    """Insert after the last existing key that comes before ``name`` in the source (so ``_source`` stays last)."""
    rank = {n: i for i, n in enumerate(siblings)}
    before = [i for i, k in enumerate(mapping) if k in rank and rank[k] < rank.get(name, len(rank))]
    mapping.insert(before[-1] + 1 if before else 0, name, value)


def _scalar(text: str, old):
    """Long texts (or texts that were '>-' blocks) are folded; others double-quoted, safe for every YAML reader."""
    if (isinstance(old, FoldedScalarString) or len(text) > FOLD_WIDTH) and _foldable(text):
        folded = FoldedScalarString(text)
        folded.fold_pos = _fold_positions(text)
        return folded
    return DoubleQuotedScalarString(text)


def _foldable(text: str) -> bool:
    return not any(mark in text for mark in ("\n", "\t", "  ")) and text == text.strip()


def _fold_positions(text: str) -> list[int]:
    """Spaces at which a '>-' block breaks its lines (a single space folds back into the text)."""
    positions, start = [], 0
    while len(text) - start > FOLD_WIDTH:
        cut = text.rfind(" ", start, start + FOLD_WIDTH + 1)
        cut = cut if cut > start else text.find(" ", start + FOLD_WIDTH)
        if cut == -1:
            break
        positions.append(cut)
        start = cut + 1
    return positions


def set_records(data: CommentedMap, records: dict[Key, Record]) -> None:
    """Rewrite the ``_source`` mapping with ``records`` (in the order given); drop it when there is none."""
    status = data.get(STATUS_KEY)
    if not records:
        data.pop(STATUS_KEY, None)
        return
    if not isinstance(status, CommentedMap):
        data.pop(STATUS_KEY, None)
        status = data[STATUS_KEY] = CommentedMap()
        data.yaml_set_comment_before_after_key(STATUS_KEY, before=STATUS_COMMENT)
    status.clear()
    for key, record in records.items():
        status[dotted(key)] = str(record)


def write_atomic(path: Path, text: str) -> None:
    """Readers (and a crash) see the old file or the new one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
