"""Field types shared by every content file.

A field typed ``Text`` is translatable: it holds default-language text in the source file and exists
once per other language in ``content/translations/<lang>/``, found by the same stable path.
"""

import re
import typing
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints


class Translatable:
    """Marker put on ``Text`` fields; the translation walker looks for it."""

    def __repr__(self) -> str:
        return "Translatable()"


TRANSLATABLE = Translatable()


class WebAddress:
    """Marker put on ``WebUrl`` and ``LinkUrl`` fields; validation checks their host names."""

    def __repr__(self) -> str:
        return "WebAddress()"


WEB_ADDRESS = WebAddress()


def _has_marker(info, marker) -> bool:
    """True when the field's type carries ``marker`` (also when optional: it then sits inside the union)."""
    if any(meta is marker for meta in info.metadata):
        return True
    return any(meta is marker for arg in typing.get_args(info.annotation) for meta in getattr(arg, "__metadata__", ()))


def is_translatable(info) -> bool:
    """True for a field typed ``Text``."""
    return _has_marker(info, TRANSLATABLE)


def is_web_address(info) -> bool:
    """True for a field typed ``WebUrl`` or ``LinkUrl``."""
    return _has_marker(info, WEB_ADDRESS)

# Control characters and bidi overrides can hide or reorder text; content never needs them.
_FORBIDDEN_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _clean_text(value: str) -> str:
    bad = _FORBIDDEN_CHARS.search(value)
    if bad:
        raise ValueError(f"contains the invisible control character U+{ord(bad.group()):04X}; delete it and retype the text")
    if "<" in value and re.search(r"<\s*[a-zA-Z/!]", value):
        raise ValueError("contains HTML markup ('<...>'); write plain text, formatting is done by the templates")
    return value


def plain_text(max_length: int, *, translatable: bool = True):
    """A trimmed, non-empty line of plain text with a length limit that keeps it inside its infographic box."""
    constraints = StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)
    marker = (TRANSLATABLE,) if translatable else ()
    return Annotated[str, constraints, AfterValidator(_clean_text), *marker]


Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
Hashtag = Annotated[str, StringConstraints(pattern=r"^#\w+$", max_length=50)]  # "#SMEM": posted as written
IconName = Annotated[str, StringConstraints(pattern=r"^(material|fontawesome|octicons|simple)/[a-z0-9/-]+$")]


def _no_credentials(value: str) -> str:
    """Addresses are published: a user name or password in one leaks it, and 'https://trusted@other/' hides the
    real host behind a trusted name. Browsers read a backslash as '/', Python does not: refuse it too."""
    if not value.startswith(("http://", "https://")):
        return value
    if "\\" in value:
        raise ValueError("contains a backslash (\\); web addresses use '/'")
    try:
        netloc = urlsplit(value).netloc
    except ValueError as exc:
        raise ValueError(f"is not a valid web address ({exc}); check it") from exc
    if "@" in netloc:
        raise ValueError("contains a user name or password (the part before '@' in https://name:password@host/); "
                         "remove it, the address is published")
    return value


WebUrl = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"']+$", max_length=300),
                   AfterValidator(_no_credentials), WEB_ADDRESS]
LinkUrl = Annotated[str, StringConstraints(pattern=r"^(https?://|mailto:|tel:)[^\s<>\"']+$", max_length=300),
                    AfterValidator(_no_credentials), WEB_ADDRESS]

Title = plain_text(90)
Line = plain_text(180)
Paragraph = plain_text(600)
AltText = plain_text(1000)  # X's limit for an image description


class Model(BaseModel):
    """Strict base: unknown keys are mistakes (usually typos), not extra data."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Item(Model):
    """One piece of advice: an icon, a short title and a sentence or two."""

    id: Id = Field(description="Stable identifier, never translated; translations refer to it.")
    icon: IconName = Field(description="Icon name from mkdocs-material, e.g. material/account-check.")
    kind: Literal["do", "dont", "info"] = Field("info", description="'do' / 'dont' for the do-and-don't layout.")
    title: plain_text(60) = Field(description="Short title, a few words.")
    text: plain_text(220) = Field(description="One or two short sentences.")


class Source(Model):
    """Where the facts come from."""

    id: Id
    title: Title
    publisher: plain_text(90, translatable=False)
    url: WebUrl | None = None
    year: int | None = Field(None, ge=1990, le=2100)


Layout = Literal["checklist", "do-dont", "phases", "timeline", "key-figures"]


class Infographic(Model):
    """An image to share, drawn from the items of its page with one of the layouts in ``infographics/``."""

    id: Id
    layout: Layout
    alt: AltText = Field(description="Text alternative read by screen readers, at most 1,000 characters.")
