"""Tables of the write path: maintainers' API keys, the audit trail, and idempotent POSTs."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.tables import SLUG_LENGTH, UtcDateTime


class ApiKey(SQLModel, table=True):
    """A maintainer's key. Only a hash of its secret is kept; the key is shown once."""

    __tablename__ = "api_keys"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64, unique=True)
    # The public part of the key, used to find the row without touching the secret.
    key_id: str = Field(max_length=16, unique=True)
    secret_hash: str = Field(max_length=64)
    created_at: datetime = Field(sa_type=UtcDateTime())
    revoked_at: datetime | None = Field(default=None, sa_type=UtcDateTime())


class AuditEvent(SQLModel, table=True):
    """Who changed what, when: the item before and after each write."""

    __tablename__ = "audit_events"
    __table_args__ = (sa.Index("ix_audit_events_item", "item_kind", "slug"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UtcDateTime(), index=True)
    actor: str = Field(max_length=64)
    action: str = Field(max_length=16)
    item_kind: str = Field(max_length=32)
    slug: str = Field(max_length=SLUG_LENGTH)
    before: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)


class IdempotencyRecord(SQLModel, table=True):
    """The first answer to a POST sent with an Idempotency-Key, replayed on retries."""

    __tablename__ = "idempotency_records"
    __table_args__ = (sa.UniqueConstraint("api_key_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    api_key_id: int = Field(foreign_key="api_keys.id", ondelete="CASCADE")
    key: str = Field(max_length=255)
    request_hash: str = Field(max_length=64)
    status_code: int
    body: dict[str, Any] = Field(sa_type=sa.JSON)
    headers: dict[str, str] = Field(sa_type=sa.JSON)
    created_at: datetime = Field(sa_type=UtcDateTime())


class Tombstone(SQLModel, table=True):
    """A deleted item's slug and when it went, so that syncing clients learn of it."""

    __tablename__ = "tombstones"
    __table_args__ = (sa.UniqueConstraint("item_kind", "slug"),)

    id: int | None = Field(default=None, primary_key=True)
    item_kind: str = Field(max_length=32)
    slug: str = Field(max_length=SLUG_LENGTH)
    deleted_at: datetime = Field(sa_type=UtcDateTime(), index=True)
