"""Growth: the uncached main reads in a graph ten times the shipped one.

The synthetic architecture is the shipped one and nine renamed copies of it (ids `BENCH_<k>_...`,
names suffixed), written by the real loader in one transaction: 2,000 States, 80 instruments with
their dated consents, 80 initiatives and events, each copy as dense as the real data. The reads
still ask about the real ICSANT, JPN, NSCG and NSS 2016, so what grows is the graph around them
(indexes, label scans, the full-text index, which now finds ten 'Contact Group's).
"""

import copy
from dataclasses import dataclass

import httpx

from bench.harness import Latency, measure
from bench.latency import CASES, client, uncached
from bench.throughput import wipe_synthetic
from graph.driver import GraphDatabaseClient
from loaders.dataset import SHIPPED_DATA_DIR, plan_dataset
from loaders.plan import GraphPlan, Origin
from loaders.writer import write_plan
from queries.registry import read

COPIES = 9
REQUESTS = 100
ROUNDS = 5
ORIGIN = Origin("synthetic copy of the shipped data", None)
NAMED = ("name", "short_name")


def tenfold_plan(copies: int = COPIES) -> GraphPlan:
    """`copies` renamed copies of every shipped node and relationship, citing the shipped sources."""
    shipped = plan_dataset(SHIPPED_DATA_DIR)
    plan = GraphPlan()
    for k in range(1, copies + 1):
        for node in shipped.nodes.values():
            props = {key: value for key, value in copy.deepcopy(node.props).items() if key != "id"}
            for key in NAMED:
                if isinstance(props.get(key), str):
                    props[key] = f"{props[key]} {k}"
            plan.add_node(node.label, f"BENCH_{k}_{node.id}", props, ORIGIN)
        for rel in shipped.relationships.values():
            plan.add_relationship(rel.type, f"BENCH_{k}_{rel.start}", f"BENCH_{k}_{rel.end}",
                                  copy.deepcopy(rel.props), ORIGIN, corroborating=rel.corroborating)
    return plan


@dataclass
class Growth:
    case: str
    shipped: Latency
    tenfold: Latency

    @property
    def ratio(self) -> float:
        return self.tenfold.p50_ms / self.shipped.p50_ms


def _uncached_reads(http: httpx.Client, requests: int) -> dict[str, Latency]:
    measured = {}
    for case, path in CASES.items():
        for _ in range(3):
            http.get(uncached(path)).raise_for_status()
        measured[case] = measure(lambda path=path: http.get(uncached(path)).raise_for_status(), requests, 1)
    return measured


def graph_size(db: GraphDatabaseClient) -> tuple[int, int]:
    row = read(db, "bench/size")[0]
    return row["nodes"], row["relationships"]


def measure_growth(base_url: str, db: GraphDatabaseClient) -> tuple[list[Growth], tuple[int, int], tuple[int, int]]:
    """Uncached p50 of each main read on the shipped graph and with the nine copies loaded, in
    alternating rounds (load, measure, delete, measure) so the machine's drift is shared by both."""
    wipe_synthetic(db)
    plan = tenfold_plan()
    shipped = {case: Latency([], []) for case in CASES}
    tenfold = {case: Latency([], []) for case in CASES}
    with client(base_url) as http:
        before_size = graph_size(db)
        for _ in range(ROUNDS):
            for case, measured in _uncached_reads(http, REQUESTS // ROUNDS).items():
                shipped[case] += measured
            write_plan(db, plan)
            after_size = graph_size(db)
            for case, measured in _uncached_reads(http, REQUESTS // ROUNDS).items():
                tenfold[case] += measured
            wipe_synthetic(db)
    return [Growth(case, shipped[case], tenfold[case]) for case in CASES], before_size, after_size
