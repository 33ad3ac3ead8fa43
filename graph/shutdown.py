"""SIGTERM and SIGINT alike: both raise KeyboardInterrupt, so the `finally` blocks that stop the API
and then the local Neo4j run whichever one a supervisor, `timeout`, a container runtime, a CI step
or Ctrl-C sends (Python's default SIGTERM kills the process before any cleanup)."""

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def _handlers(handler: Any) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():  # only the main thread gets signals
        yield
        return
    previous = {sig: signal.signal(sig, handler) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@contextmanager
def interrupt_on_stop_signals() -> Iterator[None]:
    """Within the block, SIGTERM raises KeyboardInterrupt exactly as SIGINT does."""
    with _handlers(signal.default_int_handler):
        yield


@contextmanager
def stop_signals_ignored() -> Iterator[None]:
    """While the database checkpoints: a second signal must not cut its clean stop short."""
    with _handlers(signal.SIG_IGN):
        yield
