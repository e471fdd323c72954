"""Ready values for the page templates: every label chosen, every link and size computed here."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from relais.content import LocalContent
from relais.translations import translatable_fields
from relais.urls import markdown_path, page_path
from relais.render.outputs import Download, MediaFile
from relais.render.web.downloads import Entry, image_entries, kilobytes, print_downloads  # noqa: F401 (imported from here too)
from relais.render.web.figures import inline_svg
from relais.relay.compose import KIND_FILES, share_texts
from relais.render.web.share import Share, share

# One address in every language, so the footer link and the language switcher need no lookup.
STATEMENT_PATH = "accessibilite/"
CARD_SIZE = (1200, 630)
# The element of the page that describes an infographic in full, by layout (its caption links there).
DESCRIPTION_IDS = {"timeline": "relais-timeline", "key-figures": "relais-key-figures"}
ITEMS_ID = "relais-items"


@dataclass(frozen=True)
class Figure:
    """An infographic in its page: inline SVG when there is one, else its 1080x1080 PNG."""

    image: MediaFile
    svg: Markup | None
    description_id: str  # the page text that describes it in full; the caption links there


@dataclass
class PageView:
    """What one page template receives."""

    kind: str
    model: Any  # the localised Guide / CaseStudy / Page, or None for the home page
    md_path: str
    title: str
    description: str
    fallback: bool
    outdated: bool = False  # some translation was made from an older version of the source text
    path: str = ""  # folder inside site/<lang>/, "" for the home page
    url: str = ""  # public address
    image: MediaFile | None = None  # the link-preview card (Open Graph)
    share: Share | None = None
    figures: list[Figure] = field(default_factory=list)
    images: list[Entry] = field(default_factory=list)  # the infographics' files, by size (and slide)
    downloads: list[Download] = field(default_factory=list)  # the print documents

    def href(self, target: str) -> str:
        """Link from this page's Markdown file to another file of the docs folder."""
        return posixpath.relpath(target, posixpath.dirname(self.md_path) or ".")

    def described_by(self, infographic_id: str) -> str:
        """Id of the page text that describes an infographic in full: its items, timeline or key figures."""
        layouts = {i.id: i.layout for i in getattr(self.model, "infographics", [])}
        return DESCRIPTION_IDS.get(layouts.get(infographic_id, ""), ITEMS_ID)


def public_url(local: LocalContent, path: str) -> str:
    return f"{local.site.base_url.rstrip('/')}/{local.lang}/{path}"


def card(media: list[MediaFile], page_id: str) -> MediaFile | None:
    """The page's 1200x630 link-preview image; JPEG first, lighter for WhatsApp's previews."""
    cards = [m for m in media if m.page_id == page_id and m.infographic_id == "card" and (m.width, m.height) == CARD_SIZE]
    return min(cards, key=lambda m: m.fmt != "jpg", default=None)


def build_view(kind: str, model: Any, local: LocalContent, media: list[MediaFile], prints: list,
               svgs: dict[str, str] | None = None) -> PageView:
    path = page_path(kind, model.id)
    view = PageView(kind=kind, model=model, md_path=markdown_path(kind, model.id), title=model.title,
                    description=model.key_message, fallback=_has_fallback(model), outdated=_any_text(model, "outdated"), path=path,
                    url=public_url(local, path))
    own_media = [m for m in media if m.page_id == model.id]
    view.figures = _figures(view, own_media, svgs or {})
    view.images = image_entries(model, own_media, local, view.href)
    view.downloads = print_downloads(kind, model.id, prints, local, view.href)
    view.image = card(media, model.id) or card(media, "home")
    posts = {network: post.text for network, post in share_texts(local, kind, model).items()} if kind in KIND_FILES else None
    view.share = share(model.title, model.key_message, view.url, local.site.hashtags, local.labels.email, posts,
                       local.language.direction)
    return view


def _figures(view: PageView, media: list[MediaFile], texts: dict[str, str]) -> list[Figure]:
    """The page's infographics; ``texts`` holds the SVG texts the image tasks made, by path."""
    square = (1080, 1080)
    svgs = {m.infographic_id: m for m in media if m.fmt == "svg" and (m.width, m.height) == square}
    figures = []
    for png in (m for m in media if m.fmt == "png" and (m.width, m.height) == square):
        svg = svgs.get(png.infographic_id)
        markup = inline_svg(texts.get(svg.path)) if svg else None
        figures.append(Figure(png, markup, view.described_by(png.infographic_id)))
    return figures


def _has_fallback(model: Any) -> bool:
    return _any_text(model, "fallback")


def _any_text(model: Any, flag: str) -> bool:
    return any(getattr(text, flag, False) for _, _, text in translatable_fields(model))


def home_view(local: LocalContent, media: list[MediaFile]) -> PageView:
    site = local.site
    view = PageView(kind="home", model=None, md_path="index.md", title=site.name, description=site.tagline,
                    fallback=_has_fallback(site), outdated=_any_text(site, "outdated"), url=public_url(local, ""),
                    image=card(media, "home"))
    view.share = share(site.name, site.tagline, view.url, site.hashtags, local.labels.email,
                       direction=local.language.direction)
    return view


def statement_view(local: LocalContent, media: list[MediaFile], description: str) -> PageView:
    """The accessibility statement: its texts are interface labels, its facts come from site.yml."""
    statement = local.labels.statement
    fallback = _has_fallback(statement) or _has_fallback(local.site.accessibility)
    return PageView(kind="statement", model=None, md_path=STATEMENT_PATH.rstrip("/") + ".md", title=statement.title,
                    description=description, fallback=fallback, path=STATEMENT_PATH,
                    url=public_url(local, STATEMENT_PATH), image=card(media, "home"))


def nav_entries(local: LocalContent) -> list[tuple[str, str]]:
    """(title, markdown path) for the navigation, in reading order."""
    entries = [(str(local.labels.home), "index.md")]
    entries += [(str(g.title), markdown_path("guide", g.id)) for g in local.guides]
    entries += [(str(c.title), markdown_path("case-study", c.id)) for c in local.case_studies]
    entries += [(str(p.title), markdown_path("page", p.id)) for p in local.pages]
    if local.relay is not None:
        entries.append((str(local.relay.title), "relay-kit.md"))
    return entries
