"""A guide: one #SMEM reflex, with its advice items, infographics and sources."""

from typing import Literal

from pydantic import Field

from relais.models.common import IconName, Id, Infographic, Item, Line, Model, Paragraph, Source, Title
from relais.models.relay import Post

Phase = Literal["overview", "prepare", "act", "civic"]


class Guide(Model):
    id: Id = Field(description="Stable identifier; also the page's address, e.g. 'prepare'.")
    order: int = Field(ge=1, le=99, description="Position in menus and lists.")
    phase: Phase
    icon: IconName
    title: Title
    key_message: Line = Field(description="The one line to remember, shown first.")
    summary: Paragraph
    items: list[Item] = Field(min_length=2, max_length=10)  # a long list becomes a carousel, never cut
    infographics: list[Infographic] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    posts: list[Post] = Field(default_factory=list, max_length=6, description="Messages to relay from this page, "
                              "in the relay kit (default: the key message, the page's address and the hashtags).")
