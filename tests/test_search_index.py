"""What Pagefind indexes in the real site: record pages with their facets, their own words only."""

from __future__ import annotations

import gzip
import json

import pytest
from conftest import ROOT, iter_pages, links, page

pytestmark = pytest.mark.slow


def test_pagefind_indexes_record_pages_with_their_facets_and_not_the_lists(real_site):
    assert (real_site / "pagefind" / "pagefind.js").exists()
    practice = page(real_site, next(iter_pages(real_site, "practices")))
    assert "data-pagefind-body" in practice
    assert '<span data-pagefind-filter="kind">Practice</span>' in practice
    assert '<span data-pagefind-filter="year">' in practice
    consultation = page(real_site, next(iter_pages(real_site, "consultations")))
    assert '<span data-pagefind-filter="kind">Consultation</span>' in consultation
    for listing in ["", "regions/", "regions/asia-pacific/", "practices/", "explore/"]:
        assert "data-pagefind-body" not in page(real_site, listing), listing
    # No full index for Material's search either.
    assert not (real_site / "search" / "search_index.json").exists()


def _fragments(site, bundle: str = "pagefind") -> dict[str, dict]:
    """Pagefind's stored entry of every page a bundle indexed, by URL."""
    entries = {}
    for path in (site / bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        entry = json.loads(data)
        entries[entry["url"]] = entry
    return entries


def test_a_practice_is_found_by_its_own_words_not_its_citation_or_neighbours(real_site):
    url = next(iter_pages(real_site, "practices"))
    entry = _fragments(real_site)[f"/{url}"]
    html = page(real_site, url)
    related = html.split('id="related-practices"')[1]
    neighbour_titles = [text for href, text in links(related) if href.startswith("../") and text]
    assert neighbour_titles, "the practice should have related practices"
    assert "How to cite" not in entry["content"] and "Last reviewed" not in entry["content"]
    assert not [title for title in neighbour_titles if title in entry["content"]]
    assert "Sources" in html and entry["content"]  # its own text is indexed


def test_a_large_catalogue_is_indexed_in_bundles_that_hold_each_page_once(real_site, tmp_path):
    """Indexed in bundles (here of 3 practices, as a catalogue of more than
    search.PRACTICES_PER_BUNDLE is), the site's pages are those of one index, each in one
    bundle only, with the same entry; each later bundle holds its own practices' pages."""
    import shutil

    from micic import check, search
    from micic.paths import page_url

    site = tmp_path / "site"
    shutil.copytree(real_site, site, ignore=shutil.ignore_patterns("pagefind*"))
    practices = check.check_repository(ROOT).practices
    planned = search.bundles(practices, 3)
    assert len(planned) == -(-len(practices) // 3) >= 3
    index = search.index_site(site, practices, 3)
    assert index.bundles == tuple(name for name, _ in planned)
    whole = _fragments(real_site)
    parts = {name: _fragments(site, name) for name, _ in planned}
    assert index.pages == len(whole) == sum(len(entries) for entries in parts.values())
    assert {url: e["content"] for entries in parts.values() for url, e in entries.items()} == {
        url: e["content"] for url, e in whole.items()
    }
    for name, group in planned[1:]:
        assert set(parts[name]) == {f"/{page_url(p.src_uri)}" for p in group}
    assert not list(site.glob(".micic-search-*")) and not list(tmp_path.glob(".micic-search-*"))
