"""A free page (for instance the communicators' good practice): sections of advice items."""

from pydantic import Field

from relais.models.common import IconName, Id, Item, Line, Model, Paragraph, Source, Title


class Section(Model):
    id: Id
    title: Title
    intro: Paragraph | None = None
    items: list[Item] = Field(min_length=1, max_length=10)


class Page(Model):
    id: Id
    order: int = Field(ge=1, le=99)
    icon: IconName
    title: Title
    key_message: Line
    summary: Paragraph
    sections: list[Section] = Field(min_length=1)
    sources: list[Source] = Field(default_factory=list)
