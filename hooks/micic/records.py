"""Records: typed practices and consultations, their vocabulary ids resolved to terms."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .vocabulary import Term


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


@dataclass(frozen=True)
class GovernmentConsultation:
    city: str
    country: Term
    start_date: dt.date
    end_date: dt.date


@dataclass(frozen=True)
class Practice:
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

    kind = "practice"
    folder = "practices"

    @property
    def url(self) -> str:
        return f"practices/{self.slug}/"

    @property
    def stakeholder_types(self) -> tuple[Term, ...]:
        return tuple(dict.fromkeys(s.type for s in self.stakeholders))

    @property
    def years(self) -> str:
        if self.end_year is None:
            return f"since {self.start_year}"
        return str(self.start_year) if self.end_year == self.start_year else f"{self.start_year}–{self.end_year}"


@dataclass(frozen=True)
class Consultation:
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

    kind = "consultation"
    folder = "consultations"

    @property
    def url(self) -> str:
        return f"consultations/{self.slug}/"


Record = Practice | Consultation
