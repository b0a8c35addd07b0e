"""Search: Pagefind indexes the built site into <site>/pagefind/.

Pagefind splits the index into small fragments that the browser fetches only when a reader
searches, unlike a single search index that every first page view would download. Only the
parts of pages marked `data-pagefind-body` (record pages and hand-written pages, see
overrides/main.html) are indexed, so the generated lists do not drown the results.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import Catalogue
from .languages import N_, Language, default
from .records import Consultation, Practice, Recommendation, Record
from .vocabulary import Term

Searchable = Record | Recommendation  # what has a page of its own with search facets

BUNDLE = "pagefind"  # folder of the search bundle, inside the site
# Not worth indexing: heading permalinks ("¶") would show in every result's title; a
# practice's citation and related practices (class not-searched) repeat other pages' words,
# which would make the practice match queries about its neighbours and cost index memory; its
# sources are titles and addresses of other sites' documents, half of a page's words, which
# readers look for by the practice's own words rather than by a report's title.
EXCLUDED = ".headerlink, .not-searched, .record-sources"


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries its output."""


@dataclass(frozen=True)
class SearchIndex:
    folder: Path
    pages: int  # pages indexed
    files: int  # files in the bundle
    bytes: int  # their total size on disk (index fragments are already compressed)


def pagefind_command(site_dir: Path, bundle: str = BUNDLE) -> list[str]:
    """The Pagefind run (the binary shipped in PyPI's pagefind[bin]) that indexes a built site."""
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", bundle,
            "--exclude-selectors", EXCLUDED]  # fmt: skip


def index_site(site_dir: Path) -> SearchIndex:
    """Run Pagefind over a built site."""
    site_dir = Path(site_dir)
    run = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, timeout=600)
    if run.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({run.returncode}):\n{run.stdout[-2000:]}{run.stderr[-2000:]}")
    found = re.search(r"Indexed (\d+) pages?", run.stdout)
    folder = site_dir / BUNDLE
    files = [f for f in folder.rglob("*") if f.is_file()]
    return SearchIndex(
        folder=folder,
        pages=int(found.group(1)) if found else 0,
        files=len(files),
        bytes=sum(f.stat().st_size for f in files),
    )


# --- Facets: what the Explore page filters on ------------------------------------------------
#
# Record pages carry their facet values as data-pagefind-filter attributes (practice.md.j2,
# consultation.md.j2); the Explore page lists every value with its count (snippets/
# explore.md.j2) and asks Pagefind for the records matching the reader's choice.

GLOBAL = N_("Global")  # the region value of global practices and of the global consultation
KINDS = {"practice": N_("Practice"), "consultation": N_("Consultation"), "recommendation": N_("Recommendation")}


@dataclass(frozen=True)
class Facet:
    id: str  # the Pagefind filter name, and the Explore page's URL parameter
    label: str  # in English: translated where it is shown
    of: Callable[[Searchable], Iterable[Term | str]] = field(repr=False)


def _region(record: Searchable) -> tuple[Term | str, ...]:
    if isinstance(record, Practice):
        return record.regions or (GLOBAL,)
    return (record.region,) if record.region else (GLOBAL,)


def _tagged(attribute: str) -> Callable[[Searchable], tuple[Term, ...]]:
    """A facet of practices and recommendations (a consultation is tagged with neither)."""
    return lambda record: () if isinstance(record, Consultation) else getattr(record, attribute)


def _year(record: Searchable) -> tuple[str]:
    if isinstance(record, Practice):
        return (str(record.start_year),)
    return (str(record.year if isinstance(record, Recommendation) else record.start_date.year),)


FACETS: tuple[Facet, ...] = (
    Facet("kind", N_("Content"), lambda r: (KINDS[r.kind],)),
    Facet("region", N_("Region"), _region),
    Facet("crisis", N_("Crisis type"), _tagged("crisis_types")),
    Facet("phase", N_("Crisis phase"), _tagged("phases")),
    Facet("point", N_("8-point Plan of Action"), lambda r: r.action_plan_points),
    Facet("guideline", N_("MICIC guideline"), _tagged("guidelines")),
    Facet("stakeholder", N_("Stakeholder type"), lambda r: r.stakeholder_types if isinstance(r, Practice) else ()),
    Facet(
        "country",
        N_("Country"),
        lambda r: r.countries if isinstance(r, Practice) else (r.country,),
    ),
    Facet("year", N_("Start year"), _year),
)


def value_text(value: Term | str, language: Language | None = None) -> str:
    """A facet value as readers of the language see it, and as its Pagefind index stores it."""
    language = language or default()
    if isinstance(value, str):
        return language.gettext(value) if not value.isdigit() else value
    return language.label_of(value)


def filters(record: Searchable, language: Language | None = None) -> tuple[tuple[str, str], ...]:
    """(facet id, value) pairs of one record page."""
    return tuple((facet.id, value_text(value, language)) for facet in FACETS for value in facet.of(record))


@dataclass(frozen=True)
class FacetValues:
    facet: Facet
    values: tuple[tuple[str, int], ...]  # (value, how many records), in reading order


def facet_values(catalogue: Catalogue, language: Language | None = None) -> tuple[FacetValues, ...]:
    """Every value of every facet in the catalogue, with counts, as readers of the language see
    them: vocabulary order for terms, names for countries, newest first for years. Facets
    without any value are left out."""
    result = []
    for facet in FACETS:
        counts: Counter[Term | str] = Counter(
            v for record in (*catalogue.records, *catalogue.recommendations) for v in facet.of(record)
        )
        if not counts:
            continue  # nothing to choose from
        if facet.id == "year":
            ordered = sorted(counts, key=lambda v: str(v), reverse=True)
        elif facet.id == "country":
            ordered = sorted(counts, key=lambda v: value_text(v, language))
        else:
            ordered = list(counts)  # first seen: replaced by vocabulary order below
            positions = _vocabulary_positions(catalogue)
            ordered.sort(key=lambda v: positions.get(v, -1) if not isinstance(v, str) else 10**6)
        result.append(FacetValues(facet, tuple((value_text(v, language), counts[v]) for v in ordered)))
    return tuple(result)


def _vocabulary_positions(catalogue: Catalogue) -> dict[Term, int]:
    v = catalogue.vocabulary
    positions: dict[Term, int] = {}
    for terms in (v.regions, v.crisis_types, v.phases, v.action_plan_points, v.guidelines, v.stakeholder_types):
        positions.update({term: i for i, term in enumerate(terms)})
    return positions
