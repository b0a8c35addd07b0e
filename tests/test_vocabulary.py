"""The vocabulary file is the single source of truth: it must be complete and consistent."""

from __future__ import annotations

from collections import Counter

import pycountry
import pytest
import yaml

from micic import vocabulary

RAW = yaml.safe_load(vocabulary.VOCABULARY_FILE.read_text(encoding="utf-8"))
V = vocabulary.load()


def test_every_iso_country_is_in_exactly_one_region():
    listed = Counter(code for entry in RAW["regions"].values() for code in entry["countries"])
    iso = {c.alpha_2 for c in pycountry.countries}
    assert sorted(iso - set(listed)) == [], "countries missing from every region"
    assert sorted(set(listed) - iso) == [], "codes that are not ISO 3166-1 alpha-2"
    assert [code for code, n in listed.items() if n > 1] == [], "countries in more than one region"


# Ids published in URLs and files: a vocabulary may gain ids, never lose or rename one.
PUBLISHED = {
    "regions": {
        "asia-pacific", "europe-central-asia", "middle-east-north-africa", "west-central-africa",
        "east-southern-africa", "latin-america-caribbean", "north-america",
    },
    "stakeholder_types": {
        "state", "local-authority", "international-organization", "civil-society",
        "migrant-diaspora-organization", "private-sector",
    },
    "crisis_types": {
        "conflict", "natural-disaster", "slow-onset-environmental-change", "epidemic", "generalised-violence",
        "political-economic-collapse",
    },
    "phases": {"preparedness", "emergency-response", "post-crisis"},
    "scopes": {"local", "national", "regional", "global"},
    "consultation_kinds": {"regional-civil-society", "global-civil-society", "thematic-civil-society"},
}  # fmt: skip


@pytest.mark.parametrize("vocabulary", sorted(PUBLISHED))
def test_published_ids_are_never_renamed_or_removed(vocabulary: str):
    assert PUBLISHED[vocabulary] <= set(getattr(V, vocabulary).ids)


def test_the_seven_regions_of_the_contract_are_there():
    assert len(PUBLISHED["regions"] & set(V.regions.ids)) == 7


def test_country_regions_follow_the_consultations():
    # each regional civil society consultation met in a country of its own region
    assert V.region_of("PH").id == "asia-pacific"
    assert V.region_of("BE").id == "europe-central-asia"
    assert V.region_of("SN").id == "west-central-africa"
    assert V.region_of("CR").id == "latin-america-caribbean"
    assert V.region_of("LB").id == "middle-east-north-africa"
    assert V.region_of("KE").id == "east-southern-africa"
    assert V.region_of("NO").id == "europe-central-asia"  # not the YAML boolean


def test_fifteen_guidelines_in_three_phases():
    assert V.guidelines.ids == list(range(1, 16))
    by_phase = Counter(g.group for g in V.guidelines)
    assert by_phase == {"preparedness": 8, "emergency-response": 5, "post-crisis": 2}
    assert V.guidelines[13].name == "Relocate and evacuate migrants when needed"


def test_eight_points_in_four_themes_of_two():
    assert V.action_plan_points.ids == list(range(1, 9))
    assert Counter(p.group for p in V.action_plan_points) == {t.id: 2 for t in V.action_plan_themes}
    assert V.action_plan_points[3].name == "Protection needs of migrants stranded in distress and in transit"


def test_crisis_types_include_micic_two_and_wider_causes_each_explained():
    assert {"conflict", "natural-disaster"} <= set(V.crisis_types.ids)
    assert len(V.crisis_types) >= 4
    assert all(len(t.description) > 80 for t in V.crisis_types)


@pytest.mark.parametrize(
    "vocabulary, word, meant",
    [
        ("crisis_types", "earthquake", "natural-disaster"),
        ("crisis_types", "Typhoon", "natural-disaster"),
        ("crisis_types", "armed conflict", "conflict"),
        ("crisis_types", "COVID-19", "epidemic"),
        ("crisis_types", "drought", "slow-onset-environmental-change"),
        ("stakeholder_types", "NGO", "civil-society"),
        ("stakeholder_types", "trade union", "civil-society"),
        ("stakeholder_types", "UN agency", "international-organization"),
        ("stakeholder_types", "municipality", "local-authority"),
        ("stakeholder_types", "diaspora association", "migrant-diaspora-organization"),
        ("phases", "response", "emergency-response"),
        ("phases", "Crisis preparedness", "preparedness"),
    ],
)
def test_words_contributors_write_suggest_the_term_they_mean(vocabulary: str, word: str, meant: str):
    assert getattr(V, vocabulary).suggest(word) == meant


def test_every_synonym_leads_to_one_term_only():
    for name in ("crisis_types", "stakeholder_types", "phases"):
        terms = getattr(V, name)
        meanings: dict[str, set] = {}
        for term in terms:
            for word in (*term.synonyms, term.name, str(term.id)):
                meanings.setdefault(word.casefold(), set()).add(term.id)
        assert {word: ids for word, ids in meanings.items() if len(ids) > 1} == {}, name


def test_ids_are_url_safe_slugs():
    for terms in (V.regions, V.crisis_types, V.phases, V.stakeholder_types, V.scopes, V.consultation_kinds):
        for term in terms:
            assert term.slug == str(term.id) and term.slug.replace("-", "").isalnum(), term.id
