"""Links that never break: a renamed record's old address redirects to its new one."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import VALID_PRACTICE, mkdocs_build, write

from .conftest import _serve

pytestmark = pytest.mark.slow

RENAMED = VALID_PRACTICE.replace("last_reviewed: 2026-11-30\n", "last_reviewed: 2026-11-30\naliases: [old-name]\n")


def _build_renamed(repo: Path) -> Path:
    assert "aliases" in RENAMED
    write(repo, "practices/new-name.md", RENAMED)
    site = repo / "site"
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def test_old_address_page_redirects_and_names_the_new_one_canonical(repo):
    html = (_build_renamed(repo) / "practices" / "old-name" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../new-name/">' in html
    assert '<link rel="canonical" href="../new-name/">' in html
    assert html.count('rel="canonical"') == 1
    assert "data-pagefind-body" not in html  # not a search result of its own


@pytest.mark.browser
def test_a_reader_following_an_old_link_lands_on_the_practice(repo, visit):
    served = _serve(_build_renamed(repo))
    page, traffic = visit(served, "practices/old-name/")
    page.wait_for_url("**/practices/new-name/")
    assert urlsplit(page.url).path == "/practices/new-name/"
    assert page.title().startswith("Test practice about evacuation")
