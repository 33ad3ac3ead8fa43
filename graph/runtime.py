"""The local Neo4j: fetches the Community jars from Maven Central once, then starts and stops
an embedded DBMS with Bolt through the single-file Java launcher in `graph/neo4j_runtime/`.

Used when `NEO4J_URI` is not set, so a fresh clone needs no Docker and no Neo4j install.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from graph.errors import RuntimeSetupError
from graph.settings import Settings

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


@dataclass(frozen=True)
class RunningNeo4j:
    """What `nsgraph db status` reports and what a second start reuses."""

    pid: int
    uri: str
    port: int
    version: str
    home: str


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

    def status(self) -> RunningNeo4j | None:
        """The running instance recorded in the state file, if its process is alive and listening."""
        if not self.state_file.exists():
            return None
        running = RunningNeo4j(**json.loads(self.state_file.read_text()))
        if _process_alive(running.pid) and _port_open(self.settings.local_host, running.port):
            return running
        self.state_file.unlink(missing_ok=True)
        return None

    def start(self, port: int | None = None) -> RunningNeo4j:
        """Starts Neo4j (or returns the one already running) and waits until Bolt answers."""
        if (running := self.status()) is not None:
            return running
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
                   "--tx-timeout-s", str(self.settings.neo4j_tx_timeout_s)]
        with out_log.open("w") as out, err_log.open("w") as err:
            process = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                       env=env, start_new_session=True)
        self._process = process
        ready = self._wait_ready(process, out_log, err_log)
        running = RunningNeo4j(pid=process.pid, uri=f"bolt://{host}:{port}", port=port, version=ready,
                               home=str(self.home))
        self.state_file.write_text(json.dumps(asdict(running)))
        return running

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
        """Stops the running instance with SIGTERM (Neo4j checkpoints the store); False if none ran."""
        running = self.status()
        if running is None:
            return False
        os.kill(running.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while _process_alive(running.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _process_alive(running.pid):
            os.kill(running.pid, signal.SIGKILL)
        if self._process is not None:
            self._process.wait()
            self._process = None
        self.state_file.unlink(missing_ok=True)
        return True


def _process_alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        waited = 0
    if waited == pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _port_open(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])
