"""Phone numbers: the one rule for how a number is dialled (``tel:``/``sms:`` links) and checked, with the
phonenumbers library (libphonenumber's data): E.164 for a full number, the digits of a short one (112, 114)."""

from __future__ import annotations

import phonenumbers

from relais.models.site import Site


def region_of(site: Site) -> str:
    """The country local numbers are dialled in: that of the default language's locale (fr_FR -> FR)."""
    default = next(lg for lg in site.languages if lg.code == site.default_language)
    return default.locale.split("_")[1]


def dial(number: str, region: str) -> str | None:
    """The number in the form a ``tel:`` link dials (E.164, or the digits of a short number such as 112), or
    None when it is no valid number of ``region``."""
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(parsed):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    digits = "".join(ch for ch in number if ch.isdigit())
    return digits if phonenumbers.is_valid_short_number(parsed) else None


def link_target(number: str, site: Site) -> str:
    """What a ``tel:`` or ``sms:`` link carries: the E.164 form ("+33353010000"), or the digits of a short
    number or of one the library cannot read (``check`` reports an edition's; the national ones are short)."""
    return dial(number, region_of(site)) or "".join(ch for ch in number if ch.isdigit() or ch == "+")
