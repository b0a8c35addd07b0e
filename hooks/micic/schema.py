"""JSON Schemas (draft 2020-12) of the front matter, derived from the content contract."""

from __future__ import annotations

import json

from .check import Kind
from .fields import TRANSLATION_FIELDS, object_schema
from .vocabulary import Vocabulary

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema(kind: Kind, vocabulary: Vocabulary) -> dict:
    result = {
        "$schema": DRAFT,
        "$id": f"{kind.name}.schema.json",
        "title": f"Front matter of a {kind.name} file ({kind.folder}/<slug>.md)",
        **object_schema(kind.fields, vocabulary),
    }
    conditions = [part for rule in kind.rules for part in rule.schema()]
    if conditions:
        result["allOf"] = conditions
    return result


def schema_json(kind: Kind, vocabulary: Vocabulary) -> str:
    return json.dumps(schema(kind, vocabulary), indent=2, ensure_ascii=False) + "\n"


def translation_schema_json(vocabulary: Vocabulary) -> str:
    """The front matter of a translation file (<folder>/<slug>.<language>.md)."""
    result = {
        "$schema": DRAFT,
        "$id": "translation.schema.json",
        "title": "Front matter of a translation file (practices/<slug>.<language>.md, consultations/<slug>.<language>.md)",
        **object_schema(TRANSLATION_FIELDS, vocabulary),
    }
    return json.dumps(result, indent=2, ensure_ascii=False) + "\n"


def recommendations_schema_json(vocabulary: Vocabulary) -> str:
    """The open data of /data/recommendations.json: a list of rows, each the recommendation's
    fields as a consultation's file has them, and where it is and where it comes from."""
    from .exports import RECOMMENDATION_ROW
    from .fields import RECOMMENDATION

    row = object_schema(RECOMMENDATION_ROW, vocabulary)
    row["required"] = [f.name for f in RECOMMENDATION_ROW]  # every list is there, empty when a file gives none
    row["anyOf"] = RECOMMENDATION.schema(vocabulary)["anyOf"]
    result = {
        "$schema": DRAFT,
        "$id": "recommendations.schema.json",
        "title": "The recommendations of the civil society consultations (/data/recommendations.json)",
        "type": "array",
        "items": row,
    }
    return json.dumps(result, indent=2, ensure_ascii=False) + "\n"
