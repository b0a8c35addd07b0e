"""Integration: the real site builds with --strict, and its generated pages say what they should."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import frontmatter
import pytest
from conftest import ROOT, VALID_PRACTICE, links, mkdocs_build, page, record_files, write

from micic import vocabulary

V = vocabulary.load()
pytestmark = pytest.mark.slow


def _records(folder: str) -> dict[str, dict]:
    return {p.stem: frontmatter.load(p).metadata for p in record_files(folder)}


PRACTICES = _records("practices")
CONSULTATIONS = _records("consultations")


def _practice_links(html: str, page_url: str) -> set[str]:
    """Slugs of the practice pages that an HTML fragment of the page at page_url links to."""
    paths = (urlsplit(urljoin(f"http://site/{page_url}", href)).path for href, _ in links(html) if href[:1] != "#")
    return {path.split("/")[2] for path in paths if re.fullmatch(r"/practices/[a-z0-9-]+/", path)}


def test_every_index_page_of_the_design_is_built(real_site: Path):
    expected = ["", "practices/", "consultations/", "regions/", "crisis-types/", "action-plan/", "phases/",
                "guidelines/", "stakeholders/", "countries/", "about/", "contribute/"]  # fmt: skip
    expected += [f"regions/{t.slug}/" for t in V.regions]
    expected += [f"crisis-types/{t.slug}/" for t in V.crisis_types]
    expected += [f"action-plan/{n}/" for n in range(1, 9)]
    expected += [f"phases/{t.slug}/" for t in V.phases]
    expected += [f"guidelines/{n}/" for n in range(1, 16)]
    expected += [f"stakeholders/{t.slug}/" for t in V.stakeholder_types]
    expected += [f"countries/{c.lower()}/" for p in PRACTICES.values() for c in p.get("countries", [])]
    expected += [f"practices/{slug}/" for slug in PRACTICES] + [f"consultations/{slug}/" for slug in CONSULTATIONS]
    missing = [url for url in expected if not (real_site / url / "index.html").is_file()]
    assert missing == []


def test_west_and_central_africa_lists_the_dakar_consultation(real_site: Path):
    html = page(real_site, "regions/west-central-africa/")
    dakar = [slug for slug, c in CONSULTATIONS.items() if c["city"] == "Dakar"]
    assert len(dakar) == 1
    assert f"../../consultations/{dakar[0]}/" in {href for href, _ in links(html)}
    assert "Dakar, Senegal" in html


def test_point_3_lists_every_practice_tagged_3_and_no_other(real_site: Path):
    tagged = {slug for slug, p in PRACTICES.items() if 3 in (p.get("action_plan_points") or [])}
    assert tagged, "the catalogue should have practices for point 3"
    html = page(real_site, "action-plan/3/")
    listed = _practice_links(html.split('id="practices"')[1], "action-plan/3/")
    assert listed == tagged
    assert "Protection needs of migrants stranded in distress and in transit" in html
    assert "Rights of migrants" in html  # its theme


def test_guideline_page_names_its_title_and_phase(real_site: Path):
    html = page(real_site, "guidelines/13/")
    assert "Relocate and evacuate migrants when needed" in html
    assert "Emergency response" in html


def test_each_region_page_lists_exactly_the_practices_of_its_countries(real_site: Path):
    for region in V.regions:
        expected = {
            slug for slug, p in PRACTICES.items()
            if p["scope"] != "global" and any(V.region_of(c) == region for c in p.get("countries", []))
        }  # fmt: skip
        url = f"regions/{region.slug}/"
        listed = _practice_links(page(real_site, url).split('id="practices"')[1], url)
        assert listed == expected, region.id


def test_overview_pages_count_practices_per_term(real_site: Path):
    html = page(real_site, "crisis-types/")
    for term in V.crisis_types:
        count = sum(term.id in p["crisis_types"] for p in PRACTICES.values())
        assert f'href="{term.slug}/">{term.name}</a></td>\n<td class="number">{count}</td>' in html


def test_practice_page_has_facts_sources_citation_and_related(real_site: Path):
    slug, meta = next((s, p) for s, p in PRACTICES.items() if p.get("guidelines") and p["scope"] != "global")
    html = page(real_site, f"practices/{slug}/")
    hrefs = {href for href, _ in links(html)}
    for country in meta["countries"]:
        assert f"../../countries/{country.lower()}/" in hrefs
    for guideline in meta["guidelines"]:
        assert f"../../guidelines/{guideline}/" in hrefs
    for crisis in meta["crisis_types"]:
        assert f"../../crisis-types/{crisis}/" in hrefs
    for source in meta["sources"]:
        assert source["url"].replace("&", "&amp;") in html
    assert "How to cite" in html and f"Last reviewed {meta['last_reviewed']}" in html
    related = _practice_links(html.split('id="related-practices"')[1], f"practices/{slug}/")
    assert related and slug not in related and len(related) <= 5


def test_practices_are_kept_out_of_the_navigation(real_site: Path):
    nav = page(real_site, "").split('class="md-content"')[0]
    assert _practice_links(nav, "") == set()


_PRIMARY_NAV = re.compile(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', re.DOTALL)


def test_every_page_has_the_same_navigation_and_its_links_work(real_site: Path):
    """The navigation, followed from any page (in it or not, in any folder), leads to the same
    pages, each of which exists; an item is marked as the current page only on that page."""
    seen = None
    for index in sorted(real_site.rglob("index.html")):
        url = index.parent.relative_to(real_site).as_posix().removeprefix(".") + "/"
        url = "" if url == "/" else url
        html = index.read_text(encoding="utf-8")
        found = _PRIMARY_NAV.search(html)
        if found is None:  # a redirect page has no navigation
            assert 'http-equiv="refresh"' in html, url
            continue
        targets = [urljoin(f"http://site/{url}", href) for href, _ in links(found.group(0)) if href[:1] != "#"]
        for target in targets:
            path = urlsplit(target).path.removeprefix("/")
            assert (real_site / path / "index.html").is_file() or (real_site / path).is_file(), (url, target)
        seen = seen or targets
        assert targets == seen, url
        active = re.findall(r'<a href="([^"]*)" class="md-nav__link md-nav__link--active"', found.group(0))
        assert all(urljoin(f"http://site/{url}", href) == f"http://site/{url}" for href in active), url


def test_home_page_lists_the_consultations_in_date_order(real_site: Path):
    html = page(real_site, "")
    order = sorted(CONSULTATIONS, key=lambda slug: CONSULTATIONS[slug]["start_date"])
    positions = [html.index(f'href="consultations/{slug}/"') for slug in order]
    assert positions == sorted(positions)


def test_empty_term_says_so_and_links_to_contributing(repo: Path, tmp_path: Path):
    write(repo, "practices/test-practice.md", VALID_PRACTICE)
    result = mkdocs_build(repo, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = page(tmp_path / "site", "crisis-types/epidemic/")
    assert "No practice is catalogued here yet" in html
    assert "../../contribute/" in {href for href, _ in links(html)}


def test_every_link_the_core_writes_leads_to_a_page_of_the_site(repo: Path):
    """Generated pages are HTML, which MkDocs' strict link check no longer reads: the core's own check does."""
    from micic import catalogue as catalogue_
    from micic import links, synthetic, vocabulary
    from micic.check import check_repository
    from micic.render import Page, pages
    from micic.site import Site

    synthetic.write_catalogue(repo.parent / "big", 40)
    for root in (ROOT, repo.parent / "big"):
        result = check_repository(root)
        generated = pages(catalogue_.build(vocabulary.load(), result.practices, result.consultations), Site("Test"))
        docs = {p.relative_to(root / "docs").as_posix() for p in (root / "docs").rglob("*") if p.is_file()}
        assert links.generated_link_problems(generated, docs) == [], root
    broken = {
        "practices/x.md": Page("practices/x.md", {}, '<a href="../../regions/atlantis/">x</a><a href="#top">ok</a>')
    }
    assert links.generated_link_problems(broken, set()) == ["practices/x.md → ../../regions/atlantis/"]
