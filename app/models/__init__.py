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
    "CatalogState",
    "Certification",
    "CertificationSkill",
    "Course",
    "CourseAudience",
    "CoursePreparation",
    "CourseSkill",
    "Provider",
]
