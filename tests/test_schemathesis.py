"""Schemathesis drives every documented operation with generated input, valid and invalid,
on each backend, and runs all of its checks: no 500s, responses that match the schema,
bad input rejected, good input accepted."""

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from sqlalchemy import Engine

from app.core.config import ROOT
from app.main import create_app

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
def api_schema(engine: Engine) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(engine=engine))


@pytest.mark.parametrize(
    ("method", "path", "mode"), CASES, ids=[f"{m} {p} {g.value}" for m, p, g in CASES]
)
def test_operation_conforms(
    api_schema: schemathesis.BaseSchema, method: str, path: str, mode: schemathesis.GenerationMode
) -> None:
    strategy = api_schema[path][method].as_strategy(generation_mode=mode)

    @given(case=strategy)
    @settings(
        max_examples=50,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate()

    check()
