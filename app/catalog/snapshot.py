"""The catalog as the recommender's plain snapshot, rebuilt only when the catalog changes."""

import threading

from sqlalchemy import select
from sqlmodel import Session

from app.catalog import queries
from app.models import Certification, Course
from app.recommender import CatalogSnapshot, CertificationFacts, CourseFacts


def _certification(row: Certification) -> CertificationFacts:
    return CertificationFacts(
        slug=row.slug,
        name=row.name,
        kind=row.kind,
        discipline=row.discipline,
        cloud=row.cloud,
        proctored=row.proctored,
        recommended_years_ml=row.recommended_years_ml,
        recommended_years_cloud=row.recommended_years_cloud,
        prep_weeks_min=row.prep_weeks_min,
        prep_weeks_max=row.prep_weeks_max,
        difficulty=row.difficulty,
        hiring_weight=row.hiring_weight,
        skills=tuple(sorted(s.skill for s in row.skill_rows)),
        status=row.status,
        available_from=row.available_from,
        retired_on=row.retired_on,
        successor=row.successor.slug if row.successor else None,
        duration_minutes=row.duration_minutes,
    )


def _course(row: Course) -> CourseFacts:
    return CourseFacts(
        slug=row.slug,
        title=row.title,
        level=row.level,
        audience=tuple(sorted(a.audience for a in row.audience_rows)),
        skills=tuple(sorted(s.skill for s in row.skill_rows)),
        interview_relevance=row.interview_relevance,
        rating_value=row.rating_value,
        rating_scale=row.rating_scale,
        duration_hours=row.duration_hours,
        prepares_for=tuple(sorted((p.certification.slug, p.closeness) for p in row.preparations)),
        part_of=row.part_of.slug if row.part_of else None,
    )


def build_snapshot(session: Session, version: int) -> CatalogSnapshot:
    certifications = session.scalars(
        select(Certification).options(*queries.CERTIFICATION_LOADS).order_by(Certification.slug)
    ).all()
    courses = session.scalars(
        select(Course).options(*queries.COURSE_LOADS).order_by(Course.slug)
    ).all()
    return CatalogSnapshot(
        version=str(version),
        certifications=tuple(_certification(row) for row in certifications),
        courses=tuple(_course(row) for row in courses),
    )


class SnapshotCache:
    """Keeps the newest snapshot, rebuilt when the catalog version moves on."""

    def __init__(self) -> None:
        self._snapshot: CatalogSnapshot | None = None
        self._lock = threading.Lock()

    def peek(self, version: int) -> CatalogSnapshot | None:
        """The snapshot of `version` if it is the one kept; never touches the database."""
        snapshot = self._snapshot
        return snapshot if snapshot is not None and snapshot.version == str(version) else None

    def get(self, session: Session, version: int) -> CatalogSnapshot:
        snapshot = self._snapshot
        if snapshot is not None and snapshot.version == str(version):
            return snapshot
        with self._lock:
            snapshot = self._snapshot
            if snapshot is None or snapshot.version != str(version):
                snapshot = build_snapshot(session, version)
                self._snapshot = snapshot
        return snapshot
