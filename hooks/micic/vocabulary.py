"""The controlled vocabularies, loaded once from vocabulary.yml and pycountry."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pycountry
import yaml

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.yml")


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary: a region, a crisis type, a guideline, a country, …"""

    id: str | int
    name: str
    description: str = ""
    group: str = ""  # a guideline's phase, a point's theme, a country's region
    synonyms: tuple[str, ...] = ()  # words contributors write for it: "earthquake", "NGO"
    # The vocabulary it belongs to, as named in vocabulary.yml ("guidelines"): ids repeat
    # across vocabularies (guideline 3, point 3), and translations are found by both.
    vocabulary: str = ""

    @property
    def slug(self) -> str:
        return str(self.id).lower()

    @property
    def label(self) -> str:
        """How the term is shown: numbered terms (guidelines, points) as "13. Relocate and evacuate…"."""
        return self.labelled(self.name)

    def labelled(self, name: str) -> str:
        """The term's label with its name as given (in another language, say)."""
        return f"{self.id}. {name}" if isinstance(self.id, int) else name

    def __reduce_ex__(self, protocol):
        """A term of the site's vocabulary is pickled as its name (a record checked in another
        process comes back holding the very terms of this one's vocabulary); any other whole."""
        terms = getattr(load(), self.vocabulary, None) if self.vocabulary else None
        if isinstance(terms, Terms) and terms.by_id.get(self.id) is self:
            return _site_term, (self.vocabulary, self.id)
        return super().__reduce_ex__(protocol)


def _site_term(vocabulary: str, term_id: str | int) -> Term:
    return getattr(load(), vocabulary)[term_id]


@dataclass(frozen=True)
class Terms:
    """An ordered vocabulary with lookup and spelling suggestions."""

    name: str  # what one term is called in messages: "crisis type"
    terms: tuple[Term, ...]
    by_id: dict[str | int, Term] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {t.id: t for t in self.terms})

    def __iter__(self):
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __contains__(self, term_id: object) -> bool:
        return term_id in self.by_id

    def __getitem__(self, term_id: str | int) -> Term:
        return self.by_id[term_id]

    @property
    def ids(self) -> list[str | int]:
        return [t.id for t in self.terms]

    def resolve(self, text: object) -> str | int | None:
        """The id a contributor means by an id, a name or a synonym, written in any case
        and spacing ("Natural disaster", "earthquake", "NGO"), or None."""
        return self._words.get(_word(text))

    def suggest(self, wrong: object) -> str | None:
        """The id a contributor most likely meant: resolved, or the closest id, name or synonym."""
        found = self.resolve(wrong)
        if found is not None:
            return str(found)
        close = difflib.get_close_matches(_word(wrong), list(self._words), n=1, cutoff=0.6)
        return str(self._words[close[0]]) if close else None

    @property
    def _words(self) -> dict[str, str | int]:
        words = self.__dict__.get("_words_cache")
        if words is None:
            words = {}
            for term in self.terms:  # synonyms first, so that an id or a name always wins
                words.update(dict.fromkeys(map(_word, term.synonyms), term.id))
            for term in self.terms:
                words.update({_word(term.name): term.id, _word(term.id): term.id})
            object.__setattr__(self, "_words_cache", words)
        return words


def _word(text: object) -> str:
    return "-".join(str(text).replace("_", " ").replace("-", " ").casefold().split())


@dataclass(frozen=True)
class Vocabulary:
    regions: Terms
    countries: Terms
    crisis_types: Terms
    phases: Terms
    guidelines: Terms
    action_plan_themes: Terms
    action_plan_points: Terms
    stakeholder_types: Terms
    scopes: Terms
    consultation_kinds: Terms
    languages: Terms
    site_languages: Terms  # the languages the site is published in; the first is the default
    translation_methods: Terms
    document_kinds: Terms
    key_messages: Terms

    def region_of(self, country_code: str) -> Term:
        return self.regions[self.countries[country_code].group]


def _terms(name: str, data: dict, key: str) -> Terms:
    return Terms(
        name,
        tuple(
            Term(
                id=key_,
                name=value["name"] if "name" in value else value["title"],
                description=value.get("description", ""),
                group=value.get("phase") or value.get("theme") or "",
                synonyms=tuple(value.get("synonyms", ())),
                vocabulary=key,
            )
            for key_, value in data[key].items()
        ),
    )


def _country_name(country) -> str:
    # pycountry's official-style names ("Korea, Republic of") read badly in lists.
    return getattr(country, "common_name", None) or country.name


@cache
def load(path: Path = VOCABULARY_FILE) -> Vocabulary:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    region_of = {code: region for region, entry in data["regions"].items() for code in entry["countries"]}
    countries = Terms(
        "country code",
        tuple(
            Term(c.alpha_2, _country_name(c), group=region_of.get(c.alpha_2, ""), vocabulary="countries")
            for c in sorted(pycountry.countries, key=lambda c: _country_name(c))
        ),
    )
    languages = Terms(
        "language code",
        tuple(
            Term(lang.alpha_2, lang.name, vocabulary="languages")
            for lang in pycountry.languages
            if hasattr(lang, "alpha_2")
        ),
    )
    themes = Terms(
        "theme", tuple(Term(k, v, vocabulary="action_plan_themes") for k, v in data["action_plan_themes"].items())
    )
    return Vocabulary(
        regions=_terms("region", data, "regions"),
        countries=countries,
        crisis_types=_terms("crisis type", data, "crisis_types"),
        phases=_terms("phase", data, "phases"),
        guidelines=_terms("MICIC guideline", data, "guidelines"),
        action_plan_themes=themes,
        action_plan_points=_terms("8-point Plan of Action point", data, "action_plan_points"),
        stakeholder_types=_terms("stakeholder type", data, "stakeholder_types"),
        scopes=_terms("scope", data, "scopes"),
        consultation_kinds=_terms("consultation kind", data, "consultation_kinds"),
        languages=languages,
        site_languages=Terms(
            "site language",
            tuple(
                Term(k, v["name"], group=v.get("dir", "ltr"), vocabulary="site_languages")
                for k, v in data["site_languages"].items()
            ),
        ),
        translation_methods=_terms("translation method", data, "translation_methods"),
        document_kinds=_terms("document kind", data, "document_kinds"),
        key_messages=_terms("message", data, "key_messages"),
    )
