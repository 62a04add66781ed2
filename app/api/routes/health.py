from functools import cache

from fastapi import APIRouter, Request
from sqlalchemy import text

from app.core.config import ROOT
from app.core.problems import RETRY_AFTER, ProblemError, problem_responses
from app.schemas.catalog_out import Health, Readiness

router = APIRouter(tags=["health"])


@cache
def migration_head() -> str | None:
    """The newest migration in migrations/, which the database must be at to be ready."""
    # Imported here, not with the module: alembic adds 0.1 s to every launch with compiled
    # bytecode (0.7 s without), and only this probe needs it, long after the first answer.
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(Config(str(ROOT / "alembic.ini"))).get_current_head()


@router.get("/healthz", responses=problem_responses())
async def healthz() -> Health:
    """The process is up. Touches nothing else, so it is the cheapest route there is."""
    return Health(status="ok")


@router.get("/readyz", responses=problem_responses(503))
def readyz(request: Request) -> Readiness:
    """The database answers and its schema is at the newest migration."""
    expected = request.app.state.migration_head or migration_head()
    try:
        with request.app.state.engine.connect() as connection:
            current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception as exc:
        raise ProblemError(
            503, "The database cannot be reached or is not migrated.", RETRY_AFTER
        ) from exc
    if current != expected:
        raise ProblemError(
            503, f"The database is at migration {current}, not {expected}.", RETRY_AFTER
        )
    return Readiness(status="ready", database="ok", migration=current)
