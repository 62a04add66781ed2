from enum import StrEnum


class ProviderKind(StrEnum):
    cloud_vendor = "cloud_vendor"
    learning_platform = "learning_platform"
    publisher = "publisher"


class CertificationKind(StrEnum):
    vendor_exam = "vendor_exam"
    course_certificate = "course_certificate"


class Discipline(StrEnum):
    ml_engineering = "ml_engineering"
    data_science = "data_science"
    ai_engineering = "ai_engineering"


class Cloud(StrEnum):
    gcp = "gcp"
    aws = "aws"
    azure = "azure"
    none = "none"


class LifecycleStatus(StrEnum):
    active = "active"
    retiring = "retiring"
    retired = "retired"


class HiringWeight(StrEnum):
    """How employers weigh a credential, after portfolio work (which outweighs all)."""

    strong = "strong"
    moderate = "moderate"
    supporting = "supporting"


class Level(StrEnum):
    beginner = "beginner"
    intermediate = "intermediate"
    advanced = "advanced"


class Background(StrEnum):
    software_engineer = "software_engineer"
    data_scientist = "data_scientist"
    ml_practitioner = "ml_practitioner"
    student = "student"
    other = "other"


class Closeness(StrEnum):
    maps_to_exam_objectives = "maps_to_exam_objectives"
    supporting = "supporting"


class InterviewRelevance(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"


class DeliveryMode(StrEnum):
    online_proctored = "online_proctored"
    test_center = "test_center"
