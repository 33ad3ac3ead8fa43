"""Load throughput: the shipped data, and synthetic graphs written by the real batched writer,
against a naive loader that sends one row per transaction (the baseline)."""

import time

from graph.driver import GraphDatabaseClient
from graph.model import Label, Rel
from loaders.load import load_shipped_data
from loaders.plan import GraphPlan, Origin
from loaders.writer import relationship_rows, write_plan
from queries.registry import write, write_autocommit

ORIGIN = Origin("synthetic", None)
NAIVE_SAMPLE = 1000


def synthetic_plan(relationships: int, fan_out: int = 10) -> GraphPlan:
    """`relationships` SUBSCRIBED_TO facts, each sourced: every synthetic State subscribes to
    `fan_out` of the commitments, spread evenly, so the graph is as sparse as the real one."""
    plan = GraphPlan()
    plan.add_node(Label.SOURCE, "BENCH_SOURCE", {"title": "synthetic", "publisher": "bench", "url": None,
                                                 "as_of": "2026-11-27", "kind": "dataset", "note": None}, ORIGIN)
    states = -(-relationships // fan_out)
    commitments = max(fan_out, states // 10)
    for c in range(commitments):
        plan.add_node(Label.COMMITMENT, f"BENCH_C{c}", {"name": f"Commitment {c}", "kind": "commitment",
                                                        "sources": ["BENCH_SOURCE"]}, ORIGIN)
    for s in range(states):
        plan.add_node(Label.STATE, f"BENCH_S{s}", {"name": f"State {s}", "kind": "state",
                                                   "sources": ["BENCH_SOURCE"]}, ORIGIN)
    props = {"role": "subscriber", "date": "2016-04-01", "sources": ["BENCH_SOURCE"], "as_of": "2016-04-01",
             "confidence": "derived", "note": None}
    for n in range(relationships):
        state, slot = divmod(n, fan_out)
        commitment = (state + slot * (commitments // fan_out)) % commitments
        plan.add_relationship(Rel.SUBSCRIBED_TO, f"BENCH_S{state}", f"BENCH_C{commitment}", dict(props), ORIGIN)
    return plan


def wipe_synthetic(db: GraphDatabaseClient) -> None:
    """Deletes the synthetic nodes, then moves the graph version on: the API must not serve them."""
    write_autocommit(db, "bench/delete_synthetic")
    write(db, "load/advance_version")


def shipped_load_seconds(db: GraphDatabaseClient) -> float:
    start = time.perf_counter()
    load_shipped_data(db)
    return time.perf_counter() - start


def batched_rate(db: GraphDatabaseClient, relationships: int) -> tuple[float, float]:
    """Seconds and relationships per second for one all-or-nothing load of a synthetic graph."""
    wipe_synthetic(db)
    plan = synthetic_plan(relationships)
    start = time.perf_counter()
    write_plan(db, plan)
    seconds = time.perf_counter() - start
    wipe_synthetic(db)
    return seconds, relationships / seconds


def naive_rate(db: GraphDatabaseClient) -> float:
    """Relationships per second when every row is its own transaction and round trip."""
    wipe_synthetic(db)
    plan = synthetic_plan(NAIVE_SAMPLE)
    write_plan(db, _nodes_only(plan))
    [(rel_type, rows)] = relationship_rows(plan.relationships.values()).items()
    start = time.perf_counter()
    for row in rows:
        write(db, "load/upsert_relationships", relationship_type=rel_type, rows=[row])
    seconds = time.perf_counter() - start
    wipe_synthetic(db)
    return len(rows) / seconds


def _nodes_only(plan: GraphPlan) -> GraphPlan:
    return GraphPlan(nodes=plan.nodes, sources=plan.sources)
