"""The accessibility statement (French RGAA model): its sentences, placeholders filled in, for its template."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal

from relais.content import LocalContent
from relais.translations import LocalText

# The recourse every French statement must give (Défenseur des droits).
DEFENDER_FORM = "https://formulaire.defenseurdesdroits.fr/"
DEFENDER_DELEGATES = "https://www.defenseurdesdroits.fr/saisir/delegues"


def statement_values(local: LocalContent) -> dict:
    site = local.site
    access = site.accessibility
    labels = local.labels.statement
    locale = local.language.locale
    values = {"site": site.name, "publisher": site.publisher.subject or site.publisher.name, "url": site.base_url,
              "date": _date(access.statement_date or site.source_date, locale)}
    if access.audit:
        results = _fill(labels.audit_result, values, auditor=access.audit.auditor, date=_date(access.audit.date, locale),
                        rate=format_decimal(access.audit.rate, locale=locale))
    else:
        results = labels.no_audit
    return {
        "statement": labels,
        "accessibility": access,
        "commitment": _fill(labels.commitment, values),
        "scope": _fill(labels.scope, values),
        "conformity": _fill(getattr(labels, access.status.replace("-", "_")), values),
        "results": results,
        "established_on": _fill(labels.established_on, values),
        "contact_text": access.contact.removeprefix("mailto:"),
        "defender_form": DEFENDER_FORM,
        "defender_delegates": DEFENDER_DELEGATES,
    }


def _fill(text: LocalText, values: dict, **more: str) -> LocalText:
    """Replace ``{name}`` placeholders, keeping the text's language (it may stand in for a translation)."""
    result = str(text)
    for name, value in {**values, **more}.items():
        result = result.replace("{" + name + "}", str(value))
    return LocalText(result, text.lang, text.fallback)


def _date(iso: str, locale: str) -> str:
    return format_date(dt.date.fromisoformat(iso), "long", locale=locale)
