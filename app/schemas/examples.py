"""Example documents for the OpenAPI models, trimmed from the seed catalog."""

from typing import Any

PROVIDER: dict[str, Any] = {"slug": "aws", "name": "Amazon Web Services", "kind": "cloud_vendor"}
PROVIDER_OUT: dict[str, Any] = {
    **PROVIDER,
    "url": "https://aws.amazon.com",
    "updated_at": "2026-11-20T12:00:00Z",
}
CERTIFICATION_REF: dict[str, Any] = {
    "slug": "aws-ml-engineer-associate",
    "name": "AWS Certified Machine Learning Engineer - Associate",
    "kind": "vendor_exam",
    "status": "active",
}
MONEY: dict[str, Any] = {"amount": 150.0, "currency": "USD"}
EXAM: dict[str, Any] = {
    "code": "MLA-C01",
    "cost": MONEY,
    "duration_minutes": 130,
    "question_count": {"min": 65, "max": 65},
    "passing_score": {"score": 720, "scale": 1000},
    "delivery_modes": ["online_proctored", "test_center"],
    "validity_months": 36,
    "renewal": None,
    "previous_codes": [],
}
LIFECYCLE: dict[str, Any] = {
    "status": "retired",
    "available_from": None,
    "retired_on": "2026-03-31",
    "successor": CERTIFICATION_REF,
}
SOURCE: dict[str, Any] = {
    "url": "https://docs.aws.amazon.com/aws-certification/latest/examguides/"
    "machine-learning-engineer-associate-01.html",
    "as_of": "2026-11-20",
    "origin": "vendor",
    "covers": ["recommended_experience", "exam_domains"],
}
CERTIFICATION: dict[str, Any] = {
    "slug": "aws-ml-engineer-associate",
    "name": "AWS Certified Machine Learning Engineer - Associate",
    "kind": "vendor_exam",
    "discipline": "ml_engineering",
    "tier": "associate",
    "eligibility": "open",
    "eligibility_note": None,
    "issuer": PROVIDER,
    "platform": "aws",
    "cloud": "aws",
    "proctored": True,
    "description": "AWS's associate-level proctored exam on preparing data, developing, "
    "deploying and monitoring ML systems on AWS, built around SageMaker.",
    "exam": EXAM,
    "recommended_experience": {"years_ml": 1, "years_cloud": 1},
    "preparation_weeks": {"min": 8, "max": 13},
    "difficulty": 3,
    "hiring_signal": {
        "weight": "strong",
        "note": "Counts at employers that run on AWS; portfolio work counts for more.",
    },
    "skills": ["mlops", "model-deployment", "sagemaker"],
    "exam_domains": [{"name": "ML Model Development", "weight_percent": 26}],
    "lifecycle": {**LIFECYCLE, "status": "active", "retired_on": None, "successor": None},
    "url": "https://aws.amazon.com/certification/certified-machine-learning-engineer-associate/",
    "sources": [SOURCE],
    "unconfirmed": [
        {"field": "exam.cost", "reason": "Reported by third parties; AWS's page was not read."}
    ],
    "prepared_by": [
        {
            "slug": "cluster-analysis-unsupervised-ml-python",
            "title": "Cluster Analysis and Unsupervised Machine Learning in Python",
            "closeness": "supporting",
        }
    ],
    "includes": [],
    "updated_at": "2026-11-20T12:00:00Z",
}
COURSE: dict[str, Any] = {
    "slug": "production-ml-systems",
    "title": "Production Machine Learning Systems",
    "description": "Google Cloud's course on running ML in production: serving at scale, "
    "data dependencies, and the technical debt of ML systems.",
    "provider": {"slug": "google-cloud", "name": "Google Cloud", "kind": "cloud_vendor"},
    "platform": {"slug": "coursera", "name": "Coursera", "kind": "learning_platform"},
    "instructor": "Google Cloud Training",
    "rating": {"value": 9.7, "scale": 10},
    "level": "advanced",
    "skills": ["mlops", "model-deployment", "model-monitoring"],
    "audience": ["data_scientist", "ml_practitioner"],
    "prepares_for": [
        {
            "slug": "google-professional-ml-engineer",
            "name": "Google Cloud Professional Machine Learning Engineer",
            "kind": "vendor_exam",
            "status": "active",
            "closeness": "maps_to_exam_objectives",
        }
    ],
    "part_of": {
        "slug": "google-ml-engineer-professional-certificate",
        "name": "Machine Learning Engineer Professional Certificate",
        "kind": "course_certificate",
        "status": "active",
    },
    "interview": {"relevance": "medium", "note": "Deployment questions come up in interviews."},
    "duration_hours": None,
    "cost": None,
    "url": "https://www.coursera.org/learn/gcp-production-ml-systems",
    "sources": [],
    "unconfirmed": [],
    "updated_at": "2026-11-20T12:00:00Z",
}


def page(item: dict[str, Any], path: str) -> dict[str, Any]:
    return {
        "data": [item],
        "total": 9,
        "limit": 1,
        "offset": 0,
        "next": f"https://certpath.example{path}?offset=1&limit=1",
    }


def catalog_page(
    item: dict[str, Any], path: str, facets: dict[str, Any] | None = None
) -> dict[str, Any]:
    # `deleted` and `facets` are always written: null unless asked for.
    return {**page(item, path), "deleted": None, "facets": facets}


# Facet counts, as `facets=provider,tier` and `facets=level,provider` give them.
CERTIFICATION_FACETS: dict[str, Any] = {
    "provider": [{"value": "aws", "count": 4}, {"value": "google-cloud", "count": 3}],
    "kind": None,
    "platform": None,
    "tier": [{"value": "associate", "count": 5}, {"value": "professional", "count": 4}],
    "status": None,
    "discipline": None,
}
COURSE_FACETS: dict[str, Any] = {
    "provider": [{"value": "coursera", "count": 12}, {"value": "google-cloud", "count": 5}],
    "level": [
        {"value": "intermediate", "count": 9},
        {"value": "beginner", "count": 6},
        {"value": "advanced", "count": 4},
    ],
    "skill": None,
    "audience": None,
    "prepares_for": None,
}


# What a maintainer sends to add an item.
CERTIFICATION_IN: dict[str, Any] = {
    "slug": "aws-generative-ai-developer-professional",
    "name": "AWS Certified Generative AI Developer - Professional",
    "kind": "vendor_exam",
    "discipline": "genai_engineering",
    "tier": "professional",
    "issuer": "aws",
    "platform": "aws",
    "proctored": True,
    "description": "AWS's professional-level exam on building generative AI applications "
    "on AWS, related to the retired ML Specialty exam.",
    "exam": {"code": "AIP-C01", "delivery_modes": ["online_proctored", "test_center"]},
    "difficulty": 4,
    "hiring_signal": {"weight": "moderate", "note": "New; employers are still learning it."},
    "skills": ["generative-ai"],
    "lifecycle": {"status": "active"},
    "url": "https://aws.amazon.com/certification/",
}
COURSE_IN: dict[str, Any] = {
    "slug": "ml-engineering-for-production",
    "title": "Machine Learning Engineering for Production (MLOps)",
    "description": "A course series on taking models to production: data pipelines, "
    "deployment, and monitoring.",
    "provider": "deeplearning-ai",
    "platform": "coursera",
    "level": "advanced",
    "skills": ["mlops", "model-deployment", "model-monitoring"],
    "audience": ["data_scientist", "ml_practitioner"],
    "prepares_for": [
        {"certification": "google-professional-ml-engineer", "closeness": "supporting"}
    ],
    "interview": {"relevance": "medium"},
    "url": "https://www.coursera.org/",
}
