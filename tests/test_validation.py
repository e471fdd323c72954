"""Every kind of content mistake gives one clear `file:line:col: error:` line, all at once, and no traceback."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from conftest import KIT
from relais import icons
from relais.diagnostics import ContentError, Report
from relais.load import load_files
from relais.models.common import LinkUrl, WebUrl
from relais.svg import SvgError, check_svg, clean_svg
from relais.validate import host_warning, validate

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
    assert "OK: 4 guides, 1 case studies, 1 pages in 3 languages" in result.stdout


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


# -- in-process checks: no subprocess, only the content folder -----------------------------------------------


@pytest.fixture
def content(tmp_path) -> Path:
    """A copy of the frozen default kit's content folder."""
    shutil.copytree(KIT, tmp_path / "content")
    return tmp_path / "content"


def run_validate(content: Path):
    """(Content or None, Report) for a content folder."""
    report = Report()
    try:
        return validate(load_files(content, content.parent, report), report), report
    except ContentError:
        return None, report


def test_yaml_12_texts_reach_the_models_as_typed(content):
    """`time: 14:49` is a time (YAML 1.1 read 889), `title: no` a title (YAML 1.1 read False)."""
    case = content / "case-studies" / "boston-2013.yml"
    case.write_text(case.read_text(encoding="utf-8").replace('time: "14:49"', "time: 14:49"), encoding="utf-8")
    guide = content / "guides" / "prepare.yml"
    guide.write_text(guide.read_text(encoding="utf-8").replace('title: "Suivez les comptes officiels"', "title: no"),
                     encoding="utf-8")
    built, report = run_validate(content)
    assert report.errors == []
    assert any(event.time == "14:49" for event in built.case_studies[0].events)
    prepare = next(g for g in built.guides if g.id == "prepare")
    assert prepare.items[0].title == "no" and prepare.order == 2


def test_known_icons_are_checked_without_listing_the_icon_sets(content, monkeypatch):
    def listing():
        raise AssertionError("all_icon_names() walks ~14,000 files: only for suggestions")
    monkeypatch.setattr(icons, "all_icon_names", listing)
    _, report = run_validate(content)
    assert report.errors == []


@pytest.mark.parametrize("name", ["../../../etc/passwd", "material/../material/check", "/etc/passwd", "material",
                                  "material/no-such-icon", "Material/check", ""])
def test_icon_path_stays_inside_the_icon_sets(name):
    assert icons.icon_path(name) is None


def test_icon_path_finds_known_icons():
    assert icons.icon_path("material/account-check") == icons.ICONS_ROOT / "material" / "account-check.svg"
    assert icons.icon_path("fontawesome/brands/x-twitter") is not None


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">\n%s\n</svg>'
UNSAFE = [
    (b'<script>alert(1)</script>', "contains a <script> (code that runs when the file is opened); remove it"),
    (b'<foreignObject/>', "contains a <foreignObject> (it can embed a web page); remove it"),
    (b'<rect onclick="alert(1)"/>', 'has an event handler onclick="..." (code); remove the attribute'),
    (b'<use xlink:href="other.svg#a"/>', "refers to 'other.svg#a' outside the file; remove it (an image can be embedded as PNG, JPEG, GIF or WebP data)"),
    (b'<a href="javascript:alert(1)"/>', "refers to 'javascript:alert(1)' outside the file; remove it (an image can be embedded as PNG, JPEG, GIF or WebP data)"),
    (b'<image href="data:image/svg+xml;base64,PHN2Zz4="/>', "refers to 'data:image/svg+xml;base64,PHN2Zz4=' outside the file; remove it (an image can be embedded as PNG, JPEG, GIF or WebP data)"),
    (b'<rect fill="url(https://example.com/a.svg#p)"/>', "refers to 'https://example.com/a.svg#p' outside the file; remove it (an image can be embedded as PNG, JPEG, GIF or WebP data)"),
    (b'<style>@import "https://example.com/a.css";</style>', "imports a stylesheet (@import); remove it"),
    (b'<set attributeName="xlink:href" to="javascript:alert(1)"/>', "<set> changes the attribute 'xlink:href'; remove it"),
]


@pytest.mark.parametrize("markup, message", UNSAFE, ids=[m.decode()[:24] for m, _ in UNSAFE])
def test_check_svg_refuses_what_can_run_or_fetch(markup, message):
    assert check_svg(SVG % markup) == [(2, 1, message)]


def test_check_svg_refuses_doctypes_stylesheets_and_non_svg():
    doctype = b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "b">]>\n<svg/>'
    assert check_svg(doctype) == [(2, 1, "contains a <!DOCTYPE> (entities can read files); save the SVG without it")]
    assert check_svg(b'<?xml-stylesheet href="https://example.com/a.css"?>\n<svg/>') == [
        (1, 1, "links a stylesheet (<?xml-stylesheet?>); remove it")]
    assert check_svg(b"<html/>") == [(1, 1, "is not an SVG file (its first element is <html>); use an SVG")]
    assert check_svg(b"<svg><g></svg>")[0][2].startswith("is not a readable SVG file (mismatched tag)")


def test_check_svg_accepts_local_references_and_embedded_rasters():
    markup = (b'<defs><linearGradient id="g"/></defs><rect fill="url(#g)" style="stroke: url(#g)"/><use href="#g"/>'
              b'<image href="data:image/png;base64,iVBORw0KGgo="/>')
    assert check_svg(SVG % markup) == []
    assert check_svg((KIT / "assets" / "logo.svg").read_bytes()) == []


def test_clean_svg_keeps_the_drawing_and_nothing_else():
    dirty = SVG % (b'<!-- made with a tool --><?tool x?><title id="t">Logo &amp; co</title><script>alert(1)</script>'
                   b'<g onclick="x" style="fill:#000091;cursor:url(https://example.com/c)"><rect width="4" height="4"/>'
                   b'<text>word</text></g><image href="file:///etc/passwd"/>'
                   b'<image href="data:image/png;base64,iVBO\n  Rw0KGgo="/>')
    clean = clean_svg(dirty)
    assert clean == (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title id="t">Logo &amp; co</title>'
                     b'<g fill="#000091"><rect width="4" height="4"/></g><image href="data:image/png;base64,iVBORw0KGgo="/>'
                     b'</svg>\n')
    assert clean_svg(dirty) == clean and check_svg(clean) == []


def test_clean_svg_refuses_what_it_cannot_read_safely():
    with pytest.raises(SvgError, match="DOCTYPE"):
        clean_svg(b'<!DOCTYPE svg [<!ENTITY a "b">]><svg>&a;</svg>')
    with pytest.raises(SvgError, match="not an SVG"):
        clean_svg(b"<html/>")
    with pytest.raises(SvgError, match="more than 64 levels deep"):  # the cleaners recurse
        clean_svg(SVG % (b"<g>" * 10_000 + b"</g>" * 10_000))


def test_logo_problems_point_at_the_logo_line_of_site_yml(content):
    (content / "assets" / "logo.svg").write_bytes(SVG % b'<script>alert(1)</script>\n<rect onload="x"/>')
    line = next(n for n, text in enumerate((content / "site.yml").read_text(encoding="utf-8").splitlines(), 1)
                if "logo: assets/logo.svg" in text)
    _, report = run_validate(content)
    assert [str(e) for e in report.errors] == [
        f"content/site.yml:{line}:9: error: logo assets/logo.svg (line 2): contains a <script> (code that runs when the file is opened); remove it",
        f"content/site.yml:{line}:9: error: logo assets/logo.svg (line 3): has an event handler onload=\"...\" (code); remove the attribute",
    ]


def test_logo_in_a_linked_folder_outside_content_is_refused(content, tmp_path):
    shutil.move(content / "assets", tmp_path / "elsewhere")
    (content / "assets").symlink_to(tmp_path / "elsewhere")
    _, report = run_validate(content)
    assert [e.message for e in report.errors] == [
        "'assets/logo.svg' is a link to a file outside content/; copy the file into content/ instead"]


@pytest.mark.parametrize("url", ["https://user:secret@example.org/", "https://user@example.org/",
                                 "http://trusted.example@evil.example/", "https://a@b@example.org/"])
def test_addresses_with_credentials_are_refused(url):
    for field in (WebUrl, LinkUrl):
        with pytest.raises(ValidationError, match="contains a user name or password"):
            TypeAdapter(field).validate_python(url)


@pytest.mark.parametrize("url", ["https://example.org/path/@handle", "https://example.org/?to=a@b.fr",
                                 "https://example.org/#@x", "mailto:accessibilite@example.org", "tel:112"])
def test_an_at_sign_outside_the_host_is_fine(url):
    assert TypeAdapter(LinkUrl).validate_python(url) == url


def test_host_names_mixing_scripts_are_warned_about():
    assert "'е' (U+0435, Cyrillic)" in host_warning("https://gouvernеment.fr/")
    assert "'е' (U+0435, Cyrillic)" in host_warning("https://xn--gouvernment-ukj.fr/")
    assert "'а' (U+0430, Cyrillic)" in host_warning("mailto:contact@pаypal.com")
    assert "invalid 'xn--' part" in host_warning("https://xn--zz.fr/")
    for fine in ("https://www.info.gouv.fr/", "https://президент.рф/", "https://ελλάδα.gr/", "https://東京タワー.jp/",
                 "https://abc東京.jp/", "https://xn--e1afmkfd.xn--p1ai/", "tel:112"):
        assert host_warning(fine) is None, fine
