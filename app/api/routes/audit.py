from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy import func, select
from sqlmodel import col

from app.api.auth import AdminReader
from app.api.deps import Limit, Offset, SessionDep
from app.api.pagination import next_link
from app.core.problems import problem_responses
from app.models import AuditEvent
from app.schemas.audit import AuditEventOut, AuditPage
from app.schemas.fields import SLUG_PATTERN

router = APIRouter(prefix="/audit", tags=["maintenance"])


@router.get("", responses=problem_responses(401, 422, 503))
def list_audit_events(
    request: Request,
    response: Response,
    session: SessionDep,
    _key: AdminReader,
    item_kind: Literal["certification", "course"] | None = None,
    slug: Annotated[str | None, Query(min_length=2, max_length=64, pattern=SLUG_PATTERN)] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> AuditPage:
    """The audit trail of writes, newest first; filter by item. Maintainers only."""
    query = select(AuditEvent)
    if item_kind:
        query = query.where(col(AuditEvent.item_kind) == item_kind)
    if slug:
        query = query.where(col(AuditEvent.slug) == slug)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(col(AuditEvent.id).desc()).limit(limit).offset(offset)
    ).all()
    return AuditPage(
        data=[AuditEventOut.model_validate(row) for row in rows],
        total=total,
        limit=limit,
        offset=offset,
        next=next_link(request, response, limit, offset, total),
    )
