"""Connections that cannot outstay their welcome: uvicorn's httptools protocol with a bound on
a request's head (431), a deadline for it (408), and a cap on open connections that makes
room by closing the one that has waited longest for a request head.

uvicorn has none of these: a client may trickle headers forever, send a megabyte of them, or
hold connections until the process runs out of file descriptors, after which nobody is
served. Here each costs a slow client its connection, never a normal client its request:
a normal request's head arrives at once, so it is never the one that has waited longest.
"""

import asyncio
import resource
import time
from collections import OrderedDict
from dataclasses import dataclass
from http import HTTPStatus
from typing import ClassVar

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.core.problems import PROBLEM_MEDIA_TYPE, Problem

# Descriptors the process needs besides its connections: the database's, the event loop's,
# logs, imports.
RESERVED_FILES = 64
# asyncio accepts up to `backlog` connections a turn of its loop, and a connection made room
# for gives its descriptor back three turns after the one that took the new one's: that many
# batches in flight, and one more, must fit besides the connections kept.
BATCHES_IN_FLIGHT = 4


@dataclass(frozen=True)
class ConnectionLimits:
    max_head_bytes: int
    head_timeout: float
    max_connections: int


def raise_open_file_limit() -> int:
    """Lift the soft open-file limit to the hard one (a process may, unprivileged); the
    limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return soft


def connections_allowed(max_connections: int, backlog: int) -> int:
    """`max_connections`, or with 0 as many as the open-file limit leaves room for."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    room = max(soft - RESERVED_FILES - BATCHES_IN_FLIGHT * backlog, 16)
    return min(max_connections, room) if max_connections else room


def _answer(status: int, detail: str) -> bytes:
    # Written by the protocol, outside the app: no request id, as for uvicorn's own 400.
    body = Problem(title=HTTPStatus(status).phrase, status=status, detail=detail)
    content = body.model_dump_json(exclude_none=True).encode()
    head = (
        f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n"
        f"content-type: {PROBLEM_MEDIA_TYPE}\r\n"
        f"content-length: {len(content)}\r\nconnection: close\r\n\r\n"
    )
    return head.encode() + content


class _Waiting:
    """The connections waiting for a request head, the longest-waiting first: one sweep a
    second times them out, oldest first, and the oldest makes room for a new connection."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.since: OrderedDict[GuardedHttpProtocol, float] = OrderedDict()
        self._sweep: asyncio.TimerHandle | None = None

    def add(self, connection: "GuardedHttpProtocol") -> None:
        self.since.pop(connection, None)
        self.since[connection] = time.monotonic()
        if self._sweep is None:
            self._sweep = connection.loop.call_later(min(self.timeout, 1.0), self.sweep)

    def discard(self, connection: "GuardedHttpProtocol") -> None:
        self.since.pop(connection, None)

    def oldest(self) -> "GuardedHttpProtocol | None":
        return next(iter(self.since), None)

    def sweep(self) -> None:
        self._sweep = None
        deadline = time.monotonic() - self.timeout
        while self.since:
            connection, since = next(iter(self.since.items()))
            if since > deadline:
                break
            connection.time_out()
        if self.since:
            loop = next(iter(self.since)).loop
            self._sweep = loop.call_later(min(self.timeout, 1.0), self.sweep)


class GuardedHttpProtocol(HttpToolsProtocol):
    """Use `guarded_protocol(limits)`: a subclass carrying its limits and its own list."""

    limits: ClassVar[ConnectionLimits]
    waiting: ClassVar[_Waiting]

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_bytes = 0
        self._head_size = 0
        self._body_done = True
        self.waiting.add(self)
        if len(self.connections) > self.limits.max_connections:
            # Closing ones still count until they are gone: one closed per arrival.
            (self.waiting.oldest() or self).drop()

    def connection_lost(self, exc: Exception | None) -> None:
        self.waiting.discard(self)
        super().connection_lost(exc)

    def drop(self) -> None:
        self.waiting.discard(self)
        self.transport.close()

    def refuse(self, status: int, detail: str) -> None:
        if not self.transport.is_closing():
            self.transport.write(_answer(status, detail))
        self.drop()

    def time_out(self) -> None:
        if self._head_bytes:
            self.refuse(408, "The request's head did not arrive in time.")
        else:
            self.drop()  # nothing asked: an idle connection is closed without a word

    def data_received(self, data: bytes) -> None:
        in_head = self in self.waiting.since
        if in_head:
            self._head_bytes += len(data)
        super().data_received(data)
        too_long = in_head and self._head_bytes > self.limits.max_head_bytes
        if too_long and self in self.waiting.since:  # and the head is still not complete
            self._refuse_head()

    def _refuse_head(self) -> None:
        limit = self.limits.max_head_bytes
        self.refuse(431, f"The request line and headers pass {limit} bytes.")

    # The parser's callbacks. A head that arrives whole in one read is measured as it is
    # parsed; one still arriving, by what has come (above), as the parser keeps it whole.
    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._body_done = False
        self._head_size = 0

    def on_url(self, url: bytes) -> None:
        super().on_url(url)
        self._head_size += len(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        super().on_header(name, value)
        self._head_size += len(name) + len(value) + 4  # ": " and CRLF

    def on_headers_complete(self) -> None:
        self.waiting.discard(self)
        if self._head_size > self.limits.max_head_bytes:
            self._refuse_head()
            return
        if not self.transport.is_closing():
            super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if not self.transport.is_closing():  # what follows a refused head is not read
            super().on_body(body)

    def on_message_complete(self) -> None:
        self._body_done = True
        if not self.transport.is_closing():
            super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.transport.is_closing() or not self.cycle.response_complete:
            return  # closed, or a pipelined request is being answered
        if not self._body_done:
            # Answered before its body came (refused, or not needed): reading the rest of
            # a body nobody wants, for as long as the client sends it, is what a slow client
            # would like; it goes with the connection.
            self.drop()
            return
        self._head_bytes = 0
        self.waiting.add(self)


def guarded_protocol(limits: ConnectionLimits) -> type[GuardedHttpProtocol]:
    """The protocol class to give uvicorn (`http=`): one list of waiting connections per
    server."""

    class Guarded(GuardedHttpProtocol):
        pass

    Guarded.limits = limits
    Guarded.waiting = _Waiting(limits.head_timeout)
    return Guarded
