"""Which courses of one (audience, level) bucket prepare for the exams a plan may lead to.

A bucket is in `course_preference` order. The best course by any key that starts or ends with
that order is either the first open course or, for each closeness weight, the first open
course preparing for a wanted exam at least that closely; so those few are all a choice reads.
"""

from collections.abc import Iterator, Mapping

from app.recommender.facts import CertificationFacts, CourseFacts
from app.recommender.index import rating_score
from app.recommender.vocabulary import CLOSENESS_LEVELS, CLOSENESS_WEIGHT


def closeness(
    course: CourseFacts, wanted: Mapping[str, CertificationFacts]
) -> tuple[int, CertificationFacts | None]:
    best: tuple[int, CertificationFacts | None] = (0, None)
    for slug, how_close in course.prepares_for:
        weight = CLOSENESS_WEIGHT.get(how_close, 0)
        if slug in wanted and weight > best[0]:
            best = (weight, wanted[slug])
    return best


def by_weight(
    bucket: tuple[CourseFacts, ...], leads: Mapping[str, CertificationFacts]
) -> tuple[tuple[int, ...], ...]:
    """Per level of `CLOSENESS_LEVELS`, the positions of the courses preparing for an exam in
    `leads` at least that closely."""
    found: list[list[int]] = [[] for _ in CLOSENESS_LEVELS]
    for position, course in enumerate(bucket):
        weight = closeness(course, leads)[0]
        for i, least in enumerate(CLOSENESS_LEVELS):
            if weight >= least:
                found[i].append(position)
    return tuple(tuple(positions) for positions in found)


def first_preparing(
    bucket: tuple[CourseFacts, ...],
    positions_by_weight: tuple[tuple[int, ...], ...],
    first: int,
    wanted: Mapping[str, CertificationFacts],
    completed: frozenset[str],
    *,
    same_rating: bool,
) -> Iterator[CourseFacts]:
    """From `first` on, per weight, the first open course preparing for `wanted` that closely.

    `positions_by_weight` must hold every course that does (`by_weight` over a superset of
    `wanted`). With `same_rating`, only courses rated as the one at `first` count."""
    rating = rating_score(bucket[first])
    for least, positions in zip(CLOSENESS_LEVELS, positions_by_weight, strict=True):
        for position in positions:
            if position < first:
                continue
            course = bucket[position]
            if same_rating and rating_score(course) != rating:
                break
            if course.slug not in completed and closeness(course, wanted)[0] >= least:
                yield course
                break


def first_preparing_any(
    bucket: tuple[CourseFacts, ...],
    positions_by_exam: Mapping[str, tuple[tuple[int, ...], ...]],
    wanted: Mapping[str, CertificationFacts],
    completed: frozenset[str],
) -> Iterator[CourseFacts]:
    """Per weight, the first open course preparing for `wanted` that closely: for a few wanted
    exams, read from each one's own list."""
    for level in range(len(CLOSENESS_LEVELS)):
        firsts = (
            next((p for p in lists[level] if bucket[p].slug not in completed), None)
            for slug in wanted
            if (lists := positions_by_exam.get(slug)) is not None
        )
        best = min((p for p in firsts if p is not None), default=None)
        if best is not None:
            yield bucket[best]
