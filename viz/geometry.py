"""World map geometry: Natural Earth 1:50m country shapes (npm `world-atlas`, TopoJSON) decoded here and
projected once per process into SVG path data keyed by ISO 3166 alpha-3.

Natural Earth ids are ISO 3166 numeric codes, mapped to alpha-3 with pycountry. The pitfalls, and what the
map does with each (also in the README):
- shapes with no ISO code: Kosovo (no ISO 3166 code; drawn as XKX, the code the graph would use), and the
  de facto entities Somaliland and N. Cyprus, drawn with the State the UN recognises (SOM, CYP), since the
  graph records facts of recognised States only; Siachen Glacier and "Indian Ocean Ter." stay neutral;
- two shapes with one code (Australia and the Ashmore and Cartier Islands) are one State;
- overseas territories with their own ISO code (Greenland, Puerto Rico, New Caledonia, ...) are not States
  of the graph: drawn neutral, named as territories, never coloured with their State (a treaty's extension
  to territories is not in the data); territories inside a State's own shape (French Guiana in France)
  are coloured with it, as Natural Earth draws them;
- States with no shape at this scale (Tuvalu, and historical States such as the USSR) and shapes too small
  to see get a marker (a circle with the same attributes): the small ones on their shape, the shapeless
  ones in a row under the map, never at an invented place;
- shapes crossing the antimeridian (Russia's Chukotka, Fiji) are not cut in the TopoJSON: their rings are
  made continuous, and the sliver past the map's edge is cut off by the drawing;
- Antarctica is left out (no State's territory in the graph).
"""

import itertools
import json
import math
from dataclasses import dataclass
from functools import cache

import pycountry

from viz.npm_cache import package_file

ATLAS = ("world-atlas", "countries-50m.json")
WIDTH = 960
SMALL_AREA_PX = 6.0
"""A State whose shapes' projected area is below this (at WIDTH) also gets a marker: under a 2.5 px square."""
MIN_STEP_PX = 0.6
"""Points closer than this (Manhattan distance, at WIDTH) to the previous one are not drawn."""

NO_ISO_CODE: dict[str, str | None] = {"Kosovo": "XKX", "Somaliland": "SOM", "N. Cyprus": "CYP",
                                      "Siachen Glacier": None, "Indian Ocean Ter.": None}
"""Natural Earth shapes without an ISO numeric id, by their name: the State drawn with them (None: neutral)."""
LEFT_OUT = frozenset({"010"})
"""Antarctica."""


@dataclass(frozen=True)
class Shape:
    iso3: str | None
    name: str
    path: str
    area: float
    center: tuple[float, float]
    bottom: float


def _natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """The Natural Earth projection (Šavrič et al. 2011, as in d3-geo's geoNaturalEarth1Raw)."""
    lam, phi = math.radians(lon), math.radians(lat)
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    return x, y


X_MAX = _natural_earth(180, 0)[0]
Y_MAX = _natural_earth(0, 90)[1]
SCALE = WIDTH / (2 * X_MAX)


def _to_px(lon: float, lat: float) -> tuple[float, float]:
    x, y = _natural_earth(lon, lat)
    return round((x + X_MAX) * SCALE, 1), round((Y_MAX - y) * SCALE, 1)


def _thin(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The longitude/latitude points of an arc whose pixels lie at least MIN_STEP_PX from the last one kept
    (arc ends stay, so the borders two shapes share still meet)."""
    if len(points) < 2:
        return points
    kept, last = points[:1], _to_px(*points[0])
    for point in points[1:-1]:
        x, y = _to_px(*point)
        if abs(x - last[0]) + abs(y - last[1]) >= MIN_STEP_PX:
            kept.append(point)
            last = (x, y)
    return [*kept, points[-1]]


def _path(rings: list[list[tuple[float, float]]]) -> str:
    """SVG path data with relative steps (shorter than absolute coordinates)."""
    parts = []
    for ring in rings:
        x0, y0 = ring[0]
        steps = [f"M{x0:g},{y0:g}"]
        for x, y in ring[1:]:
            steps.append(f"{round(x - x0, 1):g},{round(y - y0, 1):g}")
            x0, y0 = x, y
        parts.append(steps[0] + "l" + " ".join(steps[1:]) + "z")
    return "".join(parts)


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc as longitude/latitude points: TopoJSON arcs are delta-encoded quantized positions."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(_thin(points))
    return decoded


def _unwrapped(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian (Russia's Chukotka, Fiji) made continuous: longitudes past 180
    or -180 are kept as such, so the part beyond the map's edge is cut off by the drawing, not drawn as a band
    across the whole map."""
    out = [ring[0]]
    shift = 0.0
    for (lon0, _), (lon, lat) in itertools.pairwise(ring):
        if lon - lon0 > 180:
            shift -= 360
        elif lon0 - lon > 180:
            shift += 360
        out.append((lon + shift, lat))
    if sum(lon for lon, _ in out) / len(out) > 180:
        out = [(lon - 360, lat) for lon, lat in out]
    elif sum(lon for lon, _ in out) / len(out) < -180:
        out = [(lon + 360, lat) for lon, lat in out]
    return out


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A ring in pixels, from its arcs in longitude/latitude."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    pixels = [_to_px(lon, lat) for lon, lat in _unwrapped(points)] if points else []
    return [point for i, point in enumerate(pixels) if i == 0 or point != pixels[i - 1]]


def _area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def _iso3(geometry: dict) -> str | None:
    if "id" not in geometry:
        return NO_ISO_CODE.get(geometry["properties"]["name"])
    country = pycountry.countries.get(numeric=geometry["id"])
    return country.alpha_3 if country else None


@cache
def world_shapes() -> tuple[Shape, ...]:
    """Every shape of the atlas but Antarctica, projected; one per Natural Earth feature."""
    topology = json.loads(package_file(*ATLAS))
    arcs = _arcs(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") in LEFT_OUT or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        every = [_ring(ring, arcs) for polygon in polygons for ring in polygon]
        rings = [ring for ring in every if len(ring) >= 3]  # rings smaller than the rounding vanish
        path = _path(rings)
        largest = max(rings or every, key=lambda ring: (_area(ring), len(ring)))
        xs, ys = [x for x, _ in largest], [y for _, y in largest]
        area = sum(_area(ring) for ring in rings)
        bottom = max(y for ring in every for _, y in ring)
        shapes.append(Shape(_iso3(geometry), geometry["properties"]["name"], path, area,
                            (round((min(xs) + max(xs)) / 2, 1), round((min(ys) + max(ys)) / 2, 1)), bottom))
    return tuple(shapes)



def map_height() -> int:
    """The drawing ends just below the southernmost shape (Antarctica is left out)."""
    return math.ceil(max(shape.bottom for shape in world_shapes())) + 4
