from app.models.maintenance import ApiKey, AuditEvent, IdempotencyRecord, Tombstone
from app.models.tables import (
    CatalogState,
    Certification,
    CertificationSkill,
    Course,
    CourseAudience,
    CoursePreparation,
    CourseSkill,
    Provider,
)

__all__ = [
    "ApiKey",
    "AuditEvent",
    "CatalogState",
    "Certification",
    "CertificationSkill",
    "Course",
    "CourseAudience",
    "CoursePreparation",
    "CourseSkill",
    "IdempotencyRecord",
    "Provider",
    "Tombstone",
]
