"""The local Neo4j: fetches the Community jars from Maven Central once, then starts and stops
an embedded DBMS with Bolt through the single-file Java launcher in `graph/neo4j_runtime/`.

Used when `NEO4J_URI` is not set, so a fresh clone needs no Docker and no Neo4j install.
"""

import fcntl
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

import psutil

from graph.errors import RuntimeSetupError
from graph.settings import Settings
from graph.shutdown import stop_signals_ignored

RUNTIME_DIR = Path(__file__).parent / "neo4j_runtime"
POM = RUNTIME_DIR / "pom.xml"
LAUNCHER = RUNTIME_DIR / "Neo4jLauncher.java"
READY_MARK = "NEO4J_READY"
FAILED_MARK = "NEO4J_FAILED"
SUPPORTED_JAVA = range(17, 22)  # Neo4j 5.26 runs on Java 17 and 21
JVM_FLAGS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-XX:+UseG1GC",
]


def neo4j_version() -> str:
    """The Neo4j version pinned in the runtime's pom (the one place it is written)."""
    match = re.search(r"<neo4j.version>([^<]+)</neo4j.version>", POM.read_text())
    if match is None:
        raise RuntimeSetupError(f"{POM} has no <neo4j.version> property")
    return match.group(1)


_TIED: dict[int, subprocess.Popen[bytes]] = {}
"""Launchers started by this process with `tie=True`, by pid: each one's stdin pipe must stay open
exactly as long as this process lives (the OS closes it when the process dies, however it dies)."""

Notify = Callable[[str], None]


def _quiet(_: str) -> None:
    """The default `notify`: library callers that want no messages."""


@dataclass(frozen=True)
class RunningNeo4j:
    """The pid file (`neo4j-runtime.json`): what `nsgraph db status` reports, what a second start
    reuses, and what tells an orphan (tied to a parent that died) from a detached instance."""

    pid: int
    uri: str
    port: int
    version: str
    home: str
    started_at: float = 0.0  # the launcher's process start time: a recycled pid is not taken for it
    parent_pid: int | None = None  # the process that started it
    parent_started_at: float = 0.0
    parent_command: str = ""
    tied: bool = False  # stops when its parent dies (`nsgraph run`); else detached (`nsgraph db start`)
    ready: bool = True  # False between the launch and Neo4j's READY line

    @property
    def orphaned(self) -> bool:
        """Tied to a parent that is gone (killed without a chance to stop it)."""
        return self.tied and not (self.parent_pid and _same_process(self.parent_pid, self.parent_started_at))

    def describe(self) -> str:
        """`nsgraph db status`: one line per fact."""
        if not self.tied:
            how = "detached: runs until `nsgraph db stop`"
        elif self.orphaned:
            how = "tied to it, which is gone: this instance is an orphan (the next start stops it)"
        else:
            how = "tied to it: stops when it stops"
        return "\n".join([f"pid:        {self.pid}", f"bolt:       {self.uri} (port {self.port})",
                          f"store:      {self.home}", f"version:    Neo4j {self.version}",
                          f"started by: pid {self.parent_pid} `{self.parent_command}` ({how})"])


class LocalNeo4j:
    """Installs, starts, finds and stops the project's own Neo4j under `settings.data_dir`."""

    def __init__(self, settings: Settings, data_dir: Path | None = None) -> None:
        self.settings = settings
        self.data_dir = (data_dir or settings.data_dir).resolve()
        self.home = self.data_dir / "neo4j"
        self.state_file = self.data_dir / "neo4j-runtime.json"
        self.lib_dir = settings.cache_dir / f"neo4j-{neo4j_version()}" / "lib"
        self._process: subprocess.Popen[bytes] | None = None  # kept so the child is reaped, not leaked

    # --- installation -------------------------------------------------------------------------

    def java_executable(self) -> str:
        """The `java` to use; refuses a missing one or a version Neo4j 5.26 does not run on."""
        java_home = self.settings.java_home or (Path(os.environ["JAVA_HOME"]) if "JAVA_HOME" in os.environ else None)
        java = str(java_home / "bin" / "java") if java_home else shutil.which("java")
        if not java or not Path(java).exists():
            raise RuntimeSetupError("Java was not found: install a JDK 17 or 21 (e.g. `apt-get install "
                                    "openjdk-17-jdk-headless`) or set JAVA_HOME")
        output = subprocess.run([java, "-version"], capture_output=True, text=True, check=False).stderr
        match = re.search(r'version "(\d+)(?:\.(\d+))?', output)
        major = int(match.group(1)) if match else 0
        if major == 1 and match and match.group(2):
            major = int(match.group(2))
        if major not in SUPPORTED_JAVA:
            raise RuntimeSetupError(f"{java} is Java {major or 'of unknown version'}; Neo4j {neo4j_version()} needs "
                                    "Java 17 or 21: set JAVA_HOME to such a JDK")
        return java

    def ensure_jars(self) -> Path:
        """Collects the Neo4j jars with Maven once; later starts reuse the cache without network."""
        marker = self.lib_dir / ".complete"
        if marker.exists():
            return self.lib_dir
        mvn = shutil.which("mvn")
        if mvn is None:
            raise RuntimeSetupError("Maven (`mvn`) was not found; it fetches the Neo4j jars once: "
                                    "install it (`apt-get install maven`) or set NEO4J_URI to an existing Neo4j")
        staging = self.lib_dir.with_name("lib.partial")
        shutil.rmtree(staging, ignore_errors=True)
        command = [mvn, "-q", "-B", "-f", str(POM), "dependency:copy-dependencies",
                   "-DincludeScope=runtime", f"-DoutputDirectory={staging}"]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
            raise RuntimeSetupError(f"Maven could not fetch the Neo4j {neo4j_version()} jars from Maven Central "
                                    f"(is the network up?):\n{tail}")
        shutil.rmtree(self.lib_dir, ignore_errors=True)
        staging.rename(self.lib_dir)
        marker.write_text(neo4j_version())
        return self.lib_dir

    # --- lifecycle ------------------------------------------------------------------------------

    @property
    def store_lock(self) -> Path:
        """The file Neo4j keeps locked while a DBMS has the store open (an fcntl lock, seen by any process)."""
        return self.home / "data" / "databases" / "store_lock"

    def store_locked(self) -> bool:
        """Whether some process holds the store (with or without a pid file saying so)."""
        if not self.store_lock.exists():
            return False
        fd = os.open(self.store_lock, os.O_RDWR)
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        finally:
            os.close(fd)  # closing releases the probe's lock, if it got one
        return False

    def recorded(self) -> RunningNeo4j | None:
        """The instance in the pid file if its launcher process is still alive (starting, running or
        orphaned); a pid file whose process is gone is removed."""
        if not self.state_file.exists():
            return None
        try:
            data = json.loads(self.state_file.read_text())
            known = {field.name for field in fields(RunningNeo4j)}
            running = RunningNeo4j(**{key: value for key, value in data.items() if key in known})
        except (ValueError, TypeError):
            running = None
        if running is not None and _same_process(running.pid, running.started_at):
            return running
        self.state_file.unlink(missing_ok=True)
        return None

    def status(self) -> RunningNeo4j | None:
        """The recorded instance if it is alive, ready and Bolt answers (orphans included)."""
        running = self.recorded()
        if running is not None and running.ready and _port_open(self.settings.local_host, running.port):
            return running
        return None

    def start(self, port: int | None = None, *, tie: bool = False, notify: Notify = _quiet) -> RunningNeo4j:
        """Starts Neo4j, or returns the instance already running, and waits until Bolt answers.

        `tie=True` ties a new instance to this process: it stops (checkpointed) when this process
        dies, even by SIGKILL. An orphan (tied to a process that died) is stopped cleanly first,
        and so is a launcher holding the store without a pid file: never two DBMSs on one store.
        """
        self._settle_previous(notify)
        if (running := self.status()) is not None:
            return running
        if (hung := self.recorded()) is not None:
            raise RuntimeSetupError(f"Neo4j pid {hung.pid} has the store {hung.home} open but its Bolt port "
                                    f"{hung.port} does not answer: stop it with `nsgraph db stop`")
        java = self.java_executable()
        lib = self.ensure_jars()
        host = self.settings.local_host
        port = port or self.settings.local_port
        if _port_open(host, port):
            port = free_port(host)
        self.home.mkdir(parents=True, exist_ok=True)
        out_log, err_log = self.data_dir / "launcher.out", self.data_dir / "launcher.err"
        env = dict(os.environ)
        if self.settings.neo4j_password is not None:
            env["NEO4J_LAUNCHER_PASSWORD"] = self.settings.neo4j_password.get_secret_value()
        command = [java, f"-Xmx{self.settings.neo4j_heap_mb}m", *JVM_FLAGS, "-cp", f"{lib}/*", str(LAUNCHER),
                   "--home", str(self.home), "--host", host, "--port", str(port),
                   "--tx-timeout-s", str(self.settings.neo4j_tx_timeout_s), "--stop-with-stdin", str(tie).lower()]
        with out_log.open("w") as out, err_log.open("w") as err:
            process = subprocess.Popen(command, stdout=out, stderr=err, env=env, start_new_session=True,
                                       stdin=subprocess.PIPE if tie else subprocess.DEVNULL)
        self._process = process
        if tie:
            _TIED[process.pid] = process
        me = psutil.Process()
        running = RunningNeo4j(pid=process.pid, uri=f"bolt://{host}:{port}", port=port, version="starting",
                               home=str(self.home), started_at=_start_time(process.pid),
                               parent_pid=me.pid, parent_started_at=me.create_time(),
                               parent_command=" ".join(me.cmdline()), tied=tie, ready=False)
        self._write(running)  # before READY: a parent killed while Neo4j starts still leaves its pid
        try:
            version = self._wait_ready(process, out_log, err_log)
        except BaseException:
            with stop_signals_ignored():
                self.stop()
            raise
        running = replace(running, version=version, ready=True)
        self._write(running)
        return running

    def _write(self, running: RunningNeo4j) -> None:
        partial = self.state_file.with_suffix(".partial")
        partial.write_text(json.dumps(asdict(running)))
        partial.replace(self.state_file)  # readers never see half a pid file

    def _settle_previous(self, notify: Notify) -> None:
        """Deals with what an earlier run left: an orphan or an unrecorded holder of the store is
        stopped cleanly; an instance starting under a live parent is waited for."""
        had_file = self.state_file.exists()
        previous = self.recorded()
        if previous is None and had_file:
            notify(f"removed a stale pid file in {self.data_dir}: its Neo4j is no longer running")
        if previous is not None and previous.orphaned:
            notify(f"found an orphaned local Neo4j (pid {previous.pid}, port {previous.port}) over {previous.home}, "
                   f"left by pid {previous.parent_pid} `{previous.parent_command}`, which is gone: stopping it "
                   "cleanly (checkpoint) before starting a new one")
            self.stop()
        elif previous is not None and not previous.ready:
            self._wait_started_elsewhere()
        if previous is None and self.store_locked():
            holders = self.launchers_over_store()
            if not holders:
                raise RuntimeSetupError(f"the store {self.home} is locked by a process that is not this project's "
                                        "launcher: stop it, or set DATA_DIR to another folder")
            for holder in holders:
                notify(f"found a local Neo4j without a pid file (pid {holder.pid}) holding the store {self.home}: "
                       "stopping it cleanly (checkpoint) before starting a new one")
                _terminate(holder.pid, timeout_s=60.0)
        deadline = time.monotonic() + 30
        while self.store_locked() and self.recorded() is None:  # the lock goes with the process
            if time.monotonic() > deadline:
                raise RuntimeSetupError(f"the store {self.home} is still locked after its Neo4j stopped: "
                                        "find the process holding it (`lsof` on its store_lock) and stop it")
            time.sleep(0.2)

    def _wait_started_elsewhere(self) -> None:
        deadline = time.monotonic() + self.settings.neo4j_start_timeout_s
        while (current := self.recorded()) is not None and not current.ready and time.monotonic() < deadline:
            time.sleep(0.2)

    def launchers_over_store(self) -> list[psutil.Process]:
        """This project's launcher processes whose `--home` is this store (found by command line)."""
        found = []
        for process in psutil.process_iter(["cmdline"]):
            args = process.info["cmdline"] or []
            if "--home" in args[:-1] and any(arg.endswith(LAUNCHER.name) for arg in args) \
                    and Path(args[args.index("--home") + 1]).resolve() == self.home:
                found.append(process)
        return found

    def _wait_ready(self, process: subprocess.Popen[bytes], out_log: Path, err_log: Path) -> str:
        deadline = time.monotonic() + self.settings.neo4j_start_timeout_s
        while time.monotonic() < deadline:
            for line in out_log.read_text().splitlines():
                if line.startswith(READY_MARK):
                    return line.split()[-1]
            if process.poll() is not None:
                raise RuntimeSetupError(f"Neo4j exited while starting (code {process.returncode}):\n"
                                        f"{self._diagnostics(err_log)}")
            time.sleep(0.2)
        process.terminate()
        raise RuntimeSetupError(f"Neo4j did not report ready within {self.settings.neo4j_start_timeout_s:.0f} s:\n"
                                f"{self._diagnostics(err_log)}")

    def _diagnostics(self, err_log: Path) -> str:
        lines = err_log.read_text().splitlines()
        failure = [line for line in lines if line.startswith(FAILED_MARK)]
        if any("Address already in use" in line or "BindException" in line for line in lines):
            return "the Bolt port is taken by another process: set LOCAL_PORT or stop that process"
        debug_log = self.home / "logs" / "debug.log"
        debug_tail = debug_log.read_text().splitlines()[-10:] if debug_log.exists() else []
        return "\n".join(failure or lines[-15:]) + ("\n" + "\n".join(debug_tail) if debug_tail else "")

    def stop(self, timeout_s: float = 60.0) -> bool:
        """Stops the recorded instance with SIGTERM (Neo4j checkpoints the store); False if none ran."""
        running = self.recorded()
        if running is not None:
            _terminate(running.pid, timeout_s)
            self.state_file.unlink(missing_ok=True)
        self._reap(running.pid if running else None)
        return running is not None

    def _reap(self, stopped_pid: int | None) -> None:
        """Waits for this process's own launchers that exited, whether stopped here or by another process."""
        children = {child.pid: child for child in [self._process, *_TIED.values()] if child is not None}
        for pid, child in children.items():
            if pid == stopped_pid or child.poll() is not None:
                child.wait()
                if child.stdin is not None:
                    child.stdin.close()
                _TIED.pop(pid, None)
        if self._process is not None and self._process.returncode is not None:
            self._process = None


@contextmanager
def database_for_this_process(settings: Settings, data_dir: Path | None = None,
                              notify: Notify = _quiet) -> Iterator[str]:
    """The Bolt URI for `nsgraph run`, and the database's part of its lifecycle.

    With NEO4J_URI, that database, left alone. A local instance already running (`nsgraph db start`,
    another live run) is reused and left running. Otherwise one is started tied to this process, and
    stopped cleanly when the block ends, however it ends (further signals are ignored meanwhile);
    if this process is killed outright, the launcher sees its stdin close and stops itself.
    """
    if settings.neo4j_uri:
        yield settings.neo4j_uri
        return
    runtime = LocalNeo4j(settings, data_dir)
    running = runtime.start(tie=True, notify=notify)
    started_here = running.pid in _TIED
    notify(f"Neo4j {running.version} at {running.uri}" + ("" if started_here else " (already running: left running)"))
    try:
        yield running.uri
    finally:
        if started_here:
            with stop_signals_ignored():
                runtime.stop()
            notify("Neo4j stopped")


def _start_time(pid: int) -> float:
    try:
        return psutil.Process(pid).create_time()
    except psutil.Error:
        return 0.0


def _same_process(pid: int, started_at: float) -> bool:
    """Alive (not a zombie) and, when its start time is known, not a recycled pid."""
    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return False
        return not started_at or abs(process.create_time() - started_at) < 0.5
    except psutil.Error:
        return False


def _terminate(pid: int, timeout_s: float) -> None:
    """SIGTERM (the launcher's shutdown hook checkpoints the store), SIGKILL only after `timeout_s`."""
    try:
        process = psutil.Process(pid)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout_s)
    except psutil.TimeoutExpired:
        process.kill()
    except psutil.NoSuchProcess:
        pass


def _port_open(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])
