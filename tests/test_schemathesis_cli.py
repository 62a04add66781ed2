"""The schemathesis command line against a real server process: all 14 checks, including
the phases the pytest plugin does not run (explicit examples, coverage, stateful links)."""

import os
import subprocess
from collections.abc import Iterator

import pytest

from app.core.config import ROOT
from tests.live_server import BIN, live_server

# Thousands of generated requests from one address: far below any limit, so that no check
# meets a 429 (tests/api/test_rate_limits.py tests the limits).
HIGH_LIMITS = {
    "RATE_LIMIT_RECOMMENDATIONS": "1000000/minute",
    "RATE_LIMIT_WRITES": "1000000/minute",
}


@pytest.fixture
def server(scratch_database: tuple[str, dict[str, str]]) -> Iterator[tuple[str, str]]:
    # The stateful phase creates, changes and deletes items: a database of its own.
    url, keys = scratch_database
    with live_server(url, env=HIGH_LIMITS) as base:
        yield base, keys["maintainer"]


def test_schemathesis_run_finds_nothing(server: tuple[str, str]) -> None:
    base, key = server
    result = subprocess.run(
        [
            str(BIN / "schemathesis"),
            "run",
            f"{base}/openapi.json",
            "--header",
            f"Authorization: Bearer {key}",
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
        env={
            **os.environ,
            "SCHEMATHESIS_HOOKS": "tests.schemathesis_hooks",
            "PYTHONPATH": str(ROOT),
        },
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    # Warnings (generated writes that business rules refuse) are not failures.
    summary = result.stdout[result.stdout.rindex("SUMMARY") :]
    assert "failed" not in summary and "errors" not in summary, summary
    assert "✅ Stateful" in summary or "Stateful" in result.stdout
