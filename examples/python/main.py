"""What a Python team does with certpath's openapi.json: a client generated from the document
(certpath_client/, made by generate.sh), and every operation called through it, with its
problem+json errors read as the generated `Problem` model. covers_every_operation.py fails CI
when an operation in openapi.json is called nowhere here. The same program as
examples/ts/src/main.ts, operation for operation.

  CERTPATH_URL   the server (default http://127.0.0.1:8000, as `make run` serves it)
  CERTPATH_KEY   a maintainer's key (`make admin-key name=NAME`); without it the writes and
                 the audit trail answer 401, which the program reads and prints like any problem

It exits 1 on any answer it did not expect, so CI can run it against a real server.
Each operation is one `<operation_id>.sync_detailed(...)` call: a new operation is a few lines
in the step it belongs to, or a new step in STEPS at the end.
"""

import json
import os
import sys
import uuid
from collections import Counter
from collections.abc import Callable
from http import HTTPStatus
from typing import Any, TypeVar

import attrs
from certpath_client import AuthenticatedClient, Client
from certpath_client.api.certifications import (
    create_certification,
    delete_certification,
    get_certification,
    list_certifications,
    patch_certification,
    replace_certification,
)
from certpath_client.api.courses import (
    create_course,
    delete_course,
    get_course,
    list_courses,
    patch_course,
    replace_course,
)
from certpath_client.api.export import export_catalog
from certpath_client.api.health import healthz, readyz
from certpath_client.api.maintenance import list_audit_events
from certpath_client.api.recommendations import get_recommended_path, recommend_path
from certpath_client.models import (
    AuditPage,
    Background,
    CertificationIn,
    CertificationKind,
    CertificationOut,
    CertificationPage,
    CertificationSort,
    Cloud,
    CourseIn,
    CourseOut,
    CoursePage,
    Discipline,
    GetRecommendedPathFormatType0,
    Goal,
    Health,
    HiringSignal,
    HiringWeight,
    Interview,
    InterviewRelevance,
    Level,
    Lifecycle,
    LifecycleStatus,
    PatchCertificationChanges,
    PatchCourseChanges,
    Problem,
    ProfileIn,
    Readiness,
    RecommendationOut,
)
from certpath_client.types import Response

BASE_URL = os.environ.get("CERTPATH_URL", "http://127.0.0.1:8000")
KEY = os.environ.get("CERTPATH_KEY")

# Reads need no key. Keys go in a header, never in a URL; only writes and the audit trail need
# one. Without a key the admin client sends none (an empty token, no prefix): those answer 401.
api = Client(base_url=BASE_URL)
admin = AuthenticatedClient(base_url=BASE_URL, token=KEY or "", prefix="Bearer" if KEY else "")

T = TypeVar("T")
unexpected_answers: list[str] = []


def explain(what: str, problem: Problem) -> None:
    """A problem as a person reads it: title, detail, and each rejected field."""
    detail = problem.detail if isinstance(problem.detail, str) else ""
    print(f"{what}: {problem.status} {problem.title}: {detail}")
    for error in problem.errors or []:
        print(f"  {error.field}: {error.message} ({error.type_})")
    if isinstance(problem.request_id, str):
        print(f"  quote request id {problem.request_id} when you report it")


def failed(what: str, problem: Problem) -> None:
    """An answer the program did not expect: shown, and the exit status says so (CI runs this
    against a server). Without a key, the 401s of writes and the audit trail are expected."""
    explain(what, problem)
    if KEY is not None or problem.status != HTTPStatus.UNAUTHORIZED:
        unexpected_answers.append(what)


def answer(what: str, response: Response[Any], kind: type[T]) -> T | None:
    """The parsed answer if it is a `kind`; a problem or anything else is reported."""
    parsed = response.parsed
    if isinstance(parsed, kind):
        return parsed
    if isinstance(parsed, Problem):
        failed(what, parsed)
    else:
        print(f"{what}: an undeclared answer, {response.status_code}: {response.content[:200]!r}")
        unexpected_answers.append(what)
    return None


def no_content(what: str, response: Response[Any]) -> bool:
    """A 204 (a DELETE), or the problem that came instead."""
    if response.status_code == HTTPStatus.NO_CONTENT:
        return True
    answer(what, response, type(None))
    return False


def expect_problem(what: str, status: HTTPStatus, response: Response[Any]) -> None:
    """A problem the program asks for on purpose, to show how one reads."""
    problem = response.parsed
    if not isinstance(problem, Problem) or problem.status != status:
        got = problem.status if isinstance(problem, Problem) else response.status_code
        print(f"{what}: expected a {status.value} problem, got {got}")
        unexpected_answers.append(what)
    else:
        explain(what, problem)


def etag_of(response: Response[Any]) -> str:
    """The ETag a write needs in If-Match: the one from the last read or write of the item."""
    etag = response.headers.get("ETag")
    if etag is None:
        raise RuntimeError(f"no ETag in an answer of {response.status_code}")
    return etag


def probes() -> None:
    live = answer("healthz", healthz.sync_detailed(client=api), Health)
    if live:
        print(f"healthz: {live.status}")
    ready = answer("readyz", readyz.sync_detailed(client=api), Readiness)
    if ready:
        print(f"readyz: {ready.status} at migration {ready.migration or 'none'}")


def catalog() -> None:
    certs = answer(
        "list certifications",
        list_certifications.sync_detailed(
            client=api,
            status=LifecycleStatus.ACTIVE,
            sort=CertificationSort("-difficulty"),
            limit=5,
        ),
        CertificationPage,
    )
    if certs is None:
        return
    print(f"{certs.total} active certifications; the hardest:")
    for cert in certs.data:
        print(f"  {cert.difficulty}/5 {cert.name}")

    if certs.data:
        one = answer(
            "get certification",
            get_certification.sync_detailed(certs.data[0].slug, client=api),
            CertificationOut,
        )
        if one:
            print(f"{one.name}: prepared by {len(one.prepared_by)} course(s)")

    courses = answer(
        "list courses", list_courses.sync_detailed(client=api, level=Level.BEGINNER), CoursePage
    )
    if courses is None:
        return
    for course in courses.data:
        read = answer("get course", get_course.sync_detailed(course.slug, client=api), CourseOut)
        if read:
            print(f"course {read.title} ({read.provider.name})")

    # A filter sidebar in one call: the page, and how many items each value would leave.
    sidebar = answer(
        "list courses with facets",
        list_courses.sync_detailed(client=api, facets="level,provider", limit=1),
        CoursePage,
    )
    if sidebar and sidebar.facets and sidebar.facets.level:
        levels = ", ".join(f"{f.value} {f.count}" for f in sidebar.facets.level)
        print(f"courses by level: {levels}")

    # Problems are typed too: a 404 names the slug, a 422 names each bad parameter.
    missing = get_course.sync_detailed("no-such-course", client=api)
    expect_problem("an unknown slug", HTTPStatus.NOT_FOUND, missing)
    invalid = list_certifications.sync_detailed(client=api, limit=1000)
    expect_problem("a limit over 100", HTTPStatus.UNPROCESSABLE_ENTITY, invalid)


def export() -> None:
    # The whole catalog in one call: one JSON object a line, each with its `type`.
    response = export_catalog.sync_detailed(client=api)
    if response.status_code != HTTPStatus.OK:
        unexpected_answers.append(f"export: {response.status_code}")
        return
    kinds = Counter(json.loads(line)["type"] for line in response.content.splitlines())
    print("export: " + ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())))


def plans() -> None:
    profile = ProfileIn(
        background=Background.SOFTWARE_ENGINEER,
        years_ml_experience=0,
        target_cloud=Cloud.GCP,
        goal=Goal.GET_HIRED,
        hours_per_week=8,
    )
    plan = answer(
        "recommend", recommend_path.sync_detailed(client=api, body=profile), RecommendationOut
    )
    if plan is None:
        return
    for step in plan.steps:
        print(f"  weeks {step.start_week}-{step.end_week}: {step.title} ({step.rule})")
    # The same plan by GET, from the profile as query parameters: a link to share.
    linked = answer(
        "recommendation by link",
        get_recommended_path.sync_detailed(
            client=api,
            background=profile.background,
            years_ml_experience=profile.years_ml_experience,
            target_cloud=profile.target_cloud,
            goal=profile.goal,
            hours_per_week=profile.hours_per_week,
            as_of=plan.as_of,
            format_=GetRecommendedPathFormatType0.JSON,
        ),
        RecommendationOut,
    )
    if linked:
        print(f"the same plan by GET: {linked.total_weeks} weeks")


CERTIFICATION = CertificationIn(
    slug="example-python-client-certification",
    name="Example Python Client Certification",
    kind=CertificationKind.VENDOR_EXAM,
    discipline=Discipline.ML_ENGINEERING,
    issuer="aws",
    cloud=Cloud.AWS,
    proctored=True,
    description="Made by the Python example client, and deleted again right after.",
    difficulty=3,
    hiring_signal=HiringSignal(weight=HiringWeight.MODERATE, note="An example, not a credential."),
    lifecycle=Lifecycle(status=LifecycleStatus.ACTIVE),
    url="https://example.org/certification",
)

COURSE = CourseIn(
    slug="example-python-client-course",
    title="Example Python Client Course",
    description="Made by the Python example client, and deleted again right after.",
    provider="deeplearning-ai",
    platform="coursera",
    level=Level.BEGINNER,
    audience=[Background.STUDENT],
    interview=Interview(relevance=InterviewRelevance.LOW),
    url="https://example.org/course",
)


def certification_writes() -> None:
    created_response = create_certification.sync_detailed(
        client=admin,
        body=CERTIFICATION,
        # A retry with the same key gets the first answer back; a new run needs a new key.
        idempotency_key=str(uuid.uuid4()),
    )
    created = answer("create certification", created_response, CertificationOut)
    if created is None:
        return
    slug = created.slug
    patched_response = patch_certification.sync_detailed(
        slug,
        client=admin,
        body=PatchCertificationChanges.from_dict({"difficulty": 4}),
        if_match=etag_of(created_response),
    )
    if answer("patch certification", patched_response, CertificationOut) is None:
        return
    replaced_response = replace_certification.sync_detailed(
        slug,
        client=admin,
        body=attrs.evolve(CERTIFICATION, difficulty=2),
        if_match=etag_of(patched_response),
    )
    if answer("replace certification", replaced_response, CertificationOut) is None:
        return
    # A stale ETag is refused with 412: someone else changed the item since it was read.
    stale = delete_certification.sync_detailed(
        slug, client=admin, if_match=etag_of(created_response)
    )
    expect_problem("delete with a stale ETag", HTTPStatus.PRECONDITION_FAILED, stale)
    deleted = delete_certification.sync_detailed(
        slug, client=admin, if_match=etag_of(replaced_response)
    )
    if no_content("delete certification", deleted):
        print(f"created, changed and deleted {slug}")


def course_writes() -> None:
    created_response = create_course.sync_detailed(client=admin, body=COURSE)
    created = answer("create course", created_response, CourseOut)
    if created is None:
        return
    slug = created.slug
    patched_response = patch_course.sync_detailed(
        slug,
        client=admin,
        body=PatchCourseChanges.from_dict({"duration_hours": 12}),
        if_match=etag_of(created_response),
    )
    if answer("patch course", patched_response, CourseOut) is None:
        return
    replaced_response = replace_course.sync_detailed(
        slug,
        client=admin,
        body=attrs.evolve(COURSE, level=Level.INTERMEDIATE),
        if_match=etag_of(patched_response),
    )
    if answer("replace course", replaced_response, CourseOut) is None:
        return
    deleted = delete_course.sync_detailed(slug, client=admin, if_match=etag_of(replaced_response))
    if no_content("delete course", deleted):
        print(f"created, changed and deleted {slug}")


def audit() -> None:
    events = answer("audit", list_audit_events.sync_detailed(client=admin, limit=5), AuditPage)
    if events is None:
        return
    for event in events.data:
        print(f"  {event.at} {event.actor} {event.action} {event.item_kind} {event.slug}")


STEPS: list[Callable[[], None]] = [
    probes,
    catalog,
    export,
    plans,
    certification_writes,
    course_writes,
    audit,
]

if __name__ == "__main__":
    for step in STEPS:
        step()
    if unexpected_answers:
        print(f"unexpected answers: {', '.join(unexpected_answers)}", file=sys.stderr)
        sys.exit(1)
