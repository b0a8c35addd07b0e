"""The hashed lock of the accepted-submission job, which is the only job with a write token.

The job installs requirements-submission.txt with `--require-hashes --no-deps`: only what
scripts/issue_to_practice.py and scripts/validate.py need, every file checked against its
hash. The lock is generated from requirements-submission.in by `make submission-lock`; these
tests fail while it is stale, while its pins drift from requirements.txt, or when the job's
scripts come to import a package the lock does not hold. Nothing here downloads anything.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import subprocess
import sys
import tomllib

import yaml
from conftest import ROOT

IN_FILE = ROOT / "requirements-submission.in"
LOCK = ROOT / "requirements-submission.txt"
PINNED = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}\b")


def normalise(name: str) -> str:
    """A distribution name as PyPI compares them (PEP 503): PyYAML, pyyaml and py_yaml are one."""
    return re.sub(r"[-_.]+", "-", name).lower()


def logical_lines(text: str) -> list[str]:
    """Requirement lines with their backslash continuations joined and comments dropped."""
    joined = re.sub(r"\\\n", " ", text)
    lines = (re.sub(r"(^|\s)#.*", "", line).strip() for line in joined.splitlines())
    return [line for line in lines if line]


def pins(text: str) -> dict[str, str]:
    """Each `name==version` requirement of a requirements file, by normalised name."""
    found = {}
    for line in logical_lines(text):
        if line.startswith("-"):
            continue  # an option such as --index-url, not a requirement
        match = PINNED.match(line)
        assert match, f"not pinned with ==: {line}"
        found[normalise(match.group(1))] = match.group(2)
    return found


def lock_text() -> str:
    assert LOCK.is_file(), "run `make submission-lock` to write requirements-submission.txt"
    return LOCK.read_text(encoding="utf-8")


def test_every_direct_need_is_locked_at_its_version():
    wanted = pins(IN_FILE.read_text(encoding="utf-8"))
    locked = pins(lock_text())
    assert wanted, "requirements-submission.in names no package"
    stale = {name: (version, locked.get(name)) for name, version in wanted.items() if locked.get(name) != version}
    assert stale == {}, f"(in .in, in the lock) differ: run `make submission-lock`: {stale}"


def test_the_lock_agrees_with_requirements_txt():
    everywhere = pins((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    locked = pins(lock_text())
    drift = {
        name: (version, everywhere[name])
        for name, version in locked.items()
        if everywhere.get(name, version) != version
    }
    assert drift == {}, f"(in the lock, in requirements.txt) differ: pin one version in both: {drift}"


def test_every_locked_requirement_carries_a_hash():
    lines = [line for line in logical_lines(lock_text()) if not line.startswith("-")]
    assert lines, "the lock holds no requirement"
    for line in lines:
        assert HASH.search(line), f"no --hash=sha256: (`make submission-lock` writes them): {line.split()[0]}"


def test_the_lock_is_generated_by_make_submission_lock():
    header = lock_text().split("\n", 10)[:10]
    assert any("make submission-lock" in line for line in header if line.startswith("#")), "say how to regenerate it"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^submission-lock: requirements-submission\.txt\b", makefile, re.MULTILINE)
    assert re.search(r"^requirements-submission\.txt: requirements-submission\.in\b", makefile, re.MULTILINE)


def test_the_write_job_installs_only_the_lock_with_hashes():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "accepted-submission.yml").read_text(encoding="utf-8"))
    installs = [
        step["run"]
        for step in workflow["jobs"]["convert"]["steps"]
        if re.search(r"\bpip install\b", step.get("run", ""))
    ]
    assert installs == [
        "python -m pip install --disable-pip-version-check --require-hashes --no-deps -r requirements-submission.txt"
    ]


IMPORTED_DISTRIBUTIONS = """
import importlib.metadata, json, sys
sys.path[:0] = [sys.argv[1] + "/hooks", sys.argv[1] + "/scripts"]
before = set(sys.modules)
import issue_to_practice, validate
owners = importlib.metadata.packages_distributions()
top = {name.partition(".")[0] for name in set(sys.modules) - before}
print(json.dumps(sorted({d for name in top if name not in sys.stdlib_module_names for d in owners.get(name, [])})))
"""


def test_the_job_scripts_import_only_locked_packages():
    """What the converter and the validator import, installed from PyPI, is in the lock."""
    result = subprocess.run(
        [sys.executable, "-c", IMPORTED_DISTRIBUTIONS, str(ROOT)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    own = normalise(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["name"])
    imported = {normalise(d) for d in json.loads(result.stdout)} - {own}  # the project itself: PYTHONPATH in the job
    assert imported, "the scripts import no installed package: this check is not looking"
    locked = pins(lock_text())
    missing = sorted(imported - set(locked))
    assert missing == [], f"add to requirements-submission.in, then run `make submission-lock`: {missing}"
    for name in imported:
        assert importlib.metadata.version(name) == locked[name], f"{name}: .venv and the lock differ"
