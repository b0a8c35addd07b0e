"""What Pagefind indexes in the real site: record pages with their facets, their own words only."""

from __future__ import annotations

import gzip
import json

import pytest
from conftest import iter_pages, links, page

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


def _fragments(site) -> dict[str, dict]:
    """Pagefind's stored entry of every indexed page, by URL."""
    entries = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
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
