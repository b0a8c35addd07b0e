"""Links that never break: a renamed record's old address is a real redirect page."""

from __future__ import annotations

from html import unescape

import pytest
from conftest import build_renamed

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_old_address_page_redirects_and_names_the_new_one_canonical(repo, engine):
    # as a browser reads the attributes: MiniJinja (Zensical) escapes "/" as &#x2f;
    html = unescape((build_renamed(repo, engine) / "practices" / "old-name" / "index.html").read_text(encoding="utf-8"))
    assert '<meta http-equiv="refresh" content="0; url=../new-name/">' in html
    assert '<link rel="canonical" href="../new-name/">' in html
    assert html.count('rel="canonical"') == 1
    assert "data-pagefind-body" not in html  # not a search result of its own
