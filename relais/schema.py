"""JSON Schemas for editors: autocompletion and live error marks in VS Code's YAML extension.

One schema per kind of source file (from the pydantic models) and one per kind of translation file, derived
from the same models: translatable texts only, lists keyed by id.
"""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from relais.i18n.status import STATUS_KEY
from relais.models import CaseStudy, Guide, Interface, Page, Relay, Site
from relais.models.edition import Edition
from relais.models.common import is_translatable
from relais.project import Project

KINDS: dict[str, type[BaseModel]] = {"site": Site, "guide": Guide, "case-study": CaseStudy, "page": Page, "ui": Interface,
                                     "edition": Edition, "relay": Relay}


def source_schema(kind: str) -> dict:
    schema = KINDS[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"Relais {kind} file"
    return schema


def translation_schema(kind: str) -> dict:
    schema = _translation_object(KINDS[kind])
    schema["properties"][STATUS_KEY] = _STATUS_SCHEMA
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"Relais {kind} translation file"
    return schema


# The tool-kept record of the source text each translation was made from (see relais/i18n/status.py).
_STATUS_SCHEMA = {
    "type": "object",
    "description": "Kept by 'python build.py i18n stamp': which source text each translation was made from. Do not edit.",
    "additionalProperties": {"type": "string", "pattern": "^[0-9a-f]{8}( [0-9a-f]{8})?$"},
}


def _translation_object(model: type[BaseModel]) -> dict:
    properties: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        annotation = _unwrap(info.annotation)
        if is_translatable(info):
            limit = max_length(info)
            properties[name] = {"type": "string", "minLength": 1, **({"maxLength": limit} if limit else {}),
                                **({"description": info.description} if info.description else {})}
        elif _is_model(annotation):
            nested = _translation_object(annotation)
            if nested["properties"]:
                properties[name] = nested
        elif typing.get_origin(annotation) is list and _is_model(typing.get_args(annotation)[0]):
            entry = _translation_object(typing.get_args(annotation)[0])
            if entry["properties"]:
                properties[name] = {"type": "object", "description": f"{name}, keyed by id", "additionalProperties": entry}
    return {"type": "object", "additionalProperties": False, "properties": properties}


def _unwrap(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        return rest[0] if len(rest) == 1 else annotation
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def all_schemas() -> dict[str, dict]:
    schemas = {}
    for kind in KINDS:
        schemas[f"{kind}.schema.json"] = source_schema(kind)
        schemas[f"{kind}.translation.schema.json"] = translation_schema(kind)
    return schemas


def write_schemas(project: Project) -> list[Path]:
    project.schemas_dir.mkdir(exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = project.schemas_dir / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written


def max_length(info) -> int | None:
    metadata = list(info.metadata) + [m for arg in typing.get_args(info.annotation) for m in getattr(arg, "__metadata__", ())]
    return next((m.max_length for m in metadata if getattr(m, "max_length", None)), None)
