"""Answers computed once per graph version: the response cache, HTTP validators and compression, in
one pure ASGI middleware so that routes stay thin.

- The graph only changes when something is written, and every write moves the graph version forward
  in its own transaction (`queries.version`). A `VersionWatcher` reads the version once a second in
  a background thread shared by all requests (and at once after an admin write through this
  process), so a load made by another process is noticed within a second.
- Every GET/HEAD of a read route is keyed by (version, today's date for answers that default to
  it, path, query parameters sorted by name with repeated values kept in their order). The stored
  entry holds the encoded body and its gzip, so a hit costs neither a database round trip nor JSON
  encoding. Only 200 and 404 answers are stored (a 404 for an id is as much a fact of the version as
  a 200); other errors (422, 5xx) are never stored, and an unknown version (none loaded yet, or the
  database unreachable at the last poll) bypasses the cache rather than risk an old answer.
- The ETag of an answer is derived from the version and the request alone, so `If-None-Match` gets
  a 304 without computing anything, even after the entry was evicted. Answers carry
  `Cache-Control: public, no-cache` (by default): clients and proxies may keep them but revalidate
  every time, which costs a 304 and is never stale after a load. Static assets get a content ETag and
  a day's max-age.
- Responses vary by `Accept-Encoding` (both encodings live in one entry, so it is not part of the
  key) and by `Origin` when CORS is on (the CORS middleware stays outside this one and adds its
  headers per request). No route varies by `Accept`.
- Never cached: anything but GET/HEAD, `/health`, `/ready`, admin and `POST /cypher`.
"""

import datetime
import gzip
import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

import anyio
from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.errors import NSGraphError
from graph.settings import Settings
from queries.version import GraphVersion, graph_version

log = logging.getLogger("nsgraph.api")

VERSION_THREAD = "graph-version"
POLL_INTERVAL_S = 1.0
"""How often the version is read: at most once a second, whatever the request rate."""
START_WAIT_S = 2.0
MIN_COMPRESSED_BYTES = 1024
COMPRESSIBLE = ("application/json", "application/problem+json", "text/", "application/javascript",
                "image/svg+xml", "application/xml", "application/graphml+xml")
STORED_STATUSES = frozenset({200, 404})
NEVER_CACHED = ("/health", "/ready", "/api/v1/health", "/api/v1/ready", "/api/v1/admin", "/api/v1/cypher")
STATIC_PREFIX = "/static/"
STATIC_CACHE_CONTROL = "public, max-age=86400"
_REPLACED_HEADERS = frozenset({b"content-length", b"content-encoding", b"etag", b"cache-control", b"vary"})


class VersionWatcher:
    """The graph version as last read, refreshed once a second by one background thread."""

    def __init__(self, read_version: Callable[[], GraphVersion | None], interval_s: float = POLL_INTERVAL_S) -> None:
        self._read_version = read_version
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._first_read = threading.Event()
        self._thread: threading.Thread | None = None
        self.current: GraphVersion | None = None
        self.polls = 0
        """Completed reads: a test waits for one that began after its write, instead of timing."""

    def refresh(self) -> GraphVersion | None:
        """Reads the version now; an unreachable database makes it unknown, which bypasses the cache."""
        try:
            self.current = self._read_version()
        except NSGraphError as error:
            if self.current is not None:
                log.warning("graph version unknown, answers not cached: %s", error)
            self.current = None
        except Exception:  # the poller must outlive any surprise; answers bypass the cache meanwhile
            log.exception("reading the graph version failed")
            self.current = None
        self.polls += 1
        self._first_read.set()
        return self.current

    def start(self) -> None:
        """Polls in the background from now on, waiting a little for the first read: a database that
        is down must not hold up the start (answers bypass the cache until a version is known)."""
        self._stop.clear()
        self._thread = threading.Thread(target=self._poll, name=VERSION_THREAD, daemon=True)
        self._thread.start()
        self._first_read.wait(timeout=START_WAIT_S)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _poll(self) -> None:
        self.refresh()
        while not self._stop.wait(self._interval_s):
            self.refresh()


@dataclass
class Entry:
    """One stored answer: status, headers and body, also gzipped when that is worth it."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    gzipped: bytes | None
    etag: str | None

    @property
    def size(self) -> int:
        return len(self.body) + len(self.gzipped or b"") + sum(len(k) + len(v) for k, v in self.headers) + 256


@dataclass
class ResponseCache:
    """An LRU of answers bounded in bytes and in count, emptied whenever the graph version changes."""

    max_bytes: int
    max_entries: int
    version: str | None = None
    entries: OrderedDict[str, Entry] = field(default_factory=OrderedDict)
    bytes: int = 0
    hits: int = 0
    misses: int = 0

    @property
    def enabled(self) -> bool:
        return self.max_bytes > 0 and self.max_entries > 0

    def follow(self, version: str) -> None:
        """Drops every entry of an older version: none can be served again."""
        if version != self.version:
            self.entries.clear()
            self.bytes = 0
            self.version = version

    def get(self, key: str) -> Entry | None:
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
        return entry

    def put(self, version: str, key: str, entry: Entry) -> bool:
        """Stores unless the version moved on meanwhile or the entry would take over a quarter of the budget."""
        if version != self.version or entry.size > self.max_bytes // 4:
            return False
        old = self.entries.pop(key, None)
        if old is not None:
            self.bytes -= old.size
        self.entries[key] = entry
        self.bytes += entry.size
        while self.bytes > self.max_bytes or len(self.entries) > self.max_entries:
            _, evicted = self.entries.popitem(last=False)
            self.bytes -= evicted.size
        return True


def request_key(scope: Scope) -> str:
    """Path and query parameters in a canonical order: sorted by name; a repeated parameter keeps the
    order of its values, which some answers follow (e.g. the backing matrix's columns)."""
    pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    pairs.sort(key=lambda pair: pair[0])
    return f"{scope.get('root_path', '')}{scope['path']}?{urlencode(pairs)}"


def accepts_gzip(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"accept-encoding":
            for part in value.decode("latin-1").split(","):
                coding, _, params = part.strip().partition(";")
                if coding.strip().lower() in ("gzip", "*"):
                    return params.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def _matches(scope: Scope, etag: str) -> bool:
    """`If-None-Match` names this tag (compared weakly, as RFC 9110 asks for this header) or is `*`."""
    for name, value in scope["headers"]:
        if name == b"if-none-match":
            tags = {tag.strip().removeprefix("W/").strip('"') for tag in value.decode("latin-1").split(",")}
            return etag in tags or "*" in tags
    return False


def _tag(*parts: str) -> str:
    return hashlib.blake2b("|".join(parts).encode(), digest_size=16).hexdigest()


def _compressible(headers: list[tuple[bytes, bytes]], body: bytes) -> bool:
    if len(body) < MIN_COMPRESSED_BYTES:
        return False
    content_type = next((v.decode("latin-1") for k, v in headers if k == b"content-type"), "")
    return content_type.startswith(COMPRESSIBLE)


class CachingMiddleware:
    """Serves read answers from the version's cache, answers revalidations with 304, compresses."""

    def __init__(self, app: ASGIApp, watcher: VersionWatcher, cache: ResponseCache, max_age_s: int = 0,
                 vary_origin: bool = False) -> None:
        self.app = app
        self.watcher = watcher
        self.cache = cache
        self.computing: dict[str, anyio.Event] = {}
        """Answers being computed, by key: concurrent identical requests wait for the first (no stampede
        after a load)."""
        self.assets: dict[str, Entry] = {}
        """Static files by path: they do not change while the process runs, whatever the graph version."""
        self.cache_control = f"public, max-age={max_age_s}, must-revalidate" if max_age_s else "public, no-cache"
        self.vary = b"Accept-Encoding, Origin" if vary_origin else b"Accept-Encoding"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, self._refreshing_after(send) if path.startswith("/api/v1/admin") else send)
        elif path.startswith(NEVER_CACHED):
            await self.app(scope, receive, send)
        elif path.startswith(STATIC_PREFIX):
            await self._static(scope, receive, send)
        else:
            await self._answer(scope, receive, send)

    def _refreshing_after(self, send: Send) -> Send:
        """Reads the version before an admin write's answer completes: this process's next read sees it."""

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                await anyio.to_thread.run_sync(self.watcher.refresh)
            await send(message)

        return wrapped

    async def _answer(self, scope: Scope, receive: Receive, send: Send) -> None:
        version = self.watcher.current
        if version is None:
            await self._send(scope, send, await self._render(scope, receive, None), "bypass", None, None,
                             accepts_gzip(scope))
            return
        key = request_key(scope)
        generation = f"{version.token}|{datetime.date.today().isoformat()}"  # some answers default to today
        gzip_ok = accepts_gzip(scope)
        etag = _tag(generation, key) + ("-gzip" if gzip_ok else "")
        if _matches(scope, etag):
            await self._not_modified(send, etag, self.cache_control, version)
            return
        if not self.cache.enabled:
            await self._send(scope, send, await self._render(scope, receive, etag), "bypass", version, etag, gzip_ok)
            return
        self.cache.follow(generation)
        entry = self.cache.get(key)
        if entry is None and key in self.computing:  # the same answer is being computed: wait for it
            await self.computing[key].wait()
            entry = self.cache.get(key)
        if entry is not None:
            self.cache.hits += 1
            await self._send(scope, send, entry, "hit", version, etag, gzip_ok)
            return
        self.cache.misses += 1
        done = self.computing.setdefault(key, anyio.Event())
        try:
            entry = await self._render(scope, receive, etag)
            stored = entry.status in STORED_STATUSES and self.cache.put(generation, key, entry)
        finally:
            if self.computing.get(key) is done:
                del self.computing[key]
            done.set()
        await self._send(scope, send, entry, "miss" if stored else "bypass", version, etag, gzip_ok)

    async def _static(self, scope: Scope, receive: Receive, send: Send) -> None:
        """An asset, tagged by its content and kept after its first request."""
        entry = self.assets.get(scope["path"])
        if entry is None:
            entry = await self._render(scope, receive, None)
            if entry.status != 200:
                await self._send(scope, send, entry, "bypass", None, None, accepts_gzip(scope))
                return
            entry.etag = _tag(hashlib.sha256(entry.body).hexdigest())
            self.assets[scope["path"]] = entry
        gzip_ok = accepts_gzip(scope)
        etag = entry.etag + ("-gzip" if gzip_ok else "") if entry.etag else None
        if etag is not None and _matches(scope, etag):
            await self._not_modified(send, etag, STATIC_CACHE_CONTROL, None)
            return
        await self._send(scope, send, entry, "hit", None, etag, gzip_ok, STATIC_CACHE_CONTROL)

    async def _render(self, scope: Scope, receive: Receive, etag: str | None) -> Entry:
        """Runs the route (a HEAD as its GET) and keeps the whole answer, gzipped when worth it."""
        start: Message = {}
        chunks: list[bytes] = []

        async def collect(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app({**scope, "method": "GET"}, receive, collect)
        body = b"".join(chunks)
        headers = [(k.lower(), v) for k, v in start.get("headers", []) if k.lower() not in _REPLACED_HEADERS]
        gzipped = None
        if _compressible(headers, body):
            gzipped = await anyio.to_thread.run_sync(lambda: gzip.compress(body, compresslevel=6, mtime=0))
            if len(gzipped) >= len(body):
                gzipped = None
        status = int(start.get("status", 500))
        return Entry(status, headers, body, gzipped, etag if status == 200 else None)

    async def _send(self, scope: Scope, send: Send, entry: Entry, outcome: str, version: GraphVersion | None,
                    etag: str | None, gzip_ok: bool, cache_control: str | None = None) -> None:
        """The entry in the encoding the client accepts; validators only on a 200."""
        compressed = entry.gzipped is not None and gzip_ok
        body = entry.gzipped if compressed and entry.gzipped is not None else entry.body
        headers = [*entry.headers, (b"content-length", str(len(body)).encode()), (b"x-cache", outcome.encode())]
        if compressed:
            headers.append((b"content-encoding", b"gzip"))
        if entry.gzipped is not None or _compressible(entry.headers, entry.body):
            headers.append((b"vary", self.vary))
        if entry.status == 200 and etag is not None:
            headers.append((b"etag", f'"{etag}"'.encode()))
            headers.append((b"cache-control", (cache_control or self.cache_control).encode()))
        else:  # no validator to revalidate with: clients must ask again
            headers.append((b"cache-control", b"no-cache"))
        if version is not None:
            headers.append((b"x-graph-version", str(version.counter).encode()))
        await send({"type": "http.response.start", "status": entry.status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})

    async def _not_modified(self, send: Send, etag: str, cache_control: str, version: GraphVersion | None) -> None:
        headers = [(b"etag", f'"{etag}"'.encode()), (b"cache-control", cache_control.encode()),
                   (b"vary", self.vary), (b"x-cache", b"revalidated")]
        if version is not None:
            headers.append((b"x-graph-version", str(version.counter).encode()))
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b""})


def add_caching(app: FastAPI, settings: Settings) -> VersionWatcher:
    """Wraps the app in the cache; returns the version watcher for the lifespan to start and stop.

    Add it before CORS, so that the CORS middleware stays outside and sets its headers per request."""
    watcher = VersionWatcher(lambda: graph_version(app.state.db))
    cache = ResponseCache(max_bytes=int(settings.response_cache_mb * 1024 * 1024),
                          max_entries=settings.response_cache_entries)
    app.state.response_cache = cache
    app.add_middleware(CachingMiddleware, watcher=watcher, cache=cache, max_age_s=settings.http_max_age_s,
                       vary_origin=bool(settings.cors_origins))
    return watcher
