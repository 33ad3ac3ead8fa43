"""Paths and neighbourhoods checked against the data files (the load plan), not against Cypher."""

from collections import Counter, defaultdict

import pytest
from fastapi.testclient import TestClient

from graph.model import Rel
from loaders.dataset import SHIPPED_DATA_DIR, plan_dataset
from loaders.plan import GraphPlan
from queries.unplaced import NODE_FACT
from tests.viz import on_day
from tests.viz.on_day import shortest


@pytest.fixture(scope="module")
def plan() -> GraphPlan:
    return plan_dataset(SHIPPED_DATA_DIR)


@pytest.fixture(scope="module")
def links(plan: GraphPlan) -> set[tuple[str, str, str]]:
    return {(str(rel), start, end) for rel, start, end in plan.relationships}


@pytest.fixture(scope="module")
def adjacency(plan: GraphPlan) -> dict[str, Counter[str]]:
    """Undirected multigraph: node -> neighbour -> number of relationships between them."""
    graph: dict[str, Counter[str]] = defaultdict(Counter)
    for _, start, end in plan.relationships:
        graph[start][end] += 1
        graph[end][start] += 1
    return graph


def ball(adjacency: dict[str, Counter[str]], start: str, depth: int) -> set[str]:
    seen, frontier = {start}, {start}
    for _ in range(depth):
        frontier = {n for node in frontier for n in adjacency[node]} - seen
        seen |= frontier
    return seen


@pytest.mark.parametrize(("start", "end"), [("JPN", "NSCG"), ("AFG", "NSS_19"), ("NSCG", "CPPNM"), ("TUV", "ICSANT")])
def test_shortest_paths_match_the_files(client: TestClient, adjacency: dict[str, Counter[str]],
                                        links: set[tuple[str, str, str]], start: str, end: str) -> None:
    expected_length, expected_total = shortest(adjacency, start, end)
    response = client.get("/api/v1/paths", params={"from": start, "to": end, "limit": 100})
    assert response.status_code == 200, response.text
    body = response.json()
    if expected_length is None or expected_length > 6:
        assert body["paths"] == [] and body["length"] is None
        return
    assert body["length"] == expected_length
    assert body["total"] == expected_total
    assert body["count"] == min(expected_total, 100)
    for path in body["paths"]:
        ids = [node["id"] for node in path["nodes"]]
        assert ids[0] == start and ids[-1] == end and len(ids) == len(set(ids)) == expected_length + 1
        for index, step in enumerate(path["relationships"]):
            assert (step["type"], step["start"], step["end"]) in links, step
            here, there = ids[index], ids[index + 1]
            assert (step["start"], step["end"]) == ((here, there) if step["direction"] == "out" else (there, here))
            assert "sources" in step["properties"]


def test_max_hops_below_the_shortest_gives_no_path(client: TestClient, adjacency: dict[str, Counter[str]]) -> None:
    length, _ = shortest(adjacency, "AFG", "NSS_19")
    assert length is not None and length > 1
    body = client.get("/api/v1/paths", params={"from": "AFG", "to": "NSS_19", "max_hops": length - 1}).json()
    assert body["paths"] == [] and body["total"] == 0 and body["length"] is None


def test_unconnected_nodes_give_an_empty_list(client: TestClient, plan: GraphPlan,
                                              adjacency: dict[str, Counter[str]]) -> None:
    isolated = sorted(node_id for node_id in plan.nodes if not adjacency[node_id])
    if not isolated:
        pytest.skip("every node in the data is linked")
    response = client.get("/api/v1/paths", params={"from": isolated[0], "to": "NSCG"})
    assert response.status_code == 200
    assert response.json()["paths"] == []


def test_path_to_itself_is_length_zero(client: TestClient) -> None:
    body = client.get("/api/v1/paths", params={"from": "JPN", "to": "JPN"}).json()
    assert body["length"] == 0 and [node["id"] for node in body["paths"][0]["nodes"]] == ["JPN"]


@pytest.mark.parametrize(("params", "suggested"), [({"from": "JAPAN", "to": "NSCG"}, "JPN"),
                                                   ({"from": "JPN", "to": "NSGC"}, "NSCG")])
def test_unknown_ids_are_404_with_suggestions(client: TestClient, params: dict[str, str], suggested: str) -> None:
    response = client.get("/api/v1/paths", params=params)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert suggested in response.json()["suggestions"]


@pytest.mark.parametrize("max_hops", [0, 7])
def test_max_hops_out_of_range_is_422(client: TestClient, max_hops: int) -> None:
    assert client.get("/api/v1/paths", params={"from": "JPN", "to": "NSCG", "max_hops": max_hops}).status_code == 422


def test_neighbourhood_depth_1_matches_the_files(client: TestClient, adjacency: dict[str, Counter[str]],
                                                 links: set[tuple[str, str, str]]) -> None:
    response = client.get("/api/v1/graph/ICSANT", params={"depth": 1})
    assert response.status_code == 200, response.text
    body = response.json()
    ids = [node["id"] for node in body["nodes"]]
    assert ids[0] == "ICSANT" and body["focus_id"] == "ICSANT"
    assert len(ids) == 1 + len(adjacency["ICSANT"]) == len(set(ids))
    assert set(ids) == {"ICSANT", *adjacency["ICSANT"]}
    induced = {link for link in links if link[1] in ids and link[2] in ids}
    assert {(edge["type"], edge["source"], edge["target"]) for edge in body["edges"]} == induced
    assert len(body["edges"]) == len(induced)
    assert body["truncated"] is False and body["note"] is None


def test_neighbourhood_depth_2_matches_the_files(client: TestClient, adjacency: dict[str, Counter[str]]) -> None:
    expected = ball(adjacency, "NSCG", 2)
    body = client.get("/api/v1/graph/NSCG", params={"depth": 2, "limit": 2000}).json()
    assert {node["id"] for node in body["nodes"]} == expected


def test_neighbourhood_is_capped_and_says_so(client: TestClient, adjacency: dict[str, Counter[str]]) -> None:
    assert len(adjacency["ICSANT"]) > 10
    body = client.get("/api/v1/graph/ICSANT", params={"depth": 2, "limit": 10}).json()
    assert len(body["nodes"]) == 10 and body["truncated"] is True
    assert "10" in body["note"] and "limit" in body["note"]
    ids = {node["id"] for node in body["nodes"]}
    assert all(edge["source"] in ids and edge["target"] in ids for edge in body["edges"])


def test_neighbourhood_is_a_viz_graph_view(client: TestClient) -> None:
    views = pytest.importorskip("queries.view_models")
    body = client.get("/api/v1/graph/NSCG").json()
    view = views.GraphView.model_validate(body)
    assert view.focus_id == "NSCG" and len(view.nodes) == len(body["nodes"])
    assert all(edge.sources for edge in view.edges)
    assert all(edge.type in {str(rel) for rel in Rel} for edge in view.edges)


def test_neighbourhood_unknown_id_and_bad_depth(client: TestClient) -> None:
    response = client.get("/api/v1/graph/ICSNAT")
    assert response.status_code == 404 and "ICSANT" in response.json()["suggestions"]
    assert client.get("/api/v1/graph/ICSANT", params={"depth": 4}).status_code == 422


# -- as of a day: the expected graph of the day from the files (tests.viz.on_day) -------------------------


@pytest.mark.parametrize("day", on_day.days())
@pytest.mark.parametrize(("start", "end"), [("JPN", "NSCG"), ("JPN", "CPPNM"), ("KAZ", "ICSANT"), ("USA", "NSS_2016")])
def test_shortest_paths_of_a_day_walk_only_what_counts(client: TestClient, day: str | None, start: str,
                                                       end: str) -> None:
    expected_length, expected_total = on_day.shortest(on_day.adjacency(day), start, end)
    there = on_day.there(start, day) and on_day.there(end, day)
    response = client.get("/api/v1/paths", params=on_day.params(day, **{"from": start, "to": end, "limit": 100}))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["as_of"] == day
    if not there or expected_length is None or expected_length > 6:
        assert body["paths"] == [] and body["length"] is None
    else:
        assert (body["length"], body["total"]) == (expected_length, expected_total)
        counting = on_day.counting(day)
        for path in body["paths"]:
            assert all(on_day.there(node["id"], day) for node in path["nodes"])
            assert all((step["type"], step["start"], step["end"]) in counting for step in path["relationships"])
    if day is None:
        assert body["exclusions"] is None
    else:
        named = {(fact["type"], fact["subject"], fact["object"]) for fact in body["exclusions"]["undated"]}
        assert named <= on_day.unplaced(day, "undated") | {(NODE_FACT, node, kind) for node, kind in
                                                          on_day.kinds().items()}


def test_a_path_before_the_summits_goes_around_them(client: TestClient) -> None:
    day = on_day.BEFORE_THE_SUMMITS
    body = client.get("/api/v1/paths", params={"from": "JPN", "to": "CPPNM", "max_hops": 6, "as_of": day}).json()
    assert not {node["id"] for path in body["paths"] for node in path["nodes"]} & set(on_day.SUMMITS)


@pytest.mark.parametrize("day", on_day.days())
@pytest.mark.parametrize("node_id", ["ICSANT", "NSCG"])
def test_neighbourhood_of_a_day_matches_the_files(client: TestClient, day: str | None, node_id: str) -> None:
    body = client.get(f"/api/v1/graph/{node_id}", params=on_day.params(day, depth=1, limit=2000)).json()
    assert body["as_of"] == day
    if not on_day.there(node_id, day):
        assert body["nodes"] == [] and body["edges"] == [] and "dated" in body["subtitle"]
        return
    counting = on_day.counting(day)
    expected = {node_id} | {n for key in counting if node_id in key[1:] for n in key[1:]}
    assert {node["id"] for node in body["nodes"]} == expected
    assert {(edge["type"], edge["source"], edge["target"]) for edge in body["edges"]} == {
        key for key in counting if key[1] in expected and key[2] in expected}
    if day is None:
        assert body["exclusions"] is None
        return
    for status in ("undated", "imprecise"):
        named = {(fact["type"], fact["subject"], fact["object"]) for fact in body["exclusions"][status]
                 if fact["type"] != NODE_FACT}
        around = {key for key in on_day.unplaced(day, status) if node_id in key[1:]}
        between = {key for key in on_day.unplaced(day, status) if key[1] in expected and key[2] in expected}
        assert named == around | between


def test_neighbourhood_and_paths_refuse_an_invalid_day(client: TestClient) -> None:
    for url in ("/api/v1/graph/ICSANT?as_of=2020-13-45", "/api/v1/paths?from=JPN&to=NSCG&as_of=2020-02-30"):
        response = client.get(url)
        assert response.status_code == 422 and response.headers["content-type"].startswith("application/problem+json")
