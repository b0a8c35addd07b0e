"""Print: a practice or consultation on paper has no navigation or search, and writes out
the address of every source next to it."""

from __future__ import annotations

import pytest
from conftest import iter_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HIDDEN = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search"]


@pytest.mark.parametrize("folder", ["practices", "consultations"])
def test_printed_record_has_no_navigation_and_shows_source_addresses(real, visit, folder):
    page, _ = visit(real, next(iter_pages(real.site, folder)))
    page.emulate_media(media="print")
    for selector in HIDDEN:
        displays = page.eval_on_selector_all(selector, "els => els.map(e => getComputedStyle(e).display)")
        assert displays and set(displays) == {"none"}, selector
    sources = page.eval_on_selector_all(
        "h2#sources + ol a",
        "links => links.map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])",
    )
    assert sources
    for href, after in sources:
        assert href in after, f"{href} is not printed next to its source"
    # On screen, the addresses are not repeated.
    page.emulate_media(media="screen")
    assert page.eval_on_selector("h2#sources + ol a", "a => getComputedStyle(a, '::after').content") == "none"
