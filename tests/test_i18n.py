"""Translation status: every translated field records the source text it was made from; `check` says which are outdated."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from relais.i18n.status import COMPLETE, OUTDATED, Record, split_status, state, text_hash

WARNING = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): warning: (?P<message>.+)$")
COUNTS = re.compile(r"^Translation (?P<lang>[a-z]{2}) \(\w+\): (?P<complete>\d+) complete / (?P<missing>\d+) missing / "
                    r"(?P<outdated>\d+) outdated$", re.M)


def translated_languages(kit) -> list[str]:
    """Languages of the kit's site.yml other than the default one (work in progress elsewhere is removed)."""
    site = yaml.safe_load(kit.file("site.yml").read_text(encoding="utf-8"))
    listed = [lang["code"] for lang in site["languages"] if lang["code"] != site["default_language"]]
    for folder in kit.file("translations").iterdir():
        if folder.name not in listed:  # a colleague's unfinished language, not part of the kit yet
            shutil.rmtree(folder)
    return listed


def stamped(kit) -> list[str]:
    """The kit with every translated language stamped: 0 outdated fields to start from."""
    languages = translated_languages(kit)
    for lang in languages:
        result = kit.run("i18n", "stamp", "--lang", lang)
        assert result.returncode == 0, result.stderr
    return languages


def line_of_key(kit, relpath: str, parent: str, key: str) -> int:
    lines = kit.file(relpath).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == parent)
    return next(i for i in range(start, len(lines)) if lines[i].strip().startswith(key)) + 1


def counts(stdout: str) -> dict[str, dict[str, int]]:
    return {m["lang"]: {k: int(v) for k, v in m.groupdict().items() if k != "lang"} for m in COUNTS.finditer(stdout)}


def test_hash_ignores_reflowing_and_unicode_composition():
    assert text_hash("Suivez les  comptes\n officiels ") == text_hash("Suivez les comptes officiels")
    assert text_hash("Vérifiez") == text_hash("Ve\u0301rifiez")  # NFC
    assert text_hash("Suivez les comptes officiels") != text_hash("Suivez les comptes officiels.")
    assert re.fullmatch(r"[0-9a-f]{8}", text_hash("x"))


def test_states():
    record = Record.of("source", "traduction")
    assert state("source", "traduction", record) == COMPLETE
    assert state("source changée", "traduction", record) == OUTDATED
    assert state("source", "traduction", None) == OUTDATED
    assert state("source", None, record) == "missing"
    assert Record.parse(str(record)) == record and Record.parse(record.source) == Record(record.source)


def test_status_is_kept_apart_from_the_texts():
    texts, records = split_status({"title": "T", "_source": {"items.a.title": "0123abcd 4567cdef", "bad": 3}})
    assert texts == {"title": "T"}
    assert records == {("items", "a", "title"): Record("0123abcd", "4567cdef")}


def test_the_default_kit_has_no_outdated_english(kit):
    translated_languages(kit)
    result = kit.run("check")
    assert result.returncode == 0, result.stderr
    assert counts(result.stdout)["en"]["outdated"] == 0
    assert counts(result.stdout)["en"]["missing"] == 0


def test_a_changed_source_makes_every_translation_outdated(kit):
    languages = stamped(kit)
    before = counts(kit.run("check").stdout)
    assert all(before[lang]["outdated"] == 0 for lang in languages)
    kit.edit("guides/prepare.yml", "Activez les alertes de ces comptes", "Activez les alertes de tous ces comptes")
    result = kit.run("check")
    assert result.returncode == 0, result.stderr
    source_line = kit.line_of("guides/prepare.yml", "Activez les alertes de tous ces comptes")
    warnings = [m.groupdict() for m in map(WARNING.match, result.stderr.splitlines()) if m]
    for lang in languages:
        relpath = f"translations/{lang}/guides/prepare.yml"
        found = [w for w in warnings if w["file"] == f"content/{relpath}"
                 and "outdated translation of 'items.turn-on-notifications.text'" in w["message"]]
        assert len(found) == 1, result.stderr
        assert int(found[0]["line"]) == line_of_key(kit, relpath, "turn-on-notifications:", "text:")
        message = found[0]["message"]
        assert f"the French source changed (content/guides/prepare.yml:{source_line})" in message
        assert f"python build.py i18n stamp --lang {lang}" in message
        after = counts(result.stdout)[lang]
        assert (after["outdated"], after["complete"]) == (1, before[lang]["complete"] - 1)
    status = kit.run("i18n", "status")
    assert status.returncode == 0 and counts("\n".join("Translation " + l for l in status.stdout.splitlines())) == counts(result.stdout)


def test_outdated_texts_are_marked_for_the_page(kit):
    from relais.pipeline import read
    from relais.project import Project

    stamped(kit)
    kit.edit("guides/prepare.yml", "Activez les alertes de ces comptes", "Activez les alertes de tous ces comptes")
    content, _, _ = read(Project(kit.root))
    guide = next(g for g in content.in_language("en").guides if g.id == "prepare")
    item = next(i for i in guide.items if i.id == "turn-on-notifications")
    assert item.text.outdated and not item.text.fallback and item.text.lang == "en"
    assert not item.title.outdated


def test_stamp_keeps_comments_order_and_quoting(kit):
    translated_languages(kit)
    relpath = "translations/en/guides/prepare.yml"
    kit.edit(relpath, "\nitems:", "\n# Reviewed by the prefecture, March.\nitems:  # keyed by id")
    kit.edit(relpath, 'title: "Turn on notifications"', "title: 'Turn on notifications'  # short on purpose")
    before = kit.file(relpath).read_text(encoding="utf-8")
    assert kit.run("i18n", "stamp", "--lang", "en").returncode == 0
    after = kit.file(relpath).read_text(encoding="utf-8")
    assert after.startswith(before.split("\n_source:")[0].split("\n# Kept by")[0])  # everything above the record unchanged
    assert "_source:" in after and yaml.safe_load(after)["_source"]["items.turn-on-notifications.title"]
    again = kit.run("i18n", "stamp", "--lang", "en")
    assert again.returncode == 0 and "stamped 0 translation(s)" in again.stdout
    assert kit.file(relpath).read_text(encoding="utf-8") == after


def test_stamp_leaves_untouched_outdated_translations_outdated(kit):
    stamped(kit)
    relpath = "translations/en/guides/prepare.yml"
    kit.edit("guides/prepare.yml", "Activez les notifications", "Activez vos notifications")
    kit.edit("guides/prepare.yml", "Partagez les messages de prévention", "Partagez les conseils de prévention")
    kit.edit(relpath, "Share prevention messages", "Share prevention advice")  # the translator updated one of the two

    result = kit.run("i18n", "stamp", "--lang", "en")
    assert "stamped 1 translation(s)" in result.stdout
    assert f"content/{relpath}:{kit.line_of(relpath, 'Turn on notifications')}: warning: " \
           "'guides/prepare.yml:items.turn-on-notifications.title' is still outdated" in result.stderr
    assert counts(kit.run("check").stdout)["en"]["outdated"] == 1

    named = kit.run("i18n", "stamp", "--lang", "en", "guides/prepare.yml:items.turn-on-notifications.title")
    assert "stamped 1 translation(s)" in named.stdout
    assert counts(kit.run("check").stdout)["en"]["outdated"] == 0


def test_stamp_all_and_unknown_names(kit):
    stamped(kit)
    kit.edit("guides/prepare.yml", "Activez les notifications", "Activez vos notifications")
    assert kit.run("i18n", "stamp", "--lang", "en", "guides/prepare.yml:items.nope").returncode == 2
    assert "stamped 1 translation(s)" in kit.run("i18n", "stamp", "--lang", "en", "--all").stdout
    assert kit.run("i18n", "stamp", "--lang", "fr").returncode == 2


def test_a_broken_record_is_reported(kit):
    translated_languages(kit)
    path = kit.file("translations/en/ui.yml")
    texts = path.read_text(encoding="utf-8").split("# Kept by")[0]  # without the record, if stamped
    path.write_text(texts + "_source: nonsense\n", encoding="utf-8")
    result = kit.run("check")
    assert result.returncode == 1
    assert f"content/translations/en/ui.yml:{kit.line_of('translations/en/ui.yml', '_source:')}:10: error: '_source' is kept by" \
        in result.stderr


@pytest.mark.parametrize("value", ["12345678 9abcdef0", "12345678"])
def test_the_schema_accepts_records(value):
    import jsonschema
    from relais.schema import translation_schema

    jsonschema.validate({"title": "T", "_source": {"title": value}}, translation_schema("guide"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "T", "_source": {"title": "not a hash"}}, translation_schema("guide"))


def test_page_shows_a_discreet_notice_where_a_translation_is_older_than_its_source(kit, tmp_path):
    """The French source of one guide changes: its English page says so, other pages do not."""
    from relais.pipeline import read
    from relais.project import Project
    from relais.render.web.pages import write_pages

    kit.edit("guides/prepare.yml", "Activez les alertes de ces comptes", "Activez toutes les alertes de ces comptes")
    content, _, _ = read(Project(kit.root))
    docs = tmp_path / "docs"
    docs.mkdir()
    write_pages(content.in_language("en"), kit.root / "theme" / "pages", docs, [], [])
    notice = "The original French text of this page has changed since it was translated."
    assert notice in (docs / "guides" / "prepare.md").read_text(encoding="utf-8")
    assert notice not in (docs / "guides" / "act-responsibly.md").read_text(encoding="utf-8")
