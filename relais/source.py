"""Load stage: read YAML 1.2 files safely and remember where every key and value sits.

ruamel.yaml parses each file once into events; we build plain Python data from them ourselves and keep a
map from the path of a value (``("items", 2, "title")``) to its position, so later stages can report
``file:line:col``. Every scalar stays the exact text the editor typed (``no``, ``14:49``, ``2013``); only
YAML 1.2 nulls become None, and the models turn texts into numbers, dates or booleans where a field says so.

Content is data: anchors and aliases ("billion laughs"), explicit tags (``!!python/object``), merge keys,
several documents and duplicate keys are refused with a located message, never an exception.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml import events as ev
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError

from relais.diagnostics import Report

MAX_FILE_BYTES = 512 * 1024
MAX_DEPTH = 32  # content nests 6 levels at most; a limit keeps the builder's recursion bounded
NULLS = frozenset({"", "~", "null", "Null", "NULL"})  # YAML 1.2 core schema, plain scalars only
Path_ = tuple[str | int, ...]


@dataclass
class SourceFile:
    """A parsed YAML file: its data and the position of every value (and of every mapping key)."""

    path: Path
    display: str
    data: Any = None
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Path_, *, key: bool = False) -> tuple[int, int]:
        """Best position for ``loc``: the exact value (or key), else its nearest known parent."""
        table = self.keys if key else self.values
        for end in range(len(loc), -1, -1):
            prefix = tuple(loc[:end])
            if prefix in table:
                return table[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return (1, 1)


class _Refused(Exception):
    """A construct content files may not use; stops building the file."""

    def __init__(self, event: ev.Event, message: str):
        super().__init__(message)
        self.position = _mark(event)
        self.message = message


def _mark(event: ev.Event) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


class _Builder:
    """Turns the event stream of one document into plain data, recording positions and duplicate keys."""

    def __init__(self, source: SourceFile, report: Report, events: Iterator[ev.Event]):
        self.source = source
        self.report = report
        self.events = events

    def document(self) -> Any:
        next(self.events)  # StreamStartEvent
        start = next(self.events)
        if isinstance(start, ev.StreamEndEvent):
            return {}  # an empty file (or only comments)
        data = self.node(next(self.events), (), 0)
        next(self.events)  # DocumentEndEvent
        if data is None:
            data = {}  # a document holding only '~' or '---' is an empty file too
        after = next(self.events)
        if isinstance(after, ev.DocumentStartEvent):
            raise _Refused(after, "a second YAML document starts here ('---' or '...'); keep one document per file")
        return data

    def node(self, event: ev.Event, loc: Path_, depth: int) -> Any:
        self._check(event, depth)
        self.source.values[loc] = _mark(event)
        if isinstance(event, ev.MappingStartEvent):
            return self._mapping(loc, depth)
        if isinstance(event, ev.SequenceStartEvent):
            items = []
            while not isinstance(child := next(self.events), ev.SequenceEndEvent):
                items.append(self.node(child, loc + (len(items),), depth + 1))
            return items
        return None if event.style is None and event.value in NULLS else event.value

    def _mapping(self, loc: Path_, depth: int) -> dict:
        result: dict = {}
        while not isinstance(key_event := next(self.events), ev.MappingEndEvent):
            self._check(key_event, depth)
            if not isinstance(key_event, ev.ScalarEvent):
                raise _Refused(key_event, "a key must be a plain word, not a list or a mapping")
            key = key_event.value
            if key == "<<" and key_event.style is None:
                raise _Refused(key_event, "merge keys (<<) are not allowed in content; write the keys out in full")
            value_event = next(self.events)
            if key in result:
                line, _ = self.source.keys[loc + (key,)]
                self.report.add(self.source.display, *_mark(key_event),
                                f"duplicate key '{key}' (already set on line {line}); keep only one")
                self._skip(value_event, depth + 1)
                continue
            self.source.keys[loc + (key,)] = _mark(key_event)
            result[key] = self.node(value_event, loc + (key,), depth + 1)
            if isinstance(value_event, ev.ScalarEvent) and value_event.style is None and value_event.value == "":
                # An empty value is marked where the next token starts (often the next line): point just after 'key:'.
                end = key_event.end_mark
                self.source.values[loc + (key,)] = (end.line + 1, end.column + 2)
        return result

    def _skip(self, event: ev.Event, depth: int) -> None:
        """Consumes the events of a value that is not kept (still refusing what is never allowed)."""
        level = 0
        while True:
            self._check(event, depth + level)
            level += isinstance(event, ev.CollectionStartEvent) - isinstance(event, ev.CollectionEndEvent)
            if level == 0:
                return
            event = next(self.events)

    @staticmethod
    def _check(event: ev.Event, depth: int) -> None:
        if isinstance(event, ev.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(event, "anchors (&name) and aliases (*name) are not allowed in content; write the value out in full")
        if getattr(event, "tag", None):
            tag = str(event.tag).replace("tag:yaml.org,2002:", "!!")
            raise _Refused(event, f"YAML tags such as '{tag}' are not allowed in content; remove the tag "
                                 "(every value is read as text and checked by its field)")
        if depth > MAX_DEPTH:
            raise _Refused(event, f"lists and mappings are nested more than {MAX_DEPTH} levels deep; simplify the file")


class ParseCache:
    """Files parsed without a problem, kept under a hash of their bytes and of this parser (in memory, and on
    disk when given a folder): a rebuild parses only the files that changed. Pure-Python YAML is slow."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.memory: dict[str, dict] = {}

    def _key(self, raw: bytes) -> str:
        return hashlib.sha256(_parser_identity().encode() + b"\0" + raw).hexdigest()

    def get(self, raw: bytes) -> dict | None:
        key = self._key(raw)
        if key not in self.memory and self.folder is not None:
            try:
                self.memory[key] = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return None
        return self.memory.get(key)

    def put(self, raw: bytes, source: SourceFile) -> None:
        record = {"data": source.data, "values": [[list(k), *v] for k, v in source.values.items()],
                  "keys": [[list(k), *v] for k, v in source.keys.items()]}
        key = self._key(raw)
        self.memory[key] = record
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f".{key}.{os.getpid()}.tmp"
            temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, self.folder / f"{key}.json")


@lru_cache(maxsize=1)
def _parser_identity() -> str:
    from importlib.metadata import version

    return version("ruamel.yaml") + hashlib.sha256(inspect.getsource(_Builder).encode()).hexdigest()


def _restored(source: SourceFile, record: dict) -> SourceFile:
    source.data = record["data"]
    source.values = {tuple(k): (line, col) for k, line, col in record["values"]}
    source.keys = {tuple(k): (line, col) for k, line, col in record["keys"]}
    return source


def load_yaml(path: Path, display: str, report: Report, cache: ParseCache | None = None) -> SourceFile:
    """Parse one file; problems go to ``report`` and leave ``data`` as None."""
    source = SourceFile(path=path, display=display)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        report.add(display, 1, 1, f"file is {size // 1024} KB, over the {MAX_FILE_BYTES // 1024} KB limit; split it")
        return source
    raw = path.read_bytes()
    known = cache.get(raw) if cache is not None else None
    if known is not None:
        return _restored(source, known)
    before = len(report.items)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        report.add(display, line, col, "file is not valid UTF-8 text (saved in another encoding?); save it as UTF-8")
        return source
    try:
        data = _Builder(source, report, YAML(typ="safe", pure=True).parse(text)).document()
    except _Refused as exc:
        report.add(display, *exc.position, exc.message)
        return source
    except MarkedYAMLError as exc:
        report.add(display, *_yaml_error_position(exc), _yaml_error_message(exc))
        return source
    except ReaderError as exc:  # a raw control character: the reader refuses it before any parsing
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        report.add(display, line, col, f"contains the invisible control character U+{exc.character:04X}; "
                                       "delete it and retype the text")
        return source
    source.data = data
    if cache is not None and len(report.items) == before:
        cache.put(raw, source)
    return source


def _yaml_error_position(exc: MarkedYAMLError) -> tuple[int, int]:
    # An unclosed quote is found at the end of the file: point at where the quote opens instead.
    unclosed = exc.context and "quoted scalar" in exc.context
    mark = (exc.context_mark if unclosed else None) or exc.problem_mark or exc.context_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _yaml_error_message(exc: MarkedYAMLError) -> str:
    problem = (exc.problem or "invalid YAML").strip()
    if "\\t" in problem or "tab" in problem:
        return "YAML syntax error: a tab character is used for indentation; indent with spaces"
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = "; a text containing ': ' must be put in quotes"
    elif "but found '<scalar>'" in problem:  # usually a quote left open above, closed by the next text's quote
        hint = "; check that each quote (\" or ') opened on the lines above is closed, and the indentation"
    elif "could not find expected ':'" in problem or "simple key" in problem or "expected <block end>" in problem:
        hint = "; check the indentation and that each key ends with ':'"
    elif problem.startswith("expected ',' or"):
        hint = "; a list [ ] or mapping { } is not closed, or a text with ',' or ':' needs quotes"
    elif exc.context and "quoted scalar" in exc.context and "end of stream" in problem:
        hint = "; a quote (\" or ') is not closed"
    elif "found character" in problem:
        hint = "; put the text in quotes"
    return f"YAML syntax error: {problem}{hint}"
