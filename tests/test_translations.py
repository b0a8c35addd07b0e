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
