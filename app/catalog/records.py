"""The whole catalog as records with the ORM rows' attributes, read with a few Core queries.

The read API's serializer (app/catalog/serialize.py) reads attributes: an ORM row's where a
write has just loaded one, one of these where every item of a catalog version is rendered at
once. Loading ten thousand ORM objects, with their relations, took seconds; these take a
fraction of that.
"""

from dataclasses import dataclass
from types import SimpleNamespace

from sqlalchemy import Connection, select

from app.catalog.tables import (
    CERTIFICATION_SKILLS,
    CERTIFICATIONS,
    COURSE_AUDIENCES,
    COURSE_SKILLS,
    COURSES,
    PREPARATIONS,
    PROVIDERS,
)


@dataclass(frozen=True)
class CatalogRecords:
    providers: dict[int, SimpleNamespace]
    certifications: dict[int, SimpleNamespace]
    courses: dict[int, SimpleNamespace]


def read_records(db: Connection) -> CatalogRecords:
    providers = {row.id: SimpleNamespace(**row._mapping) for row in db.execute(select(PROVIDERS))}
    certifications = {
        row.id: SimpleNamespace(**row._mapping, skill_rows=[], preparations=[], included_courses=[])
        for row in db.execute(select(CERTIFICATIONS).order_by(CERTIFICATIONS.c.id))
    }
    courses = {
        row.id: SimpleNamespace(**row._mapping, skill_rows=[], audience_rows=[], preparations=[])
        for row in db.execute(select(COURSES).order_by(COURSES.c.id))
    }
    for cert in certifications.values():
        cert.issuer = providers[cert.issuer_id]
        cert.successor = certifications.get(cert.successor_id)
    for course in courses.values():
        course.provider = providers[course.provider_id]
        course.platform = providers[course.platform_id]
        course.part_of = certifications.get(course.part_of_id)
        if course.part_of is not None:
            course.part_of.included_courses.append(course)
    s = CERTIFICATION_SKILLS.c
    for owner, skill in db.execute(select(s.certification_id, s.skill)):
        certifications[owner].skill_rows.append(SimpleNamespace(skill=skill))
    s = COURSE_SKILLS.c
    for owner, skill in db.execute(select(s.course_id, s.skill)):
        courses[owner].skill_rows.append(SimpleNamespace(skill=skill))
    a = COURSE_AUDIENCES.c
    for owner, audience in db.execute(select(a.course_id, a.audience)):
        courses[owner].audience_rows.append(SimpleNamespace(audience=audience))
    p = PREPARATIONS.c
    for course_id, cert_id, closeness in db.execute(
        select(p.course_id, p.certification_id, p.closeness)
    ):
        preparation = SimpleNamespace(
            course=courses[course_id], certification=certifications[cert_id], closeness=closeness
        )
        courses[course_id].preparations.append(preparation)
        certifications[cert_id].preparations.append(preparation)
    return CatalogRecords(providers, certifications, courses)
