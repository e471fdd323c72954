"""A local edition's content: the national kit with the edition's overlay applied (relais.models.edition).

The result is a ``Content`` like the national one, so every renderer makes the edition's pages, images and
leaflets without knowing about editions: what they read (publisher, address, accounts, numbers, logo,
hashtags) is the edition's. Translations of the edition's texts (``translations/<lang>/editions/<id>.yml``)
are laid over those of ``site.yml`` under the same keys; its own guides are translated like national ones.
"""

from __future__ import annotations

from dataclasses import replace

import phonenumbers

from relais.content import Content
from relais.phones import region_of
from relais.models.edition import Edition, LocalContact
from relais.models.site import EmergencyNumber, Site
from relais.translations import Catalogue

FOLDER = "editions"


def prefix(edition: Edition) -> str:
    """Where the edition lives inside ``site/``."""
    return f"{FOLDER}/{edition.id}/"


def edition_content(content: Content, edition: Edition) -> Content:
    site = _site(content.site, edition)
    carried = {g.id: g for g in content.guides}
    order = edition.guides if edition.guides is not None else [g.id for g in content.guides]
    relpath = f"{FOLDER}/{edition.id}.yml"
    catalogues = {key: value for key, value in content.catalogues.items() if key[0] in edition.languages}
    for lang in edition.languages:
        catalogues[(lang, "site.yml")] = _overlay(catalogues.get((lang, "site.yml")), catalogues.get((lang, relpath)),
                                                  lang, _replaced(edition))
        for guide in content.local_guides.get(edition.id, []):
            local = catalogues.pop((lang, f"{FOLDER}/{edition.id}/guides/{guide.id}.yml"), None)
            if local is not None:
                catalogues[(lang, f"guides/{guide.id}.yml")] = local
    return replace(content, site=site, guides=[carried[i] for i in order] + content.local_guides.get(edition.id, []),
                   catalogues=catalogues, locations=_locations(content, edition), editions=[], local_guides={},
                   redirects={"site.yml": relpath, **{f"guides/{g.id}.yml": f"{FOLDER}/{edition.id}/guides/{g.id}.yml"
                                                      for g in content.local_guides.get(edition.id, [])}})


def _site(national: Site, edition: Edition) -> Site:
    region = region_of(national)
    update = {
        "name": edition.name, "publisher": edition.publisher, "base_url": edition.base_url,
        "languages": [lg for lg in national.languages if lg.code in edition.languages],
        "accounts": [*edition.accounts, *national.accounts],
        "emergency_numbers": [*national.emergency_numbers, *(_number(c, region) for c in edition.emergency_numbers)],
        "hashtags": edition.hashtags or national.hashtags,
        "alert": edition.alert if edition.alert is not None else national.alert,
        "brand": national.brand.model_copy(update={"logo": edition.logo or national.brand.logo}),
    }
    return national.model_copy(update=update)


def _number(contact: LocalContact, region: str) -> EmergencyNumber:
    """A local contact shown like the national numbers, written the national way (03 53 01 00 00)."""
    parsed = phonenumbers.parse(contact.number, region)
    written = (phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
               if phonenumbers.is_valid_number(parsed) else contact.number)
    return EmergencyNumber.model_construct(id=contact.id, number=written, label=contact.label, reach=contact.reach)


def _replaced(edition: Edition) -> set[str]:
    """Fields of site.yml the edition writes anew: the national translations of those no longer apply."""
    return {"name", "publisher"} | ({"alert"} if edition.alert is not None else set())


def _overlay(national: Catalogue | None, local: Catalogue | None, lang: str, replaced: set[str]) -> Catalogue:
    """The site's catalogue with the edition's translations laid over it; a field the edition replaced and
    did not translate falls back to the edition's own text (visibly), never to the national translation."""
    keep = lambda entries: {key: value for key, value in entries.items() if key[0] not in replaced}
    texts = {**keep(national.texts if national else {}), **(local.texts if local else {})}
    states = {**keep(national.states if national else {}), **(local.states if local else {})}
    return Catalogue(lang, texts, states)


def _locations(content: Content, edition: Edition) -> dict:
    """Positions of the edition's texts under the keys renderers report them with (site.yml, guides/x.yml)."""
    found = dict(content.locations)
    own = f"{FOLDER}/{edition.id}.yml"
    guides = f"{FOLDER}/{edition.id}/guides/"
    for (lang, relpath, key), where in content.locations.items():
        if relpath == own:
            found[(lang, "site.yml", key)] = where
        elif relpath.startswith(guides):
            found[(lang, "guides/" + relpath.removeprefix(guides), key)] = where
    return found
