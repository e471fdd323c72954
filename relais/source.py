"""Load stage: read YAML files safely and remember where every key and value sits.

PyYAML's composed nodes carry their start marks; we keep them in a map from the path of a value
(``("items", 2, "title")``) to its position, so later stages can report ``file:line:col``.
Anchors and aliases are refused (they allow "billion laughs" growth and content never needs them),
and so are duplicate keys, which PyYAML would otherwise silently overwrite.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from relais.diagnostics import Report

MAX_FILE_BYTES = 512 * 1024
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


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns a composed node tree into plain Python data, recording positions and problems."""

    def __init__(self, source: SourceFile, report: Report):
        self.source = source
        self.report = report
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, loc: Path_) -> Any:
        self.source.values[loc] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, loc + (i,)) for i, child in enumerate(node.value)]
        return self.constructor.construct_object(node)

    def _mapping(self, node: yaml.MappingNode, loc: Path_) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._error(key_node, "a key must be a plain word, not a list or a mapping")
                continue
            key = str(self.constructor.construct_object(key_node))
            if key in result:
                line, _ = self.source.keys[loc + (key,)]
                self._error(key_node, f"duplicate key '{key}' (already set on line {line}); keep only one")
                continue
            self.source.keys[loc + (key,)] = _mark(key_node)
            result[key] = self.build(value_node, loc + (key,))
        return result

    def _error(self, node: yaml.Node, message: str) -> None:
        line, col = _mark(node)
        self.report.add(self.source.display, line, col, message)


def _refuse_aliases(text: str, source: SourceFile, report: Report) -> bool:
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent) or anchor:
            line, col = event.start_mark.line + 1, event.start_mark.column + 1
            report.add(source.display, line, col,
                       "anchors (&name) and aliases (*name) are not allowed in content; write the value out in full")
            return False
    return True


def load_yaml(path: Path, display: str, report: Report) -> SourceFile:
    """Parse one file; problems go to ``report`` and leave ``data`` as None."""
    source = SourceFile(path=path, display=display)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        report.add(display, 1, 1, f"file is {size // 1024} KB, over the {MAX_FILE_BYTES // 1024} KB limit; split it")
        return source
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        report.add(display, line, col, "file is not valid UTF-8 text (saved in another encoding?); save it as UTF-8")
        return source
    try:
        if not _refuse_aliases(text, source, report):
            return source
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        report.add(display, *_yaml_error_position(exc), _yaml_error_message(exc))
        return source
    source.data = {} if node is None else _Builder(source, report).build(node, ())
    return source


def _yaml_error_position(exc: yaml.MarkedYAMLError) -> tuple[int, int]:
    mark = exc.problem_mark or exc.context_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _yaml_error_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "invalid YAML").strip()
    if "\\t" in problem or "tab" in problem:
        return "YAML syntax error: a tab character is used for indentation; indent with spaces"
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = "; a text containing ': ' must be put in quotes"
    elif "could not find expected ':'" in problem or "simple key" in problem:
        hint = "; check the indentation and that each key ends with ':'"
    elif problem.startswith("expected ',' or"):
        hint = "; a list [ ] or mapping { } is not closed, or a text with ',' or ':' needs quotes"
    elif "found character" in problem:
        hint = "; put the text in quotes"
    return f"YAML syntax error: {problem}{hint}"
