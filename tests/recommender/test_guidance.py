"""Each piece of the article's guidance, on a small catalog mirroring the seed."""

from dataclasses import replace
from datetime import date

import pytest

from app.recommender import Profile, UnknownSlugs, check_completed
from tests.recommender.helpers import (
    codes,
    exam_slug,
    exam_step,
    first_rank,
    kinds,
    run,
    slugs,
)
from tests.recommender.seed_catalog import (
    APPLIED,
    AWS_ASSOCIATE,
    CERT_BY_SLUG,
    CERTIFICATIONS,
    CLASSIFICATION,
    CLUSTERING,
    COURSE_BY_SLUG,
    COURSES,
    GOOGLE_COURSE_CERT,
    PMLE,
    PRODUCTION,
    SEED,
    STRUCTURING,
    TODAY,
    VENDOR_EXAMS,
    course,
    snapshot,
)

FOUNDATION_LEVELS = ("beginner", "intermediate")


def course_levels(rec_slugs: list[str | None]) -> list[str]:
    return [COURSE_BY_SLUG[s].level for s in rec_slugs if s in COURSE_BY_SLUG]


class TestNoMLBackground:
    @pytest.mark.parametrize("background", ["software_engineer", "student", "other"])
    def test_foundation_in_order_then_project_then_exam(self, background: str) -> None:
        rec = run(Profile(background, 0, target_platform="gcp"))
        assert slugs(rec) == [STRUCTURING, APPLIED, None, PMLE, PMLE]
        assert kinds(rec) == ["course", "course", "project", "exam_prep", "certification"]
        assert [s.rule for s in rec.steps[:2]] == ["foundation_coursework"] * 2

    def test_no_exam_without_cloud_or_credential_goal(self) -> None:
        rec = run(Profile("software_engineer", 0))
        assert slugs(rec) == [STRUCTURING, APPLIED, None]
        assert codes(rec) == ["no_target_cloud"]
        assert {a.cloud for a in rec.alternatives} == {"gcp", "aws", "azure"}

    def test_credential_goal_calls_for_an_exam_without_a_cloud(self) -> None:
        rec = run(Profile("software_engineer", 0, goal="credential"))
        step = exam_step(rec)
        assert step is not None and step.rule == "default_exam"
        assert "no_target_cloud" not in codes(rec)
        assert first_rank(rec, "certification", "exam_prep") > first_rank(rec, "project")

    def test_a_year_of_ml_work_replaces_the_foundation(self) -> None:
        rec = run(Profile("software_engineer", 1, target_platform="aws"))
        assert not [lvl for lvl in course_levels(slugs(rec, "course")) if lvl in FOUNDATION_LEVELS]

    def test_foundation_courses_are_chosen_by_audience_and_level(self) -> None:
        # A better-rated beginner course for another audience changes nothing; one for this
        # audience takes the first place.
        other = course("z-beginner-for-analysts", level="beginner", audience=("data_scientist",))
        mine = course(
            "a-beginner-for-engineers",
            level="beginner",
            audience=("software_engineer",),
            rating_value=9.9,
        )
        assert (
            slugs(run(Profile("software_engineer", 0), snapshot(courses=(*COURSES, other))))[0]
            == STRUCTURING
        )
        assert (
            slugs(run(Profile("software_engineer", 0), snapshot(courses=(*COURSES, mine))))[0]
            == mine.slug
        )


class TestDataScientist:
    def test_production_first_and_no_modeling_theory(self) -> None:
        for cloud, exam in (("gcp", PMLE), ("aws", AWS_ASSOCIATE)):
            rec = run(Profile("data_scientist", 3, target_platform=cloud))
            assert slugs(rec)[0] == PRODUCTION
            assert rec.steps[0].rule == "production_coursework"
            assert course_levels(slugs(rec, "course")) == ["advanced"]
            assert exam_slug(rec) == exam

    def test_without_a_cloud_the_exam_the_production_course_maps_to(self) -> None:
        rec = run(Profile("data_scientist", 3))
        assert exam_slug(rec) == PMLE
        step = exam_step(rec)
        assert step is not None and step.rule == "default_exam"
        assert "no_target_cloud" not in codes(rec)

    def test_the_default_exam_follows_the_catalog_not_a_name(self) -> None:
        moved = replace(
            COURSE_BY_SLUG[PRODUCTION], prepares_for=((AWS_ASSOCIATE, "maps_to_exam_objectives"),)
        )
        courses = tuple(moved if c.slug == PRODUCTION else c for c in COURSES)
        assert (
            exam_slug(run(Profile("data_scientist", 3), snapshot(courses=courses))) == AWS_ASSOCIATE
        )

    def test_production_course_already_done(self) -> None:
        rec = run(Profile("data_scientist", 3, completed=(PRODUCTION,)))
        assert PRODUCTION not in slugs(rec)
        assert kinds(rec) == ["project", "exam_prep", "certification"]
        assert exam_slug(rec) == PMLE  # the completed course still points at it


class TestPractitionerWantingCredential:
    @pytest.mark.parametrize("cloud", ["gcp", "aws", "azure"])
    def test_straight_to_exam_preparation(self, cloud: str) -> None:
        rec = run(
            Profile(
                "ml_practitioner",
                5,
                target_platform=cloud,
                years_cloud_experience=2,
                goal="credential",
            )
        )
        assert kinds(rec) == ["exam_prep", "certification"]
        assert rec.steps[0].slug == rec.steps[1].slug
        assert rec.steps[0].rule == "exam_preparation"
        assert "official exam guide" in rec.steps[0].title
        assert CERT_BY_SLUG[str(rec.steps[1].slug)].platform == cloud

    def test_below_the_recommended_experience_a_project_comes_first(self) -> None:
        rec = run(Profile("ml_practitioner", 1, target_platform="gcp", goal="credential"))
        assert kinds(rec) == ["project", "exam_prep", "certification"]
        assert "experience_below_recommended" in codes(rec)


class TestExperienceWarning:
    @pytest.mark.parametrize(("years_ml", "years_gcp"), [(2, 5), (5, 0), (0, 0)])
    def test_below_google_recommendation(self, years_ml: int, years_gcp: int) -> None:
        rec = run(
            Profile(
                "ml_practitioner", years_ml, target_platform="gcp", years_cloud_experience=years_gcp
            )
        )
        warning = next(w for w in rec.warnings if w.code == "experience_below_recommended")
        assert warning.slug == PMLE
        assert "recommends" in warning.message

    def test_meeting_it_gives_no_warning(self) -> None:
        rec = run(Profile("ml_practitioner", 3, target_platform="gcp", years_cloud_experience=1))
        assert "experience_below_recommended" not in codes(rec)

    def test_cloud_years_count_for_any_cloud_when_none_is_named(self) -> None:
        rec = run(Profile("ml_practitioner", 5, years_cloud_experience=1, goal="credential"))
        assert exam_slug(rec) == PMLE
        assert "experience_below_recommended" not in codes(rec)


class TestInterviewPreparation:
    @pytest.mark.parametrize(
        "background", ["software_engineer", "data_scientist", "ml_practitioner"]
    )
    def test_adds_the_interview_courses(self, background: str) -> None:
        rec = run(Profile(background, 0, goal="interview_prep"))
        added = [s.slug for s in rec.steps if s.rule == "interview_coursework"]
        assert set(added) == {CLASSIFICATION, CLUSTERING}
        assert first_rank(rec, "project") > max(s.rank for s in rec.steps if s.slug in added)

    def test_other_goals_do_not(self) -> None:
        for goal in ("get_hired", "credential", "skills"):
            rec = run(Profile("data_scientist", 2, goal=goal))
            assert not {CLASSIFICATION, CLUSTERING} & set(slugs(rec))

    def test_past_the_foundation_no_beginner_course_even_for_interviews(self) -> None:
        beginner = course(
            "interview-basics",
            level="beginner",
            audience=("ml_practitioner",),
            interview_relevance="high",
            rating_value=10,
        )
        catalog = snapshot(courses=(*COURSES, beginner))
        assert beginner.slug not in slugs(
            run(Profile("ml_practitioner", 4, goal="interview_prep"), catalog)
        )
        assert beginner.slug in slugs(run(Profile("student", 0, goal="interview_prep"), catalog))


class TestCompleted:
    def test_completed_items_never_reappear(self) -> None:
        done = (STRUCTURING, PMLE, CLUSTERING)
        rec = run(
            Profile(
                "software_engineer", 0, target_platform="gcp", goal="interview_prep", completed=done
            )
        )
        assert not set(done) & set(slugs(rec))
        assert not set(done) & {a.slug for a in rec.alternatives}
        assert slugs(rec, "course") == [APPLIED, CLASSIFICATION]

    def test_a_completed_level_is_not_repeated_with_another_course(self) -> None:
        extra = course("another-beginner", level="beginner", audience=("software_engineer",))
        rec = run(
            Profile("software_engineer", 0, completed=(STRUCTURING,)),
            snapshot(courses=(*COURSES, extra)),
        )
        assert slugs(rec, "course") == [APPLIED]

    def test_unknown_slugs_are_named(self) -> None:
        profile = Profile("student", 0, completed=(STRUCTURING, "no-such-course", "also-missing"))
        with pytest.raises(UnknownSlugs) as caught:
            run(profile)
        assert caught.value.slugs == ("also-missing", "no-such-course")
        assert "no-such-course" in str(caught.value)
        with pytest.raises(UnknownSlugs):
            check_completed(profile, SEED)


class TestCourseCertificates:
    def test_never_presented_as_an_exam(self) -> None:
        # Even a course certificate that outranks every exam on paper stays out of exam steps.
        loud = replace(CERT_BY_SLUG[GOOGLE_COURSE_CERT], hiring_weight="strong", difficulty=1)
        certs = tuple(loud if c.slug == GOOGLE_COURSE_CERT else c for c in CERTIFICATIONS)
        for goal in ("credential", "get_hired"):
            rec = run(
                Profile("data_scientist", 3, target_platform="gcp", goal=goal),
                snapshot(certifications=certs),
            )
            assert {s.slug for s in rec.steps if s.kind in ("exam_prep", "certification")} == {PMLE}
            assert GOOGLE_COURSE_CERT not in {a.slug for a in rec.alternatives}

    def test_course_reason_says_no_proctored_exam(self) -> None:
        rec = run(Profile("data_scientist", 3))
        assert "course certificate, which has no proctored exam" in rec.steps[0].reason

    def test_an_inconsistent_record_is_not_trusted(self) -> None:
        unproctored = replace(CERT_BY_SLUG[PMLE], proctored=False)
        certs = tuple(unproctored if c.slug == PMLE else c for c in CERTIFICATIONS)
        rec = run(
            Profile("data_scientist", 3, target_platform="gcp"), snapshot(certifications=certs)
        )
        assert exam_slug(rec) is None
        assert "no_exam_for_cloud" in codes(rec)


class TestAnswer:
    def test_same_profile_same_answer(self) -> None:
        profile = Profile("software_engineer", 0, target_platform="aws", completed=(STRUCTURING,))
        assert run(profile) == run(profile)
        reordered = snapshot(
            certifications=CERTIFICATIONS[::-1], courses=COURSES[::-1], version="seed-1"
        )
        assert run(profile, reordered) == run(profile)

    def test_versions_and_date(self) -> None:
        rec = run(Profile("student", 0, as_of=date(2026, 1, 2)))
        assert rec.catalog_version == "seed-1"
        assert rec.recommender_version
        assert rec.as_of == date(2026, 1, 2)
        assert run(Profile("student", 0)).as_of == TODAY

    def test_reasons_are_single_sentences(self) -> None:
        for background in ("software_engineer", "data_scientist", "ml_practitioner"):
            for cloud in ("gcp", "aws", "azure", "none"):
                rec = run(Profile(background, 0, target_platform=cloud, goal="interview_prep"))
                for text in [s.reason for s in rec.steps] + [a.reason for a in rec.alternatives]:
                    assert text.endswith(".") and ". " not in text, text

    def test_alternatives_say_why_they_rank_lower(self) -> None:
        rec = run(Profile("ml_practitioner", 5, target_platform="aws", goal="credential"))
        assert {a.slug for a in rec.alternatives} <= set(VENDOR_EXAMS)
        assert all("AWS" in a.reason for a in rec.alternatives)
