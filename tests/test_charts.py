"""Charts: bars and the world map are drawn at build time as inline SVG, each with a title
and a table of the same numbers, and every bar and country links to its page."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import links, page
from world_map import country_shapes, equal_earth

from micic import charts, vocabulary
from micic.charts import BAR_SPACE, bar_chart, step

V = vocabulary.load()


def test_bars_are_proportional_to_their_values_and_keep_their_order():
    chart = bar_chart("c", "Practices per thing", [("A", 10, "a/"), ("B", 5, "b/"), ("C", 0, "c/")])
    assert [b.name for b in chart.bars] == ["A", "B", "C"]
    assert [b.width for b in chart.bars] == [BAR_SPACE, BAR_SPACE / 2, 0]
    assert chart.bars[1].y > chart.bars[0].y
    assert chart.height >= chart.bars[-1].y


def test_a_chart_of_nothing_has_no_bar_wider_than_zero():
    assert [b.width for b in bar_chart("c", "t", [("A", 0, "a/")]).bars] == [0]


def test_long_labels_are_shortened_in_the_picture_but_kept_whole_for_the_link():
    name = "x" * 200
    bar = bar_chart("c", "t", [(name, 1, "a/")]).bars[0]
    assert len(bar.label) <= charts.LABEL_CHARACTERS and bar.label.endswith("…")
    assert bar.name == name


def test_map_steps_grow_with_the_number_of_practices():
    assert [step(n) for n in (0, 1, 2, 3, 9, 10, 29, 30, 500)] == [0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert [label for _, label in charts.legend()] == ["none", "1–2", "3–9", "10–29", "30+"]


def test_equal_earth_puts_the_map_between_0_and_the_map_width():
    assert equal_earth(0, 0) == (500, 0)
    assert equal_earth(180, 0)[0] == pytest.approx(1000)
    assert equal_earth(-180, 0)[0] == pytest.approx(0)
    north, south = equal_earth(10, 60), equal_earth(10, -60)
    assert north[0] == pytest.approx(south[0])
    assert north[1] == pytest.approx(-south[1])
    assert north[1] < 0  # north is up


def _topology(*geometries, arcs):
    return {
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": arcs,
        "objects": {"countries": {"geometries": list(geometries)}},
    }


def test_country_shapes_are_keyed_by_iso_alpha_2_and_skip_areas_without_a_code():
    square = [[0, 0], [20, 0], [0, 20], [-20, 0], [0, -20]]  # delta-encoded, closed
    topology = _topology(
        {"type": "Polygon", "id": "608", "arcs": [[0]]},  # the Philippines' numeric code
        {"type": "Polygon", "arcs": [[0]], "properties": {"name": "No code"}},
        arcs=[square],
    )
    shapes = country_shapes(topology)
    assert list(shapes["countries"]) == ["PH"]
    assert shapes["countries"]["PH"].startswith("M500 ")
    assert "Natural Earth" in shapes["source"]


def test_a_shape_crossing_the_180th_meridian_is_drawn_in_one_piece():
    # from 170°E across 180° to 170°W and back: no segment may jump across the whole map
    crossing = [[170, 10], [20, 0], [-360, 0], [20, 0], [0, 10], [-20, 0], [360, 0], [-20, 0], [0, -10]]
    shapes = country_shapes(_topology({"type": "Polygon", "id": "242", "arcs": [[0]]}, arcs=[crossing]))
    path = shapes["countries"]["FJ"]
    moves = [int(n) for n in re.findall(r"-?\d+", path.split("l", 1)[1])]
    assert max(abs(n) for n in moves) < 100


def test_committed_shapes_are_small_and_name_real_countries():
    assert charts.SHAPES_FILE.stat().st_size < 150 * 1024
    shapes = charts.shapes()
    assert len(shapes["countries"]) > 150
    assert set(shapes["countries"]) <= set(V.countries.ids)


# --- In the built site ------------------------------------------------------------------------


def _resolves(site: Path, page_url: str, href: str) -> bool:
    path = urlsplit(urljoin(f"http://site/{page_url}", href)).path.lstrip("/")
    return (site / path / "index.html").exists()


def _svg(html: str, figure_id: str) -> str:
    assert f'id="{figure_id}"' in html, f"no chart {figure_id}"
    start = html.index(f'id="{figure_id}"')
    return html[start : html.index("</figure>", start)]


@pytest.mark.slow
@pytest.mark.parametrize("taxonomy", ["regions", "action-plan", "crisis-types"])
def test_overview_pages_have_a_titled_bar_chart_matching_their_table(real_site, taxonomy):
    html = page(real_site, f"{taxonomy}/")
    figure = _svg(html, f"chart-{taxonomy}")
    assert "<figcaption>" in figure and "<title id=" in figure
    bars = re.findall(r'<a href="([^"]+)"><title>(.*?): (\d+) practices</title>', figure)
    assert bars
    table = html[html.index("</figure>") :]
    rows = re.findall(r"<td><a href=\"([^\"]+)\">.*?</a></td>\s*<td[^>]*>(\d+)</td>", table)
    assert [(href, count) for href, _, count in bars] == rows, "the table gives the same numbers and links"
    for href, _, _ in bars:
        assert href.startswith("#") or _resolves(real_site, f"{taxonomy}/", href), href


@pytest.mark.slow
def test_explore_has_a_world_map_whose_countries_link_to_their_pages(real_site):
    html = page(real_site, "explore/")
    figure = _svg(html, "world-map")
    shaded = re.findall(r'<a href="([^"]+)" tabindex="-1"><path class="map__step-([1-4])"', figure)
    assert shaded, "countries with practices are shaded"
    for href, _ in shaded:
        assert _resolves(real_site, "explore/", href), href
    table_links = [href for href, _ in links(figure[figure.index("<table>") :])]
    assert {href for href, _ in shaded} <= set(table_links)
    assert all(_resolves(real_site, "explore/", href) for href in table_links)
    # The map is loaded only where it is shown.
    assert "map__step-" not in page(real_site, "")
