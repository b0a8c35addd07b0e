"""The site in every language: what a reader of French, Spanish or Arabic gets from `make build`.

Every page of the English site exists at the same path under /fr/, /es/ and /ar/, speaks the
language (lang, dir, interface words from the message catalogues, term names from the
vocabulary's translations and pycountry), links to itself in every language (switcher,
hreflang, sitemap), and has its own search index and feed. The catalogues and the vocabulary
are complete in every language.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import MULTILINGUAL_SITE_URL, ROOT

from micic import languages, vocabulary

V = vocabulary.load()
OTHERS = [lang for lang in languages.languages() if not lang.default]
CODES = [lang.code for lang in languages.languages()]


def _html_pages(site: Path) -> set[str]:
    """The pages of one language's site, as paths of index.html files below its root."""
    skip = {code for code in CODES}
    pages = set()
    for path in site.rglob("index.html"):
        relative = path.relative_to(site)
        if relative.parts[0] in skip | {"pagefind", "assets"}:
            continue
        pages.add(relative.as_posix())
    return pages


class _Head(HTMLParser):
    """The attributes a test needs: <html lang>, <body dir>, hreflang links, switcher links."""

    def __init__(self) -> None:
        super().__init__()
        self.html: dict = {}
        self.body: dict = {}
        self.hreflang: dict[str, str] = {}
        self.switcher: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html = a
        elif tag == "body":
            self.body = a
        elif tag == "link" and "alternate" in (a.get("rel") or "").split() and a.get("hreflang"):
            self.hreflang[a["hreflang"]] = a["href"]
        elif tag == "a" and "md-select__link" in (a.get("class") or ""):
            self.switcher[a["hreflang"]] = a["href"]


def _head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _language_root(site: Path, code: str) -> Path:
    return site / languages.language(code).prefix


def _resolve(page_file: Path, href: str, site: Path) -> Path:
    """The file a link on a page leads to (absolute addresses under the site's address too)."""
    if href.startswith(MULTILINGUAL_SITE_URL):
        target = site / href.removeprefix(MULTILINGUAL_SITE_URL)
    else:
        target = (page_file.parent / urlsplit(href).path).resolve()
    return target / "index.html" if target.is_dir() or not target.suffix else target


# --- the catalogues and the vocabulary ------------------------------------------------------


def test_every_message_catalogue_is_complete_and_current():
    assert languages.catalogue_problems(ROOT) == []


@pytest.mark.parametrize("code", [lang.code for lang in OTHERS])
def test_every_term_of_the_vocabulary_has_a_name_in_every_language(code):
    translated = languages.vocabulary_translation(code)
    source = yaml.safe_load((ROOT / "hooks" / "micic" / "vocabulary.yml").read_text(encoding="utf-8"))
    missing, unknown = [], []
    for key, entries in source.items():
        if key == "site_languages":
            continue
        for term_id, entry in entries.items():
            found = translated.get((key, term_id))
            if not found or not found["name"]:
                missing.append(f"{key}.{term_id}")
            elif isinstance(entry, dict) and entry.get("description") and not found["description"]:
                missing.append(f"{key}.{term_id}.description")
    for key, term_id in translated:
        if term_id not in (source.get(key) or {}):
            unknown.append(f"{key}.{term_id}")
    assert missing == [] and unknown == []


def test_country_and_language_names_come_from_pycountry_translations():
    french, arabic = languages.language("fr"), languages.language("ar")
    assert french.name_of(V.countries["LB"]) == "Liban"
    assert arabic.name_of(V.countries["LB"]) == "لبنان"
    assert french.name_of(V.languages["es"]) == "Espagnol"
    # a name pycountry does not translate falls back to the English one, never to nothing
    assert all(arabic.name_of(country) for country in V.countries)


def test_dates_are_written_in_each_language():
    import datetime as dt

    start, end = dt.date(2015, 3, 21), dt.date(2015, 3, 22)
    assert languages.language("en").date_range(start, end) == "21–22 March 2015"
    assert languages.language("fr").date_range(start, end) == "21–22 mars 2015"
    assert languages.language("es").date_range(start, end) == "21–22 de marzo de 2015"
    assert "مارس" in languages.language("ar").date_range(start, end)


# --- the built site ---------------------------------------------------------------------------


def test_every_page_exists_in_every_language(multilingual_site: Path):
    english = _html_pages(multilingual_site)
    assert len(english) > 200
    for lang in OTHERS:
        assert _html_pages(multilingual_site / lang.code) == english, lang.code


def test_no_language_publishes_a_translation_file_under_its_own_name(multilingual_site: Path):
    published = [p for p in multilingual_site.rglob("*") if re.search(r"\.(fr|es|ar)(/|$)", p.as_posix())]
    assert published == []


@pytest.mark.parametrize("code", CODES)
def test_pages_declare_their_language_and_direction(multilingual_site: Path, code: str):
    lang = languages.language(code)
    root = _language_root(multilingual_site, code)
    for page in ("index.html", "regions/index.html", "practices/index.html", "about/index.html"):
        head = _head(root / page)
        assert head.html.get("lang") == code, page
        assert head.body.get("dir") == lang.dir, page


@pytest.mark.parametrize("code", CODES)
def test_every_page_links_to_itself_in_every_language(multilingual_site: Path, code: str):
    root = _language_root(multilingual_site, code)
    checked = 0
    for page in sorted(_html_pages(root))[::7]:  # a seventh of the pages, of every kind
        path = root / page
        head = _head(path)
        if "http-equiv" in path.read_text(encoding="utf-8")[:3000]:
            continue  # a redirect page points elsewhere only
        assert set(head.hreflang) == {*CODES, "x-default"}, page
        assert set(head.switcher) == set(CODES), page
        for other in CODES:
            same = _language_root(multilingual_site, other) / page
            assert _resolve(path, head.hreflang[other], multilingual_site) == same.resolve(), (page, other)
            assert _resolve(path, head.switcher[other], multilingual_site) == same.resolve(), (page, other)
        assert _resolve(path, head.hreflang["x-default"], multilingual_site) == (multilingual_site / page).resolve()
        checked += 1
    assert checked > 20


def test_the_sitemap_lists_every_page_in_every_language(multilingual_site: Path):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(multilingual_site / "sitemap.xml")
    locations = {loc.text for loc in tree.getroot().iterfind("s:url/s:loc", ns)}
    for lang in languages.languages():
        assert f"{MULTILINGUAL_SITE_URL}{lang.prefix}practices/" in locations
        assert f"{MULTILINGUAL_SITE_URL}{lang.prefix}regions/middle-east-north-africa/" in locations
    one = next(url for url in tree.getroot().iterfind("s:url", ns))
    assert {link.get("hreflang") for link in one.iterfind("x:link", ns)} == set(CODES)


def _text(path: Path) -> str:
    """A page's HTML with its character references resolved, to compare with plain text."""
    return html.unescape(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", [lang.code for lang in OTHERS])
def test_interface_words_and_term_names_are_in_the_language(multilingual_site: Path, code: str):
    lang = languages.language(code)
    root = multilingual_site / code
    region = V.regions["middle-east-north-africa"]
    page = _text(root / "regions" / region.slug / "index.html")
    assert lang.name_of(region) != region.name
    assert f">{lang.name_of(region)}<" in page
    assert lang.gettext("Civil society consultation") in page
    practice = next(p for p in (ROOT / "practices").glob("*.md") if p.name.count(".") == 1)
    practice_page = _text(root / "practices" / practice.stem / "index.html")
    for words in ("Where", "Crisis types", "How to cite"):
        assert lang.gettext(words) != words or code == "fr"
        assert lang.gettext(words) in practice_page
    nav = _text(root / "index.html")
    assert lang.gettext("All practices") in nav


@pytest.mark.parametrize("code", [lang.code for lang in OTHERS])
def test_a_translated_record_shows_its_translation_and_says_how_it_was_made(multilingual_site: Path, code: str):
    lang = languages.language(code)
    full = next(
        p
        for p in sorted((ROOT / "practices").glob(f"*.{code}.md"))
        if p.read_text(encoding="utf-8").split("---", 2)[2].strip()
    )
    title_only = next(
        p
        for p in sorted((ROOT / "practices").glob(f"*.{code}.md"))
        if not p.read_text(encoding="utf-8").split("---", 2)[2].strip()
    )
    for path, body_translated in ((full, True), (title_only, False)):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])
        slug = path.name.split(".")[0]
        page = _text(multilingual_site / code / "practices" / slug / "index.html")
        assert (
            lang.gettext("Translation (%(method)s), %(date)s. Original language: %(original)s.").split("(")[0] in page
        )
        assert front["title"] in page, slug
        # the untranslated body keeps its own language, for screen readers and hyphenation
        assert ('<div lang="en" dir="ltr">' in page) is not body_translated, slug


@pytest.mark.parametrize("code", [lang.code for lang in OTHERS])
def test_hand_written_pages_are_translated_or_say_they_are_not(multilingual_site: Path, code: str):
    lang = languages.language(code)
    about = yaml.safe_load((ROOT / "docs" / f"about.{code}.md").read_text(encoding="utf-8").split("---", 2)[1])
    page = _text(multilingual_site / code / "about" / "index.html")
    assert about["title"] in page
    performance = _text(multilingual_site / code / "performance" / "index.html")
    note = lang.gettext("This page is not translated yet: it is shown in its original language (%(original)s).")
    assert note.split("(")[0] in performance
    assert re.search(r'<div (?=[^>]*\blang="en")(?=[^>]*\bdir="ltr")[^>]*>\s*<h1', performance)


@pytest.mark.parametrize("code", CODES)
def test_each_language_has_its_own_search_index_and_feed(multilingual_site: Path, code: str):
    root = _language_root(multilingual_site, code)
    entry = json.loads((root / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == [code]
    feed = ET.parse(root / "feed.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == code
    titles = [e.findtext("{http://www.w3.org/2005/Atom}title") for e in feed.iter("{http://www.w3.org/2005/Atom}entry")]
    assert titles


def test_the_open_data_is_the_same_in_every_language(multilingual_site: Path):
    english = (multilingual_site / "data" / "practices.json").read_bytes()
    for lang in OTHERS:
        assert (multilingual_site / lang.code / "data" / "practices.json").read_bytes() == english


def _build_all(root: Path, site: Path):
    import os
    import subprocess
    import sys

    command = [sys.executable, str(ROOT / "scripts" / "build.py"), "--config-file", str(root / "mkdocs.yml")]
    return subprocess.run(
        [*command, "--site-dir", str(site)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
    )


def test_a_failed_build_of_every_language_keeps_the_last_good_site(repo: Path, tmp_path: Path):
    from conftest import VALID_PRACTICE, write

    site = tmp_path / "site"
    write(repo, "practices/test-practice.md", VALID_PRACTICE)
    assert _build_all(repo, site).returncode == 0
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    assert "fr/practices/test-practice/index.html" in before
    write(
        repo,
        "practices/broken.md",
        VALID_PRACTICE.replace("countries: [PH, LB]", "countries: [Atlantis]").replace(
            "Test practice", "Other practice"
        ),
    )
    failed = _build_all(repo, site)
    assert failed.returncode == 1
    assert "practices/broken.md" in failed.stdout + failed.stderr
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before


def test_every_word_the_theme_templates_use_is_given_to_them():
    """overrides/ is rendered by both engines, so it takes its words from config.extra.words
    (languages.THEME_WORDS, translated per build); a word missing there would print nothing."""
    used = set()
    for template in (ROOT / "overrides").rglob("*.html"):
        used |= set(re.findall(r'config\.extra\.words\["([^"]+)"\]', template.read_text(encoding="utf-8")))
    assert used and used <= set(languages.THEME_WORDS)
    assert "_(" not in "".join(t.read_text(encoding="utf-8") for t in (ROOT / "overrides").rglob("*.html"))


def test_arabic_lists_are_separated_by_the_arabic_comma(multilingual_site: Path):
    practice = next(
        p
        for p in sorted((ROOT / "practices").glob("*.md"))
        if p.name.count(".") == 1
        and len(yaml.safe_load(p.read_text(encoding="utf-8").split("---", 2)[1])["phases"]) > 1
    )
    page = _text(multilingual_site / "ar" / "practices" / practice.stem / "index.html")
    phases = re.search(r"<dd>(<a href=\"[^\"]*phases/[^<]*</a>(?:[^<]*<a [^<]*</a>)+)</dd>", page)
    assert phases and "، <a" in phases.group(1) and ", <a" not in phases.group(1)
