"""Accessibility: axe-core finds nothing serious or critical on each kind of page, also on
Explore once filters are chosen and on the header search with its results open."""

from __future__ import annotations

import pytest
from conftest import iter_pages

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _kinds_of_page(served) -> dict[str, str]:
    return {
        "home": "",
        "index": "regions/",
        "term": "crisis-types/conflict/",
        "practice": next(iter_pages(served.site, "practices")),
        "consultation": next(iter_pages(served.site, "consultations")),
        "recommendations": "recommendations/",
        "recommendation": next(iter_pages(served.site, "recommendations")),
        "explore": "explore/",
        "data": "data/",
    }


@pytest.mark.parametrize(
    "kind",
    ["home", "index", "term", "practice", "consultation", "recommendations", "recommendation", "explore", "data"],
)
def test_axe_finds_nothing_serious(real, visit, kind):
    page, _ = visit(real, _kinds_of_page(real)[kind])
    assert axe_violations(page) == []


def test_axe_finds_nothing_serious_on_explore_with_filters_chosen(real, visit):
    page, _ = visit(real, "explore/")
    page.check('fieldset[data-facet="crisis"] input[value="Conflict"]')
    page.wait_for_selector("#explore-results li")
    assert axe_violations(page) == []


def test_axe_finds_nothing_serious_in_open_search_results(real, visit):
    page, _ = visit(real, "")
    page.fill("#site-search-input", "evacuation")
    page.wait_for_selector("#site-search-results li")
    assert axe_violations(page) == []
