"""Every kind of content mistake gives one clear `file:line:col: error:` line, all at once, and no traceback."""

from __future__ import annotations

import re

import pytest

LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): error: (?P<message>.+)$")


def errors(result) -> list[dict]:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    found = [m.groupdict() for m in map(LINE.match, result.stderr.splitlines()) if m]
    assert found, result.stderr
    return found


def only_error(kit, relpath: str) -> dict:
    found = errors(kit.run("check"))
    assert len(found) == 1, found
    assert found[0]["file"] == f"content/{relpath}"
    return found[0]


def test_the_default_kit_is_valid(kit):
    result = kit.run("check")
    assert result.returncode == 0, result.stderr
    assert "OK: 4 guides, 1 case studies, 1 pages in 4 languages" in result.stdout


def test_misspelled_key_names_file_line_and_suggestion(kit):
    kit.edit("guides/prepare.yml", "\ntitle:", "\ntitel:")
    error = only_error(kit, "guides/prepare.yml")
    assert int(error["line"]) == kit.line_of("guides/prepare.yml", "titel:")
    assert error["col"] == "1"
    assert "unknown key 'titel'; did you mean 'title'?" in error["message"]


def test_misspelled_key_in_a_list_item(kit):
    kit.edit("guides/prepare.yml", "    text: \"Abonnez", "    txet: \"Abonnez")
    found = errors(kit.run("check"))
    assert any("unknown key 'txet'; did you mean 'text'?" in e["message"] for e in found)
    assert not any("missing required key" in e["message"] for e in found), "one mistake, one line"


def test_wrong_type(kit):
    kit.edit("guides/prepare.yml", "order: 2", "order: deux")
    error = only_error(kit, "guides/prepare.yml")
    assert int(error["line"]) == kit.line_of("guides/prepare.yml", "order: deux")
    assert "'order'" in error["message"] and "'deux'" in error["message"]


def test_missing_field(kit):
    path = kit.file("guides/civic-minded.yml")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("key_message:"))
    path.write_text("".join(lines[:start] + lines[start + 1:]), encoding="utf-8")
    error = only_error(kit, "guides/civic-minded.yml")
    assert error["message"] == "missing required key 'key_message'"


def test_unknown_icon_with_suggestion(kit):
    kit.edit("guides/prepare.yml", "material/account-check", "material/acount-check")
    error = only_error(kit, "guides/prepare.yml")
    assert int(error["line"]) == kit.line_of("guides/prepare.yml", "material/acount-check")
    assert "unknown icon 'material/acount-check'" in error["message"]
    assert "material/account-check" in error["message"]


def test_duplicate_ids(kit):
    kit.edit("guides/prepare.yml", "id: check-before-following", "id: follow-official-accounts")
    found = errors(kit.run("check"))
    duplicate = [e for e in found if "duplicate id 'follow-official-accounts'" in e["message"]]
    assert duplicate and duplicate[0]["file"] == "content/guides/prepare.yml"
    assert int(duplicate[0]["line"]) == kit.line_of("guides/prepare.yml", "- id: follow-official-accounts") + 4


@pytest.mark.parametrize("value", ['"blue"', '"#00009"', '"#GG0091"'])
def test_bad_colour(kit, value):
    kit.edit("site.yml", 'primary: "#000091"', f"primary: {value}")
    error = only_error(kit, "site.yml")
    assert "write a colour as # followed by 6 hexadecimal digits" in error["message"]


def test_missing_translation(kit):
    relpath = "translations/en/guides/prepare.yml"
    text = kit.file(relpath).read_text(encoding="utf-8")
    kept = [line for line in text.splitlines(keepends=True) if not line.startswith("key_message:")]
    kit.file(relpath).write_text("".join(kept), encoding="utf-8")
    error = only_error(kit, relpath)
    assert "missing translation of 'key_message'" in error["message"]
    assert f"content/guides/prepare.yml:{kit.line_of('guides/prepare.yml', 'key_message:')}" in error["message"]


def test_unknown_translation_key(kit):
    relpath = "translations/en/guides/prepare.yml"
    kit.edit(relpath, "\nsummary:", "\nsumary:")
    found = errors(kit.run("check"))
    assert any("unknown key 'sumary'" in e["message"] and "did you mean 'summary'?" in e["message"] for e in found)


def test_yaml_syntax_error(kit):
    kit.edit("guides/prepare.yml", "order: 2", "order: 2\nphase: [prepare")
    error = only_error(kit, "guides/prepare.yml")
    assert int(error["line"]) > kit.line_of("guides/prepare.yml", "order: 2")
    assert error["message"].startswith("YAML syntax error")


def test_tab_indentation(kit):
    kit.edit("guides/prepare.yml", "  - id: follow-official-accounts\n    icon:", "  - id: follow-official-accounts\n\ticon:")
    error = only_error(kit, "guides/prepare.yml")
    assert "tab" in error["message"] and "indent with spaces" in error["message"]


def test_aliases_are_refused(kit):
    kit.edit("guides/prepare.yml", "order: 2", "order: &n 2\nphase_copy: *n")
    error = only_error(kit, "guides/prepare.yml")
    assert "anchors (&name) and aliases (*name) are not allowed" in error["message"]


def test_duplicate_key(kit):
    kit.edit("guides/prepare.yml", "order: 2", "order: 2\norder: 3")
    error = only_error(kit, "guides/prepare.yml")
    assert "duplicate key 'order'" in error["message"]


def test_text_too_long_for_its_box(kit):
    kit.edit("guides/prepare.yml", 'title: "Suivez les comptes officiels"', 'title: "' + "très " * 20 + '"')
    error = only_error(kit, "guides/prepare.yml")
    assert "over the limit of 60" in error["message"]


def test_html_in_text_is_refused(kit):
    kit.edit("guides/prepare.yml", 'title: "Suivez les comptes officiels"', 'title: "<script>alert(1)</script>"')
    error = only_error(kit, "guides/prepare.yml")
    assert "HTML markup" in error["message"]


def test_every_error_is_reported_in_one_run(kit):
    kit.edit("guides/prepare.yml", "\ntitle:", "\ntitel:")
    kit.edit("site.yml", 'primary: "#000091"', 'primary: "blue"')
    kit.edit("guides/act-responsibly.yml", "order: 3", "order: [3]")
    kit.edit("case-studies/boston-2013.yml", "icon: material/timeline-clock-outline", "icon: material/timelin")
    files = {e["file"] for e in errors(kit.run("check"))}
    assert files == {"content/guides/prepare.yml", "content/site.yml", "content/guides/act-responsibly.yml",
                     "content/case-studies/boston-2013.yml"}
