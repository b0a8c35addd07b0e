"""JSON Schemas (draft 2020-12) of the front matter, derived from the content contract."""

from __future__ import annotations

import json

from .check import CONSULTATION, PRACTICE, Kind
from .fields import SLUG, object_schema
from .vocabulary import Vocabulary

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema(kind: Kind, vocabulary: Vocabulary) -> dict:
    result = {
        "$schema": DRAFT,
        "$id": f"{kind.name}.schema.json",
        "title": f"Front matter of a {kind.name} file ({kind.folder}/<slug>.md)",
        **object_schema(kind.fields, vocabulary),
    }
    result["properties"]["aliases"]["items"]["pattern"] = f"^{SLUG.pattern}$"
    if kind is PRACTICE:
        # countries are required unless the practice is global
        result["if"] = {"properties": {"scope": {"not": {"const": "global"}}}}
        result["then"] = {"required": ["countries"]}
    if kind is CONSULTATION:
        result["if"] = {"properties": {"kind": {"not": {"const": "global-civil-society"}}}}
        result["then"] = {"required": ["region"]}
    return result


def schema_json(kind: Kind, vocabulary: Vocabulary) -> str:
    return json.dumps(schema(kind, vocabulary), indent=2, ensure_ascii=False) + "\n"
