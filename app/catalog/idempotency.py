"""Idempotency-Key on POST: a retry gets the first answer and creates nothing more."""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from app.core.problems import FieldError, ProblemError
from app.models import ApiKey, IdempotencyRecord


@dataclass(frozen=True)
class Stored:
    status_code: int
    body: dict[str, Any]
    headers: dict[str, str]


def request_hash(method: str, path: str, body: str) -> str:
    return hashlib.sha256(f"{method} {path}\n{body}".encode()).hexdigest()


def replay(session: Session, key: ApiKey, idempotency_key: str, digest: str) -> Stored | None:
    """The answer already given to this key, or None if the key is new."""
    record = session.scalars(
        select(IdempotencyRecord).where(
            col(IdempotencyRecord.api_key_id) == key.id,
            col(IdempotencyRecord.key) == idempotency_key,
        )
    ).first()
    if record is None:
        return None
    if record.request_hash != digest:
        raise ProblemError(
            422,
            "This Idempotency-Key was used with a different request; use a new key.",
            errors=[
                FieldError(
                    field="header.Idempotency-Key",
                    message="already used for another request",
                    type="idempotency_key_reused",
                )
            ],
        )
    return Stored(record.status_code, record.body, record.headers)


def remember(
    session: Session, key: ApiKey, idempotency_key: str, digest: str, answer: Stored
) -> None:
    assert key.id is not None
    session.add(
        IdempotencyRecord(
            api_key_id=key.id,
            key=idempotency_key,
            request_hash=digest,
            status_code=answer.status_code,
            body=answer.body,
            headers=answer.headers,
            created_at=datetime.now(UTC),
        )
    )
    session.flush()
