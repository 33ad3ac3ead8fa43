"""Load throughput: the shipped data, and synthetic graphs written by the real batched writer,
against a naive loader that sends one row per transaction (the baseline)."""

import time

from graph.driver import GraphDatabaseClient
from graph.model import Label, Rel
from loaders.load import load_shipped_data
from loaders.plan import GraphPlan, Origin
from loaders.writer import BATCH_SIZE, relationship_rows, write_plan
from queries.registry import run_in, write, write_autocommit

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
    write_autocommit(db, "bench/delete_synthetic")


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


def floor_rates(db: GraphDatabaseClient, relationships: int) -> dict[str, float]:
    """Relationships per second for the same rows in one transaction without the writer's logic:
    only sent and unwound (rolled back), and a bare CREATE with the same properties (committed).
    They show how much of a load is the writer and how much is Bolt and the store."""
    wipe_synthetic(db)
    plan = synthetic_plan(relationships)
    write_plan(db, _nodes_only(plan))
    rows = [{"start": r.start, "end": r.end, "props": r.props} for r in plan.relationships.values()]
    rates: dict[str, float] = {}
    with db.driver.session(database=db.database) as session:
        for name, query, commit in (("unwind", "bench/floor_unwind", False), ("create", "bench/floor_create", True)):
            start = time.perf_counter()
            with session.begin_transaction() as tx:
                for batch in range(0, len(rows), BATCH_SIZE):
                    run_in(tx, query, rows=rows[batch:batch + BATCH_SIZE])
                if commit:
                    tx.commit()
            rates[name] = relationships / (time.perf_counter() - start)
    wipe_synthetic(db)
    return rates


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
