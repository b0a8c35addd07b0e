"""The issue form and scripts/issue_to_practice.py: a submission becomes a valid practice,
or a comment telling the contributor exactly what to fix, whatever the issue contains."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import frontmatter
import generate
import pytest
import yaml
from conftest import ROOT, VALID_PRACTICE, write

from micic import issue_form as converter
from micic import vocabulary
from micic.check import PRACTICE, check_repository
from micic.problems import Problem

BODIES = Path(__file__).parent / "fixtures" / "issue_bodies"
TODAY = dt.date(2026, 11, 30)
SCRIPT = ROOT / "scripts" / "issue_to_practice.py"


def body(name: str) -> str:
    return (BODIES / name).read_text(encoding="utf-8")


def github_body(answers: dict[str, str | list[str]]) -> str:
    """An issue body as GitHub writes it for the form: a heading per element, then the
    answer, '_No response_' when empty, and '- [X] label' lines for checkboxes."""
    parts = []
    for element in converter.form()["body"]:
        if element["type"] == "markdown":
            continue
        attributes = element["attributes"]
        answer = answers.get(element["id"], "")
        if element["type"] == "checkboxes":
            ticked = answer if isinstance(answer, list) else []
            text = "\n".join(f"- [{'X' if o['label'] in ticked else ' '}] {o['label']}" for o in attributes["options"])
        else:
            text = answer or "_No response_"
        parts.append(f"### {attributes['label']}\n\n{text}")
    return "\n\n".join(parts) + "\n"


# --- The form ------------------------------------------------------------------------------


def test_the_committed_form_is_current():
    committed = (ROOT / converter.FORM_FILE).read_text(encoding="utf-8")
    assert committed == converter.issue_form(), "run `make generate` and commit the result"


def test_a_stale_form_is_reported_by_generate_check(tmp_path: Path):
    for path, content in generate.generated_files().items():
        write(tmp_path, path, content())
    assert generate.stale_files(tmp_path) == []
    stale = (tmp_path / converter.FORM_FILE).read_text(encoding="utf-8").replace("- label: Epidemic\n", "")
    write(tmp_path, converter.FORM_FILE, stale)
    assert generate.stale_files(tmp_path) == [converter.FORM_FILE]


def test_the_form_asks_for_every_contributor_field_with_options_from_the_vocabulary():
    elements = {e["id"]: e for e in converter.form()["body"] if "id" in e}
    not_asked = {"date_added", "last_reviewed", "aliases"}  # set on conversion, or for renames only
    assert {f.name for f in PRACTICE.fields} - not_asked <= set(elements)
    v = vocabulary.load()
    for name, terms in [
        ("crisis_types", v.crisis_types),
        ("phases", v.phases),
        ("guidelines", v.guidelines),
        ("action_plan_points", v.action_plan_points),
    ]:
        labels = [o["label"] for o in elements[name]["attributes"]["options"]]
        assert len(labels) == len(terms)
        assert all(term.name in label for term, label in zip(terms, labels, strict=True))
    assert len(elements["scope"]["attributes"]["options"]) == len(v.scopes)
    for term in v.stakeholder_types:
        assert f"`{term.id}`" in elements["stakeholders"]["attributes"]["description"]


def test_the_form_follows_githubs_issue_form_rules():
    form = yaml.safe_load((ROOT / converter.FORM_FILE).read_text(encoding="utf-8"))
    assert {"name", "description", "body"} <= set(form)
    ids = [e["id"] for e in form["body"] if "id" in e]
    assert len(ids) == len(set(ids))
    labels = [e["attributes"]["label"] for e in form["body"] if e["type"] != "markdown"]
    assert len(labels) == len(set(labels)), "the converter finds answers by their label"
    for element in form["body"]:
        assert element["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        if element["type"] != "markdown":
            assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"])
        if element["type"] in {"dropdown", "checkboxes"}:
            options = element["attributes"]["options"]
            assert options and len(options) == len({str(o) for o in options})


def test_every_option_of_the_form_converts_back_to_its_id():
    v = vocabulary.load()
    elements = {e["id"]: e for e in converter.form()["body"] if "id" in e}

    def labels(name: str) -> list[str]:
        return [o["label"] for o in elements[name]["attributes"]["options"]]

    answers = {
        "title": "Test practice ticking every box",
        "summary": "A synthetic submission.",
        "scope": elements["scope"]["attributes"]["options"][1],
        "countries": "PH",
        "crisis_types": labels("crisis_types"),
        "phases": labels("phases"),
        "guidelines": labels("guidelines"),
        "action_plan_points": labels("action_plan_points"),
        "stakeholders": "Test ministry | state",
        "start_year": "2011",
        "sources": "Test source | https://example.org/source",
        "context": "Synthetic.",
        "what_was_done": "Synthetic.",
        "results": "Synthetic.",
    }
    result = converter.convert(github_body(answers), TODAY)
    assert result.problems == ()
    meta = frontmatter.loads(result.text).metadata
    assert meta["scope"] == "national"
    assert meta["crisis_types"] == v.crisis_types.ids
    assert meta["phases"] == v.phases.ids
    assert meta["guidelines"] == v.guidelines.ids
    assert meta["action_plan_points"] == v.action_plan_points.ids


# --- The fixtures ----------------------------------------------------------------------------


def test_a_complete_submission_becomes_a_valid_practice(repo: Path):
    result = converter.convert(body("complete.md"), TODAY)
    assert result.problems == ()
    assert result.filename == "practices/test-evacuation-of-stranded-workers-by-a-consular-network.md"
    write(repo, result.filename, result.text)
    check = check_repository(repo)
    assert check.problems == (), [str(p) for p in check.problems]
    [practice] = check.practices
    assert [c.id for c in practice.countries] == ["PH", "LB"]
    assert [s.type.id for s in practice.stakeholders] == ["state", "migrant-diaspora-organization"]
    assert [s.url for s in practice.sources] == ["https://example.org/report", "https://example.org/second"]
    assert practice.date_added == practice.last_reviewed == TODAY
    assert practice.end_year is None
    assert "## What was done\n\nSynthetic account of what was done." in practice.body
    assert "Before you submit" not in practice.body, "the confirmations are not part of the text"


def test_a_submission_with_missing_answers_lists_each_of_them():
    result = converter.convert(body("missing-fields.md"), TODAY)
    assert result.text is None
    found = {(p.field.split(".")[0], p.message) for p in result.problems}
    assert ("summary", "is empty") in found
    assert any(f == "countries" and "needs its countries" in m for f, m in found)
    assert ("crisis_types", "needs at least one ticked box") in found
    assert any(f == "start_year" and "whole number" in m for f, m in found)
    assert any(f == "sources" and "'url'" in m for f, m in found)
    assert ("what_was_done", "is empty") in found
    assert len(result.problems) == 6, [str(p) for p in result.problems]
    text = converter.comment(result.problems)
    for part in ("Summary:", "Countries:", "Crisis types:", "Start year:", "Sources: line 1:", "What was done:"):
        assert part in text


def _outside_code_blocks(markdown: str) -> str:
    fence = re.search(r"^(`{3,})text$", markdown, re.MULTILINE).group(1)
    before, rest = markdown.split(f"{fence}text\n", 1)
    inside, after = rest.split(f"\n{fence}\n", 1)
    return before + after


def test_a_hostile_submission_is_refused_and_quoted_harmlessly():
    result = converter.convert(body("hostile.md"), TODAY)
    assert result.text is None
    messages = " ".join(p.message for p in result.problems)
    assert "javascript:alert(1)" in messages, "a script address is not a source"
    assert "links to 'javascript:' addresses are not allowed" in messages, "nor a link in the text"
    assert "'Atlantis' is not an ISO 3166-1 alpha-2 country code" in messages
    text = converter.comment(result.problems)
    outside = _outside_code_blocks(text)
    for hostile in ("<", "@", "javascript", "::", "$("):
        assert hostile not in outside, f"{hostile!r} quoted outside the code block"


def test_backticks_in_quoted_text_cannot_close_the_code_block():
    problem = Problem("", 0, "title", "unknown value '``````\n@someone <img src=x>'", "")
    text = converter.comment([problem])
    assert "```````text\n" in text, "the fence is longer than any run of backticks inside"
    outside = _outside_code_blocks(text)
    assert "@someone" not in outside and "<img" not in outside


def test_hostile_text_in_valid_answers_stays_text():
    title = 'Test: a "practice" --- with <b>bold</b> & #1 @someone'
    hostile = (
        body("complete.md")
        .replace("Test evacuation of stranded workers by a consular network", title)
        .replace(
            "organised the evacuation of stranded workers.",
            "organised it.\n---\ntitle: injected\nscope: global",
        )
    )
    result = converter.convert(hostile, TODAY)
    assert result.problems == ()
    post = frontmatter.loads(result.text)
    assert post["title"] == title
    assert post["summary"].endswith("organised it. --- title: injected scope: global")
    assert post["scope"] == "national"
    assert result.filename == "practices/test-a-practice-with-b-bold-b-1-someone.md"


@pytest.mark.parametrize(
    "odd",
    [
        "",
        "no headings at all",
        "### Title\n",
        "### Title\n\n\x00\x1b[31m\x7f",
        "### Title\n\nA\n### Title\n\nB\n" * 2000,
        "x" * 70_000,
        "### Title\n\n" + "é" * 1000,
        "### Title\n\nTest\n\n### Start year\n\n99999999999999999999\n\n### Countries\n\n,,,;;;",
        "### Crisis types\n\n- [X] 99. Not a point\n- [x] \n- [X]",
        "\r\n".join(body("complete.md").splitlines()),
        "\ufeff" + body("complete.md"),
        None,
        b"bytes",
    ],
)
def test_odd_bodies_never_raise(odd):
    result = converter.convert(odd, TODAY)
    assert result.ok == (result.text is not None and not result.problems)
    assert isinstance(converter.comment(result.problems), str)


def test_windows_line_ends_convert_like_the_original():
    original = converter.convert(body("complete.md"), TODAY)
    windows = converter.convert("\r\n".join(body("complete.md").splitlines()), TODAY)
    assert windows.text == original.text


# --- The command line (as the workflow runs it) ------------------------------------------------


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(root), "--today", "2026-11-30", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_writes_the_practice_and_step_outputs(repo: Path, tmp_path: Path):
    outputs = tmp_path / "outputs"
    result = run(repo, str(BODIES / "complete.md"), "--outputs", str(outputs))
    assert result.returncode == 0, result.stdout + result.stderr
    path = "practices/test-evacuation-of-stranded-workers-by-a-consular-network.md"
    assert result.stdout.strip() == path
    assert outputs.read_text() == f"valid=true\npath={path}\n"
    assert check_repository(repo).problems == ()


def test_the_command_never_overwrites_and_says_so(repo: Path, tmp_path: Path):
    existing = write(repo, "practices/test-evacuation-of-stranded-workers-by-a-consular-network.md", "mine\n")
    comment = tmp_path / "comment.md"
    result = run(repo, str(BODIES / "complete.md"), "--comment", str(comment))
    assert result.returncode == 1
    assert existing.read_text() == "mine\n"
    assert "a practice with this file name already exists" in comment.read_text()


def test_the_command_refuses_a_title_already_used(repo: Path, tmp_path: Path):
    write(
        repo,
        "practices/other.md",
        VALID_PRACTICE.replace(
            "Test practice about evacuation", "Test evacuation of stranded workers by a consular network"
        ),
    )
    result = run(repo, str(BODIES / "complete.md"))
    assert result.returncode == 1
    assert "already used by practices/other.md" in result.stdout


def test_the_command_comments_problems_and_writes_nothing(repo: Path, tmp_path: Path):
    comment, outputs = tmp_path / "comment.md", tmp_path / "outputs"
    result = run(repo, str(BODIES / "missing-fields.md"), "--comment", str(comment), "--outputs", str(outputs))
    assert result.returncode == 1
    assert list((repo / "practices").iterdir()) == []
    assert comment.read_text() == result.stdout.rstrip("\n") + "\n"
    assert "Summary: is empty" in comment.read_text()
    assert outputs.read_text() == "valid=false\npath=\n"


def test_the_command_reads_standard_input_and_reports_usage_errors(repo: Path):
    piped = subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(repo), "-"],
        input=body("complete.md"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert piped.returncode == 0, piped.stderr
    missing = run(repo, str(repo / "no-such-body.md"))
    assert missing.returncode == 2
    assert "cannot read" in missing.stderr
