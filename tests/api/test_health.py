import os
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.api.routes.health import migration_head
from app.core.config import ROOT, Settings
from app.main import create_app


def test_healthz_is_small_and_constant(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_reports_the_migration_head(client: TestClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "database": "ok", "migration": migration_head()}


def test_readyz_is_503_on_an_unmigrated_database(tmp_path: object) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path}/empty.db")
    with TestClient(create_app(settings)) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"


def test_readyz_is_503_when_behind_the_head(engine: Engine, tmp_path: object) -> None:
    app = create_app(engine=engine)
    app.state.migration_head = "a-newer-revision"
    with TestClient(app) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert "a-newer-revision" in response.json()["detail"]


def test_a_launch_does_not_import_alembic(tmp_path: Path) -> None:
    # It would add 0.1-0.7 s to every start; /readyz imports it when first asked.
    result = subprocess.run(
        [sys.executable, "-c", "import sys, app.main; print('alembic' in sys.modules)"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/unused.db"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"


def test_root_sends_people_to_the_docs(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "/docs"
    assert client.get("/docs").status_code == 200
    assert client.get("/redoc").status_code == 200
