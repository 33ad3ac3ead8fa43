"""Heavy ad-hoc Cypher cannot starve the API: beyond CYPHER_CONCURRENCY, POST /api/v1/cypher is
refused with 429 and Retry-After, and a main read answers while the admitted queries run."""

from concurrent.futures import ThreadPoolExecutor, as_completed
from threading import Barrier

import httpx

from graph.driver import GraphDatabaseClient
from tests.servers import serving_process

LIMIT = 2
HEAVY = LIMIT + 3
HEAVY_QUERY = "UNWIND range(1, 100000000000) AS x RETURN count(x) AS n"  # runs until its time limit
TIME_LIMIT_S = 15
MAIN_READ = "/api/v1/instruments/ICSANT/parties"


def test_surplus_ad_hoc_queries_get_429_while_a_main_read_answers(neo4j_uri: str,
                                                                  loaded_db: GraphDatabaseClient) -> None:
    env = {"CYPHER_CONCURRENCY": str(LIMIT), "CYPHER_QUEUE_S": "0", "QUERY_TIMEOUT_S": str(TIME_LIMIT_S)}
    limits = httpx.Limits(max_connections=HEAVY + 2)
    with serving_process(neo4j_uri, env=env) as base_url, \
            httpx.Client(base_url=base_url, timeout=120, limits=limits) as client:
        idle_answer = client.get(MAIN_READ)
        assert idle_answer.status_code == 200
        together = Barrier(HEAVY)

        def heavy() -> httpx.Response:
            together.wait()
            return client.post("/api/v1/cypher", json={"query": HEAVY_QUERY})

        with ThreadPoolExecutor(HEAVY) as pool:
            futures = [pool.submit(heavy) for _ in range(HEAVY)]
            finished = as_completed(futures, timeout=120)
            refused = [next(finished).result() for _ in range(HEAVY - LIMIT)]  # the surplus answers at once
            admitted = [future for future in futures if not future.done()]
            during = client.get(MAIN_READ)
            still_running = [future for future in admitted if not future.done()]
            admitted_answers = [future.result(timeout=120) for future in admitted]

    assert [answer.status_code for answer in refused] == [429] * (HEAVY - LIMIT)
    for answer in refused:
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert int(answer.headers["Retry-After"]) >= 1
        assert f"{LIMIT} ad-hoc queries are already running" in answer.json()["detail"]
    assert len(admitted) == LIMIT
    assert during.status_code == 200 and during.json() == idle_answer.json()
    assert still_running == admitted, "the main read should have answered while the heavy queries ran"
    for answer in admitted_answers:  # admitted, then stopped by the time limit, not refused
        assert answer.status_code == 400 and "time limit" in answer.json()["detail"]
