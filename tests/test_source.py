"""The YAML loader (relais/source.py, relais/load.py): YAML 1.2 texts as typed, positions of every key and value,
and every construct content never needs refused as one located line, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from relais.diagnostics import Report
from relais.load import load_files
from relais.source import MAX_DEPTH, load_yaml


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "file.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    report = Report()
    return load_yaml(path, "content/file.yml", report), report


def only_error(tmp_path: Path, text: str | bytes) -> str:
    source, report = load(tmp_path, text)
    assert source.data is None or report.errors, source.data
    assert len(report.errors) == 1, report.errors
    return str(report.errors[0])


SAMPLE = """\
# a comment
id: prepare
items:
  - id: a
    title: "Suivez"
  - {id: b, title: 'Vérifiez'}
empty:
nested:
  deeper:
    text: >-
      two
      lines
"""


def test_positions_of_values_and_keys(tmp_path):
    source, report = load(tmp_path, SAMPLE)
    assert report.items == []
    assert source.values[("id",)] == (2, 5)
    assert source.keys[("id",)] == (2, 1)
    assert source.values[("items",)] == (4, 3)
    assert source.values[("items", 0)] == (4, 5)
    assert source.values[("items", 0, "title")] == (5, 12)
    assert source.keys[("items", 0, "title")] == (5, 5)
    assert source.values[("items", 1, "title")] == (6, 20)
    assert source.values[("empty",)] == (7, 7)  # just after 'empty:', not on the next line
    assert source.values[("nested", "deeper", "text")] == (10, 11)


def test_position_falls_back_to_the_nearest_parent(tmp_path):
    source, _ = load(tmp_path, SAMPLE)
    assert source.position(("items", 0, "missing")) == (4, 5)
    assert source.position(("items", 1, "title"), key=True) == (6, 13)
    assert source.position(("nowhere",)) == (2, 1)  # the root mapping starts after the comment


def test_data_is_plain_python(tmp_path):
    source, _ = load(tmp_path, SAMPLE)
    assert source.data == {"id": "prepare", "items": [{"id": "a", "title": "Suivez"}, {"id": "b", "title": "Vérifiez"}],
                           "empty": None, "nested": {"deeper": {"text": "two lines"}}}


def test_scalars_stay_the_text_the_editor_typed(tmp_path):
    """YAML 1.2 and no implicit types: the models turn texts into numbers, dates and booleans where a field says so."""
    text = ("time: 14:49\ntitle: no\nwhere: on\nbig: 1e3\nyear: 2013\nflag: true\nhex: 0x1F\ndate: 2013-04-15\n"
            "yes: key\n2013: key\n")
    source, report = load(tmp_path, text)
    assert report.items == []
    assert source.data == {"time": "14:49", "title": "no", "where": "on", "big": "1e3", "year": "2013", "flag": "true",
                           "hex": "0x1F", "date": "2013-04-15", "yes": "key", "2013": "key"}


def test_only_yaml_nulls_become_none(tmp_path):
    source, _ = load(tmp_path, "a: null\nb: ~\nc:\nd: NULL\ne: 'null'\nf: \"~\"\ng: ''\nh: None\ni: |\n\nj: [~, null, x]\n")
    assert source.data == {"a": None, "b": None, "c": None, "d": None, "e": "null", "f": "~", "g": "", "h": "None",
                           "i": "", "j": [None, None, "x"]}


@pytest.mark.parametrize("text", ["", "# only a comment\n", "~\n", "---\n", "--- ~\n"])
def test_an_empty_file_is_an_empty_mapping(tmp_path, text):
    source, report = load(tmp_path, text)
    assert report.items == [] and source.data == {}


def test_a_byte_order_mark_is_accepted(tmp_path):
    source, report = load(tmp_path, "\ufeffid: prepare\n")
    assert report.items == [] and source.data == {"id": "prepare"}


REFUSED = [
    ("order: &n 2\ncopy: *n\n", "1:8", "anchors (&name) and aliases (*name) are not allowed in content; write the value out in full"),
    ("order: *n\n", "1:8", "anchors (&name) and aliases (*name) are not allowed in content; write the value out in full"),
    ("items: &list\n  - a\n", "1:8", "anchors (&name) and aliases (*name) are not allowed in content; write the value out in full"),
    ("a: !!python/object:os.system x\n", "1:4",
     "YAML tags such as '!!python/object:os.system' are not allowed in content; remove the tag (every value is read as text and checked by its field)"),
    ("a: !foo\n  b: 1\n", "1:4",
     "YAML tags such as '!foo' are not allowed in content; remove the tag (every value is read as text and checked by its field)"),
    ("a: !!str 2013\n", "1:4",
     "YAML tags such as '!!str' are not allowed in content; remove the tag (every value is read as text and checked by its field)"),
    ("base: 1\nother:\n  <<: {a: 2}\n", "3:3", "merge keys (<<) are not allowed in content; write the keys out in full"),
    ("a: 1\n---\nb: 2\n", "2:1", "a second YAML document starts here ('---' or '...'); keep one document per file"),
    ("a: 1\n...\n---\nb: 2\n", "3:1", "a second YAML document starts here ('---' or '...'); keep one document per file"),
    ("? [a, b]\n: 1\n", "1:3", "a key must be a plain word, not a list or a mapping"),
    ("a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n", f"1:{4 + MAX_DEPTH}",
     f"lists and mappings are nested more than {MAX_DEPTH} levels deep; simplify the file"),
    ("a: b\x07c\n", "1:5", "contains the invisible control character U+0007; delete it and retype the text"),
]


@pytest.mark.parametrize("text, where, message", REFUSED, ids=[r[2][:30] + f" {i}" for i, r in enumerate(REFUSED)])
def test_refused_constructs_are_located(tmp_path, text, where, message):
    assert only_error(tmp_path, text) == f"content/file.yml:{where}: error: {message}"


def test_a_duplicate_key_is_reported_and_the_rest_still_read(tmp_path):
    source, report = load(tmp_path, "a: 1\nb: [x]\na:\n  deep: [1, 2]\nc: 3\n")
    assert [str(e) for e in report.errors] == [
        "content/file.yml:3:1: error: duplicate key 'a' (already set on line 1); keep only one"]
    assert source.data == {"a": "1", "b": ["x"], "c": "3"}  # the first value is kept
    assert source.values[("a",)] == (1, 4)


def test_an_alias_inside_a_duplicate_value_is_still_refused(tmp_path):
    _, report = load(tmp_path, "a: 1\na: [*x]\n")
    assert any("aliases" in e.message for e in report.errors)


SYNTAX = [
    ("key_message: Attention: avant\n", "1:23",
     "YAML syntax error: mapping values are not allowed here; a text containing ': ' must be put in quotes"),
    ("items:\n  - id: a\n\ticon: b\n", "3:1", "YAML syntax error: a tab character is used for indentation; indent with spaces"),
    ("id: x\norder: [2\nphase: prepare\n", "3:6", ("YAML syntax error: expected ',' or ']', but got ':'; "
     "a list [ ] or mapping { } is not closed, or a text with ',' or ':' needs quotes")),
    ('a: x\ntitle: "never closed\n', "2:8", "YAML syntax error: found unexpected end of stream; a quote (\" or ') is not closed"),
    ('title: "open\nkey: "text"\n', "2:7", ("YAML syntax error: expected <block end>, but found '<scalar>'; "
     "check that each quote (\" or ') opened on the lines above is closed, and the indentation")),
    ("a:\n  b: 1\n c: 2\n", "3:2", ("YAML syntax error: expected <block end>, but found '<block mapping start>'; "
     "check the indentation and that each key ends with ':'")),
    ("a: b\nc\nd: e\n", "3:1", "YAML syntax error: could not find expected ':'; check the indentation and that each key ends with ':'"),
    ("a: @handle\n", "1:4", "YAML syntax error: found character '@' that cannot start any token; put the text in quotes"),
    ("%YAML 2.0\n---\na: 1\n", "1:1", "YAML syntax error: found incompatible YAML document (version 1.* is required)"),
]


@pytest.mark.parametrize("text, where, message", SYNTAX, ids=[s[2][19:50] for s in SYNTAX])
def test_syntax_errors_are_located_with_a_hint(tmp_path, text, where, message):
    assert only_error(tmp_path, text) == f"content/file.yml:{where}: error: {message}"


def test_not_utf8_and_too_large(tmp_path):
    assert only_error(tmp_path, "a: b\ntitle: préparer\n".encode("latin-1")) == (
        "content/file.yml:2:10: error: file is not valid UTF-8 text (saved in another encoding?); save it as UTF-8")
    assert only_error(tmp_path, "a: b\n" + "#" * 600 * 1024) == (
        "content/file.yml:1:1: error: file is 600 KB, over the 512 KB limit; split it")


NASTY = ["*", "&", "!", "? ", ":", "- - -", "[", "{", "]", "}", "'", '"', "|", ">", "%", "@", "`", "a: b: c", "a:\n- b\n c",
         "--- |\n  x\n--- >\n  y", "a: [1, {b: [2, {c: *d}]}]", "\x00", "\u2028a: 1", "a: \ud7ff\ufffe", "[" * 3000,
         "a: &x [*x]", "!<tag:yaml.org,2002:python/name:os.system> x", "%TAG !e! tag:e.com:\n--- !e!x y", "? a\n? a\n",
         "a:\n  - b\n  -\n    - c: [d, {e: f}]\n"]


@pytest.mark.parametrize("text", NASTY)
def test_never_an_exception(tmp_path, text):
    source, report = load(tmp_path, text)
    assert report.errors or isinstance(source.data, (dict, list, str))
    assert all(str(e).startswith("content/file.yml:") for e in report.errors)


def test_content_files_reached_through_links_are_refused(tmp_path):
    content = tmp_path / "content"
    (content / "guides").mkdir(parents=True)
    (content / "site.yml").write_text("name: x\n", encoding="utf-8")
    (content / "ui.yml").write_text("labels: {}\n", encoding="utf-8")
    (tmp_path / "secret.yml").write_text("token: x\n", encoding="utf-8")
    (content / "guides" / "outside.yml").symlink_to("../../secret.yml")
    (content / "guides" / "inside.yml").symlink_to("../site.yml")
    (content / "guides" / "broken.yml").symlink_to("../nowhere.yml")
    (content / "guides" / "folder.yml").mkdir()
    report = Report()
    loaded = load_files(content, tmp_path, report)
    assert [str(e) for e in report.errors] == [
        "content/guides/broken.yml:1:1: error: this is not a readable file (a folder or a broken link?); remove or rename it",
        "content/guides/folder.yml:1:1: error: this is not a readable file (a folder or a broken link?); remove or rename it",
        "content/guides/outside.yml:1:1: error: this file is a link to a file outside content/; copy the file into content/ instead",
    ]
    assert set(loaded.sources) == {"site.yml", "ui.yml", "guides/inside.yml"}
