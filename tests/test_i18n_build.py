"""Adding a language: one entry in site.yml plus the translations imported from a translator's PO file."""

from __future__ import annotations

import re

from ruamel.yaml import YAML

from test_i18n import translated_languages
from test_i18n_po import PREPARE, export, fill

GERMAN = {
    f"{PREPARE}:title": "Vor einem Vorfall vorbereitet sein",
    f"{PREPARE}:items.follow-official-accounts.title": "Folgen Sie den offiziellen Konten",
    f"{PREPARE}:items.follow-official-accounts.text":
        "Folgen Sie Ihrer Präfektur, Ihrem Rathaus, den Rettungsdiensten und der Regierung.",
    "ui.yml:labels.home": "Startseite",
}


def add_language(kit, entry: dict) -> None:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    path = kit.file("site.yml")
    site = yaml.load(path.read_text(encoding="utf-8"))
    site["languages"].append(entry)
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(site, handle)


def german_from_a_po_file(kit):
    """A translator's round trip: the PO file exported, filled, imported, and German listed in site.yml.
    Part of ``languages_site`` (conftest.py); returns what the import printed."""
    translated_languages(kit)
    path = export(kit, "de")
    fill(path, GERMAN)
    imported = kit.run("i18n", "import", str(path))
    add_language(kit, {"code": "de", "name": "Deutsch", "locale": "de_DE", "complete": False})
    return imported


def test_a_new_language_from_a_po_file_to_the_site(languages_site):
    """(The kit of ``languages_site``: ``german_from_a_po_file``, and English incomplete: a new language makes
    every image and leaflet again, so one build serves this test and test_site's.)"""
    imported, checked, built = languages_site["import"], languages_site["check"], languages_site["build"]
    assert imported["returncode"] == 0, imported["stderr"]

    assert checked["returncode"] == 0, checked["stderr"]
    assert "Translation de (German): 4 complete / " in checked["stdout"]

    assert built["returncode"] == 0, built["stderr"]
    page = (languages_site["root"] / "site/de/guides/prepare/index.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]*\slang="de"', page)
    for context, text in GERMAN.items():
        assert text in page, context
    # What is not translated yet shows the French text, marked as French for readers and screen readers.
    assert '<span lang="fr" class="relais-fallback">Vérifiez avant de vous abonner</span>' in page
    assert "Suivez les comptes officiels</" not in page  # the item title is German now
