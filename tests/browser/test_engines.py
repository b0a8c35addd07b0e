"""The Zensical build in a real browser, as readers get it: a first view within the budget,
from the site alone; search through Pagefind, in English and in French; nothing serious for
axe, in English and in Arabic."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from conftest import MULTILINGUAL_SITE_URL, iter_pages

from .conftest import _serve, axe_violations
from .test_budgets import BUDGET

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="session")
def zensical(zensical_site):
    return _serve(zensical_site)


@pytest.mark.parametrize("where", ["", "fr/", "ar/", "practice"])
def test_first_view_of_the_zensical_build_is_within_budget_from_the_site_alone(zensical, visit, where):
    url = next(iter_pages(zensical.site, "practices")) if where == "practice" else where
    page, traffic = visit(zensical, url)
    assert page.errors == []
    assert traffic.foreign == [], "requests to other hosts"
    assert traffic.transferred <= BUDGET, f"{traffic.transferred / 1024:.1f} KB gzip for /{url}"
    assert not [p for p in traffic.paths() if p.endswith(("sitemap.xml", "search.json", "search_index.json"))]
    assert traffic.paths("/pagefind/") == [] and traffic.paths("/fr/pagefind/") == []


@pytest.mark.parametrize("prefix, query", [("", "evacuation"), ("fr/", "évacuation")])
def test_search_works_in_the_zensical_build(zensical, visit, prefix, query):
    page, traffic = visit(zensical, prefix)
    page.fill("#site-search-input", query)
    page.wait_for_selector("#site-search-results li a", timeout=10_000)
    found = page.eval_on_selector_all("#site-search-results li a", "links => links.map(a => a.href)")
    assert found
    for url in found:
        path = urlsplit(url).path
        assert path.startswith(f"/{prefix}") and (zensical.site / path.lstrip("/") / "index.html").exists(), path
    assert traffic.paths(f"/{prefix}pagefind/")


@pytest.mark.parametrize("where", ["", "regions/", "practice", "ar/", "ar/explore/"])
def test_axe_finds_nothing_serious_in_the_zensical_build(zensical, visit, where):
    url = next(iter_pages(zensical.site, "practices")) if where == "practice" else where
    page, _ = visit(zensical, url)
    assert axe_violations(page) == []


def test_explore_filters_work_in_the_zensical_build(zensical, visit):
    from .test_search import _paths, _records, _results, _tick

    conflict = [r for r in _records(zensical) if "conflict" in r.get("crisis_types", [])]
    page, _ = visit(zensical, "explore/")
    _tick(page, "crisis", "Conflict")
    public = urlsplit(MULTILINGUAL_SITE_URL).path.rstrip("/")  # the data's addresses are the public ones
    shown = _results(page, len(conflict))
    assert shown == {path.removeprefix(public) for path in _paths(conflict)}
    assert page.errors == []
