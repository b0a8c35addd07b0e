"""The vocabulary file is the single source of truth: it must be complete and consistent."""

from __future__ import annotations

from collections import Counter

import pycountry
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


def test_the_seven_regions_of_the_contract():
    assert V.regions.ids == [
        "asia-pacific", "europe-central-asia", "middle-east-north-africa", "west-central-africa",
        "east-southern-africa", "latin-america-caribbean", "north-america",
    ]  # fmt: skip


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


def test_stakeholder_types_of_the_contract():
    assert V.stakeholder_types.ids == [
        "state", "local-authority", "international-organization", "civil-society",
        "migrant-diaspora-organization", "private-sector",
    ]  # fmt: skip


def test_ids_are_url_safe_slugs():
    for terms in (V.regions, V.crisis_types, V.phases, V.stakeholder_types, V.scopes, V.consultation_kinds):
        for term in terms:
            assert term.slug == str(term.id) and term.slug.replace("-", "").isalnum(), term.id
