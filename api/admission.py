"""A small concurrency limit for the ad-hoc `POST /api/v1/cypher`, so heavy queries written by
callers cannot take the worker threads every other endpoint needs.

uvicorn runs sync routes on anyio's thread pool (40 threads by default). The slot is taken here, in
an async dependency on the event loop, before FastAPI hands the route to a thread: a query waiting
for a slot holds no thread, and at most `CYPHER_CONCURRENCY` threads ever run ad-hoc queries.
Beyond the limit a query waits up to `CYPHER_QUEUE_S` for a slot, then gets 429 with Retry-After.
"""

import math
from collections.abc import AsyncIterator

import anyio
from fastapi import HTTPException, Request

from graph.settings import Settings


def cypher_slots(settings: Settings) -> anyio.Semaphore:
    """The app's slots; made in the lifespan, on the loop that serves them."""
    return anyio.Semaphore(settings.cypher_concurrency)


async def cypher_slot(request: Request) -> AsyncIterator[None]:
    """Holds one slot while the ad-hoc query runs; refuses with 429 when none frees in time."""
    settings: Settings = request.app.state.settings
    slots: anyio.Semaphore = request.app.state.cypher_slots
    try:
        slots.acquire_nowait()
    except anyio.WouldBlock:
        with anyio.move_on_after(settings.cypher_queue_s) as waiting:
            await slots.acquire()
        if waiting.cancelled_caught:
            # every running query ends by its timeout, so by then a slot has freed
            raise HTTPException(429, detail=f"{settings.cypher_concurrency} ad-hoc queries are already running "
                                            "(the limit); retry later",
                                headers={"Retry-After": str(math.ceil(settings.query_timeout_s))}) from None
    try:
        yield
    finally:
        slots.release()
