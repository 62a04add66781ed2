"""The app's OpenAPI document, for the parts of the request path that read it: the body
limits, the rate limits' table and the `Allow` of a 405.

Making it takes about 0.3 s. Made on the event loop by the first request that needed it,
it held every other request that long (a `/healthz` answered in 470 ms while the first
oversized upload was refused); made in a worker thread, other requests go on meanwhile. It is
not made at startup: every test's app would pay for it."""

import asyncio
from typing import Any

import anyio
from fastapi import FastAPI


async def document_of(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema is None:
        lock: asyncio.Lock | None = getattr(app.state, "document_lock", None)
        if lock is None:
            lock = app.state.document_lock = asyncio.Lock()
        async with lock:  # one thread makes it; requests that need it meanwhile wait
            if app.openapi_schema is None:
                await anyio.to_thread.run_sync(app.openapi)
    return app.openapi()
