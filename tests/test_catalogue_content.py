"""The real catalogue: enough real, sourced practices that every way in leads somewhere.

Counts are read from the generated overview pages, as a reader sees them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, page, record_files

from micic import vocabulary
from micic.check import check_repository

V = vocabulary.load()
pytestmark = pytest.mark.slow


def _counts(site: Path, overview: str) -> dict[str, int]:
    """Term page slug → the number of practices the overview page's table gives it."""
    rows = re.findall(r'<td><a href="([^"/#]+)/">.*?</a></td>\s*<td[^>]*>(\d+)</td>', page(site, overview))
    return {slug: int(count) for slug, count in rows}


def test_at_least_80_practices(real_site: Path):
    assert len(record_files("practices")) >= 80
    assert int(re.search(r"All practices \((\d+)\)", page(real_site, "practices/")).group(1)) >= 80


def test_every_region_has_at_least_9_practices(real_site: Path):
    counts = _counts(real_site, "regions/")
    assert {r.slug for r in V.regions} <= set(counts)
    assert {slug: n for slug, n in counts.items() if n < 9} == {}


def test_every_crisis_type_has_at_least_5_practices(real_site: Path):
    counts = _counts(real_site, "crisis-types/")
    assert {c.slug for c in V.crisis_types} <= set(counts)
    assert {slug: n for slug, n in counts.items() if n < 5} == {}


def test_points_2_to_8_of_the_plan_have_at_least_3_practices(real_site: Path):
    counts = _counts(real_site, "action-plan/")
    assert {n: counts.get(str(n), 0) for n in range(2, 9) if counts.get(str(n), 0) < 3} == {}


def test_at_least_30_practices_name_a_civil_society_or_migrant_organisation(real_site: Path):
    counts = _counts(real_site, "stakeholders/")
    # a practice can name both kinds: count the practices themselves, from the open data
    practices = json.loads((real_site / "data" / "practices.json").read_text(encoding="utf-8"))
    named = [
        p
        for p in practices
        if {s["type"] for s in p["stakeholders"]} & {"civil-society", "migrant-diaspora-organization"}
    ]
    assert counts["civil-society"] >= 30 and len(named) >= 30, (counts, len(named))


def test_at_most_3_sources_are_copies_and_each_copy_says_so():
    """A copy site's page is a source only where no original could be found (three sources),
    and an outcome document only where it is the one copy that survives: each says so."""
    result = check_repository(ROOT)
    titles = {(s.title, s.url) for r in (*result.practices, *result.consultations) for s in r.sources}
    marked = {t for t in titles if t[0].endswith("(copy)")}
    assert len(marked) <= 3, sorted(marked)
    documents = [(c.path, i, d) for c in result.consultations for i, d in enumerate(c.documents)]
    copied = {(path, f"documents.{i}.url") for path, i, d in documents if d.title.endswith("(copy)")}
    noted = {(n.path, n.field) for n in result.notes if "keeps copies" in n.message}
    assert len(noted - copied) <= len(marked), result.notes
    assert {(path, f"documents.{i}.url") for path, i, _ in documents} & noted <= copied


def test_all_three_phases_have_practices(real_site: Path):
    counts = _counts(real_site, "phases/")
    assert all(counts[p.slug] > 0 for p in V.phases), counts


def test_at_least_4_crisis_types_with_2_practices_including_micic_two(real_site: Path):
    counts = _counts(real_site, "crisis-types/")
    assert counts["conflict"] >= 2 and counts["natural-disaster"] >= 2
    assert sum(n >= 2 for n in counts.values()) >= 4, counts


def test_most_points_and_guidelines_lead_somewhere(real_site: Path):
    points = _counts(real_site, "action-plan/")
    guidelines = _counts(real_site, "guidelines/")
    assert sum(n > 0 for n in points.values()) >= 6, points
    assert sum(n > 0 for n in guidelines.values()) >= 10, guidelines


# TODO and TBD in capitals only: "todo" is Spanish for "all".
PLACEHOLDER = re.compile(r"\b(?:TODO|TBD)\b|\b(?i:lorem ipsum|synthetic|example\.org|placeholder)\b")


@pytest.mark.parametrize("folder", ["practices", "consultations"])
def test_no_placeholder_or_synthetic_text_in_real_content(folder: str):
    found = {
        f"{path.name}:{number}": line.strip()
        for path in sorted((ROOT / folder).glob("*.md"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PLACEHOLDER.search(line)
    }
    assert found == {}
