"""Server-side layouts: deterministic, every node placed, the focus in the middle, nodes kept apart, and a
cache keyed by the drawn content (checked through its counters, never timing)."""

import math
import statistics

import pytest

from queries.view_models import GraphView
from tests.viz.conftest import TREATY_ID, sample_view, star_view
from viz import layouts
from viz.networks import to_network


def content(view: GraphView) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    return ([(node.id, node.kind) for node in view.nodes], [(e.source, e.target, e.type) for e in view.edges])


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    layouts.layout.cache_clear()


def test_every_node_is_placed_and_the_focus_is_in_the_middle() -> None:
    view = sample_view()
    nodes, edges = content(view)
    placed = layouts.positions(nodes, edges, view.focus_id)
    assert set(placed) == {node.id for node in view.nodes}
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in placed.values())
    assert placed[TREATY_ID] == (0, 0)
    assert len(set(placed.values())) == len(placed)  # no two nodes on one spot


def test_the_same_drawing_gets_the_same_layout_whatever_the_order() -> None:
    nodes, edges = content(star_view(leaves=80))
    first = layouts.positions(nodes, edges)
    layouts.layout.cache_clear()
    assert layouts.positions(list(reversed(nodes)), list(reversed(edges))) == first
    assert layouts.layout.cache_info().misses == 1  # computed again, not taken from the cache


def test_identical_content_hits_the_cache_and_changed_content_misses() -> None:
    view = sample_view()
    nodes, edges = content(view)
    layouts.positions(nodes, edges, view.focus_id)
    layouts.positions(list(nodes), list(edges), view.focus_id)
    assert layouts.layout.cache_info()[:2] == (1, 1)  # hits, misses
    retyped = [(source, target, "MEMBER_OF" if i == 0 else kind) for i, (source, target, kind) in enumerate(edges)]
    layouts.positions(nodes, retyped, view.focus_id)
    layouts.positions(nodes, edges[1:], view.focus_id)
    layouts.positions(nodes, edges, None)
    assert layouts.layout.cache_info()[:2] == (1, 4)


def test_nodes_are_kept_apart_and_edges_long_enough() -> None:
    nodes, edges = content(star_view(leaves=400))
    placed = layouts.positions(nodes, edges)
    points = list(placed.values())
    gaps = [min(math.dist(p, q) for q in points if q is not p) for p in points]
    assert statistics.median(gaps) >= layouts.GAP_PX - 1  # rounded to whole pixels
    lengths = [math.dist(placed[source], placed[target]) for source, target, _ in edges]
    assert statistics.median(lengths) >= layouts.LARGE_EDGE_PX - 1


def test_tiny_drawings() -> None:
    assert layouts.positions([], []) == {}
    assert layouts.positions([("a", "state")], []) == {"a": (0, 0)}
    pair = layouts.positions([("a", "state"), ("b", "topic")], [("a", "b", "ADDRESSES"), ("a", "a", "SELF")])
    assert pair["a"] != pair["b"]


def test_the_network_carries_the_positions_with_physics_off() -> None:
    view = sample_view()
    net = to_network(view)
    nodes, edges = content(view)
    placed = layouts.positions(nodes, edges, view.focus_id)
    assert {node["id"]: (node["x"], node["y"]) for node in net.nodes} == placed
    assert net.options["physics"]["enabled"] is False
    assert net.options["physics"]["solver"] == "forceAtlas2Based"  # what the page's relayout runs
