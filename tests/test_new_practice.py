"""scripts/new_practice.py: the scaffold's questions, flags and file, checked by the validator."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import frontmatter
import new_practice
import pytest
from conftest import ROOT, VALID_PRACTICE, write

from micic import authoring, vocabulary
from micic.check import check_repository

SCRIPT = ROOT / "scripts" / "new_practice.py"

FLAGS = [
    "--title",
    "Test evacuation of stranded workers",
    "--summary",
    "A synthetic practice written by the tests.",
    "--scope",
    "National",
    "--countries",
    "Philippines, lb, Norway",
    "--crisis-types",
    "conflict, Natural disaster",
    "--phases",
    "emergency-response",
    "--guidelines",
    "10, 13",
    "--action-plan-points",
    "3",
    "--stakeholder",
    "Test ministry | state",
    "--stakeholder",
    "Test association | Migrant or diaspora organisation",
    "--source",
    "Test report | https://example.org/report",
    "--start-year",
    "2011",
    "--context",
    "Synthetic context.",
]


def run(root: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(root), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_flags_make_a_practice_that_passes_the_validator(repo: Path):
    result = run(repo, *FLAGS, "--no-input")
    assert result.returncode == 0, result.stderr
    path = repo / "practices" / "test-evacuation-of-stranded-workers.md"
    assert "Wrote practices/test-evacuation-of-stranded-workers.md" in result.stdout
    check = check_repository(repo)
    assert check.problems == (), [str(p) for p in check.problems]
    [practice] = check.practices
    assert [c.id for c in practice.countries] == ["PH", "LB", "NO"], "names and lowercase codes become codes"
    assert [t.id for t in practice.crisis_types] == ["conflict", "natural-disaster"], "names become ids"
    assert [s.type.id for s in practice.stakeholders] == ["state", "migrant-diaspora-organization"]
    assert practice.date_added == practice.last_reviewed == dt.date.today()
    body = frontmatter.loads(path.read_text(encoding="utf-8")).content
    assert body.startswith("## Context\n\nSynthetic context.\n\n## What was done\n\nTODO: ")
    assert "## Results and lessons\n\nTODO: " in body


def test_questions_list_the_choices_and_ask_again_after_a_wrong_answer(repo: Path):
    answers = [
        "Test practice written through the questions",  # title
        "A synthetic practice, answered on standard input.",  # summary
        "worldwide",  # scope: wrong
        "Global",  # scope
        "conflict",  # crisis types (global: no countries asked)
        "preparedness",  # phases
        "",  # guidelines: skipped
        "",  # points: skipped
        "Test agency",  # stakeholder 1 name
        "international-organization",  # stakeholder 1 type
        "",  # no more stakeholders
        "2019",  # start year
        "",  # end year: skipped
        "",  # sources: none given, so asked again, and input ends
    ]
    result = run(repo, stdin="\n".join(answers) + "\n")
    # Input ends before a source is given: nothing is written, and the exit says why.
    assert result.returncode == 2
    assert list((repo / "practices").iterdir()) == []
    assert "nothing was written" in result.stderr
    for term in vocabulary.load().crisis_types:
        assert term.id in result.stdout, "every crisis type is listed"
    for term in vocabulary.load().guidelines:
        assert term.name in result.stdout, "every guideline is listed"
    assert "unknown scope 'worldwide'" in result.stdout
    assert "countries" not in result.stdout.split("\nscope")[-1].split("crisis_types")[0], "global: no countries"


def test_questions_complete_a_practice(repo: Path):
    answers = [
        "Test practice written through the questions",
        "A synthetic practice, answered on standard input.",
        "local",
        "",  # countries: required for a local practice, so asked again
        "Lebanon",
        "Conflict",
        "Emergency response, post-crisis",
        "13",
        "",
        "Test municipality",
        "local-authority",
        "",
        "2006",
        "",  # end year: optional
        "Test source",
        "ftp://example.org/not-a-web-page",
        "",
        "Test source",  # the list is asked again after the wrong address
        "https://example.org/source",
        "",
        "",  # language: optional (English)
    ]
    result = run(repo, stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "is required" in result.stdout
    assert "is not an http(s) web address" in result.stdout
    check = check_repository(repo)
    assert check.problems == ()
    [practice] = check.practices
    assert [c.id for c in practice.countries] == ["LB"]
    assert [p.id for p in practice.phases] == ["emergency-response", "post-crisis"]
    assert practice.end_year is None


def test_never_overwrites_an_existing_file(repo: Path):
    existing = write(repo, "practices/test-evacuation-of-stranded-workers.md", "my own work\n")
    result = run(repo, *FLAGS, "--no-input")
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert existing.read_text(encoding="utf-8") == "my own work\n"


def test_refuses_a_title_another_practice_has(repo: Path):
    write(repo, "practices/first.md", VALID_PRACTICE)
    result = run(repo, *FLAGS[2:], "--title", "TEST practice about  evacuation", "--no-input")
    assert result.returncode == 1
    assert "the title is already used by practices/first.md" in result.stderr
    assert sorted(p.name for p in (repo / "practices").iterdir()) == ["first.md"]


def test_no_input_names_every_missing_flag(repo: Path):
    result = run(repo, "--title", "Only a title", "--no-input")
    assert result.returncode == 2
    for flag in ("--summary", "--scope", "--crisis-types", "--phases", "--stakeholder", "--start-year", "--source"):
        assert f"{flag}: missing {flag}" in result.stderr
    assert "--guidelines" not in result.stderr, "optional fields are not required"
    assert list((repo / "practices").iterdir()) == []


def test_wrong_flag_values_are_reported_with_the_validators_words(repo: Path):
    result = run(repo, *FLAGS, "--phases", "during", "--start-year", "last year", "--no-input")
    assert result.returncode == 2
    assert "--phases: unknown phase 'during'" in result.stderr
    assert "--start-year: must be a whole number" in result.stderr


def test_help_documents_a_flag_for_every_field_and_the_choices():
    result = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    for field in authoring.ASKED:
        assert new_practice.flag_of(field) in text, field.name
    for name in ("crisis_types", "phases", "scopes", "stakeholder_types"):
        for term in getattr(vocabulary.load(), name):
            assert str(term.id) in text.replace("- ", "-"), term.id


@pytest.mark.parametrize(
    "title,slug",
    [
        ("Évacuation des travailleurs: Liban 2006", "evacuation-des-travailleurs-liban-2006"),
        ("A" * 30 + " " + "b" * 40, "a" * 30),
        ("!!!", "my-practice"),
    ],
)
def test_slugs_are_lowercase_ascii_and_short(title: str, slug: str):
    assert authoring.slug_for(title) == slug
