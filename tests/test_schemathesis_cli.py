"""The schemathesis command line against a real server process: all 14 checks, including
the phases the pytest plugin does not run (explicit examples, coverage, stateful links)."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.core.config import ROOT

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(database_url: str) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": database_url}
    process = subprocess.Popen(
        [str(BIN / "uvicorn"), "app.main:app", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_schemathesis_run_finds_nothing(server: str) -> None:
    result = subprocess.run(
        [
            str(BIN / "schemathesis"),
            "run",
            f"{server}/openapi.json",
            "--checks",
            "all",
            "--max-examples",
            "25",
            "--workers",
            "1",
            "--seed",
            "1",
            "--no-color",
        ],
        cwd=ROOT,  # where schemathesis.toml is
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "No issues found" in result.stdout
