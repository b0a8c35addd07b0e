"""Readers in every language, in a real browser: the page says its language and direction, the
switcher lands on the same page, search finds French words, Arabic pages pass axe, and a
first view stays within the budget, from the site alone."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import ROOT

from micic import languages

from .conftest import _serve, axe_violations
from .test_budgets import BUDGET

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CODES = [lang.code for lang in languages.languages()]


@pytest.fixture(scope="session")
def multilingual(multilingual_site: Path):
    return _serve(multilingual_site)


def _a_practice_translated_in_full(code: str) -> tuple[str, dict]:
    for path in sorted((ROOT / "practices").glob(f"*.{code}.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---", 2)
        if body.strip():
            return path.name.split(".")[0], yaml.safe_load(front)
    raise AssertionError(f"no practice is translated in full into {code}")


@pytest.mark.parametrize("code", CODES)
def test_first_view_in_each_language_is_within_budget_from_the_site_alone(multilingual, visit, code):
    lang = languages.language(code)
    slug, _ = _a_practice_translated_in_full("fr")
    for url in (lang.prefix, f"{lang.prefix}practices/{slug}/"):
        page, traffic = visit(multilingual, url)
        assert page.errors == []
        assert traffic.foreign == [], "requests to other hosts"
        assert traffic.transferred <= BUDGET, f"{traffic.transferred / 1024:.1f} KB gzip for /{url}"
        assert not [p for p in traffic.paths() if p.endswith("sitemap.xml")], "the sitemap was fetched"
        assert page.evaluate("document.documentElement.lang") == code
        assert page.evaluate("getComputedStyle(document.body).direction") == lang.dir


@pytest.mark.parametrize("code", CODES)
def test_the_switcher_lands_on_the_same_page_in_each_language(multilingual, visit, code):
    slug, _ = _a_practice_translated_in_full("fr")
    lang = languages.language(code)
    page, _ = visit(multilingual, f"{lang.prefix}practices/{slug}/")
    for other in languages.languages():
        link = page.locator(f'a.md-select__link[hreflang="{other.code}"]')
        href = link.get_attribute("href")
        target = page.evaluate("(href) => new URL(href, location.href).pathname", href)
        assert target == f"/{other.prefix}practices/{slug}/"
    # and a click really goes there
    page.hover(".md-select")
    page.click('a.md-select__link[hreflang="es"]' if code != "es" else 'a.md-select__link[hreflang="fr"]')
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path.endswith(f"practices/{slug}/")
    assert page.evaluate("document.documentElement.lang") in ("es", "fr")


def test_search_in_french_finds_a_practice_by_a_word_of_its_french_summary(multilingual, visit):
    slug, front = _a_practice_translated_in_full("fr")
    english = yaml.safe_load((ROOT / "practices" / f"{slug}.md").read_text(encoding="utf-8").split("---", 2)[1])
    english_words = set(english["summary"].lower().split()) | set(english["title"].lower().split())
    word = max(
        (w.strip(".,;:()«»'’") for w in front["summary"].lower().split()),
        key=lambda w: (w not in english_words and w.isalpha(), len(w)),
    )
    assert word not in english_words, "the word should be French, not shared with the English text"
    page, traffic = visit(multilingual, "fr/")
    page.fill("#site-search-input", word)
    page.wait_for_selector("#site-search-results li a", timeout=10_000)
    page.wait_for_load_state("networkidle")
    found = page.eval_on_selector_all("#site-search-results li a", "links => links.map(a => a.href)")
    assert any(urlsplit(u).path.rstrip("/").endswith(f"fr/practices/{slug}") for u in found), (word, found)
    assert traffic.paths("/fr/pagefind/") and not traffic.paths("/pagefind/")
    status = page.text_content("#site-search-results .md-search-result__meta")
    assert status and "matching" not in status, "the search status is in French"


@pytest.mark.parametrize("where", ["", "regions/", "practices/", "explore/", "about/"])
def test_axe_finds_nothing_serious_in_arabic(multilingual, visit, where):
    slug, _ = _a_practice_translated_in_full("ar")
    url = f"ar/{where}" if where != "practices/" else f"ar/practices/{slug}/"
    page, _ = visit(multilingual, url)
    assert axe_violations(page) == []


def test_arabic_charts_grow_from_the_right(multilingual, visit):
    page, _ = visit(multilingual, "ar/regions/")
    box = page.evaluate(
        """() => { const svg = document.querySelector('#chart-regions svg').getBoundingClientRect();
                   const bar = document.querySelector('#chart-regions .chart__bar').getBoundingClientRect();
                   return {svgRight: svg.right, barRight: bar.right, svgLeft: svg.left, barLeft: bar.left}; }"""
    )
    assert abs(box["svgRight"] - box["barRight"]) < 2
    assert box["barLeft"] > box["svgLeft"]
