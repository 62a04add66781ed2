"""The values the recommender reads from the catalog and the codes it answers with.

The catalog's values are repeated here as plain strings rather than imported from
`app.models.enums`: importing that package loads the database tables, and the recommender
must stay free of the database layer.
"""

from enum import StrEnum

RECOMMENDER_VERSION = "1.0.0"


class Goal(StrEnum):
    get_hired = "get_hired"
    credential = "credential"
    interview_prep = "interview_prep"
    skills = "skills"


class StepKind(StrEnum):
    course = "course"
    project = "project"
    exam_prep = "exam_prep"
    certification = "certification"


class Rule(StrEnum):
    """Which piece of guidance a step follows. Clients may rely on these codes."""

    foundation_coursework = "foundation_coursework"
    production_coursework = "production_coursework"
    advanced_coursework = "advanced_coursework"
    interview_coursework = "interview_coursework"
    portfolio_project = "portfolio_project"
    exam_preparation = "exam_preparation"
    target_cloud_exam = "target_cloud_exam"
    default_exam = "default_exam"


class WarningCode(StrEnum):
    experience_below_recommended = "experience_below_recommended"
    certification_retired = "certification_retired"
    certification_retiring = "certification_retiring"
    certification_not_yet_available = "certification_not_yet_available"
    no_target_cloud = "no_target_cloud"
    no_exam_for_cloud = "no_exam_for_cloud"


class Standing(StrEnum):
    """How far along the ML path a person is, which decides the kind of coursework they need."""

    newcomer = "newcomer"  # no ML background: needs the foundation first
    modeler = "modeler"  # knows modeling, lacks production and deployment
    practitioner = "practitioner"  # already works in ML


# Catalog values (see app/models/enums.py for the authoritative lists).
NO_CLOUD = "none"
VENDOR_EXAM = "vendor_exam"
BEGINNER = "beginner"
INTERMEDIATE = "intermediate"
ADVANCED = "advanced"
FOUNDATION_LEVELS = (BEGINNER, INTERMEDIATE)
HIGH_INTERVIEW_RELEVANCE = "high"

HIRING_RANK = {"strong": 3, "moderate": 2, "supporting": 1}
MAPS_TO_OBJECTIVES = "maps_to_exam_objectives"
CLOSENESS_WEIGHT = {MAPS_TO_OBJECTIVES: 2, "supporting": 1}
# The weights a course can prepare with, closest first.
CLOSENESS_LEVELS = tuple(sorted({w for w in CLOSENESS_WEIGHT.values() if w > 0}, reverse=True))

# The article's backgrounds, read as standings. Any other background starts as a newcomer.
BACKGROUND_STANDING = {
    "data_scientist": Standing.modeler,
    "ml_practitioner": Standing.practitioner,
}
# A year of hands-on ML work gives the foundation that the beginner courses would.
FOUNDATION_YEARS = 1

CLOUD_LABELS = {"gcp": "Google Cloud", "aws": "AWS", "azure": "Azure"}


def cloud_label(cloud: str) -> str:
    # A vendor added to the catalog later still reads sensibly, just less prettily.
    return CLOUD_LABELS.get(cloud, cloud)


BACKGROUND_LABELS = {
    "software_engineer": "a software engineer",
    "data_scientist": "a data scientist",
    "ml_practitioner": "an ML practitioner",
    "student": "a student",
    "other": "someone from another field",
}


def background_label(background: str) -> str:
    """The background with its article, for use inside a sentence."""
    return BACKGROUND_LABELS.get(background, "a " + background.replace("_", " "))
