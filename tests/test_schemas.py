"""Editors get autocompletion and live error marks from the JSON Schemas each content file points to."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import KIT, ROOT
from relais.load import kind_of
from relais.schema import all_schemas

CONTENT = KIT  # the frozen default kit; its files point to the repository's schemas/
FILES = sorted(p for p in CONTENT.rglob("*.yml"))


def test_committed_schemas_are_up_to_date():
    for name, schema in all_schemas().items():
        committed = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
        assert committed == schema, f"schemas/{name} is stale: run python build.py schemas"


def expected_schema(path: Path) -> str:
    parts = path.relative_to(CONTENT).parts
    if parts[0] == "translations":
        return f"{kind_of('/'.join(parts[2:]))}.translation.schema.json"
    return f"{kind_of('/'.join(parts))}.schema.json"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_each_file_points_to_its_schema_and_passes_it(path: Path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    reference = first.split("$schema=", 1)[1]
    schema_path = (path.parent / reference).resolve()
    assert schema_path.name == expected_schema(path)
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    # The editor's YAML 1.2 parser reads 2013-04-15 as text, as the schema says: mimic it.
    data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
    jsonschema.validate(data, schema)


def test_schema_flags_a_misspelled_key_as_an_editor_types():
    schema = json.loads((ROOT / "schemas/guide.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load((CONTENT / "guides/prepare.yml").read_text(encoding="utf-8"))
    data["titel"] = data.pop("title")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
