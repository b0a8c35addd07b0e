"""Nothing a contributor or maintainer has is lost: the tools read, never write over.

The validator and the issue-form converter leave their inputs byte for byte and time for
time as they were; the scaffolds never overwrite a file; and a build that fails on an
invalid practice leaves the previous site folder exactly as it was (the hooks validate
before MkDocs cleans the site folder).
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import issue_to_practice
import pytest
import validate
from conftest import ROOT, VALID_PRACTICE, mkdocs_build, write

DEFECTS = Path(__file__).parent / "defects"
BODIES = Path(__file__).parent / "fixtures" / "issue_bodies"


def snapshot(root: Path) -> dict[str, tuple]:
    """Every file and link below root: its content hash, modification time and mode."""
    state = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        if path.is_symlink():
            state[path.relative_to(root).as_posix()] = ("link", os.readlink(path), info.st_mtime_ns)
        elif path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            state[path.relative_to(root).as_posix()] = (digest, info.st_mtime_ns, info.st_mode)
        else:
            state[path.relative_to(root).as_posix()] = ("folder", info.st_mode)
    return state


@pytest.fixture
def broken_repo(repo: Path) -> Path:
    """The scratch repository with every defect, odd-but-valid file and a link in it."""
    for defect in DEFECTS.glob("*.md"):
        shutil.copy(defect, repo / "practices" / defect.name)
    for valid in (DEFECTS / "valid").glob("*.md"):
        shutil.copy(valid, repo / "practices" / f"valid-{valid.name}")
    (repo / "practices" / "linked.md").symlink_to(repo / "mkdocs.yml")
    return repo


def test_the_validator_never_writes_to_what_it_checks(broken_repo: Path):
    before = snapshot(broken_repo)
    out = io.StringIO()
    assert validate.main(["--root", str(broken_repo)], stdout=out) == 1
    assert validate.main(["--root", str(broken_repo), "--format", "json"], stdout=io.StringIO()) == 1
    assert "practices/alias-bomb.md" in out.getvalue()
    assert snapshot(broken_repo) == before


def test_the_converter_never_writes_to_its_input_or_over_a_practice(repo: Path, tmp_path: Path):
    inputs = tmp_path / "inputs"
    body = inputs / "issue-body.md"
    write(inputs, "issue-body.md", (BODIES / "complete.md").read_bytes())
    write(repo, "practices/test-practice.md", VALID_PRACTICE)
    before_inputs, before_repo = snapshot(inputs), snapshot(repo)

    assert issue_to_practice.main([str(body), "--root", str(repo)]) == 0  # writes one new file
    added = "practices/test-evacuation-of-stranded-workers-by-a-consular-network.md"
    after = snapshot(repo)
    assert set(after) - set(before_repo) == {added}
    assert {k: v for k, v in after.items() if k != added} == before_repo
    assert snapshot(inputs) == before_inputs

    before_repo = snapshot(repo)
    assert issue_to_practice.main([str(body), "--root", str(repo)]) == 1  # the same again: refused
    assert snapshot(repo) == before_repo and snapshot(inputs) == before_inputs


def test_the_scaffold_never_overwrites_a_practice(repo: Path):
    existing = write(repo, "practices/test-practice-about-evacuation.md", VALID_PRACTICE)
    before = snapshot(repo)
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "new_practice.py"), "--root", str(repo), "--no-input"]
        + ["--title", "Test practice about evacuation", "--summary", "A synthetic practice.", "--scope", "global"]
        + ["--crisis-types", "conflict", "--phases", "preparedness", "--stakeholder", "Test ministry | state"]
        + ["--source", "Test report | https://example.org/report", "--start-year", "2011"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert snapshot(repo) == before and existing.read_text(encoding="utf-8") == VALID_PRACTICE


def _bad(old: str, new: str, title: str) -> str:
    return VALID_PRACTICE.replace(old, new).replace("Test practice", title)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("files", "reported"),
    [
        (
            {"practices/unknown-crisis-type.md": (DEFECTS / "unknown-crisis-type.md").read_text(encoding="utf-8")},
            ["practices/unknown-crisis-type.md:6: crisis_types.0: unknown crisis type 'war'"],
        ),
        (
            {"practices/alias-bomb.md": (DEFECTS / "alias-bomb.md").read_text(encoding="utf-8")},
            ["practices/alias-bomb.md:2: lol0: YAML anchors and aliases"],
        ),
        (
            {
                "practices/javascript-link-in-body.md": (DEFECTS / "javascript-link-in-body.md").read_text(
                    encoding="utf-8"
                )
            },
            ["practices/javascript-link-in-body.md:22: body: links to 'javascript:'"],
        ),
        (  # two invalid files: both named
            {
                "practices/bad-crisis.md": _bad("crisis_types: [conflict]", "crisis_types: [war]", "Bad crisis"),
                "practices/bad-country.md": _bad("countries: [PH, LB]", "countries: [PH, ZZ]", "Bad country"),
            },
            [
                "practices/bad-crisis.md:6: crisis_types.0: unknown crisis type 'war'",
                "practices/bad-country.md:4: countries.1: 'ZZ' is not an ISO 3166-1 alpha-2 country code",
            ],
        ),
        (  # a link that would publish a file of the machine that builds the site
            {"docs/leak.md": Path("/etc/passwd")},
            ["docs/leak.md: symbolic link to a file outside the repository"],
        ),
        (  # an alias that would replace the list of practices
            {
                "practices/hijack.md": _bad(
                    "last_reviewed: 2026-11-30", "last_reviewed: 2026-11-30\naliases: [index]", "Hijack"
                )
            },
            ["practices/hijack.md:20: aliases.0: 'index' is the name of a page of the site"],
        ),
    ],
    ids=["unknown-crisis-type", "alias-bomb", "javascript-link", "two-invalid-files", "symbolic-link", "alias-index"],
)
def test_a_failed_build_names_every_problem_and_leaves_the_previous_site_as_it_was(
    repo: Path, tmp_path: Path, files: dict, reported: list[str]
):
    write(repo, "practices/test-practice.md", VALID_PRACTICE)
    site = tmp_path / "site"
    first = mkdocs_build(repo, site)
    assert first.returncode == 0, first.stderr[-3000:]
    before = snapshot(site)
    assert "practices/test-practice/index.html" in before

    for relative, content in files.items():
        if isinstance(content, Path):
            (repo / relative).symlink_to(content)
        else:
            write(repo, relative, content)
    failed = mkdocs_build(repo, site)
    assert failed.returncode != 0
    for line in reported:
        assert line in failed.stderr
    assert "Traceback" not in failed.stderr + failed.stdout
    assert snapshot(site) == before, "a failed build must leave the previous site as it was"
