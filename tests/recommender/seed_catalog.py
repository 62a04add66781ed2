"""A hand-built snapshot mirroring the seed data, and builders for variations of it.

The recommender must never name these slugs; tests may.
"""

from dataclasses import replace
from datetime import date
from typing import Any

from app.recommender import CatalogSnapshot, CertificationFacts, CourseFacts

TODAY = date(2026, 11, 20)

PMLE = "google-professional-ml-engineer"
AWS_SPECIALTY = "aws-ml-specialty"
AWS_ASSOCIATE = "aws-ml-engineer-associate"
AZURE_AI102 = "azure-ai-engineer-associate"
AZURE_AI103 = "azure-ai-apps-agents-developer-associate"
GOOGLE_COURSE_CERT = "google-ml-engineer-professional-certificate"

STRUCTURING = "structuring-ml-projects"
APPLIED = "applied-ml-in-python"
PRODUCTION = "production-ml-systems"
CLASSIFICATION = "ml-classification"
CLUSTERING = "cluster-analysis-unsupervised-ml-python"

VENDOR_EXAMS = (PMLE, AWS_SPECIALTY, AWS_ASSOCIATE, AZURE_AI102, AZURE_AI103)
CLOUD_EXAM_TODAY = {"gcp": PMLE, "aws": AWS_ASSOCIATE, "azure": AZURE_AI103}


def cert(slug: str, **changes: Any) -> CertificationFacts:
    base = CertificationFacts(
        slug=slug,
        name=slug.replace("-", " ").title(),
        kind="vendor_exam",
        discipline="ml_engineering",
        platform="gcp",
        proctored=True,
        recommended_years_ml=None,
        recommended_years_cloud=None,
        prep_weeks_min=8,
        prep_weeks_max=13,
        difficulty=3,
        hiring_weight="moderate",
        skills=(),
        status="active",
        available_from=None,
        retired_on=None,
        successor=None,
        duration_minutes=120,
    )
    return replace(base, **changes)


def course_certificate(slug: str, **changes: Any) -> CertificationFacts:
    defaults: dict[str, Any] = {
        "kind": "course_certificate",
        "proctored": False,
        "platform": "none",
        "hiring_weight": "supporting",
        "prep_weeks_min": None,
        "prep_weeks_max": None,
        "duration_minutes": None,
    }
    return cert(slug, **{**defaults, **changes})


def course(slug: str, **changes: Any) -> CourseFacts:
    base = CourseFacts(
        slug=slug,
        title=slug.replace("-", " ").title(),
        level="intermediate",
        audience=("software_engineer",),
        skills=(),
        interview_relevance="medium",
        rating_value=9.7,
        rating_scale=10,
        duration_hours=None,
        prepares_for=(),
        part_of=None,
    )
    return replace(base, **changes)


CERTIFICATIONS = (
    cert(
        PMLE,
        name="Google Cloud Professional Machine Learning Engineer",
        platform="gcp",
        recommended_years_ml=3,
        recommended_years_cloud=1,
        difficulty=5,
        hiring_weight="strong",
        skills=("ml-problem-framing", "ml-solution-architecture", "data-preparation", "mlops"),
        duration_minutes=120,
    ),
    cert(
        AWS_SPECIALTY,
        name="AWS Certified Machine Learning - Specialty",
        platform="aws",
        recommended_years_ml=2,
        recommended_years_cloud=2,
        difficulty=4,
        skills=("data-engineering", "exploratory-data-analysis", "sagemaker"),
        status="retired",
        retired_on=date(2026, 3, 31),
        successor=AWS_ASSOCIATE,
        duration_minutes=180,
    ),
    cert(
        AWS_ASSOCIATE,
        name="AWS Certified Machine Learning Engineer - Associate",
        platform="aws",
        recommended_years_ml=1,
        recommended_years_cloud=1,
        difficulty=3,
        hiring_weight="strong",
        skills=("data-preparation", "model-deployment", "sagemaker"),
        available_from=date(2024, 10, 8),
        duration_minutes=130,
    ),
    cert(
        AZURE_AI102,
        name="Microsoft Certified: Azure AI Engineer Associate",
        discipline="ai_engineering",
        platform="azure",
        difficulty=2,
        skills=("azure-ai-services", "generative-ai"),
        status="retired",
        retired_on=date(2026, 6, 30),
        successor=AZURE_AI103,
        duration_minutes=100,
    ),
    cert(
        AZURE_AI103,
        name="Microsoft Certified: Azure AI Apps and Agents Developer Associate",
        discipline="ai_engineering",
        platform="azure",
        difficulty=2,
        skills=("generative-ai", "ai-agents"),
        available_from=date(2026, 4, 21),
        duration_minutes=120,
    ),
    course_certificate(
        GOOGLE_COURSE_CERT, name="Google ML Engineer Professional Certificate", platform="gcp"
    ),
    course_certificate("deep-learning-specialization", name="Deep Learning Specialization"),
    course_certificate(
        "applied-data-science-with-python-specialization",
        name="Applied Data Science with Python Specialization",
        discipline="data_science",
    ),
    course_certificate(
        "uw-machine-learning-specialization",
        name="Machine Learning Specialization (University of Washington)",
        discipline="data_science",
    ),
)

NEWCOMER_AUDIENCE = ("software_engineer", "student", "other")
ML_AUDIENCE = ("data_scientist", "ml_practitioner")

COURSES = (
    course(
        STRUCTURING,
        title="Structuring Machine Learning Projects",
        level="beginner",
        audience=NEWCOMER_AUDIENCE,
        skills=("ml-project-strategy", "error-analysis", "data-distribution-mismatch"),
        rating_value=9.8,
        part_of="deep-learning-specialization",
    ),
    course(
        APPLIED,
        title="Applied Machine Learning in Python",
        level="intermediate",
        audience=NEWCOMER_AUDIENCE,
        skills=("python", "scikit-learn", "supervised-learning", "unsupervised-learning"),
        part_of="applied-data-science-with-python-specialization",
    ),
    course(
        PRODUCTION,
        title="Production Machine Learning Systems",
        level="advanced",
        audience=ML_AUDIENCE,
        skills=("model-deployment", "ml-pipelines", "mlops", "model-monitoring"),
        prepares_for=((PMLE, "maps_to_exam_objectives"),),
        part_of=GOOGLE_COURSE_CERT,
    ),
    course(
        CLASSIFICATION,
        title="Machine Learning: Classification",
        level="intermediate",
        audience=ML_AUDIENCE,
        skills=("classification", "decision-trees", "boosting", "model-evaluation"),
        interview_relevance="high",
        duration_hours=21,
        part_of="uw-machine-learning-specialization",
    ),
    course(
        CLUSTERING,
        title="Cluster Analysis and Unsupervised Machine Learning in Python",
        level="intermediate",
        audience=ML_AUDIENCE,
        skills=("unsupervised-learning", "clustering", "gaussian-mixture-models", "python"),
        interview_relevance="high",
        prepares_for=(
            (PMLE, "supporting"),
            (AWS_SPECIALTY, "supporting"),
            (AWS_ASSOCIATE, "supporting"),
        ),
    ),
)

SEED = CatalogSnapshot(version="seed-1", certifications=CERTIFICATIONS, courses=COURSES)
CERT_BY_SLUG = {c.slug: c for c in CERTIFICATIONS}
COURSE_BY_SLUG = {c.slug: c for c in COURSES}


def snapshot(
    *,
    certifications: tuple[CertificationFacts, ...] = CERTIFICATIONS,
    courses: tuple[CourseFacts, ...] = COURSES,
    version: str = "test",
) -> CatalogSnapshot:
    return CatalogSnapshot(version=version, certifications=certifications, courses=courses)
