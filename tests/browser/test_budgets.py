"""Weak connections: a first page view stays small, loads nothing from other hosts, and
downloads no search index, with the real catalogue and with 1,000 practices."""

from __future__ import annotations

import pytest
from conftest import iter_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BUDGET = 120 * 1024  # bytes, gzip size of every response of a first view


def _first_practice(served) -> str:
    return next(iter_pages(served.site, "practices"))


@pytest.mark.parametrize("catalogue", ["real", "large"])
@pytest.mark.parametrize("which", ["home", "practice"])
def test_first_view_is_within_120_kb_from_the_site_alone(request, visit, catalogue, which):
    served = request.getfixturevalue(catalogue)
    url = "" if which == "home" else _first_practice(served)
    page, traffic = visit(served, url)
    assert page.errors == []
    assert traffic.foreign == [], "requests to other hosts"
    assert traffic.transferred <= BUDGET, (
        f"{traffic.transferred / 1024:.1f} KB gzip transferred for /{url}: "
        + ", ".join(f"{u.rsplit('/', 2)[-2:]} {n / 1024:.1f}" for u, n in sorted(traffic.gzip_bytes.items()))
    )
    # Nothing of the search is fetched before the reader searches.
    assert traffic.paths("/pagefind/") == []
    assert not [p for p in traffic.paths() if p.endswith("search_index.json")]
    # Nor the sitemap, which grows with the catalogue (Material fetches it for alternate links).
    assert not [p for p in traffic.paths() if p.endswith("sitemap.xml")]


def test_the_large_catalogue_really_has_1000_practice_pages(large):
    assert len(list(iter_pages(large.site, "practices"))) >= 1000
