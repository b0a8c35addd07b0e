"""Translation files, practices/<slug>.<language>.md: only title, summary and translation,
beside an existing record; every rule a located problem, a stale translation a note."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import VALID_PRACTICE, write

from micic import catalogue as catalogue_
from micic import exports, vocabulary
from micic.check import check_repository
from micic.site import Site

TODAY = dt.date(2026, 12, 1)
FRENCH = """\
---
title: "Pratique de test sur l'évacuation"
summary: "Une pratique synthétique utilisée par les tests."
translation:
  method: machine-assisted
  date: 2026-12-01
---
"""


def _check(root: Path):
    write(root, "practices/test-practice.md", VALID_PRACTICE)
    return check_repository(root, today=TODAY)


def test_a_translation_joins_its_record_and_its_exports(tmp_path: Path):
    write(tmp_path, "practices/test-practice.fr.md", FRENCH + "\n## Contexte\n\nTexte.\n")
    result = _check(tmp_path)
    assert result.ok and result.notes == ()
    (practice,) = result.practices
    (french,) = practice.translations
    assert (french.language.id, french.title, french.method.id, french.body.strip()) == (
        "fr",
        "Pratique de test sur l'évacuation",
        "machine-assisted",
        "## Contexte\n\nTexte.",
    )
    data = exports.practice_data(practice, Site("Test"))
    assert data["translations"] == [
        {
            "language": "fr",
            "title": "Pratique de test sur l'évacuation",
            "summary": "Une pratique synthétique utilisée par les tests.",
            "method": "machine-assisted",
            "date": "2026-12-01",
            "body_translated": True,
        }
    ]
    catalogue = catalogue_.build(vocabulary.load(), result.practices, result.consultations)
    csv_text = {e.path: e.text for e in exports.exports(catalogue, Site("Test"))}["data/practices.csv"]
    assert "title.fr" in csv_text.splitlines()[0] and "Pratique de test sur l'évacuation" in csv_text


@pytest.mark.parametrize(
    "name, text, line, field, message",
    [
        (
            "practices/nothing-here.fr.md",
            FRENCH,
            0,
            "",
            "there is no practices/nothing-here.md for this file to translate",
        ),
        ("practices/test-practice.de.md", FRENCH, 0, "", "'de' is not a language of the site"),
        ("practices/test-practice.en.md", FRENCH, 0, "", "practices/test-practice.md is itself written in English"),
        (
            "practices/test-practice.es.md",
            FRENCH.replace("translation:\n", "countries: [PH]\ntranslation:\n"),
            4,
            "countries",
            "a translation cannot carry 'countries'",
        ),
        (
            "practices/test-practice.ar.md",
            FRENCH.split("translation:")[0] + "---\n",
            1,
            "",
            "missing required field 'translation'",
        ),
        (
            "practices/test-practice.fr.md",
            FRENCH.replace("method: machine-assisted", "method: google"),
            5,
            "translation.method",
            "unknown translation method 'google'",
        ),
        (
            "practices/test-practice.fr.md",
            FRENCH.replace("Une pratique", "Une\u202epratique"),
            3,
            "summary",
            "U+202E",
        ),
        (
            "practices/test-practice.fr.md",
            FRENCH + "\n[cliquez](javascript:alert(1))\n",
            9,
            "body",
            "links to 'javascript:' addresses are not allowed",
        ),
        (
            "practices/test-practice.fr.md",
            FRENCH + "\nVoir [les régions](../regions/nowhere.md).\n",
            9,
            "body",
            "the link '../regions/nowhere.md' leads to no page of this site",
        ),
        (
            "practices/test-practice.fr.md",
            FRENCH + "\nVoir [plus haut](#nulle-part).\n",
            9,
            "body",
            "the link '#nulle-part' leads to no heading of this page",
        ),
    ],
    ids=[
        "no-record",
        "unknown-language",
        "own-language",
        "extra-field",
        "no-translation-block",
        "bad-method",
        "refused-character",
        "javascript-in-body",
        "broken-link-in-body",
        "broken-fragment-in-body",
    ],  # fmt: skip
)
def test_a_bad_translation_is_refused_with_its_file_line_and_field(tmp_path, name, text, line, field, message):
    write(tmp_path, name, text)
    problems = [(p.path, p.line, p.field, p.message) for p in _check(tmp_path).problems]
    assert len(problems) == 1, problems
    assert problems[0][:3] == (name, line, field) and message in problems[0][3], problems


def test_a_translation_older_than_the_records_review_is_noted_not_refused(tmp_path: Path):
    write(tmp_path, "practices/test-practice.fr.md", FRENCH.replace("date: 2026-12-01", "date: 2026-01-15"))
    result = _check(tmp_path)
    assert result.ok
    assert [(n.path, n.line, n.field) for n in result.notes] == [
        ("practices/test-practice.fr.md", 6, "translation.date")
    ]
    assert "older than the record's last review (2026-11-30)" in result.notes[0].message


# --- The real catalogue's translations ------------------------------------------------------------

from conftest import ROOT, record_files, translation_files  # noqa: E402


@pytest.mark.parametrize("folder", ["practices", "consultations"])
def test_every_record_has_its_title_and_summary_in_every_language_of_the_site(folder: str):
    languages = vocabulary.load().site_languages.ids[1:]
    have = {p.name for p in translation_files(folder)}
    missing = [
        f"{p.stem}.{lang}.md" for p in record_files(folder) for lang in languages if f"{p.stem}.{lang}.md" not in have
    ]
    assert missing == []


def test_at_least_ten_practices_per_language_are_translated_in_full_and_every_consultation():
    result = check_repository(ROOT)
    for language in vocabulary.load().site_languages.ids[1:]:
        full = [p for p in result.practices for t in p.translations if t.language.id == language and t.body]
        assert len(full) >= 10, language
        assert all(any(t.language.id == language and t.body for t in c.translations) for c in result.consultations)


def test_every_translation_file_matches_its_published_schema():
    import json

    import frontmatter
    import jsonschema

    schema = json.loads((ROOT / "docs" / "schema" / "translation.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for path in translation_files("practices") + translation_files("consultations"):
        data = frontmatter.load(path).metadata
        data["translation"] = {k: str(v) for k, v in data["translation"].items()}
        assert [e.message for e in validator.iter_errors(data)] == [], path.name


def test_a_translation_checked_alone_is_not_refused_for_want_of_its_record(tmp_path: Path):
    write(tmp_path, "practices/test-practice.md", VALID_PRACTICE)
    write(tmp_path, "practices/test-practice.fr.md", FRENCH)
    write(tmp_path, "practices/orphan.fr.md", FRENCH.replace("Pratique de test", "Orpheline"))
    result = check_repository(
        tmp_path, [tmp_path / "practices" / "test-practice.fr.md", tmp_path / "practices" / "orphan.fr.md"], today=TODAY
    )
    assert [(p.path, p.message) for p in result.problems] == [
        ("practices/orphan.fr.md", "there is no practices/orphan.md for this file to translate")
    ]
