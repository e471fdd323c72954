"""The posts of one language: every page's messages on every network, placeholders filled, counted, each with
its images (the infographic in the size that network shows best) and their alt texts.

Placeholders are filled per language, edition and network: ``{url}`` is the page's public address (written out
without its scheme on Instagram, whose posts cannot link; a line then points to the bio's link), ``{hashtags}``
the site's or edition's hashtags (one on Threads, which takes one topic), ``{account}`` the official account on
that network, local ones first (the publisher's name where it has none). Nothing is added to the address: no
shortener, no tracking parameter. A post in a right-to-left language is plain text where no markup can go: its
Latin runs (hashtags, handles, addresses) get direction marks (``relais.text.bidi.mark_for_posting``; never
against what Bluesky parses), counted as the networks count them, so "#SMEM" is not posted as "SMEM#" (the
share links post the same text).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from relais.content import LocalContent
from relais.networks import CHANNELS, Channel
from relais.relay.count import alt_length, post_length
from relais.render.outputs import MediaFile
from relais.text.bidi import direction, mark_for_posting
from relais.translations import LocalText
from relais.urls import page_path, short_address

KIND_FILES = {"guide": "guides", "case-study": "case-studies"}
DEFAULT_POST = "message"  # the id of the post composed from the key message when a page has none


@dataclass(frozen=True)
class Composed:
    """One post on one network, as it is copied."""

    kind: str  # "guide" | "case-study"
    page_id: str
    page_title: str
    post_id: str
    number: int  # the post's place in its page, from 1
    channel: Channel
    text: str
    length: int | None  # as the network counts it (None: a story, which has no text of its own)
    relpath: str  # where the text is written, for problems
    key: tuple
    lang: str | None  # the text's own language when it stands in for a missing translation
    images: tuple[MediaFile, ...]  # one, or a carousel's slides in order
    infographic: str  # the infographic's id ("card" when the page has none)

    @property
    def limit(self) -> int | None:
        return self.channel.limit

    @property
    def over(self) -> int:
        """How many characters (the network's way) to cut."""
        return max(0, (self.length or 0) - (self.limit or 0)) if self.limit else 0

    def alt_over(self, image: MediaFile) -> int:
        limit = self.channel.alt_limit
        return max(0, alt_length(self.channel, image.alt) - limit) if limit else 0


def pages_with_posts(local: LocalContent) -> Iterator[tuple[str, Any]]:
    """(kind, model) of every page a post can come from: guides and case studies, in reading order."""
    for guide in local.guides:
        yield "guide", guide
    for study in local.case_studies:
        yield "case-study", study


def public_url(local: LocalContent, path: str) -> str:
    return f"{local.site.base_url.rstrip('/')}/{local.lang}/{path}"


def account(local: LocalContent, network: str) -> str:
    """The official account on ``network`` (an edition's own come first), or the publisher's name."""
    found = next((a for a in local.site.accounts if a.network == network), None)
    return found.handle if found else str(local.site.publisher.name)


def fill(text: str, channel: Channel, local: LocalContent, path: str) -> str:
    """``text`` with its placeholders filled for ``channel``; ``path``: the page's folder in the language."""
    hashtags = local.site.hashtags[:channel.hashtags] if channel.hashtags else local.site.hashtags
    url = public_url(local, path) if channel.links else short_address(local.site.base_url, local.lang, path)
    values = {"url": url, "hashtags": " ".join(hashtags), "account": account(local, channel.network)}
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


def _texts(model: Any, channel: Channel) -> Iterator[tuple[str, int, str, tuple, bool]]:
    """(post id, number, text, key, own variant) of the page's posts on ``channel``; the key message with the
    address and hashtags when the page has none."""
    posts = getattr(model, "posts", None) or []
    if not posts:
        yield DEFAULT_POST, 1, _default(model.key_message), ("key_message",), False
    for number, post in enumerate(posts, 1):
        if post.networks is not None and channel.id not in post.networks:
            continue
        variant = getattr(post.variants, channel.id, None) if post.variants else None
        if variant:
            yield post.id, number, variant, ("posts", post.id, "variants", channel.id), True
        else:
            yield post.id, number, post.text, ("posts", post.id, "text"), False


def _default(key_message: str) -> LocalText:
    text = f"{key_message}\n\n{{url}} {{hashtags}}"
    return LocalText(text, getattr(key_message, "lang", ""), getattr(key_message, "fallback", False))


def compose(local: LocalContent, media: list[MediaFile]) -> list[Composed]:
    """Every post of every page of ``local`` on every network it is for, in page, post and network order."""
    found = []
    for kind, model in pages_with_posts(local):
        found += sorted(page_posts(local, kind, model, media), key=lambda c: (c.number, CHANNELS.index(c.channel)))
    return found


def page_posts(local: LocalContent, kind: str, model: Any, media: list[MediaFile]) -> list[Composed]:
    """The posts of one page on every network (no images when ``media`` is empty: share links need none)."""
    labels = local.relay.labels if local.relay else None
    path = page_path(kind, model.id)
    relpath = f"{KIND_FILES[kind]}/{model.id}.yml"
    found = []
    for channel in CHANNELS:
        for post_id, number, text, key, own in _texts(model, channel):
            if channel.limit is None and not own:  # a story: the link sticker's address
                body = public_url(local, path)
            else:
                body = fill(str(text), channel, local, path)
                if not channel.links and not own and labels:
                    body += "\n\n" + fill(str(labels.link_in_bio), channel, local, path)
            lang = text.lang if getattr(text, "fallback", False) else None
            if channel.limit is not None and direction(lang or local.lang) == "rtl":
                body = mark_for_posting(body, facets=channel.id == "bluesky")  # plain text: no <span dir> there
            infographic, images = _images(model, _post(model, post_id), channel, media)
            found.append(Composed(kind, model.id, str(model.title), post_id, number, channel, body,
                                  post_length(channel, body) if channel.limit else None, relpath, key, lang,
                                  images, infographic))
    return found


def share_texts(local: LocalContent, kind: str, model: Any) -> dict[str, Composed]:
    """The first post of a page on each network: what its share links prefill."""
    found: dict[str, Composed] = {}
    for post in page_posts(local, kind, model, []):
        found.setdefault(post.channel.id, post)
    return found


def _post(model: Any, post_id: str):
    return next((p for p in getattr(model, "posts", None) or [] if p.id == post_id), None)


def _images(model: Any, post, channel: Channel, media: list[MediaFile]) -> tuple[str, tuple[MediaFile, ...]]:
    """The post's infographic in the network's size (a carousel's slides, as many as the network takes); the
    page's link-preview card when it has no infographic in that size."""
    infographics = [i.id for i in getattr(model, "infographics", [])]
    wanted = (post.image if post and post.image else None) or (infographics[0] if infographics else "card")
    width, height = (int(n) for n in channel.image.split("x"))

    def pngs(image_id: str) -> list[MediaFile]:
        return [m for m in media if m.page_id == model.id and m.infographic_id == image_id and m.fmt == "png"]

    sized = sorted((m for m in pngs(wanted) if (m.width, m.height) == (width, height)), key=lambda m: m.slide)
    for image_id, files in ((wanted, sized), ("card", pngs("card"))):  # the card has one size only
        if files:
            return image_id, tuple(files[:channel.max_images])
    return wanted, ()
