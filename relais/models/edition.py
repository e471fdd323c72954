"""A local edition: a prefecture's overlay on the national kit (``content/editions/<id>.yml``).

Only what differs is written: the edition's name, publisher, logo, address, languages, local accounts and
contacts, hashtags, which national guides it carries and an alert banner. Everything else comes from the
national kit at every build, so a national update reaches every edition. The field names are those of
``site.yml``, so a translation file of an edition has the same keys as the site's.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from relais.models.common import Hashtag, Id, Model, WebUrl, plain_text
from relais.models.site import Account, Alert, LangCode, Publisher, SiteName


class LocalContact(Model):
    """A local number: a prefecture's public information line, a town hall's crisis cell."""

    id: Id
    number: str = Field(description="As it is dialled in France: 03 83 34 26 26, 0800 12 34 56, or +33 3 83 34 26 26. "
                                    "Checked with the phone numbers library; the link dials its E.164 form.")
    label: plain_text(80)
    reach: Literal["call", "sms"] = Field("call", description="'sms' for a number reached by text message, not by a "
                                          "call: its link opens the messaging app, not the dialler.")


class Edition(Model):
    id: Id = Field(description="Stable identifier, the file's name; the edition's folder in the site (editions/<id>/).")
    name: SiteName = Field(description="The edition's site name, e.g. 'Relais #SMEM – Préfecture de la Meurthe-et-Moselle'.")
    publisher: Publisher = Field(description="Who publishes this edition (the prefecture), with its website.")
    logo: str | None = Field(None, description="Path of the edition's SVG logo, relative to content/ (default: the kit's).")
    base_url: WebUrl = Field(description="Public address of the edition: its own domain, or a path under the national site.")
    languages: list[LangCode] = Field(min_length=1, description="The kit's languages this edition publishes "
                                                                "(the kit's default language is required).")
    accounts: list[Account] = Field(default_factory=list, description="Local official accounts, shown before the national ones.")
    emergency_numbers: list[LocalContact] = Field(default_factory=list,
                                                  description="Local contacts, shown after the national emergency numbers.")
    hashtags: list[Hashtag] | None = Field(None, min_length=1, description="The edition's hashtags (default: the kit's).")
    guides: list[Id] | None = Field(None, description="National guides carried, in this order (default: all, in the kit's order). "
                                                      "Local guides (editions/<id>/guides/*.yml) follow them.")
    alert: Alert | None = None
