"""Node positions computed on the server, so a page draws its network at once with physics off.

The layout is Fruchterman-Reingold from igraph (its C core; from `LARGE` nodes its grid variant), chosen by
measurement: on a 5,000-node graph shaped like ours it takes ~0.6 s, where networkx's `spring_layout` needs
scipy from 500 nodes on and took 30 s (20 iterations) and its `forceatlas2_layout` is dense (7 s for 1,000).
Every node is also tied by a weak edge to the focus (or, without one, to a virtual centre): a gentle gravity
that keeps unconnected nodes near the rest instead of drifting to the rim. The focus is pinned at (0, 0), so a
State's or an instrument's page has it in the middle with its neighbours (an instrument's grouped by region
around their region node). igraph's random numbers (its start positions) come from a fixed seed: the same
drawing always gets the same layout. Positions are scaled to vis pixels so that the median edge is at
least `EDGE_PX` long (the spring length the live physics used) and the median gap to a nearest neighbour at
least `GAP_PX`, which keeps most labels apart.

Cache: layouts are kept in a bounded LRU (`functools.lru_cache`) keyed by the drawing itself: the focus, the
drawn node ids with their kinds and the drawn edges with their types, sorted. That key is a content
fingerprint compared in full (hash, then equality; no digest collisions), and at least as strong as a graph
version: the same content gets the same layout, and a new version that changes what a view draws changes the
key, while one that does not keeps the hit.
"""

import random
import threading
from functools import lru_cache
from typing import NamedTuple

import igraph
import numpy

SEED = 7
EDGE_PX = 160
LARGE_EDGE_PX = 90
LARGE = 300
"""From this many nodes edges are drawn shorter (as the live physics did), so big views stay compact."""
GAP_PX = 48
"""The typical distance from a node to its nearest neighbour: a label's height and some."""
GRAVITY = 0.05
"""Weight of the tie from each node to the centre, against 1 for a real edge."""
CACHE_SIZE = 128

Point = tuple[float, float]
Pixel = tuple[int, int]
"""vis keeps whole pixels (its `getPositions` rounds), and integers keep the page's JSON short."""
_rng_lock = threading.Lock()
"""igraph's random number generator is global: one layout at a time draws from it."""


class Drawing(NamedTuple):
    """What a layout depends on, in a canonical order: the cache key."""

    focus: str | None
    nodes: tuple[tuple[str, str], ...]
    """(id, kind), sorted by id."""
    edges: tuple[tuple[str, str, str], ...]
    """(source, target, type), sorted."""


def drawing(nodes: list[tuple[str, str]], edges: list[tuple[str, str, str]], focus: str | None) -> Drawing:
    """The canonical key of nodes (id, kind) and edges (source, target, type); the focus counts only if drawn."""
    ids = {node_id for node_id, _ in nodes}
    return Drawing(focus if focus in ids else None, tuple(sorted(set(nodes))), tuple(sorted(set(edges))))


def positions(nodes: list[tuple[str, str]], edges: list[tuple[str, str, str]],
              focus: str | None = None) -> dict[str, Pixel]:
    """Every node's (x, y) in vis pixels, from the cache when the same drawing was laid out before."""
    key = drawing(nodes, edges, focus)
    return dict(zip((node_id for node_id, _ in key.nodes), layout(key), strict=True))


@lru_cache(maxsize=CACHE_SIZE)
def layout(key: Drawing) -> tuple[Pixel, ...]:
    """The positions of `key.nodes`, in that order (a tuple: cached values are shared)."""
    count = len(key.nodes)
    if count <= 1:
        return ((0, 0),) * count
    index = {node_id: i for i, (node_id, _) in enumerate(key.nodes)}
    pairs = sorted({(min(index[s], index[t]), max(index[s], index[t])) for s, t, _ in key.edges
                    if s in index and t in index and s != t})
    centre = index[key.focus] if key.focus is not None else count
    size = count if key.focus is not None else count + 1
    ties = [(min(i, centre), max(i, centre)) for i in range(count) if i != centre]
    graph = igraph.Graph(n=size, edges=[*pairs, *ties])
    weights = [1.0] * len(pairs) + [GRAVITY] * len(ties)
    low, high = [float("-inf")] * size, [float("inf")] * size
    low[centre] = high[centre] = 0.0
    with _rng_lock:
        igraph.set_random_number_generator(random.Random(SEED))
        placed = graph.layout_fruchterman_reingold(weights=weights, minx=low, maxx=high, miny=low, maxy=high,
                                                   grid=count >= LARGE)
    coords = [(float(x), float(y)) for x, y in placed.coords[:count]]
    return _to_pixels(coords, pairs, LARGE_EDGE_PX if count >= LARGE else EDGE_PX, centred=key.focus is not None)


def _to_pixels(coords: list[Point], pairs: list[tuple[int, int]], edge_px: float,
               centred: bool) -> tuple[Pixel, ...]:
    """Scales so the median drawn edge is at least `edge_px` long and a node's nearest neighbour is typically at
    least `GAP_PX` away (hub-heavy views pack leaves tightly however long their edges); without a focus, centres
    the drawing on (0, 0)."""
    points = numpy.asarray(coords)
    if not centred:
        points -= (points.min(axis=0) + points.max(axis=0)) / 2
    edges = numpy.asarray(pairs, dtype=int).reshape(-1, 2)
    lengths = numpy.linalg.norm(points[edges[:, 0]] - points[edges[:, 1]], axis=1)
    factors = [GAP_PX / gap for gap in [_median_gap(points)] if gap > 0]
    if lengths.size and numpy.median(lengths) > 0:
        factors.append(edge_px / float(numpy.median(lengths)))
    scaled = points * max(factors, default=1.0)
    return tuple((round(float(x)), round(float(y))) for x, y in scaled)


def _median_gap(points: numpy.ndarray, rows: int = 256, sample: int = 1000) -> float:
    """The median distance from a node to its nearest neighbour, over every k-th node when there are more than
    `sample` (a median needs no more; blocks of rows keep memory small)."""
    step = max(1, len(points) // sample)
    nearest = []
    for start in range(0, len(points), rows * step):
        chosen = numpy.arange(start, min(start + rows * step, len(points)), step)
        squared = ((points[chosen][:, None, :] - points[None, :, :]) ** 2).sum(axis=-1)
        squared[numpy.arange(len(chosen)), chosen] = numpy.inf
        nearest.append(squared.min(axis=1))
    return float(numpy.sqrt(numpy.median(numpy.concatenate(nearest))))
