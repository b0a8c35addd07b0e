"""Languages: what a page needs to speak one of the site's languages.

The site's languages are declared once, in vocabulary.yml (`site_languages`, the first is the
default, published at the root; the others under /<code>/). For each, the interface words come
from a gettext message catalogue (locales/<code>/LC_MESSAGES/messages.po, extracted and updated
with Babel: `make messages`), the vocabulary's names from locales/<code>/vocabulary.yml,
country and language names from pycountry's own translations, dates from Babel (CLDR), and a
record's title, summary and body from its translation, when it has one.

Everything else (reading, checking, the catalogue, facets, related practices, body HTML) is
computed once and shared by every language: a Language only chooses words.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import pycountry
import yaml
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from . import vocabulary as vocab
from .records import Record, Translation
from .vocabulary import Term

LOCALES = Path(__file__).with_name("locales")
DOMAIN = "messages"
# CLDR locales for dates: English as it is written in most of the world ("7 December 2015").
_DATE_LOCALE = {"en": "en_GB"}


def N_(message: str) -> str:
    """Marks a message for extraction (`make messages`) where it is defined; it is translated
    where it is shown, by Language.gettext."""
    return message


# The words of the theme's templates (overrides/), which both engines render: MkDocs with
# Jinja, Zensical with MiniJinja, which cannot call Python, so no gettext there. Each build
# gives them, translated, as config.extra.words (`{{ config.extra.words["Search"] | e }}`).
THEME_WORDS = (
    N_("Search"),
    N_("Site"),
    N_("Search practices and consultations"),
    N_("Search results"),
    N_("Searching…"),
    N_("No matching pages."),
    N_("Matching pages: {count}."),
    N_("Matching pages: {count}; the first {shown} are below, press Enter for all."),
    N_("Search is unavailable right now; browse the lists instead."),
    N_("Type to search; press Enter to filter on the Explore page."),
    N_("(While the site is served for editing, search shows the pages as they were when serving began.)"),
    N_("New practices"),
)


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in itself: "Français"
    dir: str  # "ltr" or "rtl"
    default: bool = False

    @property
    def prefix(self) -> str:
        """Where its pages are, from the site's root: "" for the default language, "fr/"."""
        return "" if self.default else f"{self.code}/"

    # --- interface words -------------------------------------------------------------------

    @cached_property
    def messages(self) -> gettext.NullTranslations:
        return _messages(self.code) if not self.default else gettext.NullTranslations()

    def gettext(self, message: str) -> str:
        return self.messages.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.messages.ngettext(singular, plural, n)

    @property
    def theme_words(self) -> dict[str, str]:
        """The theme's words (THEME_WORDS) in this language, for config.extra.words."""
        return {word: self.gettext(word) for word in THEME_WORDS}

    # --- the vocabulary --------------------------------------------------------------------

    def name_of(self, term: Term) -> str:
        """A term's name in this language (the vocabulary's own where no translation is given)."""
        if self.default:
            return term.name
        if term.vocabulary in ("countries", "languages"):
            return _pycountry_name(self.code, term)
        return _vocabulary(self.code).get((term.vocabulary, term.id), {}).get("name") or term.name

    def description_of(self, term: Term) -> str:
        if self.default:
            return term.description
        return _vocabulary(self.code).get((term.vocabulary, term.id), {}).get("description") or term.description

    def label_of(self, term: Term) -> str:
        """How a term is shown: numbered terms (guidelines, points) as "13. Relocate…"."""
        return term.labelled(self.name_of(term))

    # --- records ---------------------------------------------------------------------------

    def translation_of(self, record: Record) -> Translation | None:
        """The record's translation into this language; None where it has none, or is written in it."""
        return next((t for t in record.translations if t.language.id == self.code), None)

    def written_in(self, record: Record) -> bool:
        return self.record_language(record) == self.code

    def title_of(self, record: Record) -> str:
        translation = self.translation_of(record)
        return translation.title if translation else record.title

    def summary_of(self, record: Record) -> str:
        translation = self.translation_of(record)
        return translation.summary if translation else record.summary

    def record_language(self, record: Record) -> str:
        """The language of the record's own text (its title and summary where untranslated)."""
        return record.language.id if record.language else default().code

    # --- dates -----------------------------------------------------------------------------

    def date(self, day: dt.date) -> str:
        return format_date(day, "long", locale=_DATE_LOCALE.get(self.code, self.code))

    def date_range(self, start: dt.date, end: dt.date) -> str:
        """ "7 December 2015", "21–22 March 2015", "30 March 2016 – 1 April 2016", in this language."""
        if start == end:
            return self.date(start)
        if (start.month, start.year) == (end.month, end.year) and self.date(end).startswith(str(end.day)):
            return f"{start.day}–{self.date(end)}"
        return f"{self.date(start)} – {self.date(end)}"


@cache
def languages() -> tuple[Language, ...]:
    """The site's languages, the default first."""
    return tuple(
        Language(str(term.id), term.name, term.group or "ltr", default=i == 0)
        for i, term in enumerate(vocab.load().site_languages)
    )


def default() -> Language:
    return languages()[0]


def language(code: str) -> Language:
    """The site language with this code; KeyError naming the languages there are."""
    for candidate in languages():
        if candidate.code == code:
            return candidate
    raise KeyError(
        f"{code!r} is not a language of the site (its languages: {', '.join(lang.code for lang in languages())})"
    )


def catalogue_path(code: str) -> Path:
    return LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _messages(code: str) -> gettext.NullTranslations:
    """The language's message catalogue, compiled in memory from its .po file (so no compiled
    file can go stale); fuzzy entries are left out, as msgfmt does."""
    path = catalogue_path(code)
    if not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=code)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@cache
def _vocabulary(code: str) -> dict[tuple[str, object], dict[str, str]]:
    """locales/<code>/vocabulary.yml as {(vocabulary, id): {"name": …, "description": …}}."""
    path = LOCALES / code / "vocabulary.yml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found: dict[tuple[str, object], dict[str, str]] = {}
    for vocabulary, entries in data.items():
        for term_id, entry in (entries or {}).items():
            if isinstance(entry, str):
                entry = {"name": entry}
            found[(vocabulary, term_id)] = {
                "name": entry.get("name") or entry.get("title") or "",
                "description": entry.get("description", ""),
            }
    return found


def vocabulary_translation(code: str) -> dict[tuple[str, object], dict[str, str]]:
    """What locales/<code>/vocabulary.yml translates (for the tests of its completeness)."""
    return _vocabulary(code)


@cache
def _pycountry_messages(domain: str, code: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[code], fallback=True)


def _pycountry_name(code: str, term: Term) -> str:
    """A country's (or a language's) name from pycountry's translations: its common name where
    that is translated ("South Korea" is not, in Arabic), else its official one."""
    if term.vocabulary == "languages":
        found = pycountry.languages.get(alpha_2=str(term.id))
        return _pycountry_messages("iso639-3", code).gettext(found.name) if found else term.name
    messages = _pycountry_messages("iso3166-1", code)
    country = pycountry.countries.get(alpha_2=str(term.id))
    if country is None:
        return term.name
    for name in (getattr(country, "common_name", None), country.name):
        if name and messages.gettext(name) != name:
            return messages.gettext(name)
    return term.name


# --- hand-written pages --------------------------------------------------------------------
#
# A hand-written page of docs/ is translated beside it, as records are: about.fr.md translates
# about.md. The build of a language shows the translation at the page's own address, or the
# original (marked as such) where there is none; no build publishes about.fr.md by that name.


def page_translation_of(src_uri: str) -> tuple[str, str] | None:
    """("about.md", "fr") for "about.fr.md"; None for a page that is not a translation."""
    stem, dot, suffix = src_uri.removesuffix(".md").rpartition(".")
    if not dot or not src_uri.endswith(".md"):
        return None
    return (f"{stem}.md", suffix) if suffix in {lang.code for lang in languages()} else None


def translated_page(src_uri: str, code: str) -> str:
    """The name of a page's translation into a language: about.md → about.fr.md."""
    return f"{src_uri.removesuffix('.md')}.{code}.md"


def alternates(current: Language, site_url: str = "") -> list[dict[str, str]]:
    """Every language of the site as the pages of `current` link to it: its code, name and
    direction, the way from current's root to its root (`root`), and its absolute root when
    the site's address is known (hreflang links and the sitemap need those)."""
    back = "../" * current.prefix.count("/")
    return [
        {
            "code": other.code,
            "name": other.name,
            "dir": other.dir,
            "root": "" if other == current else f"{back}{other.prefix}",
            "path": f"/{other.prefix}",  # from the server's root, when the site's address is unknown
            "url": f"{site_url}{other.prefix}" if site_url else "",
            "current": other == current,
        }
        for other in languages()
    ]


# --- extraction ----------------------------------------------------------------------------


def extract_mkdocs_yml(fileobj, keywords, comment_tags, options):
    """Babel extractor (babel.cfg) for mkdocs.yml: the site's name and description and the
    navigation's titles, which the build translates (mkdocs_adapter.on_config)."""
    import re

    in_nav = False
    folded: list[str] = []
    folded_line = 0
    for number, raw in enumerate(fileobj.read().decode("utf-8").splitlines(), start=1):
        line = raw.rstrip()
        if folded_line:
            if line.startswith("  ") and line.strip():
                folded.append(line.strip())
                continue
            yield folded_line, "gettext", " ".join(folded), []
            folded_line, folded = 0, []
        if re.match(r"^\S", line):
            in_nav = line.startswith("nav:")
        top = re.match(r"^(site_name|site_description):\s*(.*)$", line)
        if top and top.group(2) in (">-", ">", "|"):
            folded_line = number
        elif top:
            yield number, "gettext", top.group(2).strip(), []
        elif in_nav and (item := re.match(r"^\s*-\s+([^:#]+?):", line)):
            yield number, "gettext", item.group(1).strip(), []
    if folded_line:
        yield folded_line, "gettext", " ".join(folded), []


def catalogue_problems(root: Path) -> list[str]:
    """What is wrong with the message catalogues: a word of the templates, overrides, core or
    mkdocs.yml that a language's messages.po lacks, leaves untranslated or marks fuzzy, or a
    message no longer used. Extracts the words afresh (as `make messages` does) to compare."""
    import tempfile

    from babel.messages.frontend import CommandLineInterface

    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / "messages.pot"
        CommandLineInterface().run(
            ["pybabel", "--quiet", "extract", "-F", str(root / "babel.cfg"), "-k", "N_", "-k", "gettext",
             "-k", "ngettext:1,2", "--no-location", "--omit-header", "-o", str(fresh), str(root)]
        )  # fmt: skip
        with fresh.open("rb") as file:
            wanted = {
                message.id if isinstance(message.id, str) else message.id[0] for message in read_po(file) if message.id
            }
    problems = []
    for lang in languages():
        if lang.default:
            continue
        path = catalogue_path(lang.code)
        if not path.is_file():
            problems.append(f"{path.relative_to(root)}: missing (run `make messages`)")
            continue
        with path.open("rb") as file:
            catalog = read_po(file, locale=lang.code)
        have = {}
        for message in catalog:
            if message.id:
                have[message.id if isinstance(message.id, str) else message.id[0]] = message
        shown = path.relative_to(root)
        for missing in sorted(wanted - set(have)):
            problems.append(f"{shown}: lacks {missing!r} (run `make messages`, then translate it)")
        for unused in sorted(set(have) - wanted):
            problems.append(f"{shown}: {unused!r} is no longer used (run `make messages`)")
        for key in sorted(wanted & set(have)):
            message = have[key]
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                problems.append(f"{shown}: {key!r} is marked fuzzy: check its translation, then remove the mark")
            elif not all(strings):
                problems.append(f"{shown}: {key!r} is not translated")
    return problems


def translated_nav(nav, language: Language):
    """The navigation's titles (mkdocs.yml, extracted into the message catalogues) in the language."""
    if isinstance(nav, list):
        return [translated_nav(item, language) for item in nav]
    if isinstance(nav, dict):
        return {language.gettext(title): translated_nav(value, language) for title, value in nav.items()}
    return nav


def build_settings(language: Language, site_name: str, site_description: str, nav, root_url: str) -> dict:
    """What a build of one language changes in the site's configuration, for whichever engine:
    the site's name, description and navigation in the language, its address below the root,
    and for the theme's templates the other languages (switcher, hreflang, sitemap) and its
    words. The MkDocs hooks set these in on_config; standalone.stage_config writes them out."""
    description = " ".join(site_description.split())  # as extracted: folded YAML, one line
    return {
        "site_name": language.gettext(site_name),
        "site_description": language.gettext(description) if description else "",
        "nav": translated_nav(nav, language),
        "site_url": root_url + language.prefix if root_url else "",
        "extra": {"languages": alternates(language, root_url), "words": language.theme_words},
    }
