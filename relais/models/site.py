"""Site-wide settings: languages, brand, publisher, emergency numbers, official accounts."""

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationInfo, field_validator

from relais.networks import NETWORKS
from relais.models.common import Colour, Hashtag, Id, Line, LinkUrl, Model, Paragraph, Title, WebUrl, plain_text
from relais.text.bidi import direction

LangCode = Literal["fr", "en", "es", "ar", "de", "it", "pt", "nl"]
Network = Literal[tuple(NETWORKS)]  # the networks relais/networks.py knows, in its order


def _no_straight_quote(value: str) -> str:
    """The site name goes into HTML attributes of the theme as it is: a straight quote would end them."""
    if '"' in value:
        raise ValueError('contains a straight quote ("); use typographic quotes: « » or “ ”')
    return value


SiteName = Annotated[Title, AfterValidator(_no_straight_quote)]


class Language(Model):
    code: str = Field(pattern=r"^[a-z]{2}$", description="ISO 639-1 code, e.g. 'fr'.")
    name: plain_text(40, translatable=False) = Field(description="The language's name in itself, e.g. 'Français'.")
    direction: Literal["ltr", "rtl"] | None = Field(
        None, validate_default=True, description="How the language is written: left out, Relais takes it from "
        "the language (CLDR: 'ar' is right to left); written, it must say the same.")
    locale: str = Field(pattern=r"^[a-z]{2}_[A-Z]{2}$", description="Locale for Open Graph and formats, e.g. fr_FR.")
    complete: bool = Field(True, description="True: every field must be translated. False: missing ones fall back visibly.")
    needs_review: bool = Field(False, description="True until a native speaker has reviewed the translation; never shown to readers.")

    @field_validator("direction")
    @classmethod
    def _written_as_the_language_is(cls, value: str | None, info: ValidationInfo) -> str:
        """One direction rule (``relais.text.bidi.direction``): site.yml may repeat it, never contradict it."""
        code = info.data.get("code")
        if code is None:  # the code itself is wrong: that is the error to show
            return value or "ltr"
        written = direction(code)
        if value is not None and value != written:
            how = "right to left" if written == "rtl" else "left to right"
            raise ValueError(f"must be '{written}' ('{code}' is written {how}); delete the line: Relais takes "
                             "the direction from the language")
        return written


class Brand(Model):
    primary: Colour = "#000091"
    accent: Colour = "#E1000F"
    text: Colour = "#161616"
    background: Colour = "#FFFFFF"
    logo: str | None = Field(None, description="Path of an SVG logo, relative to content/.")


class Publisher(Model):
    name: Title
    url: WebUrl
    subject: Title | None = Field(None, description="The name as the subject of a sentence, with its article "
                                  "(\u201cLe Service d\u2019information du Gouvernement\u201d s\u2019engage...); "
                                  "default: the name.")


class EmergencyNumber(Model):
    id: Id
    number: str = Field(pattern=r"^[0-9 ]{2,15}$")
    label: plain_text(80)
    reach: Literal["call", "sms"] = Field("call", description="'sms' for a number reached by text message, not by "
                                          "a call (114): its link opens the messaging app, not the dialler.")


class Account(Model):
    id: Id
    network: Network
    handle: str = Field(pattern=r"^@?[A-Za-z0-9_.-]{1,60}(@[A-Za-z0-9.-]{3,60})?$", description="e.g. @gouvernementFR")
    url: WebUrl
    owner: plain_text(80)


class Audit(Model):
    date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="Date of the RGAA audit (YYYY-MM-DD).")
    auditor: plain_text(120, translatable=False)
    rate: float = Field(ge=0, le=100, description="Share of the RGAA criteria met, in percent.")


class Note(Model):
    """One line of the accessibility statement (a known defect, a test tool)."""

    id: Id
    text: plain_text(200)


class Accessibility(Model):
    """What the RGAA accessibility statement says; the footer of every page shows ``status``."""

    status: Literal["non-conforme", "partiellement-conforme", "totalement-conforme"] = "non-conforme"
    contact: LinkUrl
    statement_date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$",
                                       description="Date the statement was written (YYYY-MM-DD); default: source_date.")
    audit: Audit | None = Field(None, description="The last RGAA audit; leave out while none was made.")
    non_accessible: list[Note] = Field(default_factory=list, description="Known accessibility defects.")
    technologies: list[str] = Field(default_factory=lambda: ["HTML5", "CSS", "SVG", "JavaScript"])
    test_environment: list[Note] = Field(default_factory=list, description="Browsers, assistive technologies, tools.")


class Alert(Model):
    enabled: bool = False
    level: Literal["info", "warning", "danger"] = "warning"
    text: Line
    link: LinkUrl | None = None


class Print(Model):
    """The press edition of the print documents, as the print shop asks for it."""

    bleed_mm: float = Field(3.0, ge=0, le=10, description="Bleed around the trim of the press edition, in mm "
                            "(French printers ask 2 to 5; 3 is the most common).")
    marks: Literal["crop", "none"] = Field("crop", description="'crop': crop marks in a 10 mm slug outside the "
                                           "bleed; 'none': no marks and no slug (the print shop imposes its own).")


class Site(Model):
    name: SiteName
    tagline: Line
    intro: Paragraph
    base_url: WebUrl
    default_language: str = Field(pattern=r"^[a-z]{2}$")
    languages: list[Language] = Field(min_length=1)
    brand: Brand = Brand()
    publisher: Publisher
    emergency_numbers: list[EmergencyNumber] = Field(min_length=1)
    emergency_note: Line = Field(description="Reminder that social networks never replace a call to 112.")
    accounts: list[Account] = Field(default_factory=list)
    hashtags: list[Hashtag] = Field(min_length=1)
    accessibility: Accessibility
    alert: Alert | None = None
    print: Print = Print()
    source_date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="Date of the content (YYYY-MM-DD); fixes output dates.")
