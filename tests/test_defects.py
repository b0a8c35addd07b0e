"""One file per defect in tests/defects/: each must fail with exactly this message, on this line.

Every file is checked inside a scratch repository's practices/ folder, as a contributor's
pull request would be. Add a defect by adding a file and a row here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from micic.check import check_repository

DEFECTS = Path(__file__).parent / "defects"

# file → (line, field, message, hint) of its one problem
EXPECTED: dict[str, tuple[int, str, str, str]] = {
    "colon-in-title.md": (
        2,
        "",
        "YAML syntax error: mapping values are not allowed in this context",
        "a value that contains ': ' must be put in quotes, like title: \"Lebanon: a mapping\"",
    ),
    "country-name-not-code.md": (
        4,
        "countries.0",
        "'Philippines' is not an ISO 3166-1 alpha-2 country code",
        "did you mean PH (Philippines)? use two-letter codes, like PH, LB or MX",
    ),
    "duplicate-key.md": (
        6,
        "scope",
        "duplicate key 'scope' (first given on line 5)",
        "keep one 'scope' and delete the other",
    ),
    "empty-front-matter.md": (1, "", "empty front matter", "fill in the fields between the two '---' lines"),
    "empty-phases.md": (
        7,
        "phases",
        "'phases' is empty",
        "add 'phases:' with a list of at least 1, like [a, b], each entry one phase (preparedness, emergency-response, post-crisis)",
    ),
    "end-before-start.md": (14, "end_year", "end_year 2004 is before start_year 2006", "correct one of the two years"),
    "impossible-date.md": (
        18,
        "date_added",
        "2026-13-45 is not a real date",
        "write a date that exists, as YYYY-MM-DD, like 2026-03-21",
    ),
    "invalid-country.md": (
        4,
        "countries.1",
        "'XX' is not an ISO 3166-1 alpha-2 country code",
        "use two-letter codes, like PH, LB or MX",
    ),
    "latin-1.md": (
        3,
        "",
        "file is not UTF-8 text (byte 0xdc cannot be read)",
        "save the file with UTF-8 encoding (in most editors: Save as… → Encoding: UTF-8)",
    ),
    "missing-front-matter.md": (
        1,
        "",
        "missing front matter: the file must start with a line '---'",
        "put the fields between two lines of three dashes (---) at the very top of the file",
    ),
    "missing-start-year.md": (
        1,
        "",
        "missing required field 'start_year'",
        "add 'start_year:' with a whole number from 1900 to 2100",
    ),
    "missing-summary.md": (
        1,
        "",
        "missing required field 'summary'",
        "add 'summary:' with text, at most 300 characters",
    ),
    "misspelt-crisis-type.md": (
        6,
        "crisis_types.0",
        "unknown crisis type 'natural-disasters'",
        "did you mean 'natural-disaster'? allowed: conflict, natural-disaster, slow-onset-environmental-change, epidemic, generalised-violence, political-economic-collapse",
    ),
    "no-countries-national-scope.md": (
        1,
        "",
        "a practice with scope 'national' needs 'countries'",
        "list the countries as ISO codes, like countries: [PH, LB], or set scope: global",
    ),
    "source-not-http.md": (
        17,
        "sources.0.url",
        "'ftp://example.org/source' is not an http(s) web address",
        "write the full address of a public web page, starting with https://",
    ),
    "tab-indentation.md": (
        11,
        "",
        "YAML syntax error: found character that cannot start any token (while scanning for the next token)",
        "indent with spaces, not tabs",
    ),
    "unknown-crisis-type.md": (
        6,
        "crisis_types.0",
        "unknown crisis type 'war'",
        "allowed: conflict, natural-disaster, slow-onset-environmental-change, epidemic, generalised-violence, political-economic-collapse",
    ),
    "unknown-field.md": (
        6,
        "region",
        "unknown field 'region'",
        "remove it; allowed fields: title, summary, countries, scope, crisis_types, phases, guidelines, action_plan_points, stakeholders, start_year, end_year, sources, date_added, last_reviewed, aliases",
    ),
    "unknown-guideline.md": (8, "guidelines.0", "unknown MICIC guideline '16'", "allowed: a number from 1 to 15"),
    "unknown-stakeholder-type.md": (
        12,
        "stakeholders.0.type",
        "unknown stakeholder type 'government'",
        "allowed: state, local-authority, international-organization, civil-society, migrant-diaspora-organization, private-sector",
    ),
    "unquoted-no.md": (
        4,
        "countries.1",
        "unquoted NO is read by YAML as false",
        'put it in quotes if you mean the text: "NO"',
    ),
    "unterminated-front-matter.md": (
        1,
        "",
        "unterminated front matter: no closing '---' line",
        "add a line of three dashes (---) after the last field",
    ),
    "year-as-text.md": (
        13,
        "start_year",
        "must be a whole number, not text ('2006')",
        "write a number between 1900 and 2100, without quotes",
    ),
}


def test_every_defect_file_has_an_expectation():
    assert sorted(p.name for p in DEFECTS.glob("*.md")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_defect_is_reported_with_its_line_field_and_fix(name: str, tmp_path: Path):
    (tmp_path / "practices").mkdir()
    shutil.copy(DEFECTS / name, tmp_path / "practices" / name)
    result = check_repository(tmp_path)
    found = [(p.path, p.line, p.field, p.message, p.hint) for p in result.problems]
    assert found == [(f"practices/{name}", *EXPECTED[name])]
    assert result.practices == ()
