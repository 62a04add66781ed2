from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.schemas import examples
from app.schemas.catalog_out import Page
from app.schemas.fields import INT32_MAX, Slug
from app.security.keys import NAME_PATTERN

_EVENT_EXAMPLE: dict[str, Any] = {
    "id": 7,
    "at": "2026-11-20T12:00:00Z",
    "actor": "alice",
    "action": "update",
    "item_kind": "certification",
    "slug": "aws-ml-engineer-associate",
    "before": {"difficulty": 3, "...": "the whole item"},
    "after": {"difficulty": 4, "...": "the whole item"},
}


class AuditEventOut(BaseModel):
    """One write: who made it, when, and the item before and after."""

    model_config = ConfigDict(
        from_attributes=True, json_schema_extra={"examples": [_EVENT_EXAMPLE]}
    )

    id: int = Field(ge=1, le=INT32_MAX)
    at: datetime
    actor: str = Field(
        max_length=64,
        pattern=NAME_PATTERN.pattern,
        description="Name of the key that made the write; `seed` for the seed files' loader "
        "(make seed).",
    )
    action: Literal["create", "update", "delete"]
    item_kind: Literal["certification", "course"]
    slug: Slug
    before: dict[str, Any] | None = Field(description="The item before; null for a create.")
    after: dict[str, Any] | None = Field(description="The item after; null for a delete.")


class AuditPage(Page[AuditEventOut]):
    """One page of the audit trail, newest first."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [examples.page(_EVENT_EXAMPLE, "/audit")]}
    )
