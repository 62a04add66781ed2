"""Hostile bodies and slow clients against a real server process (scripts/serve.py): bodies
past their operation's limit, bodies and heads that stall, heads too large, and more slow
connections than the server keeps. Waits are bounded generously; nothing here is a timing
measurement (bench/hostile.py measures)."""

import json
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.live_server import live_server

# Short timeouts, so that a stalled request is given up on well inside the tests' waits.
QUICK = {
    "REQUEST_BODY_TIMEOUT": "1",
    "REQUEST_HEADER_TIMEOUT": "1",
    "MAX_REQUEST_HEADER_BYTES": "8192",
}
WAIT = 5.0  # "answered at all": far above any answer these need
PROFILE = {"background": "student", "years_ml_experience": 0}


@pytest.fixture(scope="module")
def base(database_url: str) -> Iterator[str]:
    with live_server(database_url, env=QUICK) as url:
        yield url


def _address(base: str) -> tuple[str, int]:
    host, port = base.removeprefix("http://").split(":")
    return host, int(port)


def _connect(base: str) -> socket.socket:
    sock = socket.create_connection(_address(base), timeout=WAIT)
    sock.settimeout(WAIT)
    return sock


def _read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection; fails after WAIT."""
    received = b""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            piece = sock.recv(65536)
        except ConnectionResetError:
            return received  # closed with some of what was sent unread
        if not piece:
            return received
        received += piece
    pytest.fail(f"the connection was not closed within {WAIT} s; got {received[:200]!r}")


def _parse(answer: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines)
    return int(status_line.split()[1]), headers, body


def _problem(answer: bytes, status: int) -> dict[str, object]:
    got, headers, body = _parse(answer)
    assert got == status, answer[:300]
    assert headers["content-type"] == "application/problem+json"
    assert headers["connection"] == "close"
    problem = json.loads(body)
    assert problem["status"] == status
    return dict(problem)


def _head(method: str, path: str, *headers: str) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: test", *headers, "", ""]
    return "\r\n".join(lines).encode()


def _document(base: str) -> dict[str, dict[str, dict[str, object]]]:
    paths: dict[str, dict[str, dict[str, object]]] = httpx.get(f"{base}/openapi.json").json()[
        "paths"
    ]
    return paths


def test_every_operation_with_a_body_declares_its_limit(base: str) -> None:
    paths = _document(base)
    limits = {
        f"{method.upper()} {path}": operation["x-max-body-bytes"]
        for path, item in paths.items()
        for method, operation in item.items()
        if "requestBody" in operation
    }
    assert limits["POST /recommendations"] == 64 * 2**10
    assert limits["POST /courses"] == limits["PUT /courses/{slug}"] == 256 * 2**10
    assert limits["PATCH /certifications/{slug}"] == 256 * 2**10
    for operation in limits:
        method, path = operation.split()
        assert {"408", "413"} <= set(paths[path][method.lower()]["responses"]), operation  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "limit"), [("/recommendations", 64 * 2**10), ("/courses", 256 * 2**10)]
)
def test_a_content_length_past_the_limit_is_413_before_the_body_is_sent(
    base: str, path: str, limit: int
) -> None:
    with _connect(base) as sock:
        head = _head("POST", path, "Content-Type: application/json", f"Content-Length: {limit + 1}")
        sock.sendall(head)
        problem = _problem(_read_until_closed(sock), 413)
    assert str(limit) in str(problem["detail"])
    assert problem["request_id"]


def test_a_body_within_the_limit_is_read(base: str) -> None:
    # 100 KiB: past a profile's limit, within a catalog item's; no key, so a 401 or a 422.
    big = {"slug": "x" * 100 * 2**10}
    assert httpx.post(f"{base}/recommendations", json=big).status_code == 413
    assert httpx.post(f"{base}/courses", json=big).status_code in (401, 422)


@pytest.mark.parametrize("path", ["/recommendations", "/courses", "/courses/ml-classification"])
def test_a_never_ending_chunked_body_is_413_and_cut_off(base: str, path: str) -> None:
    method = "PATCH" if path.count("/") == 2 else "POST"
    with _connect(base) as sock:
        sock.sendall(
            _head(method, path, "Content-Type: application/json", "Transfer-Encoding: chunked")
        )
        stop = threading.Event()

        def upload() -> None:
            chunk = b"4000\r\n" + b" " * 0x4000 + b"\r\n"
            while not stop.is_set():
                try:
                    sock.sendall(chunk)
                except OSError:
                    return  # the server closed the connection

        uploader = threading.Thread(target=upload, daemon=True)
        uploader.start()
        try:
            _problem(_read_until_closed(sock), 413)
        finally:
            stop.set()
            uploader.join(WAIT)


def test_a_body_that_stops_short_gets_408_and_is_closed(base: str) -> None:
    with _connect(base) as sock:
        head = _head("POST", "/recommendations", "Content-Type: application/json")
        sock.sendall(head.replace(b"\r\n\r\n", b"\r\nContent-Length: 100\r\n\r\n") + b'{"a":')
        problem = _problem(_read_until_closed(sock), 408)
    assert "stopped arriving" in str(problem["detail"])


@pytest.mark.parametrize("pieces", [1, 100], ids=["at once", "trickled"])
def test_headers_past_the_limit_get_431(base: str, pieces: int) -> None:
    head = _head("GET", "/healthz", "X-Padding: " + "a" * 9000)
    size = len(head) // pieces + 1
    with _connect(base) as sock:
        try:
            for start in range(0, len(head), size):
                sock.sendall(head[start : start + size])
        except OSError:
            pass  # refused before the last piece: what follows is the answer
        answer = _read_until_closed(sock)
    status, headers, body = _parse(answer)
    assert status == 431
    assert headers["content-type"] == "application/problem+json"
    assert "8192" in json.loads(body)["detail"]


def test_a_head_that_stops_arriving_gets_408_and_is_closed(base: str) -> None:
    with _connect(base) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: test\r\nX-Slow: ")
        _problem(_read_until_closed(sock), 408)


def test_a_connection_that_asks_nothing_is_closed_silently(base: str) -> None:
    with _connect(base) as sock:
        assert _read_until_closed(sock) == b""


def test_a_normal_client_is_answered_while_uploads_are_refused(base: str) -> None:
    # Four hostile uploads at once, each a stalled body: /healthz is still answered.
    socks = [_connect(base) for _ in range(4)]
    try:
        for sock in socks:
            head = _head("POST", "/courses", "Content-Type: application/json")
            sock.sendall(head.replace(b"\r\n\r\n", b"\r\nContent-Length: 200000\r\n\r\n{"))
        assert httpx.get(f"{base}/healthz", timeout=WAIT).status_code == 200
        for sock in socks:
            _problem(_read_until_closed(sock), 408)
    finally:
        for sock in socks:
            sock.close()


def test_slow_clients_past_the_connection_cap_make_room_for_normal_ones(
    database_url: str,
) -> None:
    # 60 connections trickling their heads where 30 are kept: the longest-waiting are closed
    # to make room, and a normal request is answered throughout.
    env = {**QUICK, "REQUEST_HEADER_TIMEOUT": "60", "MAX_CONNECTIONS": "30"}
    with live_server(database_url, env=env) as url:
        slow = [_connect(url) for _ in range(60)]
        try:
            for sock in slow:
                sock.sendall(b"GET /healthz HTTP/1.1\r\n")
            for _ in range(5):
                answer = httpx.get(f"{url}/healthz", timeout=WAIT)
                assert answer.status_code == 200
            closed = 0
            for sock in slow[:20]:  # the first to come have waited longest
                sock.settimeout(0.5)
                try:
                    closed += sock.recv(1) == b""
                except ConnectionResetError:
                    closed += 1
                except TimeoutError:
                    pass
            assert closed >= 10
        finally:
            for sock in slow:
                sock.close()
