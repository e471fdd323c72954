"""The validated content of a kit, and its view in one language (what the renderers receive)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from relais.models import CaseStudy, Guide, Interface, Labels, Page, Relay, Site
from relais.models.edition import Edition
from relais.models.site import Language
from relais.translations import Catalogue, localise


@dataclass(frozen=True)
class Content:
    """Everything in ``content/``, validated. Models hold default-language text."""

    root: Path
    site: Site
    ui: Interface
    guides: list[Guide]
    case_studies: list[CaseStudy]
    pages: list[Page]
    catalogues: dict[tuple[str, str], Catalogue] = field(default_factory=dict)  # (lang, relpath)
    source_files: tuple[str, ...] = ()
    # (lang, relpath, key) -> (file, line, col) of every translatable text, for errors found while rendering.
    locations: dict = field(default_factory=dict, repr=False, compare=False)
    editions: list[Edition] = field(default_factory=list)  # local editions (relais.editions makes their content)
    local_guides: dict[str, list[Guide]] = field(default_factory=dict)  # edition id -> its own guides
    # An edition's: a file whose values it replaces -> the edition's file (problems are placed there first).
    redirects: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    relay: Relay | None = None  # content/relay.yml: the relay kit's page, labels and crisis templates
    # in_language, made once each; not an init field, so dataclasses.replace() starts a new one
    _local: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def locate(self, lang: str, relpath: str, key: tuple = ()) -> tuple[str, int, int]:
        """Where an editor fixes a text of ``relpath`` in ``lang`` (the file itself if the key is unknown)."""
        found = self.locations.get((lang, relpath, tuple(key))) or self.locations.get((self.site.default_language, relpath, tuple(key)))
        return found or (f"content/{relpath}" if lang == self.site.default_language else f"content/translations/{lang}/{relpath}", 1, 1)

    @property
    def languages(self) -> list[Language]:
        return list(self.site.languages)

    def in_language(self, lang: str, staleness: bool = True) -> "LocalContent":
        """The content in ``lang``. ``staleness=False`` for images and print, which never show that a
        translation predates its source text: their tasks are then not rebuilt when only that changes."""
        if (lang, staleness) not in self._local:
            self._local[(lang, staleness)] = self._localised(lang, staleness)
        return self._local[(lang, staleness)]

    def _localised(self, lang: str, staleness: bool) -> "LocalContent":
        default = self.site.default_language

        def local(model, relpath: str):
            return localise(model, lang, default, self.catalogues.get((lang, relpath)), staleness=staleness)

        language = next(lg for lg in self.site.languages if lg.code == lang)
        return LocalContent(
            language=language,
            site=local(self.site, "site.yml"),
            labels=local(self.ui, "ui.yml").labels,
            guides=[local(g, f"guides/{g.id}.yml") for g in self.guides],
            case_studies=[local(c, f"case-studies/{c.id}.yml") for c in self.case_studies],
            pages=[local(p, f"pages/{p.id}.yml") for p in self.pages],
            relay=local(self.relay, "relay.yml") if self.relay else None,
        )


@dataclass(frozen=True)
class LocalContent:
    """The content in one language; every translatable text is a ``LocalText``."""

    language: Language
    site: Site
    labels: Labels
    guides: list[Guide]
    case_studies: list[CaseStudy]
    pages: list[Page]
    relay: Relay | None = None  # images and print never read it (``for_media`` leaves it out)

    @property
    def lang(self) -> str:
        return self.language.code

    def for_media(self) -> "LocalContent":
        """What an image or a print document of this language may read: no other page, and none of the
        site settings only pages show (alert banner, accessibility statement, the other languages: a phone
        number reads the default language's region), so editing those, or adding a language, rebuilds pages
        only. A task keyed on this is rebuilt when what it can show changes, not when another page does."""
        site = self.site.model_copy(update={"alert": None, "accessibility": None, "languages": [
            lg for lg in self.site.languages if lg.code in (self.site.default_language, self.language.code)]})
        return LocalContent(self.language, site, self.labels, [], [], [])

    @property
    def has_fallbacks(self) -> bool:
        """True when some text of this language stands in from the default language."""
        return self.language.code != self.site.default_language and any(
            getattr(text, "fallback", False) for model in [self.site, *self.guides, *self.case_studies, *self.pages]
            for text in _texts(model))


def _texts(model):
    from relais.translations import translatable_fields
    return (value for _, _, value in translatable_fields(model))
