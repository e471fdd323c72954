"""Turns pydantic's validation errors into one plain sentence an editor can act on."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

# Regular-expression patterns of our field types -> how to write a correct value.
PATTERN_HINTS = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "use lowercase letters, digits and hyphens, e.g. 'follow-official-accounts'",
    r"^#[0-9A-Fa-f]{6}$": "write a colour as # followed by 6 hexadecimal digits, e.g. #000091",
    r"^#\w+$": "write a hashtag as # followed by letters or digits, without spaces, e.g. #SMEM",
    r"^(material|fontawesome|octicons|simple)/[a-z0-9/-]+$": "write an icon as set/name, e.g. material/account-check",
    r"^https?://[^\s<>\"']+$": "write a full web address starting with https://",
    r"^(https?://|mailto:|tel:)[^\s<>\"']+$": "only https://, http://, mailto: and tel: links are allowed",
    r"^[a-z]{2}$": "use a two-letter language code, e.g. fr",
    r"^[a-z]{2}_[A-Z]{2}$": "use a locale like fr_FR",
    r"^\d{4}-\d{2}-\d{2}$": "write the date as YYYY-MM-DD",
    r"^([01]\d|2[0-3]):[0-5]\d$": "write the time as HH:MM, e.g. 14:49",
    r"^[0-9 ]{2,15}$": "write digits only, e.g. 112",
    r"^@?[A-Za-z0-9_.-]{1,60}(@[A-Za-z0-9.-]{3,60})?$": "write the account name only, e.g. @gouvernementFR",
}


def close_match(word: str, choices: typing.Iterable[str]) -> str | None:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    match = close_match(word, choices)
    return f"; did you mean '{match}'?" if match else ""


def field_names_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """Names of the keys allowed at ``loc`` (a location inside an instance of ``model``)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return []
    current = _unwrap(current)
    return list(current.model_fields) if isinstance(current, type) and issubclass(current, BaseModel) else []


def _unwrap(annotation: Any) -> Any:
    """Strips Optional[...] / X | None down to X."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        return rest[0] if len(rest) == 1 else annotation
    return annotation


def describe(error: ErrorDetails, model: type[BaseModel]) -> str:
    loc = error["loc"]
    kind = error["type"]
    name = _field_label(loc)
    value = error.get("input")
    ctx = error.get("ctx", {})
    if kind == "extra_forbidden":
        return f"unknown key '{loc[-1]}'" + (did_you_mean(str(loc[-1]), field_names_at(model, loc[:-1])) or
                                             f"; allowed keys here: {', '.join(field_names_at(model, loc[:-1]))}")
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    if kind == "string_too_long":
        return f"{name} is {len(value)} characters long, over the limit of {ctx['max_length']}; shorten it"
    if kind == "string_too_short":
        return f"{name} is empty; write a text or remove the key"
    if kind == "string_pattern_mismatch":
        return f"{name}: '{value}' is not valid; {PATTERN_HINTS.get(ctx.get('pattern'), 'check the format')}"
    if kind == "literal_error":
        return f"{name}: '{value}' is not allowed; use one of {ctx['expected']}" + did_you_mean(str(value), _literal_choices(ctx))
    if kind in ("too_short", "too_long"):
        return f"{name}: {error['msg'].replace('List should', 'the list should').replace('Value should', 'it should')}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{name} must be a set of 'key: value' lines, not {_kind_of_value(value)}"
    if kind == "list_type":
        return f"{name} must be a list (one '- ' line per entry), not {_kind_of_value(value)}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{name} must be a whole number, got {_kind_of_value(value)}"
    if kind in ("float_parsing", "float_type"):
        return f"{name} must be a number (with a dot for decimals, e.g. 3.5), got {_kind_of_value(value)}"
    if kind in ("bool_parsing", "bool_type"):
        return f"{name} must be true or false, got {_kind_of_value(value)}"
    if kind in ("date_from_datetime_parsing", "date_from_datetime_inexact", "date_parsing", "date_type"):
        return f"{name} must be a date written YYYY-MM-DD, got {_kind_of_value(value)}"
    if kind in ("string_type",):
        return f"{name} must be a text, got {_kind_of_value(value)}; put it in quotes"
    if kind == "value_error":
        return f"{name} {error['msg'].removeprefix('Value error, ')}"
    return f"{name}: {error['msg'].lower()}, got {_kind_of_value(value)}"


def _literal_choices(ctx: dict) -> list[str]:
    return [part.strip(" '") for part in str(ctx.get("expected", "")).replace(" or ", ",").split(",")]


def _field_label(loc: tuple) -> str:
    names = [str(p) for p in loc if not isinstance(p, int)]
    return f"'{names[-1]}'" if names else "the file"


def _kind_of_value(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"'{value}'"
