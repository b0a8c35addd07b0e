"""Regenerate hooks/micic/world-shapes.json, the world map's country shapes.

python scripts/world_map.py   (after `npm ci`, which installs the pinned world-atlas)

The shapes change only when world-atlas or the projection does, so the result is committed
and building the site needs no Node.js.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable
from pathlib import Path

import pycountry

from micic.charts import SHAPES_FILE

ROOT = Path(__file__).resolve().parent.parent

# --- Decoding and projecting the shapes ------------------------------------------------------

MAP_WIDTH = 1000
# Equal Earth projection (Šavrič, Patterson and Jenny, 2018): equal-area, so a country's
# colour covers its true share of the map.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2
_X_MAX = 2 * math.sqrt(3) * math.pi / (3 * _A1)  # x at longitude 180° on the equator


def equal_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """Degrees → (x, y) in map units: x from 0 to MAP_WIDTH, y growing southwards."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    scale = MAP_WIDTH / (2 * _X_MAX)
    return (x + _X_MAX) * scale, -y * scale


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantised, delta-encoded arcs → lists of (longitude, latitude)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arc_ids: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in arc_ids:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)  # consecutive arcs share an end point
    return points


def _unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the 180th meridian (eastern Russia, Fiji) would be drawn with a
    line across the whole map: move its western points past 180° instead, so it stays in
    one piece, a little beyond the map's eastern edge."""
    if all(abs(a[0] - b[0]) <= 180 for a, b in zip(ring, ring[1:], strict=False)):
        return ring
    return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]


def _path(rings: Iterable[list[tuple[float, float]]]) -> str:
    """Rings → compact SVG path data: whole map units, relative moves."""
    parts = []
    for ring in rings:
        projected = [equal_earth(lon, lat) for lon, lat in ring]
        points = []
        for x, y in projected:
            point = (round(x), round(y))
            if not points or point != points[-1]:
                points.append(point)
        if len(set(points)) < 3:
            continue  # smaller than a map unit at this scale
        (x0, y0), moves = points[0], []
        previous = points[0]
        for x, y in points[1:]:
            moves.append(f"{x - previous[0]} {y - previous[1]}")
            previous = (x, y)
        parts.append(f"M{x0} {y0}l" + " ".join(moves).replace(" -", "-") + "z")
    return "".join(parts)


def country_shapes(topology: dict, drop: Iterable[str] = ("AQ",)) -> dict:
    """A world-atlas TopoJSON topology → {"viewBox", "countries": {ISO alpha-2: path}}.

    world-atlas identifies countries by ISO 3166-1 numeric code; a few disputed areas have
    none and are left out. Antarctica is dropped: it has no practices and takes much room."""
    arcs = _arcs(topology)
    countries: dict[str, str] = {}
    top = bottom = None
    for geometry in topology["objects"]["countries"]["geometries"]:
        country = pycountry.countries.get(numeric=geometry.get("id") or "")
        if country is None or country.alpha_2 in drop:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [_unwrap(_ring(ring, arcs)) for polygon in polygons for ring in polygon]
        path = _path(rings)
        if not path:
            continue
        countries[country.alpha_2] = countries.get(country.alpha_2, "") + path
        ys = [equal_earth(lon, lat)[1] for ring in rings for lon, lat in ring]
        top = min(ys) if top is None else min(top, *ys)
        bottom = max(ys) if bottom is None else max(bottom, *ys)
    top, bottom = math.floor(top or 0), math.ceil(bottom or 0)
    return {
        "source": "Natural Earth 1:110m countries (public domain), via the npm package world-atlas (ISC licence); Equal Earth projection",
        "viewBox": f"0 {top} {MAP_WIDTH} {bottom - top}",
        "countries": dict(sorted(countries.items())),
    }


TOPOLOGY = ROOT / "node_modules" / "world-atlas" / "countries-110m.json"


def main() -> int:
    if not TOPOLOGY.exists():
        print(f"{TOPOLOGY.relative_to(ROOT)} is missing: run `npm ci` first", file=sys.stderr)
        return 1
    shapes = country_shapes(json.loads(TOPOLOGY.read_text(encoding="utf-8")))
    SHAPES_FILE.write_text(json.dumps(shapes, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(
        f"wrote {SHAPES_FILE.relative_to(ROOT)}: {len(shapes['countries'])} countries, {SHAPES_FILE.stat().st_size:,} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
