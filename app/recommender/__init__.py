"""The recommender: plain data in, plain data out.

It imports no web framework, database, clock, randomness or environment; today's date is an
argument. It decides from catalog attributes only, so new courses, exams and vendors need no
code change.
"""

from app.recommender.catalog import CatalogSnapshot
from app.recommender.engine import check_completed, recommend
from app.recommender.errors import UnknownSlugs
from app.recommender.facts import CertificationFacts, CourseFacts
from app.recommender.profile import Profile
from app.recommender.result import Alternative, Recommendation, Step, Warning
from app.recommender.vocabulary import RECOMMENDER_VERSION, Goal, Rule, StepKind, WarningCode

__all__ = [
    "RECOMMENDER_VERSION",
    "Alternative",
    "CatalogSnapshot",
    "CertificationFacts",
    "CourseFacts",
    "Goal",
    "Profile",
    "Recommendation",
    "Rule",
    "Step",
    "StepKind",
    "UnknownSlugs",
    "Warning",
    "WarningCode",
    "check_completed",
    "recommend",
]
