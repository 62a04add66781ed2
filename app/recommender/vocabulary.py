"""The recommender's vocabulary: the catalog's enumerated values, which it decides from, and the
codes it answers with. The one place these enums are declared: the tables, the request and
response schemas and the seed files all take their values from here.
"""

from enum import StrEnum

RECOMMENDER_VERSION = "2.1.0"


class CertificationKind(StrEnum):
    vendor_exam = "vendor_exam"
    course_certificate = "course_certificate"


class Discipline(StrEnum):
    """What a credential is about. `ai_engineering` is the older, broader value; new records
    say `ai_apps` or `genai_engineering`."""

    ml_engineering = "ml_engineering"
    mlops = "mlops"
    genai_engineering = "genai_engineering"
    ai_apps = "ai_apps"
    data_science = "data_science"
    data_engineering = "data_engineering"
    ai_literacy = "ai_literacy"
    ai_engineering = "ai_engineering"


class Cloud(StrEnum):
    """The three clouds of the first catalog; `Platform` is the wider field."""

    gcp = "gcp"
    aws = "aws"
    azure = "azure"
    none = "none"


class Platform(StrEnum):
    gcp = "gcp"
    aws = "aws"
    azure = "azure"
    databricks = "databricks"
    nvidia = "nvidia"
    snowflake = "snowflake"
    none = "none"


class Tier(StrEnum):
    """The issuer's own level for the credential."""

    foundational = "foundational"
    associate = "associate"
    professional = "professional"
    specialty = "specialty"


class Eligibility(StrEnum):
    open = "open"  # anyone may sit it
    restricted = "restricted"  # only some people may: see the record's eligibility_note


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


class Goal(StrEnum):
    get_hired = "get_hired"
    credential = "credential"
    interview_prep = "interview_prep"
    skills = "skills"


class Focus(StrEnum):
    """The kind of engineering the person is heading for."""

    ml_engineering = "ml_engineering"
    genai_engineering = "genai_engineering"
    mlops = "mlops"


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
    eligibility_restricted = "eligibility_restricted"
    over_budget = "over_budget"
    budget_not_comparable = "budget_not_comparable"


class Standing(StrEnum):
    """How far along the ML path a person is, which decides the kind of coursework they need."""

    newcomer = "newcomer"  # no ML background: needs the foundation first
    modeler = "modeler"  # knows modeling, lacks production and deployment
    practitioner = "practitioner"  # already works in ML


NO_CLOUD = Platform.none.value
VENDOR_EXAM = CertificationKind.vendor_exam.value
BEGINNER = Level.beginner.value
INTERMEDIATE = Level.intermediate.value
ADVANCED = Level.advanced.value
FOUNDATION_LEVELS = (BEGINNER, INTERMEDIATE)
HIGH_INTERVIEW_RELEVANCE = InterviewRelevance.high.value

HIRING_RANK: dict[str, int] = {
    HiringWeight.strong: 3,
    HiringWeight.moderate: 2,
    HiringWeight.supporting: 1,
}
MAPS_TO_OBJECTIVES = Closeness.maps_to_exam_objectives.value
CLOSENESS_WEIGHT = {MAPS_TO_OBJECTIVES: 2, Closeness.supporting.value: 1}
# The weights a course can prepare with, closest first.
CLOSENESS_LEVELS = tuple(sorted({w for w in CLOSENESS_WEIGHT.values() if w > 0}, reverse=True))

# The disciplines that serve each focus, closest first.
FOCUS_DISCIPLINES: dict[str, tuple[str, ...]] = {
    Focus.ml_engineering: (Discipline.ml_engineering, Discipline.mlops, Discipline.data_science),
    Focus.mlops: (Discipline.mlops, Discipline.ml_engineering),
    Focus.genai_engineering: (
        Discipline.genai_engineering,
        Discipline.ai_apps,
        Discipline.ai_engineering,
    ),
}
# Where a platform has nothing in the focus, its other exams still rank, nearest to engineering
# ML systems first and literacy last.
OTHER_DISCIPLINES = (
    Discipline.ml_engineering,
    Discipline.mlops,
    Discipline.genai_engineering,
    Discipline.ai_apps,
    Discipline.ai_engineering,
    Discipline.data_science,
    Discipline.data_engineering,
    Discipline.ai_literacy,
)
# focus -> discipline -> rank: the focus's own first, then the others in the order above.
DISCIPLINE_RANK: dict[str, dict[str, int]] = {
    focus: {
        d: rank
        for rank, d in enumerate(
            dict.fromkeys((*own, *OTHER_DISCIPLINES))  # the focus's own, then the rest once
        )
    }
    for focus, own in FOCUS_DISCIPLINES.items()
}

# An exam about literacy, or at the issuer's entry tier, teaches nothing to someone who already
# works with ML: never their target.
ENTRY_TIERS = frozenset({Tier.foundational.value})
LITERACY = frozenset({Discipline.ai_literacy.value})
# The rungs of an issuer's ladder, lowest first; an exam without a tier sits with the associates.
TIER_RUNG: dict[str, int] = {
    Tier.foundational: 0,
    Tier.associate: 1,
    Tier.professional: 2,
    Tier.specialty: 2,
}
UNTIERED_RUNG = 1
OPEN = Eligibility.open.value

# The article's backgrounds, read as standings. Any other background starts as a newcomer.
BACKGROUND_STANDING: dict[str, Standing] = {
    Background.data_scientist: Standing.modeler,
    Background.ml_practitioner: Standing.practitioner,
}
# A year of hands-on ML work gives the foundation that the beginner courses would.
FOUNDATION_YEARS = 1

PLATFORM_LABELS = {
    "gcp": "Google Cloud",
    "aws": "AWS",
    "azure": "Azure",
    "databricks": "Databricks",
    "nvidia": "NVIDIA",
    "snowflake": "Snowflake",
}


def cloud_of(platform: str) -> str:
    """The first catalog's `cloud` for a platform: itself where it is one of those clouds."""
    return platform if platform in Cloud.__members__ else Cloud.none.value


def platform_label(platform: str) -> str:
    # A vendor added to the catalog later still reads sensibly, just less prettily.
    return PLATFORM_LABELS.get(platform, platform)


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
