"""Open data: the JSON and CSV exports hold every front-matter field of every record, the
schemas are published, and every page links to an Atom feed of new practices."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import frontmatter
import jsonschema
import pytest
from conftest import ROOT, page, record_files

from micic.exports import ADDED, LIST_SEPARATOR, RECOMMENDATION_ROW, csv_columns
from micic.fields import CONSULTATION_FIELDS, PRACTICE_FIELDS, Group, ListOf

pytestmark = pytest.mark.slow
ATOM = "{http://www.w3.org/2005/Atom}"


def _front_matter(folder: str) -> dict[str, dict]:
    """Each file's front matter as JSON would write it (dates as YYYY-MM-DD)."""

    def plain(value):
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    return {p.stem: plain(frontmatter.load(p).metadata) for p in record_files(folder)}


def _as_exported(value, type_):
    """A value as the file gives it, as the export writes it: text with its spaces collapsed,
    and in a list of groups (a consultation's recommendations) every optional list there."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(type_, ListOf) and isinstance(type_.item, Group) and isinstance(value, list):
        lists = [f.name for f in type_.item.fields if isinstance(f.type, ListOf)]
        fields = {f.name: f for f in type_.item.fields}
        return [
            {**dict.fromkeys(lists, []), **{k: _as_exported(v, fields[k].type) for k, v in item.items()}}
            for item in value
        ]
    return value


def _load(site: Path, name: str) -> list[dict]:
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("name", "folder"), [("practices.json", "practices"), ("consultations.json", "consultations")])
def test_json_export_holds_each_file_front_matter_exactly(real_site, name, folder):
    exported = {r["slug"]: r for r in _load(real_site, name)}
    files = _front_matter(folder)
    assert set(exported) == set(files)
    declared = PRACTICE_FIELDS if folder == "practices" else CONSULTATION_FIELDS
    lists = {f.name for f in declared if isinstance(f.type, ListOf)}
    declared_field = {f.name: f for f in declared}
    for slug, record in exported.items():
        fields = {k: v for k, v in record.items() if k not in ADDED}
        written = {k: _as_exported(v, declared_field[k].type) for k, v in files[slug].items()}
        assert fields == {**dict.fromkeys(lists, []), **written}, slug
        assert record["url"] == f"/{folder}/{slug}/"
        assert (real_site / folder / slug / "index.html").exists()


@pytest.mark.parametrize(("name", "kind"), [("practices.json", "practice"), ("consultations.json", "consultation")])
def test_json_export_validates_against_the_published_schema(real_site, name, kind):
    published = real_site / "schema" / f"{kind}.schema.json"
    assert published.read_bytes() == (ROOT / "docs" / "schema" / f"{kind}.schema.json").read_bytes()
    schema = json.loads(published.read_text(encoding="utf-8"))
    for record in _load(real_site, name):
        jsonschema.validate({k: v for k, v in record.items() if k not in ADDED}, schema)


def test_practices_carry_their_derived_regions(real_site):
    for record in _load(real_site, "practices.json"):
        if record["scope"] == "global":
            assert record["regions"] == []
        else:
            assert record["regions"], record["slug"]


def test_csv_has_a_row_per_practice_with_the_same_values_as_the_json(real_site):
    with (real_site / "data" / "practices.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    practices = _load(real_site, "practices.json")
    assert [r["slug"] for r in rows] == [p["slug"] for p in practices]
    assert list(rows[0]) == list(csv_columns())
    for row, practice in zip(rows, practices, strict=True):
        assert row["title"] == practice["title"]
        assert row["countries"] == LIST_SEPARATOR.join(practice.get("countries", []))
        assert row["stakeholders.name"].split(LIST_SEPARATOR) == [s["name"] for s in practice["stakeholders"]]
        assert row["sources.url"].split(LIST_SEPARATOR) == [s["url"] for s in practice["sources"]]
        assert row["end_year"] == str(practice.get("end_year", ""))


@pytest.mark.parametrize("name", ["practices.json", "consultations.json", "recommendations.json"])
def test_json_files_are_written_as_a_json_library_writes_them(real_site, name):
    """Each item is written apart (and kept while its record is unchanged): the whole file
    must still be one JSON document, laid out as json.dumps lays it out."""
    text = (real_site / "data" / name).read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n"


def test_csv_is_written_as_a_csv_library_writes_it(real_site):
    text = (real_site / "data" / "practices.csv").read_text(encoding="utf-8")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(csv.reader(io.StringIO(text, newline="")))
    assert text == buffer.getvalue()


def test_csv_columns_cover_every_practice_field():
    columns = {c.split(".")[0] for c in csv_columns()}
    assert {f.name for f in PRACTICE_FIELDS} <= columns


def test_feed_lists_practices_newest_first_with_links_that_resolve(real_site):
    feed = ET.parse(real_site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == min(50, len(_load(real_site, "practices.json")))
    published = [e.findtext(f"{ATOM}published") for e in entries]
    assert published == sorted(published, reverse=True)
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")
        assert (real_site / urlsplit(urljoin("http://site/feed.xml", href)).path.lstrip("/") / "index.html").exists()


@pytest.mark.parametrize("url", ["", "practices/", "regions/asia-pacific/", "about/", "explore/"])
def test_every_page_links_to_the_feed_in_its_head(real_site, url):
    html = page(real_site, url)
    head = html[: html.index("</head>")]
    start = head.index('type="application/atom+xml"')
    href = head[start:].split('href="', 1)[1].split('"', 1)[0]
    assert urlsplit(urljoin(f"http://site/{url}", href)).path == "/feed.xml"


def test_data_page_explains_every_field_and_the_licence(real_site):
    html = page(real_site, "data/")
    for f in (*PRACTICE_FIELDS, *CONSULTATION_FIELDS, *RECOMMENDATION_ROW):
        assert f"<code>{f.name}</code>" in html, f.name
    for name in ADDED:
        assert f"<code>{name}</code>" in html
    assert "CC BY 4.0" in html
    data = ["practices.json", "practices.csv", "consultations.json", "recommendations.json", "recommendations.csv"]
    for href in [*(f"../data/{name}" for name in data), "../schema/recommendations.schema.json", "../feed.xml"]:
        assert f'href="{href}"' in html
        assert (real_site / urlsplit(urljoin("http://site/data/", href)).path.lstrip("/")).exists()
