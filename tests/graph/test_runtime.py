"""The local runtime's expected failures give one clear message that names the fix."""

import json
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from pydantic import SecretStr

from graph.driver import connect
from graph.errors import AuthenticationFailed, RuntimeSetupError
from graph.runtime import LocalNeo4j, free_port
from graph.settings import Settings


def fake_java(folder: Path, version_line: str) -> Path:
    """A JAVA_HOME whose `java -version` prints the given line (as a real JDK does, on stderr)."""
    java = folder / "bin" / "java"
    java.parent.mkdir(parents=True)
    java.write_text(f"#!/bin/sh\necho '{version_line}' >&2\n")
    java.chmod(java.stat().st_mode | stat.S_IEXEC)
    return folder


def test_too_old_java_is_refused_with_the_fix(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, java_home=fake_java(tmp_path / "jdk", 'openjdk version "11.0.2"'))
    with pytest.raises(RuntimeSetupError, match="needs Java 17 or 21: set JAVA_HOME"):
        LocalNeo4j(settings).java_executable()


def test_too_new_java_is_refused(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, java_home=fake_java(tmp_path / "jdk", 'openjdk version "25" 2025-09-16'))
    with pytest.raises(RuntimeSetupError, match="Java 25"):
        LocalNeo4j(settings).java_executable()


def test_missing_java_is_reported(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, java_home=tmp_path / "no-jdk")
    with pytest.raises(RuntimeSetupError, match="Java was not found"):
        LocalNeo4j(settings).java_executable()


def test_the_real_java_is_accepted(tmp_path: Path) -> None:
    assert Path(LocalNeo4j(Settings(data_dir=tmp_path)).java_executable()).exists()


def test_missing_maven_is_reported_when_jars_are_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    settings = Settings(data_dir=tmp_path, cache_dir=tmp_path / "cache")
    with pytest.raises(RuntimeSetupError, match="Maven"):
        LocalNeo4j(settings).ensure_jars()


def test_cached_jars_need_no_maven(settings: Settings, local_neo4j: LocalNeo4j | None,
                                   monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if local_neo4j is None:
        pytest.skip("NEO4J_URI is set: no local runtime")
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    assert (LocalNeo4j(settings).ensure_jars() / ".complete").exists()


@pytest.fixture
def occupied_port() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


@pytest.fixture
def password_neo4j(tmp_path_factory: pytest.TempPathFactory, occupied_port: int) -> Iterator[tuple[Settings, str]]:
    """A second local Neo4j with auth on, asked for a port that is taken (so it must pick another)."""
    if os.environ.get("NEO4J_URI"):
        pytest.skip("NEO4J_URI is set: no local runtime")
    settings = Settings(data_dir=tmp_path_factory.mktemp("auth-neo4j"), local_port=occupied_port,
                        neo4j_password="correct-horse-battery")
    runtime = LocalNeo4j(settings)
    running = runtime.start()
    yield settings, running.uri
    runtime.stop()


def test_taken_port_is_avoided_and_the_password_is_enforced(password_neo4j: tuple[Settings, str],
                                                            occupied_port: int) -> None:
    settings, uri = password_neo4j
    assert not uri.endswith(f":{occupied_port}")
    good = connect(settings, uri)
    try:
        assert good.read("RETURN 1 AS one") == [{"one": 1}]
    finally:
        good.close()
    wrong = connect(settings.model_copy(update={"neo4j_password": SecretStr("not-the-password")}), uri)
    try:
        with pytest.raises(AuthenticationFailed, match="NEO4J_PASSWORD"):
            wrong.verify()
    finally:
        wrong.close()


def test_status_and_stop_of_a_runtime_that_never_started(tmp_path: Path) -> None:
    runtime = LocalNeo4j(Settings(data_dir=tmp_path, local_port=free_port()))
    assert runtime.status() is None
    assert runtime.stop() is False


def pid_file(runtime: LocalNeo4j, pid: int, started_at: float) -> None:
    runtime.data_dir.mkdir(parents=True, exist_ok=True)
    runtime.state_file.write_text(json.dumps({"pid": pid, "uri": "bolt://127.0.0.1:1", "port": 1, "version": "5",
                                              "home": str(runtime.home), "started_at": started_at}))


def test_a_pid_file_whose_process_is_gone_or_recycled_is_not_taken_for_a_running_neo4j(tmp_path: Path) -> None:
    runtime = LocalNeo4j(Settings(data_dir=tmp_path, local_port=free_port()))
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    pid_file(runtime, finished.pid, 0.0)
    assert runtime.recorded() is None and not runtime.state_file.exists()
    me = psutil.Process()
    pid_file(runtime, me.pid, me.create_time() - 3600)  # a live pid, but not the process that was recorded
    assert runtime.recorded() is None and not runtime.state_file.exists()


def test_a_store_locked_by_another_program_is_refused_not_opened_twice(tmp_path: Path) -> None:
    runtime = LocalNeo4j(Settings(data_dir=tmp_path, local_port=free_port()))
    runtime.store_lock.parent.mkdir(parents=True)
    runtime.store_lock.touch()
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, sys, time\n"
                               f"f = open({str(runtime.store_lock)!r}, 'r+'); fcntl.lockf(f, fcntl.LOCK_EX)\n"
                               "print('locked', flush=True); time.sleep(120)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        assert runtime.store_locked()
        with pytest.raises(RuntimeSetupError, match="is locked by a process that is not this project's launcher"):
            runtime.start()
    finally:
        holder.kill()
        holder.communicate()
    assert not runtime.store_locked()
