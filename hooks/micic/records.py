"""Records: typed practices and consultations, their vocabulary ids resolved to terms, and how
each is built from the checked values of its file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .read import RecordFile
from .vocabulary import Term, Vocabulary


def same(a: object, b: object) -> bool:
    """The same objects, tuple by tuple; equal ones are not. What is built from records (a
    page, a record joined to its translations) is kept while they are the same objects: a
    record checked again (after any change to hooks/, micic.prepare checks every file again)
    is another object, and what is built from it is built again."""
    if a is b:
        return True
    return type(a) is tuple and type(b) is tuple and len(a) == len(b) and all(map(same, a, b))


@dataclass(frozen=True)
class Stakeholder:
    name: str
    type: Term


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class OutcomeDocument:
    title: str
    url: str
    language: Term
    kind: Term


@dataclass(frozen=True)
class Translation:
    """A record's title and summary (and, optionally, body) in another of the site's languages."""

    path: str
    language: Term
    title: str
    summary: str
    method: Term
    date: dt.date
    by: str | None
    body: str  # "" when only the title and summary are translated: the page shows the record's own body


@dataclass(frozen=True)
class GovernmentConsultation:
    city: str
    country: Term
    start_date: dt.date
    end_date: dt.date


class _Page:
    """Where a record's page is: its source path as if in docs/ (src_uri) and its URL."""

    folder: str
    slug: str

    @property
    def src_uri(self) -> str:
        return f"{self.folder}/{self.slug}.md"

    @property
    def url(self) -> str:
        return f"{self.folder}/{self.slug}/"


@dataclass(frozen=True)
class Practice(_Page):
    path: str
    slug: str
    title: str
    summary: str
    scope: Term
    countries: tuple[Term, ...]
    regions: tuple[Term, ...]  # derived from countries; none for a global practice
    crisis_types: tuple[Term, ...]
    phases: tuple[Term, ...]
    guidelines: tuple[Term, ...]
    action_plan_points: tuple[Term, ...]
    stakeholders: tuple[Stakeholder, ...]
    start_year: int
    end_year: int | None
    sources: tuple[Source, ...]
    date_added: dt.date
    last_reviewed: dt.date
    aliases: tuple[str, ...]
    body: str
    language: Term | None = None  # the language the record is written in (None: the site's default)
    translations: tuple[Translation, ...] = ()

    kind = "practice"
    folder = "practices"

    @property
    def stakeholder_types(self) -> tuple[Term, ...]:
        return tuple(dict.fromkeys(s.type for s in self.stakeholders))

    @property
    def years(self) -> str:
        if self.end_year is None:
            return f"since {self.start_year}"
        return str(self.start_year) if self.end_year == self.start_year else f"{self.start_year}–{self.end_year}"


@dataclass(frozen=True)
class Recommendation(_Page):
    """What civil society recommended at a consultation. Its address is its consultation's
    slug and its place in the consultation's list: /recommendations/<consultation>-<n>/."""

    consultation: str  # the consultation's slug
    number: int  # its place in the consultation's list, from 1
    text: str
    phases: tuple[Term, ...]
    guidelines: tuple[Term, ...]
    action_plan_points: tuple[Term, ...]
    crisis_types: tuple[Term, ...]
    messages: tuple[Term, ...]
    source: Source | OutcomeDocument  # the entry of the consultation's lists whose url it cites
    # the consultation's place and time, for the search facets
    region: Term | None
    country: Term
    year: int

    kind = "recommendation"
    folder = "recommendations"

    @property
    def slug(self) -> str:
        return f"{self.consultation}-{self.number}"

    @property
    def consultation_src_uri(self) -> str:
        return f"consultations/{self.consultation}.md"


@dataclass(frozen=True)
class Consultation(_Page):
    path: str
    slug: str
    title: str
    summary: str
    kind_term: Term
    region: Term | None
    city: str
    country: Term
    start_date: dt.date
    end_date: dt.date
    organizers: tuple[str, ...]
    participants: int | None
    government_consultation: GovernmentConsultation | None
    action_plan_points: tuple[Term, ...]
    sources: tuple[Source, ...]
    documents: tuple[OutcomeDocument, ...]
    aliases: tuple[str, ...]
    body: str
    language: Term | None = None
    translations: tuple[Translation, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()

    kind = "consultation"
    folder = "consultations"


Record = Practice | Consultation


def build_practice(file: RecordFile, slug: str, v: dict, vocabulary: Vocabulary) -> Practice:
    """A practice from its file's checked values (regions derived from its countries)."""
    countries = v.get("countries", ())
    scope = v["scope"]
    regions = () if scope.id == "global" else tuple(dict.fromkeys(vocabulary.regions[c.group] for c in countries))
    return Practice(
        path=file.path,
        slug=slug,
        title=v["title"],
        summary=v["summary"],
        scope=scope,
        countries=countries,
        regions=tuple(sorted(regions, key=lambda r: vocabulary.regions.ids.index(r.id))),
        crisis_types=v["crisis_types"],
        phases=v["phases"],
        guidelines=tuple(sorted(v.get("guidelines", ()), key=lambda t: t.id)),
        action_plan_points=tuple(sorted(v.get("action_plan_points", ()), key=lambda t: t.id)),
        stakeholders=tuple(Stakeholder(s["name"], s["type"]) for s in v["stakeholders"]),
        start_year=v["start_year"],
        end_year=v.get("end_year"),
        sources=tuple(Source(s["title"], s["url"]) for s in v["sources"]),
        date_added=v["date_added"],
        last_reviewed=v["last_reviewed"],
        aliases=v.get("aliases", ()),
        body=file.body,
        language=v.get("language"),
    )


def _by_order(terms) -> tuple[Term, ...]:
    return tuple(sorted(terms, key=lambda t: t.id)) if terms and isinstance(terms[0].id, int) else tuple(terms)


def build_consultation(file: RecordFile, slug: str, v: dict, vocabulary: Vocabulary) -> Consultation:
    government = v.get("government_consultation")
    sources = tuple(Source(s["title"], s["url"]) for s in v["sources"])
    documents = tuple(OutcomeDocument(d["title"], d["url"], d["language"], d["kind"]) for d in v.get("documents", ()))
    cited = {entry.url: entry for entry in (*sources, *documents)}  # a document over a source of the same url
    recommendations = tuple(
        Recommendation(
            consultation=slug,
            number=number,
            text=r["text"],
            phases=_by_order(r.get("phases", ())),
            guidelines=_by_order(r.get("guidelines", ())),
            action_plan_points=_by_order(r.get("action_plan_points", ())),
            crisis_types=r.get("crisis_types", ()),
            messages=r.get("messages", ()),
            source=cited[r["source"]],
            region=v.get("region"),
            country=v["country"],
            year=v["start_date"].year,
        )
        for number, r in enumerate(v.get("recommendations", ()), start=1)
    )
    return Consultation(
        path=file.path,
        slug=slug,
        title=v["title"],
        summary=v["summary"],
        kind_term=v["kind"],
        region=v.get("region"),
        city=v["city"],
        country=v["country"],
        start_date=v["start_date"],
        end_date=v["end_date"],
        organizers=v["organizers"],
        participants=v.get("participants"),
        government_consultation=GovernmentConsultation(**government) if government else None,
        action_plan_points=tuple(sorted(v.get("action_plan_points", ()), key=lambda t: t.id)),
        sources=sources,
        documents=documents,
        aliases=v.get("aliases", ()),
        body=file.body,
        language=v.get("language"),
        recommendations=recommendations,
    )
