"""Consultation outcomes: what civil society recommended, where it says so, and the practices
that bear on it.

The contract (documents with a kind, recommendations with tags and a source that is one of
the consultation's own documents or sources) is checked with located messages; a site built
from a consultation with recommendations shows them on its page grouped by phase, on
/recommendations/ by message, phase and point, on each term page they are tagged with, and in
/data/recommendations.json and .csv, which match the file and the published schema.
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT, VALID_PRACTICE, links, mkdocs_build, page, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from micic import catalogue as catalogue_
from micic import exports, render, vocabulary
from micic.check import check_text
from micic.site import Site

DOCUMENT_URL = "https://example.org/outcome.pdf"
SOURCE_URL = "https://example.org/news"
CONSULTATION = f"""\
---
title: Test civil society consultation
summary: A synthetic consultation used by the tests.
kind: regional-civil-society
region: asia-pacific
city: Makati City
country: PH
start_date: 2015-03-21
end_date: 2015-03-22
organizers: [Test network]
sources:
  - title: Test news
    url: {SOURCE_URL}
documents:
  - title: Test outcome statement
    url: {DOCUMENT_URL}
    language: en
    kind: statement
recommendations:
  - text: Count undocumented migrants in contingency plans.
    phases: [preparedness]
    guidelines: [4, 5]
    action_plan_points: [3]
    messages: [participation]
    source: {DOCUMENT_URL}
  - text: Evacuate migrants whatever their status.
    phases: [emergency-response]
    guidelines: [13]
    crisis_types: [conflict]
    source: {DOCUMENT_URL}
  - text: Protect labour rights in ordinary times.
    phases: [preparedness, emergency-response]
    action_plan_points: [8]
    messages: [rights-in-ordinary-times]
    source: {SOURCE_URL}
  - text: Ratify the conventions that protect migrants.
    action_plan_points: [5]
    source: {SOURCE_URL}
---

## What it was

Synthetic body.
"""
PATH = "consultations/test-consultation-2015.md"
TEXTS = [
    "Count undocumented migrants in contingency plans.",
    "Evacuate migrants whatever their status.",
    "Protect labour rights in ordinary times.",
    "Ratify the conventions that protect migrants.",
]


def _problems(text: str) -> list[tuple[int, str, str, str]]:
    result = check_text(None, PATH, text)
    return [(p.line, p.field, p.message, p.hint) for p in result.problems]


def _line(text: str, needle: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text[: text.index(needle, start)].count("\n") + 1


# --- The contract ---------------------------------------------------------------------------


def test_a_consultation_with_recommendations_is_valid_and_each_cites_its_entry():
    result = check_text(None, PATH, CONSULTATION)
    assert result.problems == ()
    (consultation,) = result.consultations
    assert [r.text for r in consultation.recommendations] == TEXTS
    assert [r.slug for r in consultation.recommendations] == [f"test-consultation-2015-{n}" for n in (1, 2, 3, 4)]
    first, _, third, _ = consultation.recommendations
    assert (first.source.title, first.source.kind.id) == ("Test outcome statement", "statement")
    assert third.source.title == "Test news"
    assert consultation.documents[0].kind.id == "statement"


@pytest.mark.parametrize(
    ("old", "new", "needle", "field", "message", "hint"),
    [
        (  # a source that is not one of the consultation's documents or sources, one letter off
            f"    source: {SOURCE_URL}\n---",
            "    source: https://example.org/newz\n---",
            "https://example.org/newz",
            "recommendations.3.source",
            "'https://example.org/newz' is not the url of one of the documents or sources",
            f"did you mean {SOURCE_URL}? copy the url of the documents or sources entry it comes from, "
            "or add that document to documents first",
        ),
        (
            "    phases: [emergency-response]\n",
            "    phases: [emergency-respons]\n",
            "emergency-respons]",
            "recommendations.1.phases.0",
            "unknown phase 'emergency-respons'",
            "did you mean 'emergency-response'? allowed: preparedness, emergency-response, post-crisis",
        ),
        (
            "    guidelines: [13]\n",
            "    guidelines: [16]\n",
            "guidelines: [16]",
            "recommendations.1.guidelines.0",
            "unknown MICIC guideline '16'",
            "allowed: a number from 1 to 15",
        ),
        (
            "    messages: [participation]\n",
            "    messages: [particpation]\n",
            "particpation",
            "recommendations.0.messages.0",
            "unknown message 'particpation'",
            "did you mean 'participation'? allowed: beyond-conflicts-and-disasters, rights-in-ordinary-times, "
            "participation",
        ),
        (  # a field misspelt inside a recommendation
            "    crisis_types: [conflict]\n",
            "    crisis_type: [conflict]\n",
            "crisis_type:",
            "recommendations.1.crisis_type",
            "unknown field 'crisis_type'",
            "did you mean 'crisis_types'?",
        ),
        (  # tagged with nothing a reader could find it by
            "    action_plan_points: [5]\n",
            "",
            "- text: Ratify",
            "recommendations.3",
            "this recommendation has none of phases, guidelines, action_plan_points",
            "add at least one of them, with what the recommendation clearly bears on",
        ),
        (
            "  - text: Evacuate migrants whatever their status.\n",
            "  - text: " + "Evacuate migrants whatever their status. " * 11 + "\n",
            "Evacuate",
            "recommendations.1.text",
            "is 450 characters long, more than 400",
            "shorten it",
        ),
        (
            "    kind: statement\n",
            "    kind: statment\n",
            "statment",
            "documents.0.kind",
            "unknown document kind 'statment'",
            "did you mean 'statement'? allowed: report, recommendations, statement, background, agenda, presentation",
        ),
        (
            "    kind: statement\n",
            "",
            "- title: Test outcome statement",
            "documents.0",
            "missing required field 'kind'",
            "add 'kind:' with one document kind (report, recommendations, statement, background, agenda, presentation)",
        ),
    ],
    ids=[
        "source-not-listed",
        "phase",
        "guideline",
        "message",
        "unknown-field",
        "untagged",
        "too-long",
        "kind",
        "no-kind",
    ],
)
def test_each_mistake_in_a_recommendation_is_named_with_its_line_field_and_fix(old, new, needle, field, message, hint):
    assert old in CONSULTATION
    text = CONSULTATION.replace(old, new, 1)
    line = _line(text, needle, after="documents:")
    assert _problems(text) == [(line, field, message, hint)]


def test_every_wrong_source_is_reported_in_one_pass_with_the_other_problems():
    text = CONSULTATION.replace(f"source: {DOCUMENT_URL}", "source: https://elsewhere.example/x").replace(
        "phases: [preparedness]\n", "phases: [prepared]\n"
    )
    fields = [field for _, field, _, _ in _problems(text)]
    assert fields == [
        "recommendations.0.phases.0",
        "recommendations.0.source",
        "recommendations.1.source",
    ]


def test_the_published_schema_states_the_same_recommendation_rules():
    schema = json.loads((ROOT / "docs" / "schema" / "consultation.schema.json").read_text(encoding="utf-8"))
    item = schema["properties"]["recommendations"]["items"]
    assert set(item["required"]) == {"text", "source"}
    assert item["properties"]["text"]["maxLength"] == 400
    data = yaml.safe_load(CONSULTATION.split("---\n")[1])
    data = json.loads(json.dumps(data, default=str))
    jsonschema.validate(data, schema)
    del data["recommendations"][3]["action_plan_points"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)  # none of phases, guidelines, points: refused by the schema too


# --- Pages and data, from a real build ---------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from micic import synthetic

    root = synthetic.scaffold(tmp_path_factory.mktemp("recommendations") / "repo", consultations=False)
    write(root, PATH, CONSULTATION)
    write(root, "practices/test-evacuation.md", VALID_PRACTICE)  # guideline 13, point 3, conflict
    unrelated = VALID_PRACTICE.replace("Test practice about evacuation", "Test practice about floods")
    unrelated = unrelated.replace("guidelines: [13]", "guidelines: [1]").replace("[conflict]", "[natural-disaster]")
    write(root, "practices/test-floods.md", unrelated.replace("action_plan_points: [3]", "action_plan_points: [1]"))
    out = root.parent / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""

    def handle_data(self, data: str) -> None:
        self.text += data


def _text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.text.split())


@pytest.mark.slow
def test_the_consultation_page_groups_its_recommendations_by_phase(site: Path):
    html = page(site, "consultations/test-consultation-2015/")
    section = html.split('id="what-civil-society-recommended"')[1].split('id="documents"')[0]
    headings = [
        section.index(f'id="{anchor}"') for anchor in ("preparedness", "emergency-response", "across-the-phases")
    ]
    assert headings == sorted(headings)
    where = {text: section.index(text) for text in TEXTS}
    preparedness, emergency, across = headings
    assert preparedness < where[TEXTS[0]] < emergency < where[TEXTS[1]] < across
    assert across < where[TEXTS[2]] and across < where[TEXTS[3]]  # on two phases, and on none
    for n in (1, 2, 3, 4):
        assert f"../../recommendations/test-consultation-2015-{n}/" in {href for href, _ in links(section)}
    documents = html.split('id="documents"')[1].split('id="sources"')[0]
    assert f'href="{DOCUMENT_URL}"' in documents and "Statement" in _text(documents)


@pytest.mark.slow
def test_a_consultation_without_outcomes_says_so_plainly(repo: Path, tmp_path: Path):
    head, _, body = CONSULTATION.partition("documents:")
    write(repo, PATH, head + "---\n" + body.split("---\n", 1)[1])
    assert mkdocs_build(repo, tmp_path / "site").returncode == 0
    html = page(tmp_path / "site", "consultations/test-consultation-2015/")
    assert "No outcome document of this consultation could be linked yet" in html
    assert 'id="documents"' not in html


@pytest.mark.slow
def test_recommendations_page_lists_each_by_message_phase_and_point_with_counts(site: Path):
    html = page(site, "recommendations/")
    text = _text(html)
    assert '<th scope="row">All consultations</th><td>4</td><td>1</td>' in html  # recommendations, documents
    participation = html.split('id="message-participation"')[1].split("<h3")[0]
    assert TEXTS[0] in participation and TEXTS[2] not in participation
    assert "Participation (1)" in text and "Rights in ordinary times (1)" in text
    assert "Beyond conflicts and disasters (0)" in text
    point_8 = html.split('id="point-8"')[1].split("<h")[0]
    assert TEXTS[2] in point_8 and TEXTS[0] not in point_8
    assert html.count(TEXTS[3]) == 2  # under "across the phases" and under point 5
    hrefs = {href for href, _ in links(html)}
    assert "../consultations/test-consultation-2015/" in hrefs
    assert "Bearing on no particular point of the Plan: 1." in text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("url", "shown", "absent"),
    [
        ("guidelines/13/", [TEXTS[1]], [TEXTS[0]]),
        ("guidelines/4/", [TEXTS[0]], [TEXTS[1]]),
        ("phases/preparedness/", [TEXTS[0], TEXTS[2]], [TEXTS[1], TEXTS[3]]),
        ("action-plan/5/", [TEXTS[3]], [TEXTS[0]]),
        ("crisis-types/conflict/", [TEXTS[1]], [TEXTS[0]]),
    ],
)
def test_each_term_page_shows_what_civil_society_recommended_next_to_its_practices(site, url, shown, absent):
    html = page(site, url)
    section = html.split('id="what-civil-society-recommended"')[1].split('id="practices"')[0]
    for text in shown:
        assert text in section
    for text in absent:
        assert text not in section
    assert f"What civil society recommended ({len(shown)})" in _text(html)
    assert "../../consultations/test-consultation-2015/" in {href for href, _ in links(section)}


@pytest.mark.slow
def test_a_recommendation_page_gives_its_source_and_the_practices_that_bear_on_it(site: Path):
    html = page(site, "recommendations/test-consultation-2015-2/")
    assert TEXTS[1] in html
    hrefs = {href for href, _ in links(html)}
    assert DOCUMENT_URL in hrefs and "../../consultations/test-consultation-2015/" in hrefs
    bearing = html.split('id="practices-that-bear-on-it"')[1]
    assert "../../practices/test-evacuation/" in {href for href, _ in links(bearing)}  # guideline 13
    assert "test-floods" not in bearing
    assert '<span data-pagefind-filter="kind">Recommendation</span>' in html
    assert '<span data-pagefind-filter="guideline">13. ' in html


@pytest.mark.slow
def test_open_data_holds_every_recommendation_as_the_file_gives_it(site: Path):
    rows = json.loads((site / "data" / "recommendations.json").read_text(encoding="utf-8"))
    written = yaml.safe_load(CONSULTATION.split("---\n")[1])["recommendations"]
    assert [r["text"] for r in rows] == TEXTS
    for number, (row, entry) in enumerate(zip(rows, written, strict=True), start=1):
        assert row["id"] == f"test-consultation-2015-{number}" and row["number"] == number
        assert row["url"] == f"/recommendations/test-consultation-2015-{number}/"
        assert (site / row["url"].strip("/") / "index.html").exists()
        assert row["consultation"] == "test-consultation-2015"
        for field in ("phases", "guidelines", "action_plan_points", "crisis_types", "messages"):
            assert row[field] == entry.get(field, [])
        assert row["source"] == entry["source"]
    assert rows[0]["source_title"] == "Test outcome statement" and rows[2]["source_title"] == "Test news"
    schema = json.loads((site / "schema" / "recommendations.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(rows, schema)
    table = list(csv.DictReader(io.StringIO((site / "data" / "recommendations.csv").read_text(encoding="utf-8"))))
    assert [r["text"] for r in table] == TEXTS
    assert table[0]["guidelines"] == "4; 5" and table[2]["phases"] == "preparedness; emergency-response"
    consultation = json.loads((site / "data" / "consultations.json").read_text(encoding="utf-8"))[0]
    assert [r["source"] for r in consultation["recommendations"]] == [e["source"] for e in written]


@pytest.mark.slow
def test_the_home_page_messages_lead_to_the_recommendations_that_carry_them(real_site: Path):
    html = page(real_site, "")
    targets = [href for href, _ in links(html) if "recommendations/#message-" in href]
    assert len(targets) == 3
    listing = page(real_site, "recommendations/")
    for href in targets:
        assert f'id="{href.split("#")[1]}"' in listing


# --- Hostile text -------------------------------------------------------------------------------


class _Runnable(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag in {"script", "iframe", "object", "embed", "svg", "img", "style", "form", "base", "meta"}:
            self.found.append(tag)
        self.found += [f"{tag}[{name}]" for name, _ in attrs if name.startswith("on")]


_PIECES = [
    *("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=x>', "{{ 7*7 }}", "{% raw %}"),
    *("=HYPERLINK(1)", "+1", "-", "@x", "</li>", "<!--", "&amp;", "&", "'", '"', "*", "_", "[x](javascript:y)"),
    *("\n", "# ", "> ", "العربية", "é"),
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=5)), min_size=1, max_size=10).map("".join))
def test_hostile_recommendation_text_reaches_every_output_inert(hostile: str):
    text = CONSULTATION.replace("Count undocumented migrants in contingency plans.", json.dumps(hostile))
    result = check_text(None, PATH, text)
    if not result.consultations:
        assert result.problems and all(p.path == PATH and p.message for p in result.problems)
        return
    consultation = result.consultations[0]
    catalogue = catalogue_.build(vocabulary.load(), (), (consultation,))
    site = Site("Test", url="https://example.org/")
    recommendation = consultation.recommendations[0]
    pages = render.pages(catalogue, site)
    for path in (consultation.src_uri, recommendation.src_uri, "recommendations/index.md", "guidelines/4.md"):
        parser = _Runnable()
        parser.feed(pages[path].html)
        assert parser.found == [], path
    front = yaml.safe_load(pages[recommendation.src_uri].front_matter.split("---\n")[1])
    parser = _Runnable()
    parser.feed(f'<title>{front["title"]}</title><p content="{front["description"]}">')
    assert parser.found == []
    out = {e.path: e.text for e in exports.exports(catalogue, site)}
    assert json.loads(out["data/recommendations.json"])[0]["text"] == recommendation.text
    for row in csv.reader(io.StringIO(out["data/recommendations.csv"])):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
