"""The relay kit page of one language (``relay-kit/``): every post of every guide and case study, ready to copy,
with its image to download and its alt text to copy; the crisis message templates; the link to the ZIP.

Networks that post the same text with the same images share one card (X, Bluesky and Mastodon usually do),
which shows each one's length as it counts it. The copy buttons are ``relais.js``'s (self-hosted, allowed by
the page's policy, working from disk); without JavaScript they stay hidden and the texts can be selected.
Links are written from the page's own folder: raw HTML is not rewritten by MkDocs.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from relais.content import LocalContent
from relais.models.relay import Template
from relais.relay.bundle import FOLDER, Bundle
from relais.relay.compose import Composed
from relais.render.outputs import MediaFile
from relais.render.web.markdown import Directions, environment, escape_text
from relais.render.web.page_views import PageView, card, kilobytes, public_url, _has_fallback
from relais.translations import LocalText

MD_PATH = FOLDER.rstrip("/") + ".md"


@dataclass(frozen=True)
class Image:
    file: MediaFile
    href: str  # from the page's folder
    size: str


@dataclass
class Card:
    """One text on the networks that post it with the same images."""

    id: str
    posts: list[Composed]
    text: str  # a LocalText marked as a fallback when the post stands in for a missing translation
    images: list[Image]

    @property
    def names(self) -> str:
        return " · ".join(p.channel.title for p in self.posts)

    @property
    def networks(self) -> str:
        return " ".join(p.channel.id for p in self.posts)


@dataclass
class Message:
    number: int
    cards: list[Card] = field(default_factory=list)


@dataclass
class Section:
    page_id: str
    title: str
    href: str
    messages: list[Message] = field(default_factory=list)


def _fmt(template: str, **values) -> str:
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template


def sections(local: LocalContent, posts: list[Composed], media_sizes: dict[str, int]) -> list[Section]:
    found: dict[str, Section] = {}
    for post in posts:
        section = found.get(post.page_id)
        if section is None:
            target = f"{'guides' if post.kind == 'guide' else 'case-studies'}/{post.page_id}/"
            section = found[post.page_id] = Section(post.page_id, post.page_title, href(target))
        message = next((m for m in section.messages if m.number == post.number), None)
        if message is None:
            message = Message(post.number)
            section.messages.append(message)
        same = next((c for c in message.cards if c.text == post.text and
                     [i.file.path for i in c.images] == [m.path for m in post.images]), None)
        if same is not None:
            same.posts.append(post)
            continue
        text = LocalText(post.text, post.lang, fallback=True) if post.lang else post.text
        images = [Image(m, href(m.path), kilobytes(media_sizes.get(m.path, m.size_bytes), local)) for m in post.images]
        message.cards.append(Card(f"relais-{post.page_id}-{post.post_id}-{post.channel.id}", [post], text, images))
    return list(found.values())


def href(target: str) -> str:
    """A link from the relay page's folder to a file of the language folder."""
    return posixpath.relpath(target, FOLDER.rstrip("/")) + ("/" if target.endswith("/") else "")


def relay_view(local: LocalContent, media: list[MediaFile]) -> PageView:
    relay = local.relay
    return PageView(kind="relay", model=relay, md_path=MD_PATH, title=relay.title, description=relay.key_message,
                    fallback=_has_fallback(relay), path=FOLDER, url=public_url(local, FOLDER),
                    image=card(media, "home"))


def relay_page(local: LocalContent, templates_dir: Path, media: list[MediaFile], posts: list[Composed],
               templates: list[tuple[Template, str]], kit: Bundle, media_sizes: dict[str, int]) -> tuple[str, str]:
    """(Markdown path, Markdown) of the relay kit page."""
    from relais.render.web.pages import _page  # the pages' front matter, written one way

    env = environment(templates_dir)
    directions = Directions.of_site(local.site.languages, local.lang)
    view = relay_view(local, media)
    labels = local.relay.labels

    lengths = lambda card: " · ".join(_fmt(str(labels.length), count=p.length, limit=f"{p.limit:,}".replace(",", "\u202f"),
                                           network=p.channel.title) for p in card.posts if p.limit)
    values = {"view": view, "relay": local.relay, "labels": local.labels, "relay_labels": labels,
              "directions": directions, "sections": sections(local, posts, media_sizes), "lengths": lengths,
              "fmt": _fmt, "templates": templates, "template_length": _template_length,
              "bundle": {"href": posixpath.basename(kit.path), "size": kilobytes(len(kit.data), local)}}
    env.filters["post"] = post_text  # the same function every time: the shared environment stays as it was
    markdown = env.get_template("relay.md.j2").render(**values)
    return MD_PATH, _page(view, directions, markdown)


@jinja2.pass_context
def post_text(context, value) -> Markup:
    """A post exactly as it is copied: escaped, its line breaks kept as characters the Markdown cannot read
    (a blank line would end the HTML block). Line by line: a line break starts a new bidi paragraph, so a
    left-to-right run of a right-to-left post is isolated within its line."""
    lang, fallback = getattr(value, "lang", None), getattr(value, "fallback", False)
    lines = [LocalText(line, lang, fallback=True) if fallback else line for line in str(value).split("\n")]
    return Markup("&#10;".join(escape_text(line, context["directions"]) for line in lines))


def _template_length(text: str) -> int:
    from relais.networks import channel
    from relais.relay.count import post_length
    return post_length(channel("x"), text)
