"""A realistic recommendation for the format tests, and the sample pictures in `docs/`.

It mirrors what `POST /recommendations` answers for a software engineer with no ML
background whose target employers run on AWS (catalog `seed-1`, recommender 1.0.0, as of
2026-11-20). It is written out rather than computed so that the pictures change only when the
renderer does.

Regenerate the pictures with `.venv/bin/python -m tests.formats.sample`.
"""

from datetime import date
from pathlib import Path

import resvg_py

from app.formats.svg import recommendation_svg
from app.recommender import Rule, StepKind, WarningCode
from app.schemas.recommendations import (
    CostTotalOut,
    PlanCostOut,
    RecommendationOut,
    RenewalOut,
    StepCostOut,
    StepOut,
    WarningOut,
)

DOCS = Path(__file__).resolve().parents[2] / "docs"
SAMPLE_SVG = DOCS / "recommendation-timeline.svg"
SAMPLE_PNG = DOCS / "recommendation-timeline.png"

AWS_ASSOCIATE = "AWS Certified Machine Learning Engineer - Associate"
LINK = (
    "https://certpath.example/recommendations?background=software_engineer"
    "&years_ml_experience=0&target_cloud=aws&as_of=2026-11-20"
)


def step(
    rank: int,
    kind: StepKind,
    slug: str | None,
    title: str,
    rule: Rule,
    hours: int,
    weeks: tuple[int, int],
    reason: str = "Why the step is here.",
    cost: StepCostOut | None = None,
) -> StepOut:
    return StepOut(
        rank=rank,
        kind=kind,
        slug=slug,
        title=title,
        rule=rule,
        reason=reason,
        estimated_hours=hours,
        start_week=weeks[0],
        end_week=weeks[1],
        cost=cost,
    )


UNKNOWN = StepCostOut(known=False, amount=None, currency=None)


def sample_recommendation() -> RecommendationOut:
    return RecommendationOut(
        steps=[
            step(
                1,
                StepKind.course,
                "structuring-ml-projects",
                "Structuring Machine Learning Projects",
                Rule.foundation_coursework,
                20,
                (1, 3),
                cost=UNKNOWN,
            ),
            step(
                2,
                StepKind.course,
                "applied-ml-in-python",
                "Applied Machine Learning in Python",
                Rule.foundation_coursework,
                30,
                (3, 7),
                cost=UNKNOWN,
            ),
            step(
                3,
                StepKind.project,
                None,
                "Hands-on portfolio project on AWS",
                Rule.portfolio_project,
                40,
                (7, 12),
            ),
            step(
                4,
                StepKind.exam_prep,
                "aws-ml-engineer-associate",
                f"Prepare for {AWS_ASSOCIATE}: official exam guide and practice tests",
                Rule.exam_preparation,
                104,
                (12, 25),
            ),
            step(
                5,
                StepKind.certification,
                "aws-ml-engineer-associate",
                AWS_ASSOCIATE,
                Rule.target_cloud_exam,
                3,
                (25, 25),
                cost=StepCostOut(known=True, amount=150.0, currency="USD"),
            ),
        ],
        warnings=[
            WarningOut(
                code=WarningCode.certification_retired,
                message="AWS Certified Machine Learning - Specialty was retired on 2026-03-31, "
                f"so its active successor {AWS_ASSOCIATE} is recommended instead.",
                slug="aws-ml-specialty",
            ),
            WarningOut(
                code=WarningCode.experience_below_recommended,
                message=f"{AWS_ASSOCIATE} recommends 1 year of ML experience (you have 0) and "
                "1 year on AWS (you have 0); expect to need more hands-on work before you "
                "book it.",
                slug="aws-ml-engineer-associate",
            ),
        ],
        alternatives=[],
        next_credentials=[],
        skill_coverage=None,
        total_weeks=25,
        as_of=date(2026, 11, 20),
        catalog_version="seed-1",
        recommender_version="1.0.0",
        cost=PlanCostOut(
            totals=[CostTotalOut(amount=150.0, currency="USD")],
            free=0,
            unknown=["structuring-ml-projects", "applied-ml-in-python"],
            renewals=[
                RenewalOut(
                    slug="aws-ml-engineer-associate",
                    due_on=date(2030, 5, 14),
                    validity_months=36,
                    terms=None,
                )
            ],
            budget=None,
        ),
        link=LINK,
        calendar=f"{LINK}&format=ics",
    )


# resvg maps the generic `sans-serif` to Arial, which Linux machines rarely have; DejaVu Sans
# is what a Linux browser would use (Debian's fonts-dejavu-core).
SANS_SERIF = "DejaVu Sans"


def render_png(svg: str) -> bytes:
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, sans_serif_family=SANS_SERIF))


def main() -> None:
    svg = recommendation_svg(sample_recommendation())
    DOCS.mkdir(exist_ok=True)
    SAMPLE_SVG.write_text(svg, encoding="utf-8")
    SAMPLE_PNG.write_bytes(render_png(svg))
    print(f"wrote {SAMPLE_SVG} and {SAMPLE_PNG}")


if __name__ == "__main__":
    main()
