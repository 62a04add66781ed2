"""The profiles that `POST /recommendations` is driven with, the same on every catalog.

Only the seed's slugs appear in `completed`, so every profile is valid on the seed catalog
and on the generated one, which contains the seed. The profiles name a `target_platform` (every
platform, `none` included) and never `target_cloud`, which would have to agree with it.
"""

import random
from typing import Any
from urllib.parse import urlencode

BACKGROUNDS = ("software_engineer", "data_scientist", "ml_practitioner", "student", "other")
PLATFORMS = ("none", "gcp", "aws", "azure", "databricks", "nvidia", "snowflake")
FOCUSES = ("ml_engineering", "genai_engineering", "mlops")
GOALS = ("get_hired", "credential", "interview_prep", "skills")
COMPLETED = (
    (),
    ("structuring-ml-projects",),
    ("ml-classification", "applied-ml-in-python"),
    ("aws-ml-specialty",),
    ("production-ml-systems", "google-professional-ml-engineer"),
    ("cluster-analysis-unsupervised-ml-python", "deep-learning-specialization"),
)
AS_OF = "2026-11-20"


def profile_bodies(count: int = 40, seed: int = 7) -> list[dict[str, Any]]:
    """`count` different request bodies: every background, platform, focus and goal appears."""
    rng = random.Random(seed)
    bodies = []
    for i in range(count):
        body: dict[str, Any] = {
            "background": BACKGROUNDS[i % len(BACKGROUNDS)],
            "years_ml_experience": rng.choice([0, 0, 1, 2, 3, 5]),
            "target_platform": PLATFORMS[(i // len(BACKGROUNDS)) % len(PLATFORMS)],
            "years_cloud_experience": rng.choice([0, 0, 1, 2, 4]),
            "goal": GOALS[(i // 2) % len(GOALS)],
            "focus": FOCUSES[i % len(FOCUSES)],
            "completed": list(rng.choice(COMPLETED)),
            "hours_per_week": rng.choice([4, 8, 10, 15, 20]),
        }
        # Half the clients pin the date, half let the server use today's.
        if i % 2 == 0:
            body["as_of"] = AS_OF
        bodies.append(body)
    return bodies


def calendar_paths(count: int = 40) -> list[str]:
    """The same profiles as `GET /recommendations` calendars, every fourth with a budget."""
    paths = []
    for i, body in enumerate(profile_bodies(count)):
        query = dict(body)
        if i % 4 == 0:
            query |= {"budget_amount": "200", "budget_currency": "USD"}
        paths.append(f"/recommendations?{urlencode({**query, 'format': 'ics'}, doseq=True)}")
    return paths
