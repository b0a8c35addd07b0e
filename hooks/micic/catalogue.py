"""Catalogue: all records plus their facets (region → practices, point → practices, …).

Taxonomies are declared once, Hugo-style: each gets an overview page and a page per term,
rendered from the same two templates.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .languages import N_
from .records import Consultation, Practice, Recommendation
from .vocabulary import Term, Terms, Vocabulary

RELATED_LIMIT = 5
BEARING_LIMIT = 10  # practices listed on a recommendation's page as bearing on it
# How many neighbours on each side, within each shared term, are considered as related:
# keeps "related practices" linear in the catalogue size instead of comparing every pair.
NEIGHBOURHOOD = 25


@dataclass(frozen=True)
class Taxonomy:
    """A way of grouping practices. Its words are English, marked for the message catalogues
    and translated where they are shown."""

    id: str  # URL folder: /regions/<term>/
    title: str  # "Regions"
    column: str  # the heading of its terms in a table: "Region"
    terms: Terms
    of: Callable[[Practice], Iterable[Term]] = field(repr=False)
    intro: str = ""
    only_used: bool = False  # countries: a page only where there is something to show
    recommended: bool = False  # its term pages show the recommendations tagged with the term


def taxonomies(v: Vocabulary) -> tuple[Taxonomy, ...]:
    """The taxonomies of a vocabulary: the same objects for the same vocabulary, so that a page
    rendered from one (render.pages) is seen to have the same inputs on the next rebuild."""
    kept = _TAXONOMIES.get(id(v))
    if kept is None or kept[0] is not v:
        kept = _TAXONOMIES[id(v)] = (v, _declare(v))
    return kept[1]


_TAXONOMIES: dict[int, tuple[Vocabulary, tuple[Taxonomy, ...]]] = {}


def _declare(v: Vocabulary) -> tuple[Taxonomy, ...]:
    return (
        Taxonomy(
            "regions",
            N_("Regions"),
            N_("Region"),
            v.regions,
            lambda p: p.regions,
            N_(
                "Practices by the region where they took place, derived from their countries. Global practices are listed separately."
            ),
        ),
        Taxonomy(
            "crisis-types",
            N_("Crisis types"),
            N_("Crisis type"),
            v.crisis_types,
            lambda p: p.crisis_types,
            N_(
                "The MICIC Guidelines cover conflicts and natural disasters; civil society asked that protection reach every migrant in distress, whatever the cause."
            ),
            recommended=True,
        ),
        Taxonomy(
            "action-plan",
            N_("The 8-point Plan of Action"),
            N_("Point"),
            v.action_plan_points,
            lambda p: p.action_plan_points,
            N_(
                "Civil society's 5-year 8-point Plan of Action, launched at the 2013 UN High-Level Dialogue on International Migration and Development and taken forward by the MADE network."
            ),
            recommended=True,
        ),
        Taxonomy(
            "phases",
            N_("Crisis phases"),
            N_("Phase"),
            v.phases,
            lambda p: p.phases,
            N_("The three phases of a crisis used by the MICIC Guidelines."),
            recommended=True,
        ),
        Taxonomy(
            "guidelines",
            N_("MICIC Guidelines"),
            N_("Guideline"),
            v.guidelines,
            lambda p: p.guidelines,
            N_(
                "The 15 guidelines of the MICIC Guidelines to Protect Migrants in Countries Experiencing Conflict or Natural Disaster (2016)."
            ),
            recommended=True,
        ),
        Taxonomy(
            "stakeholders",
            N_("Stakeholders"),
            N_("Stakeholder type"),
            v.stakeholder_types,
            lambda p: p.stakeholder_types,
            N_("Practices by the kind of actor that carried them out."),
        ),
        Taxonomy(
            "countries",
            N_("Countries"),
            N_("Country"),
            v.countries,
            lambda p: p.countries,
            N_("Practices by country, for every country with at least one practice."),
            only_used=True,
        ),
    )


@dataclass(frozen=True)
class Catalogue:
    vocabulary: Vocabulary
    practices: tuple[Practice, ...]
    consultations: tuple[Consultation, ...]
    taxonomies: tuple[Taxonomy, ...]
    index: dict[tuple[str, str | int], tuple[Practice, ...]] = field(repr=False)
    related: dict[str, tuple[Practice, ...]] = field(repr=False)
    pages: dict[str, Practice | Consultation] = field(repr=False)  # "practices/<slug>.md" → record
    recommended: dict[tuple[str, str | int], tuple[Recommendation, ...]] = field(default_factory=dict, repr=False)

    @property
    def recommendations(self) -> tuple[Recommendation, ...]:
        """Every consultation's recommendations, consultations in date order."""
        return tuple(r for c in self.consultations for r in c.recommendations)

    def consultation_of(self, recommendation: Recommendation) -> Consultation:
        return self.pages[recommendation.consultation_src_uri]  # type: ignore[return-value]

    def recommendations_for(self, taxonomy: Taxonomy, term: Term) -> tuple[Recommendation, ...]:
        return self.recommended.get((taxonomy.id, term.id), ())

    def recommendations_carrying(self, message: Term) -> tuple[Recommendation, ...]:
        return tuple(r for r in self.recommendations if message in r.messages)

    def bearing_on(self, recommendation: Recommendation) -> tuple[Practice, ...]:
        """The practices that bear on a recommendation: those serving its guidelines and
        points, most shared first, then those of its phases (and crisis types, where it names
        some)."""
        scores: dict[str, int] = {}
        by_slug: dict[str, Practice] = {}
        for taxonomy_id, weight in (("guidelines", 3), ("action-plan", 3), ("phases", 1), ("crisis-types", 1)):
            taxonomy = self.taxonomy(taxonomy_id)
            for term in taxonomy.of(recommendation):  # type: ignore[arg-type]
                for practice in self.practices_for(taxonomy, term):
                    scores[practice.slug] = scores.get(practice.slug, 0) + weight
                    by_slug[practice.slug] = practice
        if recommendation.crisis_types:  # a recommendation on one kind of crisis: practices facing it
            named = set(recommendation.crisis_types)
            scores = {slug: score for slug, score in scores.items() if named & set(by_slug[slug].crisis_types)}
        if recommendation.guidelines or recommendation.action_plan_points:  # sharing a phase alone is too little
            scores = {slug: score for slug, score in scores.items() if score >= 3}
        best = sorted(scores, key=lambda slug: (-scores[slug], by_slug[slug].title.lower()))[:BEARING_LIMIT]
        return tuple(by_slug[slug] for slug in best)

    @property
    def records(self) -> tuple[Practice | Consultation, ...]:
        return (*self.practices, *self.consultations)

    def record_at(self, src_uri: str) -> Practice | Consultation | None:
        """The record whose page is at src_uri ("practices/<slug>.md"), if any."""
        return self.pages.get(src_uri)

    def taxonomy(self, taxonomy_id: str) -> Taxonomy:
        return next(t for t in self.taxonomies if t.id == taxonomy_id)

    def practices_for(self, taxonomy: Taxonomy, term: Term) -> tuple[Practice, ...]:
        return self.index.get((taxonomy.id, term.id), ())

    def terms_shown(self, taxonomy: Taxonomy) -> list[Term]:
        """The terms that get a page."""
        if taxonomy.only_used:
            used = {term_id for (tax, term_id) in self.index if tax == taxonomy.id}
            used |= {c.country.id for c in self.consultations} if taxonomy.id == "countries" else set()
            return [t for t in taxonomy.terms if t.id in used]
        return list(taxonomy.terms)

    @property
    def global_practices(self) -> tuple[Practice, ...]:
        return tuple(p for p in self.practices if p.scope.id == "global")

    def consultations_in(self, region: Term) -> tuple[Consultation, ...]:
        return tuple(c for c in self.consultations if c.region == region)

    def consultations_in_country(self, country: Term) -> tuple[Consultation, ...]:
        return tuple(c for c in self.consultations if c.country == country)


def build(
    vocabulary: Vocabulary,
    practices: Iterable[Practice],
    consultations: Iterable[Consultation],
    related: bool = True,
) -> Catalogue:
    """The catalogue; without its related practices (related=False) where only its pages are wanted."""
    practices = tuple(practices)
    kinds = taxonomies(vocabulary)
    index: dict[tuple[str, str | int], list[Practice]] = defaultdict(list)
    for practice in practices:
        for taxonomy in kinds:
            for term in taxonomy.of(practice):
                index[(taxonomy.id, term.id)].append(practice)
    frozen = {key: tuple(value) for key, value in index.items()}
    consultations = tuple(consultations)
    pages = {r.src_uri: r for r in (*practices, *consultations)}
    neighbours = _related(practices, frozen) if related else {}
    recommended: dict[tuple[str, str | int], list[Recommendation]] = defaultdict(list)
    for consultation in consultations:
        for recommendation in consultation.recommendations:
            for taxonomy in kinds:
                if taxonomy.recommended:
                    for term in taxonomy.of(recommendation):  # type: ignore[arg-type]
                        recommended[(taxonomy.id, term.id)].append(recommendation)
    tagged = {key: tuple(value) for key, value in recommended.items()}
    return Catalogue(vocabulary, practices, consultations, kinds, frozen, neighbours, pages, tagged)


def _related(practices: tuple[Practice, ...], index: dict) -> dict[str, tuple[Practice, ...]]:
    """Practices sharing guidelines (weighted most), a region or a crisis type. Computed again
    only when what it is computed from (the practices' order, titles and those terms) changed:
    an edit to a practice's text, while serving, changes none of it."""
    by_slug = {p.slug: p for p in practices}
    inputs = tuple((p.slug, p.title, p.guidelines, p.regions, p.crisis_types) for p in practices)
    if _RELATED[0] != inputs:
        _RELATED[:] = [inputs, _related_slugs(practices, index)]
    return {slug: tuple(by_slug[other] for other in others) for slug, others in _RELATED[1].items()}


_RELATED: list = [None, {}]  # the last inputs of _related, and its result by slug


def _related_slugs(practices: tuple[Practice, ...], index: dict) -> dict[str, tuple[str, ...]]:
    position = {key: {p.slug: i for i, p in enumerate(members)} for key, members in index.items()}
    sort_title = {p.slug: p.title.lower() for p in practices}
    result = {}
    for practice in practices:
        scores: Counter[str] = Counter()
        keys = [("guidelines", t.id, 3) for t in practice.guidelines]
        keys += [("regions", t.id, 2) for t in practice.regions]
        keys += [("crisis-types", t.id, 1) for t in practice.crisis_types]
        for taxonomy_id, term_id, weight in keys:
            members = index[(taxonomy_id, term_id)]
            here = position[(taxonomy_id, term_id)][practice.slug]
            for other in members[max(0, here - NEIGHBOURHOOD) : here + NEIGHBOURHOOD + 1]:
                if other.slug != practice.slug:
                    scores[other.slug] += weight
        # the few best of ~150 candidates: no need to sort them all
        best = heapq.nsmallest(RELATED_LIMIT, scores.items(), key=lambda item: (-item[1], sort_title[item[0]]))
        result[practice.slug] = tuple(slug for slug, _ in best)
    return result
