"""Schemathesis hooks: valid generated writes name items that exist.

A generated slug almost never names a real provider or certification, so without this
every generated create is refused (rightly) with a 422, and the stateful phase never gets
past it to read, update and delete what it made. Only positive cases are touched, and
only fields that already hold a well-formed slug, so invalid data stays invalid.
Each valid create also gets an Idempotency-Key of its own: a generated key can repeat, and
a repeated key with the same body is rightly answered with the first create's 201, after
which the stateful phase finds the item it was told about gone if it has since deleted it.
Loaded by tests/test_schemathesis.py, and by the CLI through SCHEMATHESIS_HOOKS.
"""

import re
import uuid
from typing import Any

import schemathesis

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Seed items that generated references are pointed at.
PROVIDER = "coursera"
ISSUER = "aws"
EXAM = "google-professional-ml-engineer"
CERTIFICATE = "google-ml-engineer-professional-certificate"


def _swap(data: dict[str, Any], key: str, value: Any) -> None:
    current = data.get(key)
    if isinstance(current, str) and SLUG.match(current) and 2 <= len(current) <= 64:
        data[key] = value


@schemathesis.hook
def map_case(context: schemathesis.HookContext, case: schemathesis.Case) -> schemathesis.Case:
    meta = case.meta
    writes = case.method.upper() in {"POST", "PUT"} and case.path.startswith(
        ("/certifications", "/courses")
    )
    if meta is None or not meta.generation.mode.is_positive or not writes:
        return case
    body = case.body
    if not isinstance(body, dict):
        return case
    if case.path.startswith("/certifications"):
        _swap(body, "issuer", ISSUER)
        lifecycle = body.get("lifecycle")
        if isinstance(lifecycle, dict):
            _swap(lifecycle, "successor", None)
    else:
        _swap(body, "provider", PROVIDER)
        _swap(body, "platform", PROVIDER)
        _swap(body, "part_of", CERTIFICATE)
        preparations = body.get("prepares_for")
        if (
            isinstance(preparations, list)
            and len(preparations) == 1
            and isinstance(preparations[0], dict)
        ):
            _swap(preparations[0], "certification", EXAM)
    slug = (case.path_parameters or {}).get("slug")
    if case.method.upper() == "PUT" and isinstance(slug, str):
        _swap(body, "slug", slug)
    if case.method.upper() == "POST" and case.headers and "Idempotency-Key" in case.headers:
        case.headers["Idempotency-Key"] = uuid.uuid4().hex
    return case
