"""Interface labels of the site, the images and the print documents, translated like any other content."""

from pydantic import Field

from .common import Model, plain_text

Label = plain_text(120)


class Labels(Model):
    home: Label
    guides: Label
    case_study: Label
    for_communicators: Label
    key_message: Label
    what_to_do: Label
    infographic: Label
    infographic_hint: Label = Field(description="Under the image: the text of the page describes it in full.")
    downloads: Label
    image: Label
    vector_image: Label
    leaflet: Label
    flyer: Label
    poster: Label
    handout: Label
    press_edition: Label
    kilobytes: Label = Field(description="Abbreviation of kilobytes, e.g. 'Ko' in French.")
    sources: Label
    emergency_numbers: Label
    official_accounts: Label
    timeline: Label
    key_figures: Label
    lessons: Label
    do: Label
    dont: Label
    not_translated: Label = Field(description="Notice on a page where some texts are shown in the default language.")
    choose_language: Label


class Interface(Model):
    labels: Labels
