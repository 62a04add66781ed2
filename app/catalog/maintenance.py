"""Create, replace, patch and delete catalog items: validated, audited, never lost.

A write holds the item's row lock (PostgreSQL) or the database write lock (SQLite) from
the moment it reads the current version until it commits, so of two writers holding the
same ETag exactly one can succeed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlmodel import Session, col

from app.catalog import queries, serialize, writes
from app.catalog.list_indexes import CatalogLists
from app.catalog.listing import ListIndex
from app.core.etags import etag
from app.core.problems import FieldError, ProblemError
from app.models import AuditEvent, Certification, Course, CoursePreparation, Tombstone
from app.schemas.catalog_in import CertificationIn, CourseIn
from app.schemas.catalog_out import CertificationOut, CourseOut


@dataclass(frozen=True)
class ItemKind:
    """What differs between certifications and courses; the write logic is shared."""

    name: str
    table: Any
    model_in: type[BaseModel]
    model_out: type[BaseModel]
    get: Callable[[Session, str], Any]
    out: Callable[[Any], BaseModel]
    lists: Callable[[CatalogLists], tuple[ListIndex, dict[int, bytes]]]
    as_input: Callable[[Any], dict[str, Any]]
    upsert: Callable[[Session, Any, writes.ChangeCount], Any]
    referenced_by: Callable[[Session, Any], list[str]]


def _certification_references(session: Session, row: Certification) -> list[str]:
    successors = session.scalars(
        select(col(Certification.slug)).where(col(Certification.successor_id) == row.id)
    ).all()
    courses = session.scalars(
        select(col(Course.slug))
        .where(
            (col(Course.part_of_id) == row.id)
            | col(Course.id).in_(
                select(col(CoursePreparation.course_id)).where(
                    col(CoursePreparation.certification_id) == row.id
                )
            )
        )
        .order_by(col(Course.slug))
    ).all()
    return [f"certification {s}" for s in successors] + [f"course {s}" for s in courses]


CERTIFICATIONS = ItemKind(
    name="certification",
    table=Certification,
    model_in=CertificationIn,
    model_out=CertificationOut,
    get=queries.get_certification,
    out=serialize.certification_out,
    lists=lambda lists: (lists.certifications, lists.certification_json),
    as_input=serialize.certification_input,
    upsert=writes.upsert_certification,
    referenced_by=_certification_references,
)
COURSES = ItemKind(
    name="course",
    table=Course,
    model_in=CourseIn,
    model_out=CourseOut,
    get=queries.get_course,
    out=serialize.course_out,
    lists=lambda lists: (lists.courses, lists.course_json),
    as_input=serialize.course_input,
    upsert=writes.upsert_course,
    referenced_by=lambda _session, _row: [],  # nothing refers to a course
)


def _matches(if_match: str, current: str) -> bool:
    tags = [tag.strip() for tag in if_match.split(",")]
    return "*" in tags or current in tags


def _locked(session: Session, kind: ItemKind, slug: str) -> Any:
    # FOR UPDATE makes a second writer wait here, then read what the first one wrote.
    found = session.scalars(
        select(kind.table.id).where(kind.table.slug == slug).with_for_update()
    ).first()
    if found is None:
        raise ProblemError(404, f"No {kind.name} has the slug '{slug}'.")
    return kind.get(session, slug)


def _check_precondition(if_match: str | None, current: BaseModel) -> None:
    if if_match is None:
        raise ProblemError(
            428, "Send If-Match with the ETag of your last read, so no update is lost."
        )
    if not _matches(if_match, etag(current)):
        raise ProblemError(
            412, "The item changed since you read it: read it again, then retry your change."
        )


def _store(session: Session, kind: ItemKind, item: Any) -> BaseModel:
    try:
        kind.upsert(session, item, writes.ChangeCount())
    except writes.MissingReferences as exc:
        errors = [
            FieldError(field=f"body.{path}", message=message, type="invalid_reference")
            for path, message in exc.problems.items()
        ]
        names = ", ".join(f"body.{path}" for path in exc.problems)
        raise ProblemError(422, f"Invalid references in: {names}.", errors=errors) from exc
    # Relationships are loaded anew so the answer shows what was stored.
    session.expire_all()
    return kind.out(kind.get(session, item.slug))


def _record(
    session: Session,
    kind: ItemKind,
    actor: str,
    action: str,
    slug: str,
    before: BaseModel | None,
    after: BaseModel | None,
) -> None:
    audit(session, kind, actor, action, slug, before, after)
    writes.bump_catalog_version(session)


def audit(
    session: Session,
    kind: ItemKind,
    actor: str,
    action: str,
    slug: str,
    before: BaseModel | None,
    after: BaseModel | None,
) -> None:
    """Add the audit event of a write; the caller bumps the catalog version (once)."""
    session.add(
        AuditEvent(
            at=datetime.now(UTC),
            actor=actor,
            action=action,
            item_kind=kind.name,
            slug=slug,
            before=before.model_dump(mode="json") if before else None,
            after=after.model_dump(mode="json") if after else None,
        )
    )


def tombstone_of(session: Session, kind: ItemKind, slug: str) -> Tombstone | None:
    return session.scalars(
        select(Tombstone).where(col(Tombstone.item_kind) == kind.name, col(Tombstone.slug) == slug)
    ).first()


def create(session: Session, kind: ItemKind, item: Any, actor: str) -> BaseModel:
    if kind.get(session, item.slug) is not None:
        raise ProblemError(409, f"A {kind.name} with the slug '{item.slug}' exists already.")
    # A slug that comes back is no longer deleted, for syncing clients.
    gone = tombstone_of(session, kind, item.slug)
    if gone is not None:
        session.delete(gone)
    created = _store(session, kind, item)
    _record(session, kind, actor, "create", item.slug, None, created)
    return created


def replace(
    session: Session, kind: ItemKind, slug: str, item: Any, if_match: str | None, actor: str
) -> BaseModel:
    current = kind.out(_locked(session, kind, slug))
    _check_precondition(if_match, current)
    if item.slug != slug:
        raise ProblemError(
            422,
            "The slug in the body must be the slug in the path; slugs never change.",
            errors=[FieldError(field="body.slug", message=f"expected '{slug}'", type="slug")],
        )
    updated = _store(session, kind, item)
    _record(session, kind, actor, "update", slug, current, updated)
    return updated


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396 JSON Merge Patch: objects merge, null removes, anything else replaces."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def patch(
    session: Session,
    kind: ItemKind,
    slug: str,
    changes: dict[str, Any],
    if_match: str | None,
    actor: str,
) -> BaseModel:
    current = kind.out(_locked(session, kind, slug))
    _check_precondition(if_match, current)
    try:
        item = kind.model_in.model_validate(merge_patch(kind.as_input(current), changes))
    except ValidationError as exc:
        errors = [
            FieldError(
                field=".".join(["body", *(str(p) for p in e["loc"])]),
                message=e["msg"],
                type=e["type"],
            )
            for e in exc.errors()
        ]
        names = ", ".join(dict.fromkeys(e.field for e in errors))
        raise ProblemError(422, f"The patched item is invalid: {names}.", errors=errors) from exc
    return replace(session, kind, slug, item, "*", actor)


def delete(session: Session, kind: ItemKind, slug: str, if_match: str | None, actor: str) -> None:
    row = _locked(session, kind, slug)
    current = kind.out(row)
    _check_precondition(if_match, current)
    referrers = kind.referenced_by(session, row)
    if referrers:
        raise ProblemError(
            409, f"The {kind.name} '{slug}' is referred to by: {', '.join(referrers)}."
        )
    session.delete(row)
    now = datetime.now(UTC)
    gone = tombstone_of(session, kind, slug)
    if gone is None:
        session.add(Tombstone(item_kind=kind.name, slug=slug, deleted_at=now))
    else:
        gone.deleted_at = now
    session.flush()
    _record(session, kind, actor, "delete", slug, current, None)
