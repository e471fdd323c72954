"""A case study: a dated event told as a timeline, key figures and lessons."""

import datetime as dt

from pydantic import Field

from relais.models.common import IconName, Id, Infographic, Item, Line, Model, Paragraph, Source, Title, plain_text
from relais.models.relay import Post


class Event(Model):
    id: Id
    date: dt.date
    time: str | None = Field(None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description="Local time, HH:MM.")
    title: plain_text(70)
    text: plain_text(220)


class Figure(Model):
    id: Id
    value: int = Field(ge=0)
    icon: IconName
    label: plain_text(90)


class CaseStudy(Model):
    id: Id
    icon: IconName
    title: Title
    key_message: Line
    summary: Paragraph
    place: plain_text(80)
    date: dt.date
    events: list[Event] = Field(min_length=2, max_length=8)
    figures: list[Figure] = Field(min_length=1, max_length=4)
    lessons: list[Item] = Field(min_length=1, max_length=8)
    infographics: list[Infographic] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    posts: list[Post] = Field(default_factory=list, max_length=6, description="Messages to relay from this page, "
                              "in the relay kit (default: the key message, the page's address and the hashtags).")
