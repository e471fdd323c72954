"""Exchange with translators: a deterministic PO export, and an import that checks every entry before writing."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from babel.messages.pofile import read_po, write_po

from test_i18n import counts, stamped, translated_languages

PREPARE = "guides/prepare.yml"
PROBLEM = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<severity>error|warning): (?P<message>.+)$")


def export(kit, lang: str, name: str = "out.po") -> Path:
    path = kit.root / name
    result = kit.run("i18n", "export", "--lang", lang, "--output", str(path))
    assert result.returncode == 0, result.stderr
    return path


def fill(path: Path, translations: dict[str, str], keep_fuzzy: bool = False) -> dict[str, int]:
    """Set msgstr by msgctxt with Babel, as a translator's tool would; returns each entry's line in the new file."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.context in translations:
            message.string = translations[message.context]
            if not keep_fuzzy:
                message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, sort_output=False)
    with path.open("rb") as handle:
        return {m.context: m.lineno for m in read_po(handle) if m.context}


def problems(result) -> list[dict]:
    return [m.groupdict() for m in map(PROBLEM.match, result.stderr.splitlines()) if m]


def translation_files(kit) -> dict[str, str]:
    return {p.as_posix(): p.read_text(encoding="utf-8") for p in sorted(kit.file("translations").rglob("*.yml"))}


def test_export_is_deterministic_and_says_what_translators_need(kit):
    stamped(kit)
    kit.edit(PREPARE, "Activez les notifications", "Activez vos notifications")
    first = export(kit, "en", "a.po").read_text(encoding="utf-8")
    assert export(kit, "en", "b.po").read_text(encoding="utf-8") == first
    assert "POT-Creation-Date: 2026-11-21 00:00+0000" in first and "Language: en_GB" in first
    line = kit.line_of(PREPARE, "title: \"Activez vos notifications\"")
    entry = first.split(f'msgctxt "{PREPARE}:items.turn-on-notifications.title"')
    assert len(entry) == 2
    before, after = entry[0].rsplit("\n\n", 1)[1], entry[1].split("\n\n", 1)[0]
    assert "#. max 60 characters (fits its infographic)" in before
    assert "#. Note: Short title, a few words." in before
    assert f"#: content/{PREPARE}:{line}" in before
    assert "#, fuzzy" in before  # the French changed since the English was stamped
    assert 'msgid "Activez vos notifications"' in after and 'msgstr "Turn on notifications"' in after
    title = first.split(f'msgctxt "{PREPARE}:items.follow-official-accounts.title"')[0].rsplit("\n\n", 1)[1]
    assert "fuzzy" not in title


def test_export_of_a_new_language_has_empty_entries(kit):
    translated_languages(kit)
    with export(kit, "de").open("rb") as handle:
        catalog = read_po(handle)
    assert catalog.locale.language == "de"
    assert all(m.string == "" for m in catalog if m.id)
    assert f"{PREPARE}:items.follow-official-accounts.title" in {m.context for m in catalog}


def test_import_refuses_invalid_entries_and_writes_nothing(kit):
    translated_languages(kit)
    path = export(kit, "de")
    lines = fill(path, {
        f"{PREPARE}:title": "Vorbereitung " * 10,  # over the 90 characters of a title
        "site.yml:name": "Relais",  # lost the hashtag #SMEM
        f"{PREPARE}:items.know-emergency-numbers.text": "112, 15, 17 und 114 für Gehörlose. Speichern Sie sie.",  # lost 18
        f"{PREPARE}:items.follow-official-accounts.title": "Folgen Sie den offiziellen Konten",  # valid
    })
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f'msgctxt "{PREPARE}:summary"', f'msgctxt "{PREPARE}:sumary"'), encoding="utf-8")
    before = translation_files(kit)

    result = kit.run("i18n", "import", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    found = {(p["line"], p["severity"]): p["message"] for p in problems(result)}
    assert {p["file"] for p in problems(result)} == {str(path)}
    assert "over the limit of 90" in found[(str(lines[f"{PREPARE}:title"]), "error")]
    assert "hashtag '#SMEM'" in found[(str(lines["site.yml:name"]), "error")]
    assert "number '18'" in found[(str(lines[f"{PREPARE}:items.know-emergency-numbers.text"]), "error")]
    unknown = next(m for (_, s), m in found.items() if "unknown msgctxt" in m)
    assert f"did you mean '{PREPARE}:summary'?" in unknown
    untranslated = [m for (_, s), m in found.items() if s == "warning" and "untranslated" in m]
    assert len(untranslated) == 1 and re.search(r"\d{3} untranslated entries \(from this line on\), left as they are", untranslated[0])
    assert "nothing was written" in result.stderr
    assert translation_files(kit) == before
    assert not kit.file("translations/de").exists()


def test_import_writes_translations_with_their_records(kit):
    stamped(kit)
    relpath = f"translations/en/{PREPARE}"
    kit.edit(relpath, "\nitems:", "\n# Reviewed by the prefecture.\nitems:")
    path = export(kit, "en")
    long_summary = ("So that you are well informed on the day a crisis strikes, choose your sources now: follow the "
                    "official accounts of your area, turn on their notifications, share their prevention messages "
                    "and keep the emergency numbers close at hand.")
    fill(path, {f"{PREPARE}:items.follow-official-accounts.title": "Follow official accounts",
                f"{PREPARE}:summary": long_summary})
    original = kit.file(relpath).read_text(encoding="utf-8")

    result = kit.run("i18n", "import", str(path))
    assert result.returncode == 0, result.stderr
    assert f"content/{relpath}" in result.stdout
    text = kit.file(relpath).read_text(encoding="utf-8")
    assert text.splitlines()[0] == original.splitlines()[0]
    assert "# Reviewed by the prefecture.\nitems:" in text
    assert 'title: "Follow official accounts"' in text
    summary = text.split("summary: >-\n", 1)[1].split("\n# Reviewed", 1)[0].splitlines()
    assert len(summary) == 3 and all(len(line) <= 102 for line in summary)  # folded like the hand-written ones
    data, old = yaml.safe_load(text), yaml.safe_load(original)
    assert data["summary"] == long_summary
    assert list(data)[-1] == "_source" and list(data) == list(old)
    data["items"]["follow-official-accounts"]["title"] = old["items"]["follow-official-accounts"]["title"]
    assert {k: v for k, v in data.items() if k not in ("summary", "_source")} == \
        {k: v for k, v in old.items() if k not in ("summary", "_source")}
    assert text.split("\nsummary:")[0] == original.split("\nsummary:")[0]
    assert counts(kit.run("check").stdout)["en"]["outdated"] == 0


def test_import_of_an_older_export_keeps_the_text_outdated(kit):
    stamped(kit)
    path = export(kit, "en")
    fill(path, {f"{PREPARE}:items.turn-on-notifications.title": "Switch on notifications"})
    kit.edit(PREPARE, "Activez les notifications", "Activez vos notifications")  # the source moves on meanwhile
    result = kit.run("i18n", "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "source changed since this file was exported" in result.stderr
    assert 'title: "Switch on notifications"' in kit.file(f"translations/en/{PREPARE}").read_text(encoding="utf-8")
    assert counts(kit.run("check").stdout)["en"]["outdated"] == 1


def test_import_creates_missing_files_like_hand_made_ones(kit):
    translated_languages(kit)
    path = export(kit, "de")
    fill(path, {"ui.yml:labels.home": "Startseite", f"{PREPARE}:title": "Vor einem Vorfall vorbereitet sein"})
    dry = kit.run("i18n", "import", str(path), "--dry-run")
    assert dry.returncode == 0 and not kit.file("translations/de").exists()
    assert kit.run("i18n", "import", str(path)).returncode == 0
    ui = kit.file("translations/de/ui.yml").read_text(encoding="utf-8")
    assert ui.startswith("# yaml-language-server: $schema=../../../schemas/ui.translation.schema.json\n")
    guide = kit.file(f"translations/de/{PREPARE}").read_text(encoding="utf-8")
    assert guide.startswith("# yaml-language-server: $schema=../../../../schemas/guide.translation.schema.json\n")
    assert yaml.safe_load(ui)["labels"] == {"home": "Startseite"}
    assert sorted(p.name for p in kit.file("translations/de").rglob("*")) == ["guides", "prepare.yml", "ui.yml"]
