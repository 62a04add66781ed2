"""The access log: one JSON line per request with what an operator needs, and nothing about
the person asking (no key, no query string, no body)."""

import json
import logging
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.core.access_log import LOGGER, JsonLineFormatter
from app.core.config import ROOT
from tests.live_server import BIN, _free_port, wait_until_up

FIELDS = {
    "time",
    "level",
    "logger",
    "method",
    "path",
    "status",
    "duration_ms",
    "request_id",
    "client_ip",
}
PROFILE_QUERY = "background=data_scientist&years_ml_experience=3&completed=production-ml-systems"


@pytest.fixture
def access_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    # The logger writes to its own stderr handler and does not propagate; listen on it.
    logger = logging.getLogger(LOGGER)
    logger.addHandler(caplog.handler)
    try:
        yield caplog
    finally:
        logger.removeHandler(caplog.handler)


def records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == LOGGER]


def lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, object]]:
    formatter = JsonLineFormatter()
    return [json.loads(formatter.format(record)) for record in records(caplog)]


def test_one_json_line_per_request_with_its_fields(
    client: TestClient, access_log: pytest.LogCaptureFixture
) -> None:
    response = client.get("/courses?level=beginner&limit=2", headers={"X-Request-ID": "line-1"})
    assert response.status_code == 200
    [line] = lines(access_log)
    assert set(line) == FIELDS
    assert line["logger"] == "certpath.access"
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == "/courses"  # never the query string
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["request_id"] == "line-1"
    assert line["client_ip"] == "testclient"


def test_a_made_request_id_is_the_one_logged(
    client: TestClient, access_log: pytest.LogCaptureFixture
) -> None:
    response = client.get("/courses/nope")
    [line] = lines(access_log)
    assert line["status"] == 404
    assert line["request_id"] == response.headers["x-request-id"]


def test_no_key_no_query_no_profile_in_the_log(
    client: TestClient, access_log: pytest.LogCaptureFixture, auth: dict[str, str]
) -> None:
    key = auth["Authorization"].removeprefix("Bearer ")
    client.patch(
        "/courses/production-ml-systems",
        json={"duration_hours": 12},
        headers={**auth, "Content-Type": "application/merge-patch+json", "If-Match": '"x"'},
    )
    client.get(f"/recommendations?{PROFILE_QUERY}", headers=auth)
    client.post(
        "/recommendations",
        json={"background": "data_scientist", "years_ml_experience": 3},
        headers=auth,
    )
    logged = lines(access_log)
    assert [(line["method"], line["path"]) for line in logged] == [
        ("PATCH", "/courses/production-ml-systems"),
        ("GET", "/recommendations"),
        ("POST", "/recommendations"),
    ]
    text = "\n".join(json.dumps(line) for line in logged)
    everything = text + "".join(repr(vars(record)) for record in records(access_log))
    for secret in (key, "Bearer", "data_scientist", "years_ml_experience", "completed"):
        assert secret not in everything


def test_a_500_is_logged_as_an_error(app: FastAPI, access_log: pytest.LogCaptureFixture) -> None:
    @app.get("/boom", include_in_schema=False)
    def boom() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom")
    [line] = lines(access_log)
    assert (line["status"], line["level"]) == (500, "ERROR")
    assert line["request_id"] == response.headers["x-request-id"]


def test_a_line_stays_one_line_whatever_the_path(
    client: TestClient, access_log: pytest.LogCaptureFixture
) -> None:
    client.get("/courses/a%0Ab%22c")
    [record] = records(access_log)
    formatted = JsonLineFormatter().format(record)
    assert "\n" not in formatted
    assert json.loads(formatted)["path"] == '/courses/a\nb"c'
    assert "\n" not in record.getMessage()


def test_start_sh_logs_json_lines_instead_of_uvicorns_access_log(tmp_path: Path) -> None:
    """The server as `make run` starts it: JSON lines on stderr, and no uvicorn access line."""
    assert "exec python -m scripts.serve" in (ROOT / "scripts" / "start.sh").read_text()
    assert "access_log=False" in (ROOT / "scripts" / "serve.py").read_text()
    port = _free_port()
    stderr = tmp_path / "stderr.log"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'certpath.db'}",
        "PORT": str(port),
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    with stderr.open("wb") as err:
        process = subprocess.Popen(
            ["sh", "scripts/start.sh"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process, 120, lambda: stderr.read_text()[-2000:])
        answered = httpx.get(
            f"{base}/recommendations?{PROFILE_QUERY}",
            headers={"Authorization": "Bearer cpk_not_a_real_key", "X-Request-ID": "live-1"},
        )
        assert answered.status_code == 200
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    logged = stderr.read_text()
    records = [json.loads(line) for line in logged.splitlines() if line.startswith("{")]
    [line] = [r for r in records if r.get("request_id") == "live-1"]
    assert (line["method"], line["path"], line["status"]) == ("GET", "/recommendations", 200)
    assert line["client_ip"] == "127.0.0.1"
    assert '"GET /recommendations' not in logged  # uvicorn's own access line
    assert "HTTP/1.1" not in logged
    for secret in ("cpk_not_a_real_key", "data_scientist", "completed="):
        assert secret not in logged
