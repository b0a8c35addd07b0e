"""CI on a pull request or an issue must not leak: the rules every workflow must keep.

A workflow fails these rules when it expands untrusted text (an issue's body, a pull
request's title or branch name, a comment…) inside a script, runs on `pull_request_target`
or `workflow_run` (which hand a contributor's change a privileged token), or asks for more
than read permission where it does not need it: the top level grants nothing beyond
`contents: read`, and each write is granted only to a job whose steps use it. Each rule is
also shown to fail on a bad workflow. zizmor's audit is in tests/test_workflows.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))

# Contexts that anyone who can open an issue, comment or pull request controls.
UNTRUSTED = re.compile(
    r"""github\.event\.[\w.*\[\]'"-]*
    | github\.head_ref
    | inputs\.
    | steps\.[\w-]+\.outputs\.
    | needs\.[\w-]+\.outputs\.
    | env\.""",
    re.VERBOSE,
)
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)
PRIVILEGED_TRIGGERS = {"pull_request_target", "workflow_run"}
READ_ONLY_TOP_LEVEL = ({}, {"contents": "read"})

# A write permission, and what a job's steps must do to need it.
NEEDS: dict[str, re.Pattern[str]] = {
    "contents": re.compile(r"\bgit push\b"),
    "issues": re.compile(r"\bgh issue (?:comment|edit|close)\b"),
    "pull-requests": re.compile(r"\bgh pr (?:create|edit|comment|merge)\b"),
    "pages": re.compile(r"\bactions/deploy-pages@"),
    "id-token": re.compile(r"\bactions/deploy-pages@"),
}


def _triggers(workflow: dict) -> set[str]:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    if isinstance(on, str):
        return {on}
    return set(on or ())


def workflow_problems(workflow: dict) -> list[str]:
    """What in a workflow could leak a token or run a contributor's text; [] when nothing."""
    problems = [f"uses the privileged trigger {t}" for t in sorted(_triggers(workflow) & PRIVILEGED_TRIGGERS)]
    top = workflow.get("permissions")
    if top not in READ_ONLY_TOP_LEVEL:
        problems.append(f"top-level permissions {top!r} grant more than contents: read")
    for job_id, job in (workflow.get("jobs") or {}).items():
        steps = job.get("steps") or []
        for number, step in enumerate(steps, start=1):
            scripts = [("run", step.get("run"))]
            if str(step.get("uses", "")).startswith("actions/github-script@"):
                scripts.append(("script", (step.get("with") or {}).get("script")))
            for key, script in scripts:
                for expression in EXPRESSION.findall(str(script or "")):
                    if UNTRUSTED.search(expression):
                        problems.append(
                            f"{job_id} step {number}: `{key}:` expands ${{{{{expression.strip()}}}}}; pass it through env:"
                        )
        permissions = job.get("permissions", {})
        if not isinstance(permissions, dict):
            problems.append(f"{job_id}: permissions {permissions!r} are not listed scope by scope")
            continue
        used = "\n".join(f"{s.get('uses', '')}\n{s.get('run', '')}" for s in steps)
        for scope, level in permissions.items():
            if level != "write":
                continue
            need = NEEDS.get(scope)
            if need is None or not need.search(used):
                problems.append(f"{job_id}: asks for {scope}: write but no step needs it")
    return problems


def test_every_workflow_is_checked():
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "deploy.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_keeps_untrusted_text_out_of_scripts_and_tokens_minimal(path: Path):
    assert workflow_problems(yaml.safe_load(path.read_text(encoding="utf-8"))) == []


# --- Each rule fails on a bad workflow -----------------------------------------------------

GOOD_JOB = """\
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - run: make test
"""

BAD: dict[str, tuple[str, str]] = {
    "issue-body-in-run": (
        "on: issues\npermissions: {}\njobs:\n  greet:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - run: echo "${{ github.event.issue.body }}"\n',
        "greet step 1: `run:` expands ${{github.event.issue.body}}; pass it through env:",
    ),
    "pull-request-title-in-run": (
        "on: pull_request\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: |\n          echo start\n          title='${{ github.event.pull_request.title }}'\n",
        "t step 1: `run:` expands ${{github.event.pull_request.title}}; pass it through env:",
    ),
    "branch-name-in-run": (
        "on: pull_request\npermissions: {}\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: git switch ${{github.head_ref}}\n",
        "b step 1: `run:` expands ${{github.head_ref}}; pass it through env:",
    ),
    "comment-in-github-script": (
        "on: issue_comment\npermissions: {}\njobs:\n  s:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/github-script@v7\n        with:\n"
        "          script: console.log(`${{ github.event.comment.body }}`)\n",
        "s step 1: `script:` expands ${{github.event.comment.body}}; pass it through env:",
    ),
    "step-output-in-run": (
        "on: issues\npermissions: {}\njobs:\n  o:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - id: read\n        run: echo ok\n      - run: echo ${{ steps.read.outputs.title }}\n",
        "o step 2: `run:` expands ${{steps.read.outputs.title}}; pass it through env:",
    ),
    "pull-request-target": (
        f"on:\n  pull_request_target:\npermissions: {{}}\njobs:\n{GOOD_JOB}",
        "uses the privileged trigger pull_request_target",
    ),
    "workflow-run": (
        f"on:\n  workflow_run:\n    workflows: [CI]\npermissions: {{}}\njobs:\n{GOOD_JOB}",
        "uses the privileged trigger workflow_run",
    ),
    "write-all-at-top": (
        f"on: push\npermissions: write-all\njobs:\n{GOOD_JOB}",
        "top-level permissions 'write-all' grant more than contents: read",
    ),
    "no-permissions-at-top": (
        f"on: push\njobs:\n{GOOD_JOB}",
        "top-level permissions None grant more than contents: read",
    ),
    "contents-write-at-top": (
        f"on: push\npermissions:\n  contents: write\njobs:\n{GOOD_JOB}",
        "top-level permissions {'contents': 'write'} grant more than contents: read",
    ),
    "write-that-no-step-needs": (
        f"on: push\npermissions: {{}}\njobs:\n{GOOD_JOB}    permissions:\n      pull-requests: write\n",
        "check: asks for pull-requests: write but no step needs it",
    ),
    "job-write-all": (
        f"on: push\npermissions: {{}}\njobs:\n{GOOD_JOB}    permissions: write-all\n",
        "check: permissions 'write-all' are not listed scope by scope",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_workflow_is_caught(name: str, tmp_path: Path):
    text, problem = BAD[name]
    path = tmp_path / f"{name}.yml"
    path.write_text(text, encoding="utf-8")
    assert workflow_problems(yaml.safe_load(path.read_text(encoding="utf-8"))) == [problem]


def test_untrusted_text_passed_through_env_is_accepted(tmp_path: Path):
    path = tmp_path / "good.yml"
    path.write_text(
        "on: issues\npermissions: {}\njobs:\n  greet:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - env:\n          BODY: ${{ github.event.issue.body }}\n"
        '        run: printf "%s" "$BODY" > body.md\n',
        encoding="utf-8",
    )
    assert workflow_problems(yaml.safe_load(path.read_text(encoding="utf-8"))) == []
