"""Search and Explore: the header box finds pages by fetching index fragments only, and the
Explore page's filters combine (any value within a group, every group), with the keyboard."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from conftest import iter_pages

from micic import vocabulary

from .conftest import tab_to

pytestmark = [pytest.mark.browser, pytest.mark.slow]
V = vocabulary.load()
SHOWN = 10  # results the header box shows


def _search_header(page, query: str) -> list[str]:
    page.fill("#site-search-input", query)
    page.wait_for_selector("#site-search-results li a", timeout=10_000)
    page.wait_for_load_state("networkidle")
    return page.eval_on_selector_all("#site-search-results li a", "links => links.map(a => a.href)")


@pytest.mark.parametrize("catalogue", ["real", "large"])
def test_header_search_finds_pages_fetching_only_fragments(request, visit, catalogue):
    served = request.getfixturevalue(catalogue)
    page, traffic = visit(served, next(iter_pages(served.site, "practices")))
    assert traffic.paths("/pagefind/") == []
    found = _search_header(page, "evacuation")
    assert 0 < len(found) <= SHOWN
    for url in found:
        path = urlsplit(url).path
        assert (served.site / path.lstrip("/") / "index.html").exists(), f"search result {path} is not a page"
    fragments = [p for p in traffic.paths("/pagefind") if "/fragment/" in p]
    on_disk = len(list(served.site.glob("pagefind*/fragment/*")))
    assert 0 < len(fragments) <= SHOWN < on_disk, "only the fragments of the results shown are fetched"
    assert traffic.foreign == []
    assert page.errors == []


def test_header_search_finds_a_practice_in_whichever_bundle_it_is(large, visit):
    """The large site's search is split into bundles (search.bundles): the search box merges
    them, so a practice is found whichever bundle indexed it, and nothing fails to load."""
    from micic import check, search

    from .conftest import PRACTICES_PER_SEARCH_BUNDLE

    practices = check.check_repository(large.site.parent).practices
    planned = search.bundles(practices, PRACTICES_PER_SEARCH_BUNDLE)
    assert [name for name, _ in planned] == ["pagefind", "pagefind-2", "pagefind-3"]
    assert all((large.site / name / "pagefind-entry.json").is_file() for name, _ in planned)
    for practice in (practices[0], planned[1][1][0], planned[2][1][-1]):
        page, traffic = visit(large, "about/")
        number = practice.slug.rsplit("-", 1)[1]  # in its title alone: "Synthetic practice 0999 on …"
        found = _search_header(page, number)
        assert urlsplit(found[0]).path.endswith(f"/practices/{practice.slug}/"), (number, found[:3])
        entries = {p.split("/")[1] for p in traffic.paths("/pagefind") if p.endswith("pagefind-entry.json")}
        assert entries == {name for name, _ in planned}
        assert page.errors == []


def test_header_search_box_is_on_every_kind_of_page(real, visit):
    for url in ["", "regions/", "consultations/", next(iter_pages(real.site, "practices")), "data/"]:
        page, _ = visit(real, url)
        assert page.is_visible("#site-search-input"), url


def test_enter_in_the_header_box_opens_explore_with_the_query(real, visit):
    page, _ = visit(real, "about/")
    page.fill("#site-search-input", "evacuation")
    page.press("#site-search-input", "Enter")
    page.wait_for_url("**/explore/?q=evacuation")
    page.wait_for_selector("#explore-results li", timeout=10_000)
    assert page.input_value("#explore-q") == "evacuation"


# --- Explore ----------------------------------------------------------------------------------


def _data(served, name: str) -> list[dict]:
    return json.loads((served.site / "data" / name).read_text(encoding="utf-8"))


def _records(served) -> list[dict]:
    """Every page Explore can find: practices, consultations and recommendations (each with
    its consultation's region)."""
    consultations = _data(served, "consultations.json")
    region = {c["slug"]: c.get("region") for c in consultations}
    recommendations = [{**r, "region": region[r["consultation"]]} for r in _data(served, "recommendations.json")]
    return _data(served, "practices.json") + consultations + recommendations


def _tick(page, facet: str, value: str) -> None:
    page.check(f'fieldset[data-facet="{facet}"] input[value="{value}"]')


def _results(page, expected: int) -> set[str]:
    """The paths of all results, once the status says how many there are."""
    status = f"Matching pages: {expected}." if expected else "No page matches"
    page.wait_for_function("(s) => document.getElementById('explore-status').textContent.startsWith(s)", arg=status)
    while page.is_visible("#explore-more"):
        before = page.locator("#explore-results li").count()
        page.click("#explore-more")
        page.wait_for_function(f"document.querySelectorAll('#explore-results li').length > {before}")
    return {urlsplit(h).path for h in page.eval_on_selector_all("#explore-results li a", "a => a.map(x => x.href)")}


def _paths(records) -> set[str]:
    return {urlsplit(r["url"]).path for r in records}


@pytest.mark.parametrize("catalogue", ["real", "large"])
def test_explore_filters_combine_any_within_a_group_and_all_across(request, visit, catalogue):
    served = request.getfixturevalue(catalogue)
    records = _records(served)
    page, _ = visit(served, "explore/")

    asia, europe = V.regions["asia-pacific"], V.regions["europe-central-asia"]
    disaster = V.crisis_types["natural-disaster"]
    _tick(page, "region", asia.name)
    in_asia = [r for r in records if asia.id in r.get("regions", [r.get("region")])]
    assert _results(page, len(in_asia)) == _paths(in_asia)

    _tick(page, "region", europe.name)  # widens
    in_either = [r for r in records if {asia.id, europe.id} & set(r.get("regions", [r.get("region")]))]
    assert _results(page, len(in_either)) == _paths(in_either)

    _tick(page, "crisis", disaster.name)  # narrows
    both = [r for r in in_either if disaster.id in r.get("crisis_types", [])]
    assert 0 < len(both) < len(in_either)
    assert _results(page, len(both)) == _paths(both)

    # The count beside a region is what choosing it would add, given the crisis type.
    label = page.locator(f'fieldset[data-facet="region"] label:has(input[value="{asia.name}"]) [data-count]')
    in_asia_disaster = [r for r in both if asia.id in r.get("regions", [r.get("region")])]
    assert label.text_content() == f"({len(in_asia_disaster)})"

    # The choice is kept in the address: reloading it shows the same results.
    page.reload()
    page.wait_for_load_state("networkidle")
    assert _results(page, len(both)) == _paths(both)
    assert page.errors == []


def test_explore_filters_work_with_the_keyboard_alone(real, visit):
    page, _ = visit(real, "explore/")
    tab_to(page, 'fieldset[data-facet="kind"] input[value="Consultation"]')
    page.keyboard.press("Space")
    consultations = json.loads((real.site / "data" / "consultations.json").read_text(encoding="utf-8"))
    assert _results(page, len(consultations)) == _paths(consultations)
    # On through the groups to a region, and choose it too.
    tab_to(page, 'fieldset[data-facet="region"] input')
    region = page.evaluate("document.activeElement.value")
    page.keyboard.press("Space")
    chosen = [c for c in consultations if (V.regions[c["region"]].name if c.get("region") else "Global") == region]
    assert _results(page, len(chosen)) == _paths(chosen)
    # A result is a link the keyboard reaches and follows.
    tab_to(page, "#explore-results a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path in _paths(chosen)


def test_explore_finds_what_civil_society_recommended(real, visit):
    """Content type Recommendation gives every recommendation's page, and a phase narrows them
    to those tagged with it, as /data/recommendations.json has them."""
    recommendations = _data(real, "recommendations.json")
    assert recommendations, "the real catalogue has recommendations"
    page, _ = visit(real, "explore/")
    _tick(page, "kind", "Recommendation")
    assert _results(page, len(recommendations)) == _paths(recommendations)
    phase = V.phases["emergency-response"]
    _tick(page, "phase", phase.name)
    tagged = [r for r in recommendations if phase.id in r["phases"]]
    assert 0 < len(tagged) < len(recommendations)
    assert _results(page, len(tagged)) == _paths(tagged)
    assert page.errors == []
