"""Create-or-update of catalog items from validated input models.

The seed loader and the write API both store items through these, so that an item is
validated and stored the same way whichever way it came in.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from app.catalog import queries
from app.catalog.shape import CERTIFICATION, COURSE, to_columns
from app.models import (
    CatalogState,
    Certification,
    CertificationSkill,
    Course,
    CourseAudience,
    CoursePreparation,
    CourseSkill,
    Provider,
)
from app.schemas.catalog_in import CertificationIn, CourseIn, ProviderIn


class MissingReferences(Exception):
    """References an item cannot make: `fields` maps field path to the slug it names, and
    `problems` maps the same paths to why (no such item, or an item of the wrong kind)."""

    def __init__(self, fields: dict[str, str], problems: dict[str, str] | None = None):
        super().__init__(", ".join(f"{k}={v}" for k, v in fields.items()))
        self.fields = fields
        self.problems = problems or {
            path: f"no such item: '{slug}'" for path, slug in fields.items()
        }


@dataclass
class ChangeCount:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _now() -> datetime:
    return datetime.now(UTC)


def _ids(session: Session, model: Any, slugs: set[str]) -> dict[str, int]:
    if not slugs:
        return {}
    rows = session.execute(select(model.slug, model.id).where(model.slug.in_(slugs)))
    return {row.slug: row.id for row in rows}


_TABLES: dict[str, Any] = {"providers": Provider, "certifications": Certification}


def resolve_references(session: Session, item: Any) -> dict[str, int]:
    """Map each reference's field path to the row id it names; raise naming the missing ones."""
    wanted: dict[str, tuple[str, str]] = item.references()
    found: dict[str, int] = {}
    missing: dict[str, str] = {}
    for table in {table for table, _ in wanted.values()}:
        paths = {path: slug for path, (t, slug) in wanted.items() if t == table}
        ids = _ids(session, _TABLES[table], set(paths.values()))
        for path, slug in paths.items():
            if slug in ids:
                found[path] = ids[slug]
            else:
                missing[path] = slug
    if missing:
        raise MissingReferences(missing)
    if "part_of" in found:
        # Only a course certificate is earned by finishing courses; an exam has no parts.
        kind = session.scalar(
            select(col(Certification.kind)).where(col(Certification.id) == found["part_of"])
        )
        if kind != "course_certificate":
            slug = wanted["part_of"][1]
            raise MissingReferences(
                {"part_of": slug}, {"part_of": f"'{slug}' is not a course_certificate"}
            )
    return found


def _dump(model: Any) -> dict[str, Any]:
    return model.model_dump(mode="json")  # type: ignore[no-any-return]


def upsert_provider(session: Session, item: ProviderIn, changes: ChangeCount) -> Provider:
    row = session.scalars(select(Provider).where(col(Provider.slug) == item.slug)).one_or_none()
    values = _dump(item)
    if row is not None:
        current = {k: getattr(row, k) for k in values}
        if current == values:
            changes.unchanged.append(item.slug)
            return row
        changes.updated.append(item.slug)
    else:
        row = Provider(**values, updated_at=_now())
        session.add(row)
        changes.created.append(item.slug)
    for key, value in values.items():
        setattr(row, key, value)
    row.updated_at = _now()
    session.flush()
    return row


def _same(row: Any, values: dict[str, Any]) -> bool:
    def norm(value: Any) -> Any:
        # Numeric columns come back as Decimal; compare them as numbers.
        return float(value) if hasattr(value, "as_integer_ratio") else value

    return all(norm(getattr(row, key)) == norm(value) for key, value in values.items())


def upsert_certification(
    session: Session, item: CertificationIn, changes: ChangeCount
) -> Certification:
    refs = resolve_references(session, item)
    values = to_columns(CERTIFICATION, item, refs)
    row = queries.get_certification(session, item.slug)
    skills = sorted(item.skills)
    if row is not None:
        if _same(row, values) and sorted(s.skill for s in row.skill_rows) == skills:
            changes.unchanged.append(item.slug)
            return row
        changes.updated.append(item.slug)
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = _now()
        # Replace link rows in a separate flush so that re-adding a key is not a duplicate.
        row.skill_rows = []
        session.flush()
    else:
        row = Certification(**values, updated_at=_now())
        session.add(row)
        changes.created.append(item.slug)
    row.skill_rows = [CertificationSkill(skill=s) for s in skills]
    session.flush()
    return row


def upsert_course(session: Session, item: CourseIn, changes: ChangeCount) -> Course:
    refs = resolve_references(session, item)
    values = to_columns(COURSE, item, refs)
    skills = sorted(item.skills)
    audience = sorted(a.value for a in item.audience)
    preparations = sorted(
        (refs[f"prepares_for.{i}.certification"], p.closeness.value)
        for i, p in enumerate(item.prepares_for)
    )
    row = queries.get_course(session, item.slug)
    if row is not None:
        if (
            _same(row, values)
            and sorted(s.skill for s in row.skill_rows) == skills
            and sorted(a.audience for a in row.audience_rows) == audience
            and sorted((p.certification_id, p.closeness) for p in row.preparations) == preparations
        ):
            changes.unchanged.append(item.slug)
            return row
        changes.updated.append(item.slug)
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = _now()
        # Replace link rows in a separate flush so that re-adding a key is not a duplicate.
        row.skill_rows, row.audience_rows, row.preparations = [], [], []
        session.flush()
    else:
        row = Course(**values, updated_at=_now())
        session.add(row)
        changes.created.append(item.slug)
    row.skill_rows = [CourseSkill(skill=s) for s in skills]
    row.audience_rows = [CourseAudience(audience=a) for a in audience]
    row.preparations = [
        CoursePreparation(certification_id=cert_id, closeness=closeness)
        for cert_id, closeness in preparations
    ]
    session.flush()
    return row


VERSION_WRITTEN = "certpath.catalog_version_written"


def bump_catalog_version(session: Session) -> int:
    """Record that the catalog changed; readers key caches and answers on this number."""
    state = session.get(CatalogState, 1)
    if state is None:
        state = CatalogState(id=1, version=0, updated_at=_now())
        session.add(state)
    state.version += 1
    state.updated_at = _now()
    session.flush()
    # Read back once this transaction has committed (app/api/deps.py): the version it made.
    session.info[VERSION_WRITTEN] = state.version
    return state.version
