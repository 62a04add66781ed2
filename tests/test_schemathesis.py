"""Schemathesis drives every documented operation with generated input, valid and invalid,
on each backend, and runs all of its checks: no 500s, responses that match the schema,
bad input rejected, good input accepted."""

import json
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from app.core.config import ROOT, Settings
from app.core.db import make_engine
from app.main import create_app
from tests import schemathesis_hooks  # noqa: F401  (registers the hooks)

POSITIVE, NEGATIVE = schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE

# The operations come from the committed document; test_openapi keeps it equal to the app's.
# An operation that takes no input has no invalid input to try.
CASES = [
    (method.upper(), path, mode)
    for path, item in json.loads((ROOT / "openapi.json").read_text())["paths"].items()
    for method, operation in item.items()
    for mode in (
        (POSITIVE, NEGATIVE)
        if operation.get("parameters") or operation.get("requestBody")
        else (POSITIVE,)
    )
]


@pytest.fixture(scope="module")
def api(
    scratch_database: tuple[str, dict[str, str]],
) -> Iterator[tuple[schemathesis.BaseSchema, dict[str, str]]]:
    # Generated writes really commit, so they go to a database of this module's own.
    url, keys = scratch_database
    engine = make_engine(url)
    # Far below any limit, so that no check meets a 429 (test_rate_limits tests the limits).
    high = "1000000/minute"
    settings = Settings(rate_limit_recommendations=high, rate_limit_writes=high)
    app = create_app(settings, engine=engine)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    yield schema, {"Authorization": f"Bearer {keys['maintainer']}"}
    engine.dispose()


@pytest.mark.parametrize(
    ("method", "path", "mode"), CASES, ids=[f"{m} {p} {g.value}" for m, p, g in CASES]
)
def test_operation_conforms(
    api: tuple[schemathesis.BaseSchema, dict[str, str]],
    method: str,
    path: str,
    mode: schemathesis.GenerationMode,
) -> None:
    schema, auth = api
    strategy = schema[path][method].as_strategy(generation_mode=mode)

    @given(case=strategy)
    @settings(
        max_examples=50,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    def check(case: schemathesis.Case) -> None:
        # Invalid cases keep whatever credentials were generated for them: adding a good key
        # could turn a request that was invalid only in its auth into a valid one.
        case.call_and_validate(headers=auth if mode is POSITIVE else None)

    check()
