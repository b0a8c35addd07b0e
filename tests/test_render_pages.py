"""scripts/render_pages.py: the core writes the whole docs folder without MkDocs."""

from __future__ import annotations

import pytest
import render_pages
from bench import write_plain_config
from conftest import VALID_PRACTICE, mkdocs_build, write


def render(repo, out, *extra: str) -> int:
    return render_pages.main(["--root", str(repo), "--out", str(out), *extra])


def test_writes_generated_and_hand_written_pages(repo, tmp_path):
    write(repo, "practices/test-practice.md", VALID_PRACTICE)
    out = tmp_path / "out"
    assert render(repo, out) == 0
    practice = (out / "practices" / "test-practice.md").read_text(encoding="utf-8")
    assert '<h1 id="test-practice-about-evacuation">Test practice about evacuation' in practice  # HTML, rendered once
    assert (out / "regions" / "asia-pacific.md").is_file()
    assert (out / "assets" / "site.css").read_bytes() == (repo / "docs" / "assets" / "site.css").read_bytes()
    home = (out / "index.md").read_text(encoding="utf-8")
    assert "<!-- catalogue:" not in home  # the markers are filled, as the hooks fill them


def test_refuses_a_folder_that_is_not_empty_unless_forced(repo, tmp_path, capsys):
    write(repo, "practices/test-practice.md", VALID_PRACTICE)
    out = tmp_path / "out"
    write(out, "old-page.md", "a page from an earlier run")
    with pytest.raises(SystemExit) as refused:
        render(repo, out)
    assert refused.value.code == 2
    assert "--force" in capsys.readouterr().err
    assert (out / "old-page.md").is_file() and not (out / "practices").exists()
    assert render(repo, out, "--force") == 0
    assert not (out / "old-page.md").exists()  # a removed practice leaves no stale page
    assert (out / "practices" / "test-practice.md").is_file()


def test_refuses_to_write_over_the_repository(repo):
    with pytest.raises(SystemExit):
        render(repo, repo / "docs", "--force")
    assert (repo / "docs" / "index.md").is_file()


def test_an_invalid_practice_stops_it_and_nothing_is_written(repo, tmp_path, capsys):
    write(repo, "practices/test-practice.md", VALID_PRACTICE.replace("scope: national", "scope: planetary"))
    out = tmp_path / "out"
    assert render(repo, out) == 1
    assert "practices/test-practice.md:5: scope" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.slow
def test_plain_mkdocs_builds_the_folder_without_hooks(repo, tmp_path):
    """What Material's successor will do: build from the written folder, no plugin API."""
    write(repo, "practices/test-practice.md", VALID_PRACTICE)
    plain = tmp_path / "plain"
    assert render(repo, plain / "docs") == 0
    write_plain_config(repo, plain)
    result = mkdocs_build(plain, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    page = (tmp_path / "site" / "practices" / "test-practice" / "index.html").read_text(encoding="utf-8")
    assert "Test practice about evacuation" in page
