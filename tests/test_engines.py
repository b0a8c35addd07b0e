"""Material's successor: the same site built by Zensical (scripts/build.py --engine zensical).

Both builds produce the same pages and data files in every language; each page's main content
(its headings, links and text, compared after parsing) is the same; and hostile practices are
neutralised in the Zensical build as in MkDocs'. Browser tests of the Zensical build are in
tests/browser/test_engines.py.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

pytestmark = pytest.mark.slow
SKIPPED = {"pagefind", "assets"}  # the search bundle and each theme's own assets differ by design


def _published(site: Path) -> set[str]:
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and not SKIPPED & set(p.relative_to(site).parts) and not p.name.endswith(".gz")
    }


class _Content(HTMLParser):
    """A page's main content as a reader gets it: headings (level, id, text), where each link
    leads (resolved against the page's address) and the text, permalink signs left out."""

    def __init__(self, address: str) -> None:
        super().__init__(convert_charrefs=True)
        self.address = address
        self.inside = 0
        self.headings: list[tuple[str, str, str]] = []
        self.links: list[str] = []
        self.text: list[str] = []
        self._heading: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.inside += 1
        if not self.inside:
            return
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = []
            self.headings.append((tag, a.get("id") or "", self._heading))
        if tag == "a" and "headerlink" in (a.get("class") or ""):
            self._skip += 1
        elif tag == "a" and a.get("href"):
            self.links.append(urlsplit(urljoin(self.address, a["href"]))._replace(fragment="").geturl())

    def handle_endtag(self, tag):
        if tag == "article":
            self.inside -= 1
        elif tag == "a" and self._skip:
            self._skip -= 1
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = None

    def handle_data(self, data):
        if self.inside and not self._skip:
            self.text.append(data)
            if self._heading is not None:
                self._heading.append(data)

    def summary(self) -> tuple:
        headings = [(tag, anchor, " ".join("".join(text).split())) for tag, anchor, text in self.headings]
        # Words as a reader sees them: engines highlight code in different pieces, so the text
        # is joined first, then its spacing made uniform.
        return headings, sorted(self.links), " ".join("".join(self.text).split())


def _content(site: Path, page: str) -> tuple:
    parser = _Content(f"https://example.org/{page.removesuffix('index.html')}")
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser.summary()


def test_both_engines_publish_the_same_pages_and_data_files(multilingual_site: Path, zensical_site: Path):
    mkdocs_files = _published(multilingual_site)
    assert _published(zensical_site) == mkdocs_files
    assert {"data/practices.json", "fr/feed.xml", "ar/practices/index.html"} <= mkdocs_files


def test_each_page_has_the_same_main_content_under_both_engines(multilingual_site: Path, zensical_site: Path):
    pages = sorted(p for p in _published(multilingual_site) if p.endswith("index.html"))
    differing = [p for p in pages if _content(multilingual_site, p) != _content(zensical_site, p)]
    assert differing == [], f"{len(differing)} of {len(pages)} pages differ, first: {differing[:5]}"


class _Toc(HTMLParser):
    """The table of contents of a page: (href, text) of each entry, in order, from its first
    copy (Material prints a second in the navigation drawer for a page listed there, for
    narrow screens; Zensical only when its own Markdown found the headings)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.done = False
        self.link = False
        self.entries: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "nav" and (self.depth or ("md-nav--secondary" in (a.get("class") or "") and not self.done)):
            self.depth += 1
        elif self.depth and tag == "a":
            self.link = True
            self.entries.append([a.get("href") or "", ""])

    def handle_endtag(self, tag):
        if tag == "nav" and self.depth:
            self.depth -= 1
            self.done = not self.depth
        elif tag == "a":
            self.link = False

    def handle_data(self, data):
        if self.depth and self.link:  # the entries only: each theme titles the list its own way
            self.entries[-1][1] += data


def _toc(site: Path, page: str) -> list[tuple[str, str]]:
    parser = _Toc()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return [(href, " ".join(text.split())) for href, text in parser.entries]


def test_each_page_has_the_same_table_of_contents_under_both_engines(multilingual_site: Path, zensical_site: Path):
    pages = sorted(p for p in _published(multilingual_site) if p.endswith("index.html"))
    with_toc = [p for p in pages if _toc(multilingual_site, p)]
    assert len(with_toc) > len(pages) / 2
    differing = [p for p in pages if _toc(multilingual_site, p) != _toc(zensical_site, p)]
    assert differing == [], f"{len(differing)} of {len(pages)} pages differ, first: {differing[:5]}"


def test_each_page_links_to_itself_in_every_language_and_its_feed_under_both_engines(
    multilingual_site: Path, zensical_site: Path
):
    """The theme's additions, rendered by MiniJinja as by Jinja: the switcher, the hreflang
    links, the feed link (the search box is tested in the browser)."""
    from html import unescape

    from test_languages import _head

    pages = sorted(p for p in _published(multilingual_site) if p.endswith("index.html"))
    for page in pages[::5]:
        mkdocs, zensical = _head(multilingual_site / page), _head(zensical_site / page)
        assert {k: unescape(v) for k, v in zensical.hreflang.items()} == mkdocs.hreflang, page
        assert {k: unescape(v) for k, v in zensical.switcher.items()} == mkdocs.switcher, page
        assert 'rel="alternate feed" type="application/atom+xml"' in (zensical_site / page).read_text(encoding="utf-8")
