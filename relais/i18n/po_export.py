"""``i18n export``: a PO file for translators' tools (Poedit, Weblate, Lokalize...), one entry per source text.

msgctxt is the text's stable key, msgid the source text, msgstr the current translation (fuzzy when the
source changed since). The output depends on the content only: dates come from ``site.source_date``.
"""

from __future__ import annotations

import datetime as dt
import io

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from relais.translation_checks import SourceText
from relais.i18n.status import OUTDATED, language_name, state
from relais.i18n.workspace import Workspace
from relais.models.relay import post_channel
from relais.relay.limits import note


def export_po(ws: Workspace, lang: str) -> str:
    catalog = _catalog(ws, lang)
    for relpath, texts in ws.texts.items():
        current, records = ws.current(lang, relpath)
        for text in texts:
            translation = current.get(text.key, "")
            outdated = state(text.text, translation, records.get(text.key)) == OUTDATED
            catalog.add(text.text, translation, locations=[(f"content/{relpath}", text.line)],
                        flags=["fuzzy"] if outdated else [], auto_comments=_notes(text), context=text.context)
    out = io.BytesIO()
    write_po(out, catalog, sort_output=False, include_previous=False)
    return out.getvalue().decode("utf-8")


def locale_of(ws: Workspace, lang: str) -> str:
    """The locale site.yml gives the language (de_DE), else the bare code for a language not added yet."""
    return next((lg.locale for lg in ws.site.languages if lg.code == lang), lang)


def _catalog(ws: Workspace, lang: str) -> Catalog:
    day = dt.date.fromisoformat(ws.site.source_date)
    date = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    default = language_name(ws.site.default_language)
    header = (f"# {language_name(lang)} translation of {ws.site.name} ({ws.site.source_date}).\n"
              f"# msgid: the {default} source text; msgctxt: where it goes (keep it).\n"
              "# Keep hashtags, numbers, @accounts and web addresses as they are.\n"
              "# Import with: python build.py i18n import FILE.po")
    return Catalog(locale=locale_of(ws, lang), project=ws.site.name, version=ws.site.source_date,
                   creation_date=date, revision_date=date, header_comment=header, fuzzy=False)


def _notes(text: SourceText) -> list[str]:
    """Extracted comments for the translator: the length limit, and what the field is for."""
    marker = post_channel(text.owner.model_fields[text.name])
    if marker is not None:  # a post: each network's own limit, counted its way
        notes = [note(marker)]
    else:
        notes = [f"max {text.limit} characters (fits its infographic)"] if text.limit else []
    return notes + ([f"Note: {text.description}"] if text.description else [])
