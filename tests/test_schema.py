"""The committed JSON Schemas are current and agree with the validator on real records."""

from __future__ import annotations

import json

import frontmatter
import generate
import jsonschema
import pytest
from conftest import ROOT, VALID_PRACTICE, record_files


def test_generated_files_are_current():
    assert generate.stale_files() == [], "run `make generate` and commit the result"


def _schema(name: str) -> dict:
    schema = json.loads((ROOT / "docs" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _as_json(metadata: dict) -> dict:
    # YAML dates become the ISO strings the schema describes, as in the JSON exports
    return json.loads(json.dumps(metadata, default=str))


@pytest.mark.parametrize("kind,folder", [("practice", "practices"), ("consultation", "consultations")])
def test_every_real_record_satisfies_its_schema(kind: str, folder: str):
    validator = jsonschema.Draft202012Validator(_schema(kind), format_checker=jsonschema.FormatChecker())
    files = record_files(folder)
    assert files
    for path in files:
        errors = [e.message for e in validator.iter_errors(_as_json(frontmatter.load(path).metadata))]
        assert errors == [], path.name


def test_schema_rejects_what_the_validator_rejects():
    validator = jsonschema.Draft202012Validator(_schema("practice"))
    good = _as_json(frontmatter.loads(VALID_PRACTICE).metadata)
    assert list(validator.iter_errors(good)) == []
    for change in ({"crisis_types": ["war"]}, {"countries": ["XX"]}, {"guidelines": [16]}, {"colour": "red"}):
        assert list(validator.iter_errors({**good, **change})), change
    national_without_countries = {k: v for k, v in good.items() if k != "countries"}
    assert list(validator.iter_errors(national_without_countries))
    assert list(validator.iter_errors({**national_without_countries, "scope": "global"})) == []
