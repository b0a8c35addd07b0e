"""Charts: bar charts and a world map, computed at build time and drawn as inline SVG.

No chart library and no JavaScript: each chart is geometry computed here and drawn by the
templates in templates/_charts.md.j2, with a title and a table holding the same numbers.

The map's country shapes come from world-shapes.json, generated once by
scripts/world_map.py from Natural Earth's 1:110m countries (public domain) as packaged in
the npm package world-atlas (ISC licence), projected with the Equal Earth projection.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .catalogue import Catalogue, Taxonomy
from .languages import N_, Language, default

SHAPES_FILE = Path(__file__).with_name("world-shapes.json")

# The overview pages that get a bar chart: taxonomy id → what the chart counts.
CHARTED = {
    "regions": N_("Practices per region"),
    "action-plan": N_("Practices per point of the 8-point Plan of Action"),
    "crisis-types": N_("Practices per crisis type"),
}

# Bar chart geometry, in SVG user units (the SVG scales to the page's width).
CHART_WIDTH = 720
ROW = 42  # a label line above each bar
BAR = 16
BAR_SPACE = 620  # the longest bar; the rest is room for its number
LABEL_CHARACTERS = 95  # longer labels are shortened in the picture; the table has them whole

# Map colour steps: a country with at least this many practices gets the step's class.
MAP_STEPS = (1, 3, 10, 30)
LEGEND_HEIGHT = 30  # below the shapes


@dataclass(frozen=True)
class Bar:
    label: str  # shortened for the picture if needed
    name: str  # the full name, for the link's title and the table
    value: int
    href: str  # relative to the page showing the chart
    y: float
    width: float


@dataclass(frozen=True)
class BarChart:
    id: str  # unique on its page: the SVG's title and description are referred to by id
    title: str
    unit: str
    bars: tuple[Bar, ...]
    width: int
    height: int


def shorten(text: str, limit: int = LABEL_CHARACTERS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_chart(
    chart_id: str, title: str, items: Iterable[tuple[str, int, str]], unit: str = N_("practices")
) -> BarChart:
    """Horizontal bars, one per (name, value, href), in the given order."""
    items = list(items)
    longest = max((value for _, value, _ in items), default=0)
    bars = tuple(
        Bar(
            label=shorten(name),
            name=name,
            value=value,
            href=href,
            y=i * ROW,
            width=round(BAR_SPACE * value / longest, 1) if longest else 0,
        )
        for i, (name, value, href) in enumerate(items)
    )
    return BarChart(chart_id, title, unit, bars, CHART_WIDTH, len(bars) * ROW)


def taxonomy_chart(catalogue: Catalogue, taxonomy: Taxonomy, language: Language | None = None) -> BarChart | None:
    """The bar chart of an overview page (regions, 8-point Plan, crisis types), or None.

    Bars link to the term pages, which sit one folder below the overview page."""
    language = language or default()
    if taxonomy.id not in CHARTED:
        return None
    items = [
        (
            language.label_of(term),
            len(catalogue.practices_for(taxonomy, term)),
            f"{term.slug}/",
        )
        for term in catalogue.terms_shown(taxonomy)
    ]
    if taxonomy.id == "regions":
        items.append((language.gettext("Global"), len(catalogue.global_practices), "#global"))
    title = language.gettext(CHARTED[taxonomy.id])
    return bar_chart(f"chart-{taxonomy.id}", title, items, language.gettext("practices"))


# --- The world map ------------------------------------------------------------------------


@dataclass(frozen=True)
class MapCountry:
    code: str  # ISO 3166-1 alpha-2
    name: str
    region: str
    practices: int
    href: str  # "" where the country has no page
    path: str  # SVG path data
    step: int  # 0 (none) to len(MAP_STEPS)


@dataclass(frozen=True)
class WorldMap:
    title: str
    view_box: str  # the shapes and, below them, the legend
    legend_y: int
    countries: tuple[MapCountry, ...]  # every shape, drawn
    legend: tuple[tuple[int, str], ...]  # (step, "3–9")

    @property
    def left(self) -> int:
        return int(self.view_box.split()[0])

    @property
    def right(self) -> int:
        left, _, width, _ = (int(n) for n in self.view_box.split())
        return left + width

    @property
    def listed(self) -> tuple[MapCountry, ...]:
        """The countries in the table: those with a page, by name."""
        return tuple(sorted((c for c in self.countries if c.href), key=lambda c: c.name))


def step(count: int) -> int:
    return sum(1 for threshold in MAP_STEPS if count >= threshold)


def legend(none: str = "none") -> tuple[tuple[int, str], ...]:
    bounds = (*MAP_STEPS, None)
    labels = []
    for i, low in enumerate(MAP_STEPS):
        high = bounds[i + 1]
        labels.append((i + 1, f"{low}+" if high is None else (str(low) if high - 1 == low else f"{low}–{high - 1}")))
    return ((0, none), *labels)


@cache
def shapes() -> dict:
    return json.loads(SHAPES_FILE.read_text(encoding="utf-8"))


def world_map(catalogue: Catalogue, root: str = "../", language: Language | None = None) -> WorldMap:
    """Practices per country. `root` leads from the page showing the map to the site root."""
    language = language or default()
    countries = catalogue.taxonomy("countries")
    with_page = {term.id for term in catalogue.terms_shown(countries)}
    vocabulary = catalogue.vocabulary
    drawn = []
    for code, path in shapes()["countries"].items():
        if code not in vocabulary.countries:
            continue
        term = vocabulary.countries[code]
        count = len(catalogue.practices_for(countries, term))
        drawn.append(
            MapCountry(
                code=code,
                name=language.name_of(term),
                region=language.name_of(vocabulary.regions[term.group]),
                practices=count,
                href=f"{root}countries/{term.slug}/" if code in with_page else "",
                path=path,
                step=step(count),
            )
        )
    # Countries without a shape at this scale (small islands) still belong in the table.
    shaped = {c.code for c in drawn}
    for code in sorted(with_page - shaped):
        term = vocabulary.countries[code]
        count = len(catalogue.practices_for(countries, term))
        drawn.append(
            MapCountry(
                code,
                language.name_of(term),
                language.name_of(vocabulary.regions[term.group]),
                count,
                f"{root}countries/{term.slug}/",
                "",
                step(count),
            )
        )
    left, top, width, height = (int(n) for n in shapes()["viewBox"].split())
    view_box = f"{left} {top} {width} {height + LEGEND_HEIGHT}"
    title = language.gettext("Practices per country")
    return WorldMap(title, view_box, top + height + 8, tuple(drawn), legend(language.gettext("none")))
