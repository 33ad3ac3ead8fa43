"""The stack stops cleanly on any signal: `nsgraph run` and `nsgraph serve` run as subprocesses,
stopped as a supervisor, `timeout` or Ctrl-C would (a signal to the process group). Nothing of them
is left running, they exit 0, and the store opens again without recovery. After a SIGKILL, the next
`nsgraph db start` finds what the dead run left and never runs a second DBMS over the same store."""

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import psutil
import pytest

from graph.driver import GraphDatabaseClient, connect
from graph.runtime import LocalNeo4j, RunningNeo4j, free_port
from graph.settings import Settings
from tests.conftest import REPO_ROOT

NSGRAPH = str(Path(sys.executable).with_name("nsgraph"))
START_TIMEOUT_S = 240
pytestmark = pytest.mark.timeout(1200)  # each test starts Neo4j twice and loads the data once: minutes under load


@pytest.fixture
def stack_settings(tmp_path: Path) -> Settings:
    if os.environ.get("NEO4J_URI"):
        pytest.skip("NEO4J_URI is set: these tests need a local database they may start and stop")
    return Settings(data_dir=tmp_path / "data", local_port=free_port(), api_port=free_port())


def environment(settings: Settings, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "NEO4J_URI"}
    return {**env, "DATA_DIR": str(settings.data_dir), "LOCAL_PORT": str(settings.local_port),
            "API_HOST": "127.0.0.1", "API_PORT": str(settings.api_port), **extra}


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """A command in a process group of its own, as a supervisor or a CI step runs it."""
    with log.open("wb") as out:
        return subprocess.Popen([NSGRAPH, *args], env=env, cwd=REPO_ROOT, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)


def wait_until_serving(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline_checks = START_TIMEOUT_S * 5
    for _ in range(deadline_checks):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert process.poll() is None, f"it exited with {process.returncode}:\n{log.read_text()}"
        threading.Event().wait(0.2)
    process.kill()
    raise AssertionError(f"it did not serve within {START_TIMEOUT_S} s:\n{log.read_text()}")


def launcher_of(settings: Settings) -> RunningNeo4j:
    running = LocalNeo4j(settings).recorded()
    assert running is not None, "no local Neo4j recorded in the pid file"
    return running


def gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def nothing_left(settings: Settings, pids: list[int]) -> None:
    runtime = LocalNeo4j(settings)
    for pid in pids:
        psutil.wait_procs([p for p in [_process(pid)] if p is not None], timeout=60)
        assert gone(pid), f"process {pid} is still running"
    assert runtime.launchers_over_store() == []
    assert not runtime.store_locked()
    assert runtime.recorded() is None and not runtime.state_file.exists()


def _process(pid: int) -> psutil.Process | None:
    try:
        return psutil.Process(pid)
    except psutil.NoSuchProcess:
        return None


def recoveries(settings: Settings) -> list[str]:
    debug_log = LocalNeo4j(settings).home / "logs" / "debug.log"
    return [line for line in debug_log.read_text().splitlines() if "recover" in line.lower()]


def reopened_node_count(settings: Settings) -> int:
    """Opens the store again with a fresh start (tied to this test) and counts its domain nodes and sources."""
    runtime = LocalNeo4j(settings)
    db = connect(settings, runtime.start(tie=True).uri)
    try:
        return int(db.read("MATCH (n) WHERE NOT n:GraphVersion RETURN count(n) AS n")[0]["n"])
    finally:
        db.close()
        runtime.stop()


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_run_stops_api_and_its_database_on_a_signal(stack_settings: Settings, tmp_path: Path,
                                                   shipped_counts: tuple[int, int],
                                                   stop_signal: signal.Signals) -> None:
    log = tmp_path / "run.log"
    run = start(["run"], environment(stack_settings), log)
    wait_until_serving(run, stack_settings.api_port, log)
    launcher = launcher_of(stack_settings)
    assert launcher.tied and launcher.parent_pid == run.pid

    os.killpg(run.pid, stop_signal)
    assert run.wait(timeout=120) == 0, log.read_text()

    nothing_left(stack_settings, [run.pid, launcher.pid])
    assert "Neo4j stopped" in log.read_text()
    assert reopened_node_count(stack_settings) == shipped_counts[0]  # the loaded graph, whole
    assert recoveries(stack_settings) == []


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_serve_stops_on_a_signal_and_leaves_a_database_it_did_not_start(
        neo4j_uri: str, db: GraphDatabaseClient, tmp_path: Path, stop_signal: signal.Signals) -> None:
    port = free_port()
    env = {**os.environ, "NEO4J_URI": neo4j_uri, "API_HOST": "127.0.0.1", "API_PORT": str(port),
           "QUERY_TIMEOUT_S": "300", "SHUTDOWN_GRACE_S": "2"}
    log = tmp_path / "serve.log"
    serve = start(["serve"], env, log)
    wait_until_serving(serve, port, log)
    in_flight: list[httpx.Response | Exception] = []

    def heavy() -> None:  # still running when the signal comes: cancelled after the grace period
        try:
            in_flight.append(httpx.post(f"http://127.0.0.1:{port}/api/v1/cypher", timeout=300,
                                        json={"query": "UNWIND range(1, 100000000000) AS x RETURN count(x)"}))
        except httpx.HTTPError as error:
            in_flight.append(error)

    client = threading.Thread(target=heavy)
    client.start()
    threading.Event().wait(1)
    os.killpg(serve.pid, stop_signal)
    assert serve.wait(timeout=120) == 0, log.read_text()
    client.join(timeout=120)
    assert in_flight, "the in-flight request neither answered nor failed"
    with pytest.raises(httpx.TransportError):
        httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
    assert db.read("RETURN 1 AS one")[0]["one"] == 1  # the database it did not start still answers


def test_after_sigkill_the_next_start_stops_what_the_dead_run_left(stack_settings: Settings, tmp_path: Path) -> None:
    log = tmp_path / "run.log"
    run = start(["run"], environment(stack_settings), log)
    wait_until_serving(run, stack_settings.api_port, log)
    orphan = launcher_of(stack_settings)

    os.kill(run.pid, signal.SIGKILL)  # no chance to clean up: the launcher sees its stdin close
    run.wait(timeout=30)
    started = subprocess.run([NSGRAPH, "db", "start"], env=environment(stack_settings), cwd=REPO_ROOT,
                             capture_output=True, text=True, timeout=START_TIMEOUT_S, check=False)
    try:
        assert started.returncode == 0, started.stderr
        said = " ".join((started.stdout + started.stderr).split())
        assert "found an orphaned local Neo4j" in said or "removed a stale pid file" in said, said
        assert gone(orphan.pid)
        fresh = launcher_of(stack_settings)
        assert fresh.pid != orphan.pid and not fresh.tied
        assert [process.pid for process in LocalNeo4j(stack_settings).launchers_over_store()] == [fresh.pid]
        assert recoveries(stack_settings) == []
    finally:
        subprocess.run([NSGRAPH, "db", "stop"], env=environment(stack_settings), cwd=REPO_ROOT, check=False,
                       capture_output=True, timeout=120)
    nothing_left(stack_settings, [orphan.pid])


def test_an_orphan_that_outlived_its_parent_is_reported_and_stopped_cleanly(
        stack_settings: Settings, tmp_path: Path) -> None:
    runtime = LocalNeo4j(stack_settings)
    first = runtime.start()
    try:
        dead_parent = subprocess.Popen([sys.executable, "-c", "pass"])
        parent_started_at = psutil.Process(dead_parent.pid).create_time()
        dead_parent.wait()
        # as a launcher would be whose parent died without it noticing (an older launcher, a hung watcher)
        record = {**json.loads(runtime.state_file.read_text()), "tied": True, "parent_pid": dead_parent.pid,
                  "parent_started_at": parent_started_at, "parent_command": "nsgraph run"}
        runtime.state_file.write_text(json.dumps(record))
        status = subprocess.run([NSGRAPH, "db", "status"], env=environment(stack_settings), cwd=REPO_ROOT,
                                capture_output=True, text=True, timeout=60, check=False)
        assert status.returncode == 0
        assert f"pid:        {first.pid}" in status.stdout and f"port {first.port}" in status.stdout
        assert "this instance is an orphan" in " ".join(status.stdout.split())

        started = subprocess.run([NSGRAPH, "db", "start"], env=environment(stack_settings), cwd=REPO_ROOT,
                                 capture_output=True, text=True, timeout=START_TIMEOUT_S, check=False)
        assert started.returncode == 0, started.stderr
        assert f"found an orphaned local Neo4j (pid {first.pid}" in " ".join(started.stderr.split())
        assert gone(first.pid)
        fresh = launcher_of(stack_settings)
        assert [process.pid for process in runtime.launchers_over_store()] == [fresh.pid]
        assert recoveries(stack_settings) == []
    finally:
        runtime.stop()  # the fresh one (recorded), and reaps the first, which `db start` stopped
