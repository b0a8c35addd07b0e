"""Search: Pagefind indexes the built site into <site>/pagefind/.

Pagefind splits the index into small fragments that the browser fetches only when a reader
searches, unlike a single search index that every first page view would download. Only the
parts of pages marked `data-pagefind-body` (record pages and hand-written pages, see
overrides/main.html) are indexed, so the generated lists do not drown the results.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import Catalogue
from .languages import N_, Language, default
from .paths import inside, page_url
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
# Pagefind holds a bundle's whole index in memory until it writes it, about a quarter of a MiB
# a practice (1.1 GiB at 4,000): the practices after the first PRACTICES_PER_BUNDLE are indexed
# into further bundles (pagefind-2/, pagefind-3/, …), one after the other, which the search box
# merges in the browser (Pagefind's mergeIndex ranks their results together). A search then
# fetches one more small index file per bundle, so a catalogue of up to this size has one.
PRACTICES_PER_BUNDLE = 2000
SETTING = "search_practices_per_bundle"  # in mkdocs.yml's extra, to choose another size


def practices_per_bundle(extra: dict | None) -> int:
    """The size chosen in mkdocs.yml's extra (SETTING), or PRACTICES_PER_BUNDLE."""
    value = (extra or {}).get(SETTING, PRACTICES_PER_BUNDLE)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"mkdocs.yml: extra.{SETTING} is {value!r}: give a whole number of practices, like 2000")
    return value


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries its output."""


@dataclass(frozen=True)
class SearchIndex:
    folder: Path  # the first bundle, which the search box loads
    pages: int  # pages indexed
    files: int  # files in the bundles
    bytes: int  # their total size on disk (index fragments are already compressed)
    bundles: tuple[str, ...] = (BUNDLE,)  # the bundles' folders, inside the site


def bundles(practices: tuple[Practice, ...], per_bundle: int = PRACTICES_PER_BUNDLE) -> list[tuple[str, tuple]]:
    """The search bundles of a catalogue's practices (in its order), as (folder, the practices
    it indexes): the first indexes every page but those of the others' practices; a catalogue
    of up to `per_bundle` practices has one."""
    groups = [practices[start : start + per_bundle] for start in range(per_bundle, len(practices), per_bundle)]
    return [(BUNDLE, ()), *((f"{BUNDLE}-{number}", group) for number, group in enumerate(groups, start=2))]


def merged(practices: tuple[Practice, ...], per_bundle: int = PRACTICES_PER_BUNDLE) -> list[str]:
    """The folders of the bundles that the search box merges into the first (none, up to
    `per_bundle` practices): the theme's search box lists them (extra.search_bundles)."""
    return [name for name, _ in bundles(practices, per_bundle)[1:]]


def pagefind_command(site_dir: Path, bundle: str = BUNDLE, output: Path | None = None) -> list[str]:
    """The Pagefind run (the binary shipped in PyPI's pagefind[bin]) that indexes a built site,
    into its folder `bundle`, or into `output`."""
    where = ["--output-path", str(output)] if output else ["--output-subdir", bundle]
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), *where, "--exclude-selectors", EXCLUDED]


def index_site(
    site_dir: Path, practices: tuple[Practice, ...] = (), per_bundle: int = PRACTICES_PER_BUNDLE
) -> SearchIndex:
    """Run Pagefind over a built site, into its bundles (see PRACTICES_PER_BUNDLE)."""
    return index_bundles(Path(site_dir), bundle_pages(Path(site_dir), practices, per_bundle))


def bundle_pages(site_dir: Path, practices: tuple[Practice, ...], per_bundle: int) -> dict[str, list[str]] | None:
    """Each bundle's pages (paths in the built site), or None when there is one bundle of them all."""
    planned = bundles(practices, per_bundle)
    if len(planned) == 1:
        return None
    apart = {f"{page_url(p.src_uri)}index.html": name for name, group in planned[1:] for p in group}
    names = {name for name, _ in planned}
    html = [f.relative_to(site_dir).as_posix() for f in sorted(site_dir.rglob("*.html"))]
    html = [path for path in html if path.partition("/")[0] not in names]
    return {name: [path for path in html if apart.get(path, BUNDLE) == name] for name, _ in planned}


def index_bundles(site_dir: Path, pages: dict[str, list[str]] | None) -> SearchIndex:
    """Pagefind over the whole site into its one bundle (pages None); or once a bundle, one
    after the other, over a folder of links to the bundle's pages, into the bundle's folder."""
    if pages is None:
        indexed = _pagefind(pagefind_command(site_dir))
    else:
        indexed = 0
        for name, paths in pages.items():
            with tempfile.TemporaryDirectory(prefix=".micic-search-", dir=site_dir.parent) as tree:
                for path in paths:
                    _link(inside(site_dir, path), Path(tree) / path)
                indexed += _pagefind(pagefind_command(Path(tree), output=inside(site_dir, name)))
    names = tuple(pages or (BUNDLE,))
    files = [f for name in names for f in (site_dir / name).rglob("*") if f.is_file()]
    return SearchIndex(
        folder=site_dir / BUNDLE,
        pages=indexed,
        files=len(files),
        bytes=sum(f.stat().st_size for f in files),
        bundles=names,
    )


def _pagefind(command: list[str]) -> int:
    """Run Pagefind; how many pages it indexed."""
    run = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if run.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({run.returncode}):\n{run.stdout[-2000:]}{run.stderr[-2000:]}")
    found = re.search(r"Indexed (\d+) pages?", run.stdout)
    return int(found.group(1)) if found else 0


def _link(page: Path, at: Path) -> None:
    """The page at `at` in a bundle's folder of pages: a hard link, or a copy where there can be none."""
    at.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(page, at)
    except OSError:
        shutil.copyfile(page, at)


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
