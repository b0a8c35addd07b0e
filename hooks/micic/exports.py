"""Exports: the catalogue as open data (JSON, CSV) and as an Atom feed of new practices.

Written into the built site after MkDocs has built it (an optional list that a file leaves
out is an empty list, an optional single value is left out):
  data/practices.json      every practice: each front-matter field, plus slug, url, regions
  data/practices.csv       the same, one row per practice, lists joined with "; "
  data/consultations.json  every consultation: each front-matter field, plus slug and url
  data/recommendations.json  every recommendation: its consultation, its fields, its source
  data/recommendations.csv   the same, one row per recommendation
  feed.xml                 Atom feed of the practices, newest first by date added

The fields come from the content contract (fields.py), so a field added there is exported
without a change here. Values are written as a contributor writes them in the front matter
(ids, not names), so the JSON validates against the published JSON Schemas once the added
fields are removed.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path

from . import vocabulary
from .catalogue import Catalogue
from .fields import CONSULTATION_FIELDS, PRACTICE_FIELDS, RECOMMENDATION, Choice, Field, Group, Integer, ListOf, Text
from .languages import Language, default
from .paths import inside
from .records import Consultation, Practice, Recommendation, Record
from .site import Site
from .vocabulary import Term

DATA = "data"
FEED = "feed.xml"
FEED_ENTRIES = 50  # the newest practices; the JSON has them all
ADDED = ("slug", "url", "regions", "translations")  # fields that are not in the front matter
LIST_SEPARATOR = "; "
# Where a front-matter field's value lives on the record, when the names differ.
_ATTRIBUTE = {"kind": "kind_term"}


def _plain(value: object) -> object:
    """A record's value as it is written in front matter."""
    if isinstance(value, Term):
        return value.id
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Recommendation):  # as the consultation's file has it: its source is a url
        return {
            f.name: _plain(value.source.url if f.name == "source" else getattr(value, f.name))
            for f in RECOMMENDATION.fields
        }
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value


def _front_matter(record: Record, declared: tuple[Field, ...]) -> dict:
    out = {}
    for f in declared:
        value = getattr(record, _ATTRIBUTE.get(f.name, f.name))
        if value is None:
            continue  # an optional value left out, as in the file; lists are always there

        out[f.name] = _plain(value)
    return out


def practice_data(practice: Practice, site: Site) -> dict:
    return _exported(practice, site).data


@dataclass(frozen=True)
class _Exported:
    """A practice's open data: its fields, its item of practices.json and its line of
    practices.csv, made once while the practice and site are the same (a rebuild while
    serving makes again only the edited practice's)."""

    practice: Practice
    site: Site
    data: dict
    json: str
    csv: str


def _exported(practice: Practice, site: Site) -> _Exported:
    kept = _EXPORTED.get(id(practice))
    if kept is None or kept.practice is not practice or kept.site != site:
        data = _practice_data(practice, site)
        kept = _EXPORTED[id(practice)] = _Exported(
            practice, site, data, _json_item(data), _csv_line(csv_columns(), _practice_row(data))
        )
    return kept


_EXPORTED: dict[int, _Exported] = {}  # by the practice's identity, pruned by open_data()


def _practice_data(practice: Practice, site: Site) -> dict:
    return {
        "slug": practice.slug,
        "url": site.permalink(practice.url),
        **_front_matter(practice, PRACTICE_FIELDS),
        "regions": _plain(practice.regions),
        "translations": _translations(practice),
    }


def consultation_data(consultation: Consultation, site: Site) -> dict:
    return {
        "slug": consultation.slug,
        "url": site.permalink(consultation.url),
        **_front_matter(consultation, CONSULTATION_FIELDS),
        "translations": _translations(consultation),
    }


def _translations(record: Record) -> list[dict]:
    """The record's translations: language, title, summary, how and when translated."""
    return [
        {
            "language": t.language.id,
            "title": t.title,
            "summary": t.summary,
            "method": t.method.id,
            "date": t.date.isoformat(),
            **({"by": t.by} if t.by else {}),
            "body_translated": bool(t.body),
        }
        for t in record.translations
    ]


@functools.cache
def csv_columns() -> tuple[str, ...]:
    """One column per field; a list of groups (stakeholders, sources) gives one column per
    sub-field, each a list in the same order: stakeholders.name, stakeholders.type."""
    columns = ["slug", "url"]
    for f in PRACTICE_FIELDS:
        if isinstance(f.type, ListOf) and isinstance(f.type.item, Group):
            columns += [f"{f.name}.{sub.name}" for sub in f.type.item.fields]
        else:
            columns.append(f.name)
    languages = vocabulary.load().site_languages.ids[1:]
    return (*columns, "regions", *(f"{part}.{language}" for language in languages for part in ("title", "summary")))


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    """A cell as text; one a spreadsheet would run as a formula starts with ' instead."""
    text = (
        LIST_SEPARATOR.join(_cell(v) for v in value) if isinstance(value, list) else "" if value is None else str(value)
    )
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def _table(columns: Sequence[str], rows: list[dict]) -> str:
    """Rows (column → value) as CSV, lists joined into cells."""
    return _csv_line(columns, {c: c for c in columns}) + "".join(_csv_line(columns, row) for row in rows)


def _csv_line(columns: Sequence[str], row: dict) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def practices_csv(practices: list[dict]) -> str:
    """The practices' data (practice_data) as CSV, lists flattened into cells."""
    return _table(csv_columns(), [_practice_row(data) for data in practices])


def _practice_row(data: dict) -> dict:
    row = {}
    for column in csv_columns():
        name, _, sub = column.partition(".")
        value = data.get(name)
        if name in ("title", "summary") and sub:  # title.fr: the record's title in French
            value = next((t[name] for t in data["translations"] if t["language"] == sub), None)
            sub = ""
        row[column] = [item[sub] for item in value] if sub and value else value
    return row


# --- Recommendations ----------------------------------------------------------------------
# One row per recommendation: where it is and where it comes from, then its fields as the
# consultation's file gives them (source: the url it cites; its title beside it).

RECOMMENDATION_ADDED: tuple[Field, ...] = (
    Field("id", Text(200), "The recommendation's id: its consultation's slug and its place in the list."),
    Field(
        "url",
        Text(300),
        "The address of the recommendation's page (from the site's root where its address is not set).",
    ),
    Field("consultation", Text(200), "The slug of the consultation it was made at."),
    Field("consultation_url", Text(300), "The address of the consultation's page."),
    Field("number", Integer(1, 1000), "Its place in the consultation's list, from 1."),
    Field("language", Choice("site_languages"), "The language its text is written in."),
)
RECOMMENDATION_SOURCE_TITLE = Field("source_title", Text(300), "The title of the document or source it cites.")
RECOMMENDATION_ROW = (*RECOMMENDATION_ADDED, *RECOMMENDATION.fields, RECOMMENDATION_SOURCE_TITLE)


def recommendation_data(recommendation: Recommendation, consultation: Consultation, site: Site) -> dict:
    return {
        "id": recommendation.slug,
        "url": site.permalink(recommendation.url),
        "consultation": consultation.slug,
        "consultation_url": site.permalink(consultation.url),
        "number": recommendation.number,
        "language": consultation.language.id if consultation.language else vocabulary.load().site_languages.ids[0],
        **_plain(recommendation),
        RECOMMENDATION_SOURCE_TITLE.name: recommendation.source.title,
    }


def recommendation_columns() -> list[str]:
    return [f.name for f in RECOMMENDATION_ROW]


def _json(values: list) -> str:
    """A list as JSON, one item after another (as json.dumps(values, indent=1) writes it)."""
    return _json_list([_json_item(value) for value in values])


def _json_list(items: list[str]) -> str:
    return "[\n" + ",\n".join(items) + "\n]\n" if items else "[]\n"


def _json_item(value: object) -> str:
    """An item of a list in JSON, indented as in the list (JSON strings hold no newline)."""
    return " " + json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n ")


# --- The feed -----------------------------------------------------------------------------

ATOM = "http://www.w3.org/2005/Atom"
# What XML 1.0 cannot hold at all, escaped or not: ElementTree would write it and every
# subscriber's feed reader would refuse the whole feed.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _entry_id(site: Site, record: Record) -> str:
    """A permanent id: the page's address when the site's address is known, else a UUID
    derived from the page's path (so it does not change between builds)."""
    return site.permalink(record.url) if site.url else f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, record.url)}"


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def feed(catalogue: Catalogue, site: Site, language: Language | None = None) -> str:
    """Atom feed of the newest practices, in the language of the site's pages. Links are
    relative to the feed's own address (the language's root) when the site's address is unknown."""
    language = language or default()
    newest = sorted(catalogue.practices, key=lambda p: (p.date_added, p.slug), reverse=True)[:FEED_ENTRIES]
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": language.code})

    def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _xml(v) for k, v in attributes.items()})
        element.text = None if text is None else _xml(text)
        return element

    add(root, "title", language.gettext("%(site)s: new practices") % {"site": site.name})
    add(
        root,
        "subtitle",
        language.gettext("Practices protecting migrants in countries in crisis, newest first by date added."),
    )
    add(root, "id", site.permalink(FEED) if site.url else f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, FEED)}")
    add(root, "link", rel="self", href=site.permalink(FEED) if site.url else FEED)
    add(root, "link", rel="alternate", type="text/html", href=site.url or "./")
    updated = max((max(p.date_added, p.last_reviewed) for p in newest), default=dt.date(2026, 1, 1))
    add(root, "updated", _timestamp(updated))
    author = add(root, "author")
    add(author, "name", site.name)
    for practice in newest:
        entry = add(root, "entry")
        add(entry, "title", language.title_of(practice))
        add(entry, "id", _entry_id(site, practice))
        add(entry, "link", rel="alternate", type="text/html", href=site.permalink(practice.url).lstrip("/"))
        add(entry, "published", _timestamp(practice.date_added))
        add(entry, "updated", _timestamp(max(practice.date_added, practice.last_reviewed)))
        add(entry, "summary", language.summary_of(practice))
        for term in (*practice.regions, *practice.crisis_types):
            add(entry, "category", term=str(term.id), label=language.name_of(term))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# --- Writing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Export:
    path: str  # relative to the site root
    text: str


def exports(catalogue: Catalogue, site: Site, language: Language | None = None) -> tuple[Export, ...]:
    """The open data (the same in every language: it carries every translation) and the
    feed in the language of the site's pages."""
    # The records' addresses are their own, not a translation's; nothing else of the site is in the data.
    data_site = Site(name="", url=site.url)
    if _OPEN_DATA[0] is not catalogue or _OPEN_DATA[1] != data_site:  # once for every language
        _OPEN_DATA[:] = [catalogue, data_site, open_data(catalogue, data_site)]
    return (*_OPEN_DATA[2], Export(FEED, feed(catalogue, site, language)))


_OPEN_DATA: list = [None, None, ()]  # the last catalogue and site, and their open data


def open_data(catalogue: Catalogue, site: Site) -> tuple[Export, ...]:
    alive = {id(p): p for p in catalogue.practices}
    for key in [k for k, v in _EXPORTED.items() if alive.get(k) is not v.practice]:
        del _EXPORTED[key]
    practices = [_exported(p, site) for p in catalogue.practices]
    recommendations = [recommendation_data(r, catalogue.consultation_of(r), site) for r in catalogue.recommendations]
    return (
        Export(f"{DATA}/practices.json", _json_list([p.json for p in practices])),
        Export(f"{DATA}/practices.csv", _table(csv_columns(), []) + "".join(p.csv for p in practices)),
        Export(f"{DATA}/consultations.json", _json([consultation_data(c, site) for c in catalogue.consultations])),
        Export(f"{DATA}/recommendations.json", _json(recommendations)),
        Export(f"{DATA}/recommendations.csv", _table(recommendation_columns(), recommendations)),
    )


def write(site_dir: Path, catalogue: Catalogue, site: Site, language: Language | None = None) -> tuple[Path, ...]:
    """Write every export into a built site (a language's); returns the files written."""
    written = []
    for export in exports(catalogue, site, language):
        path = inside(site_dir, export.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(export.text, encoding="utf-8", newline="")
        written.append(path)
    return tuple(written)
