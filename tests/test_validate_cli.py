"""scripts/validate.py: what a contributor and CI see, in each output format, with its exit status."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import validate
from conftest import ROOT, VALID_PRACTICE, write

from micic.problems import Problem

SCRIPT = ROOT / "scripts" / "validate.py"
DEFECTS = Path(__file__).parent / "defects"
BROKEN = ("missing-summary.md", "unknown-crisis-type.md", "invalid-country.md", "tab-indentation.md")


def run(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.fixture
def broken(repo: Path) -> Path:
    """A scratch repository with one valid practice and a folder of broken ones."""
    write(repo, "practices/valid-practice.md", VALID_PRACTICE)
    for name in BROKEN:
        shutil.copy(DEFECTS / name, repo / "practices" / name)
    return repo


@pytest.mark.parametrize("output", ["text", "github", "json"])
def test_the_repository_is_valid_in_every_format(output: str):
    result = run("--format", output)
    assert result.returncode == 0, result.stdout + result.stderr
    if output == "json":  # notes (copies to replace) may be listed; no error
        assert [p for p in json.loads(result.stdout) if p["level"] != "note"] == []
    else:
        assert "no problems" in result.stdout
        assert "::error" not in result.stdout


def test_text_output_names_every_broken_file_and_its_fix(broken: Path):
    result = run("--root", str(broken))
    assert result.returncode == 1
    for name in BROKEN:
        assert f"practices/{name}\n" in result.stdout, name
    assert "practices/valid-practice.md" not in result.stdout
    assert "fix:" in result.stdout
    assert f"in {len(BROKEN)} files" in result.stdout
    assert "\033[" not in result.stdout, "no colour codes when the output is not a terminal"


def test_github_output_annotates_every_broken_file(broken: Path):
    result = run("--root", str(broken), "--format", "github")
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    pattern = re.compile(r"::error file=practices/([a-z0-9-]+\.md)(,line=\d+)?,title=[^:]+::.+")
    assert all(pattern.fullmatch(line) for line in annotations), annotations
    assert {pattern.fullmatch(line).group(1) for line in annotations} == set(BROKEN)


def test_json_output_lists_problems_with_their_location(broken: Path):
    result = run("--root", str(broken), "--format", "json")
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    assert {p["path"] for p in problems} == {f"practices/{name}" for name in BROKEN}
    for problem in problems:
        assert set(problem) == {"path", "line", "field", "message", "hint", "level"} and problem["level"] == "error"
    unknown = next(p for p in problems if p["path"] == "practices/unknown-crisis-type.md")
    assert unknown["field"].startswith("crisis_types") and unknown["line"] > 1


def test_named_files_only_are_checked(broken: Path):
    result = run("--root", str(broken), "--format", "json", str(broken / "practices" / "missing-summary.md"))
    assert result.returncode == 1
    assert {p["path"] for p in json.loads(result.stdout)} == {"practices/missing-summary.md"}
    valid = run("--root", str(broken), str(broken / "practices" / "valid-practice.md"))
    assert valid.returncode == 0, valid.stdout
    assert "1 file checked" in valid.stdout


def test_duplicate_titles_are_found_across_the_files_checked(repo: Path):
    write(repo, "practices/first.md", VALID_PRACTICE)
    write(repo, "practices/second.md", VALID_PRACTICE)
    for args in ([], [str(repo / "practices" / "first.md"), str(repo / "practices" / "second.md")]):
        result = run("--root", str(repo), "--format", "json", *args)
        assert result.returncode == 1
        [problem] = json.loads(result.stdout)
        assert problem["path"] == "practices/second.md"
        assert "already used by practices/first.md" in problem["message"]


def test_the_validator_never_changes_a_file(broken: Path):
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in broken.rglob("*") if p.is_file()}
    for output in ("text", "github", "json"):
        run("--root", str(broken), "--format", output)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in broken.rglob("*") if p.is_file()}
    assert after == before


@pytest.mark.parametrize(
    "args,message",
    [
        (["--format", "xml"], "invalid choice"),
        (["--no-such-option"], "unrecognized arguments"),
        (["practices/does-not-exist.md"], "no such file or folder"),
        (["/"], "not inside the repository"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str):
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_the_validator_does_not_import_mkdocs():
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['validate.py', '--format', 'json']\n"
        "try:\n"
        f"    runpy.run_path({str(SCRIPT)!r}, run_name='__main__')\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "print(sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("[]")


def test_colour_only_when_asked_for_or_on_a_terminal(broken: Path):
    coloured = run("--root", str(broken), env={"FORCE_COLOR": "1"})
    assert "\033[1;31mpractices/missing-summary.md\033[0m" in coloured.stdout
    plain = run("--root", str(broken), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\033[" not in plain.stdout


def test_github_annotations_cannot_be_broken_by_the_text_they_quote():
    problem = Problem(
        "practices/a,b:c.md", 3, "title", "unknown value '50%\n::warning::injected'", "write it, then: retry"
    )
    [annotation, _summary] = validate.format_github([problem], 1).splitlines()
    assert annotation == (
        "::error file=practices/a%2Cb%3Ac.md,line=3,title=title::"
        "unknown value '50%25%0A::warning::injected'%0Afix: write it, then: retry"
    )


def test_a_file_level_problem_has_no_line_in_its_annotation():
    [annotation, _] = validate.format_github([Problem("practices/x.md", 0, "", "file is empty", "")], 1).splitlines()
    assert annotation == "::error file=practices/x.md,title=file::file is empty"


def _stdin(text: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "-", *args], input=text, capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_standard_input_is_checked_as_the_file_it_names(repo: Path):
    write(repo, "practices/valid-practice.md", VALID_PRACTICE)
    ok = _stdin(VALID_PRACTICE, "--path", "practices/valid-practice.md", "--root", str(repo))
    assert ok.returncode == 0 and "1 file checked: no problems" in ok.stdout, ok.stdout + ok.stderr
    broken = _stdin(
        VALID_PRACTICE.replace("scope: national", "scope: National"), "--path", "practices/x.md", "--root", str(repo)
    )
    assert broken.returncode == 1 and "practices/x.md\n  line 5: scope: unknown scope 'National'" in broken.stdout
    assert not (repo / "practices" / "x.md").exists(), "standard input is never saved"


def test_standard_input_is_checked_against_the_repositorys_other_records(repo: Path):
    write(repo, "practices/valid-practice.md", VALID_PRACTICE)
    twin = _stdin(VALID_PRACTICE, "--path", "practices/a-new-file.md", "--root", str(repo), "--format", "json")
    assert twin.returncode == 1
    assert [(p["path"], p["line"], p["field"]) for p in json.loads(twin.stdout)] == [
        ("practices/a-new-file.md", 2, "title")
    ]


@pytest.mark.parametrize(
    "args", [[], ["--path", "../outside.md"], ["--path", "docs/index.md"], ["--path", "/tmp/x.md"]]
)
def test_standard_input_needs_a_record_path(args: list[str]):
    result = _stdin(VALID_PRACTICE, *args)
    assert result.returncode == 2 and "--path" in result.stderr


def test_many_files_are_checked_by_several_processes_with_the_same_result(tmp_path: Path):
    """A large catalogue is shared among processes (check.SHARED_FROM files and more): the
    problems, notes and records are those of one process checking every file, broken files,
    translations and links between pages included, and the command line says the same."""
    from micic import check, synthetic

    repo = synthetic.write_catalogue(tmp_path / "repo", check.SHARED_FROM + 20)
    for name in BROKEN:
        shutil.copy(DEFECTS / name, repo / "practices" / name)
    first, second = sorted((repo / "practices").glob("synthetic-*.md"))[:2]
    for file, link in ((first, "[a missing page](nowhere.md)"), (second, "[no heading](#nowhere)")):
        file.write_text(file.read_text(encoding="utf-8") + f"\nSee {link}.\n", encoding="utf-8")
    write(
        repo,
        f"practices/{first.stem}.fr.md",
        "---\ntitle: Un titre\nsummary: Un résumé.\ntranslation:\n  method: human\n  date: 2026-11-30\n---\nVoir [la page](absente.md).\n",
    )
    alone, shared = check.check_repository(repo, workers=1), check.check_repository(repo, workers=2)
    assert shared.problems == alone.problems and shared.notes == alone.notes
    assert shared.practices == alone.practices and shared.consultations == alone.consultations
    found = {(p.path, p.message) for p in shared.problems}
    assert (first.relative_to(repo).as_posix(), "the link 'nowhere.md' leads to no page of this site") in found
    assert (second.relative_to(repo).as_posix(), "the link '#nowhere' leads to no heading of this page") in found
    assert (f"practices/{first.stem}.fr.md", "the link 'absente.md' leads to no page of this site") in found
    assert {p.path for p in shared.problems} >= {f"practices/{name}" for name in BROKEN}
    assert shared.practices[0].regions[0] is check.vocab.load().regions[shared.practices[0].regions[0].id]
    printed = run("--root", str(repo), "--format", "json")
    assert printed.returncode == 1
    assert {(p["path"], p["message"]) for p in json.loads(printed.stdout) if p["level"] == "error"} == found
