"""Maintainers' keys from the command line: made once, stored hashed, listed, revoked."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.core.config import ROOT
from app.core.db import make_engine
from app.main import create_app
from app.models import ApiKey
from tests.databases import empty_database, migrate

KEY = re.compile(r"^cpk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$")


def cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.security", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=False,
    )


def can_write(url: str, key: str) -> bool:
    engine = make_engine(url)
    try:
        with TestClient(create_app(engine=engine)) as client:
            response = client.patch(
                "/courses/nope-course",
                json={},
                headers={"Authorization": f"Bearer {key}", "If-Match": "*"},
            )
        # Past authentication, the unknown slug answers 404.
        return response.status_code != 401
    finally:
        engine.dispose()


def test_create_list_revoke(backend: str, tmp_path: Path) -> None:
    with empty_database(backend, tmp_path) as url:
        migrate(url)
        made = cli(url, "create", "alice")
        assert made.returncode == 0, made.stderr
        key = made.stdout.strip().splitlines()[-1]
        assert KEY.match(key)

        engine = make_engine(url)
        with engine.connect() as connection:
            stored = connection.execute(select(ApiKey.secret_hash, ApiKey.key_id)).one()
        engine.dispose()
        assert key.split("_")[2] not in stored.secret_hash  # only a hash is kept
        assert can_write(url, key)

        again = cli(url, "create", "alice")
        assert again.returncode == 1
        assert "exists already" in again.stderr

        listed = cli(url, "list")
        assert re.search(r"^alice\tcreated \S+\tactive$", listed.stdout, re.M)
        assert key not in listed.stdout

        assert cli(url, "revoke", "alice").returncode == 0
        assert "revoked" in cli(url, "list").stdout
        assert not can_write(url, key)
        assert cli(url, "revoke", "nobody").returncode == 1


@pytest.mark.parametrize("name", ["", "Has Spaces", "x" * 65])
def test_bad_names_are_refused(tmp_path: Path, name: str) -> None:
    with empty_database("sqlite", tmp_path) as url:
        migrate(url)
        result = cli(url, "create", name)
        assert result.returncode == 1
        assert "key name" in result.stderr


def test_make_admin_key_prints_the_key_alone_on_the_last_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'keys.db'}"
    result = subprocess.run(
        ["make", "--no-print-directory", "admin-key", "name=bob"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert KEY.match(result.stdout.splitlines()[-1])
    assert can_write(url, result.stdout.splitlines()[-1])
