"""One request's vendor exams: the date's pool, less what the person has completed.

The date's pool (`dated_pool`) holds every bookable exam ranked for someone who has completed
nothing; a request ranks apart the few exams its completed items or its courses' evidence
change and merges them in by the same keys, lazily, so it touches the exams it ends up showing
rather than every exam in the catalog.
"""

import heapq
from collections.abc import Callable, Iterator, Mapping

from app.recommender.candidate import (
    Candidate,
    default_key,
    exam_in_focus,
    fits_experience,
    focus_rank,
    is_entry,
    platform_key,
)
from app.recommender.facts import CertificationFacts
from app.recommender.indexes.dated_pool import Blocked, Bookable, DatedPool, near
from app.recommender.profile import Profile


def _key(evidence: Mapping[str, int] | None) -> Callable[[Candidate], tuple[object, ...]]:
    if evidence is None:
        return platform_key
    return lambda c: default_key(c, evidence)


class ExamPool:
    """One request's exams: the date's pool less what the person has completed."""

    def __init__(self, dated: DatedPool, profile: Profile, completed: frozenset[str]) -> None:
        self.dated, self.profile, self.completed = dated, profile, completed
        self.affinity = dated.index.audience_affinity.get(profile.background, {})
        self.gone: set[str] = set()
        self.changed: dict[str, Bookable] = {}
        touched: set[str] = set()
        for slug in completed:
            if slug in dated.bookable:
                self.gone.add(slug)
            trail = dated.trails.get(slug)
            if trail is not None and trail.exam is not None:
                touched.add(trail.exam.slug)
        for slug in sorted(touched - self.gone):
            if all(exam in completed for exam in dated.contributors[slug]):
                self.gone.add(slug)
            else:
                self.changed[slug] = (dated.bookable[slug][0], dated.replaced(slug, completed))
        self.leads = Leads(self)
        self._best: tuple[Mapping[str, int] | None, list[Candidate]] | None = None

    def candidate(self, slug: str) -> Candidate | None:
        if slug in self.gone:
            return None
        found = self.changed.get(slug) or self.dated.bookable.get(slug)
        if found is None:
            return None
        exam, old = found
        if not self.allows(exam):
            return None
        return Candidate(
            exam,
            old,
            near(self.affinity, exam, old),
            fits_experience(exam, self.profile),
            focus_rank(exam, self.profile.focus),
        )

    def allows(self, exam: CertificationFacts) -> bool:
        """Whether the exam may be this person's target at all: an entry exam never is for
        someone who works with ML."""
        return not (self.profile.works_with_ml and is_entry(exam))

    def lead_in_focus(self, exam: CertificationFacts) -> bool:
        """Courses are preferred for preparing towards exams the person might be planned onto:
        allowed, and of a discipline of their focus."""
        return self.allows(exam) and exam_in_focus(exam, self.profile.focus)

    def ranked(
        self, platform: str, evidence: Mapping[str, int] | None = None
    ) -> Iterator[Candidate]:
        """The candidates on `platform`, best first: by `platform_key`, or by `default_key`
        given the evidence of the person's courses."""
        key = _key(evidence)
        apart, skip = self._apart(evidence)
        order = self.dated.ranked(self.profile, platform, by_evidence=evidence is not None)
        rest = (c for c in order if c.exam.slug not in skip) if skip else iter(order)
        here = sorted((c for c in apart if c.exam.platform == platform), key=key)
        return heapq.merge(here, rest, key=key) if here else rest

    def best_per_platform(self, evidence: Mapping[str, int] | None = None) -> list[Candidate]:
        # Asked twice with the same evidence: for the exam, then for the alternatives.
        if self._best is not None and self._best[0] is evidence:
            return self._best[1]
        key = _key(evidence)
        apart, skip = self._apart(evidence)
        best = []
        for platform in self.dated.platforms:
            order = self.dated.ranked(self.profile, platform, by_evidence=evidence is not None)
            first = next((c for c in order if c.exam.slug not in skip), None)
            found = [c for c in (first, *apart) if c is not None and c.exam.platform == platform]
            if found:
                best.append(min(found, key=key))
        self._best = (evidence, best)
        return best

    def _apart(self, evidence: Mapping[str, int] | None) -> tuple[list[Candidate], set[str]]:
        """Candidates to rank apart from the date's order, which no longer fits them: changed by
        the person's completed exams, or weighted by the evidence of their courses. Also every
        slug the date's order must skip."""
        special = self.changed.keys() | {
            exam.slug
            for slug, weight in (evidence or {}).items()
            if weight > 0 and (exam := self.leads.recommended_for(slug)) is not None
        }
        apart = [c for s in sorted(special) if (c := self.candidate(s)) is not None]
        return apart, special | self.gone

    def blocked(self, platform: str | None) -> list[Blocked]:
        """Exams that lead nowhere on the date, on `platform` or on any."""
        return [
            (exam, trail)
            for exam, trail in self.dated.blocked
            if exam.slug not in self.completed and (platform is None or exam.platform == platform)
        ]

    def preparing(self, audience: str, level: str) -> tuple[tuple[int, ...], ...]:
        return self.dated.preparing(audience, level)


class Leads(Mapping[str, CertificationFacts]):
    """What `_leads_to` gives over every candidate: each exam slug a course may prepare for,
    mapped to the exam recommended in its place. A view of the date's mapping, since the
    person's completed exams remove only a few of its keys."""

    def __init__(self, pool: ExamPool) -> None:
        self.pool = pool

    def find(self, key: str) -> CertificationFacts | None:
        exam = self.recommended_for(key)
        return exam if exam is not None and self.pool.lead_in_focus(exam) else None

    def recommended_for(self, key: str) -> CertificationFacts | None:
        """The exam recommended in place of `key`, in the person's focus or not."""
        exam = self.pool.dated.leads.get(key)
        if exam is None or exam.slug in self.pool.gone:
            return None
        changed = self.pool.changed.get(exam.slug)
        if changed is not None and key != exam.slug and all(o.slug != key for o in changed[1]):
            return None
        return exam

    def __getitem__(self, key: str) -> CertificationFacts:
        exam = self.find(key)
        if exam is None:
            raise KeyError(key)
        return exam

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.find(key) is not None

    def __iter__(self) -> Iterator[str]:
        return (key for key in self.pool.dated.leads if key in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)
