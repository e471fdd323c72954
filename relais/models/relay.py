"""Posts to relay, and the relay kit's own page (``content/relay.yml``): its labels and crisis message templates.

A post is a translatable text with placeholders filled per language and edition: ``{url}`` (the page's address),
``{hashtags}`` (the site's or the edition's) and ``{account}`` (the official account on that network). A post
may give a variant for one network; the others take its ``text``. How long each may be is the network's rule
(``relais.networks.CHANNELS``), counted the network's way by ``check``, not here: a raw length means
nothing to X, which counts a web address 23 whatever its length.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints, create_model

from relais.models.common import TRANSLATABLE, Id, Line, Model, Paragraph, Source, Title, _clean_text
from relais.models.ui import Label, Sentence
from relais.networks import CHANNELS, CHANNEL_IDS

PLACEHOLDERS = ("url", "hashtags", "account")
_PLACEHOLDER = re.compile(r"\{([^{}\s]*)\}")
MAX_POST = 3000  # LinkedIn's limit, the longest post a communicator copies (each network's own is checked)

ChannelId = Literal[CHANNEL_IDS]  # type: ignore[valid-type]


@dataclass(frozen=True)
class PostText:
    """Marker put on post texts: the network the text is for (None: every network of its post)."""

    channel: str | None = None


def _placeholders(value: str) -> str:
    for name in _PLACEHOLDER.findall(value):
        if name not in PLACEHOLDERS:
            hint = min(PLACEHOLDERS, key=lambda p: _distance(p, name))
            raise ValueError(f"unknown placeholder {{{name}}}; the placeholders are {{url}}, {{hashtags}} and {{account}} "
                             f"(did you mean {{{hint}}}?)")
    return value


def _distance(a: str, b: str) -> int:
    return len(set(a) ^ set(b)) + abs(len(a) - len(b))


def post_text(channel: str | None = None):
    """A post: plain text (line breaks kept), its placeholders among ``PLACEHOLDERS``."""
    constraints = StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_POST)
    return Annotated[str, constraints, AfterValidator(_clean_text), AfterValidator(_placeholders), TRANSLATABLE,
                     PostText(channel)]


def post_channel(info) -> PostText | None:
    """The ``PostText`` marker of a field, if it is a post text."""
    found = [*info.metadata, *(m for arg in typing.get_args(info.annotation) for m in getattr(arg, "__metadata__", ()))]
    return next((m for m in found if isinstance(m, PostText)), None)


def _variant_description(channel) -> str:
    limit = f"at most {channel.limit:,} characters as {channel.title} counts them" if channel.limit else "the link sticker's text"
    return f"The post on {channel.title} instead of 'text': {limit}."


Variants = create_model(  # one optional text per network: variants.x, variants.instagram...
    "Variants", __base__=Model, __doc__="A post's own text on some networks (the others take its 'text').",
    **{c.id: (post_text(c.id) | None, Field(None, description=_variant_description(c))) for c in CHANNELS})


class Post(Model):
    """A message to relay from a page, with its image (an infographic of the page) on every network."""

    id: Id
    text: post_text() = Field(description="The message; {url}, {hashtags} and {account} are filled per language, "
                                           "edition and network. Line breaks are kept.")
    variants: Variants | None = Field(None, description="The post on some networks, when it must differ there "
                                                        "(shorter for X and Bluesky, the link written out for Instagram).")
    networks: list[ChannelId] | None = Field(None, description="The networks it is for (default: all of "
                                                               f"{', '.join(CHANNEL_IDS)}).")
    image: Id | None = Field(None, description="The infographic it shows (its id; default: the page's first).")


class RelayLabels(Model):
    copy_post: Label = Field(description="Button copying a post's text.")
    post_copied: Label = Field(description="Said once the post is copied.")
    copy_alt: Label = Field(description="Button copying an image's text alternative.")
    alt_copied: Label
    alt_text: Label = Field(description="Heading of an image's text alternative.")
    download_image: Label = Field(description="Link to an image file.")
    length: Label = Field(description="A post's length on a network: {count}, {limit} and {network} are replaced, "
                                      "e.g. '142 / 280 on X'.")
    message: Label = Field(description="Heading of one post of a page: {number} is replaced.")
    images: Label = Field(description="'{count} images': a carousel, posted together; {count} is replaced.")
    story_link: Label = Field(description="Stories: the text is the address of the link sticker.")
    link_in_bio: Label = Field(description="Instagram, where links cannot be clicked: appended to a post. "
                                           "{account} is replaced.")
    bundle: Label = Field(description="Link to the ZIP of the kit: images, posts.csv and a README.")
    templates: Label = Field(description="Heading of the crisis message templates.")
    templates_intro: Sentence = Field(description="Before the templates: how to fill the [brackets].")
    when: Label = Field(description="Before a template's moment of use.")
    copy_template: Label
    template_copied: Label
    readme: Sentence = Field(description="The ZIP's README: what the files are.")
    csv_columns: Sentence = Field(description="The ZIP's README: the columns of posts.csv.")


class Template(Model):
    """A crisis message for communicators, with [brackets] to fill and {account}, {hashtags}, {url}
    ({url}: the publisher's website)."""

    id: Id
    title: Title
    when: Line = Field(description="When to post it, and the practice behind it.")
    text: post_text("x") = Field(description="The message, within X's 280 characters as written.")


class Relay(Model):
    """The relay kit page and its ZIP, for communicators; posts come from the guides and case studies."""

    title: Title
    key_message: Line
    summary: Paragraph
    labels: RelayLabels
    templates: list[Template] = Field(min_length=1, max_length=12)
    sources: list[Source] = Field(default_factory=list)
