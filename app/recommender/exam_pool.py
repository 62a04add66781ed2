"""The vendor exams that can be booked on a date, resolved once per date rather than per call.

Following every exam's successors is the same work for every request on the same date; only
the person's completed items and experience differ. `dated_pool` keeps that work per snapshot
and date (few dates occur: today, and the dates clients pin). `ExamPool` is one request's view
of it, adjusted for the exams the person has completed, and it ranks exams lazily, so a
request touches the exams it ends up showing rather than every exam in the catalog.
"""

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date

from app.recommender.candidate import Candidate, cloud_key, default_key, fits_experience
from app.recommender.catalog import CertificationFacts
from app.recommender.context import Context
from app.recommender.index import CatalogIndex
from app.recommender.lifecycle import Resolution, resolve
from app.recommender.preparing import by_weight
from app.recommender.profile import Profile

# Dates are today's and those clients pin; a burst of unusual dates only costs rebuilds.
MAX_DATES = 8
# Orders per background, cloud and experience, of which a date sees a few dozen at most.
MAX_ORDERS = 256

Bookable = tuple[CertificationFacts, tuple[CertificationFacts, ...]]  # exam, retired it replaces
Blocked = tuple[CertificationFacts, Resolution]


def _oldest_first(exams: Iterable[CertificationFacts]) -> tuple[CertificationFacts, ...]:
    unique = {e.slug: e for e in exams}
    return tuple(sorted(unique.values(), key=lambda c: (c.retired_on or date.min, c.slug)))


def recommended_years(exam: CertificationFacts) -> tuple[int, int]:
    return exam.recommended_years_ml or 0, exam.recommended_years_cloud or 0


def _meets(exam: CertificationFacts, has: tuple[int, int]) -> bool:
    # The same test as `fits_experience`, on years already bounded by `DatedPool.most_years`.
    needs_ml, needs_cloud = recommended_years(exam)
    return needs_ml <= has[0] and needs_cloud <= has[1]


def _near(
    affinity: Mapping[str, int], exam: CertificationFacts, old: tuple[CertificationFacts, ...]
) -> int:
    return sum(affinity.get(s, 0) for s in (exam.slug, *(o.slug for o in old)))


def _default_rank(c: Candidate) -> tuple[object, ...]:
    return default_key(c, {})


def _key(evidence: Mapping[str, int] | None) -> Callable[[Candidate], tuple[object, ...]]:
    if evidence is None:
        return cloud_key
    return lambda c: default_key(c, evidence)


class DatedPool:
    """Every vendor exam's lifecycle as of one date, for a person who has completed nothing."""

    def __init__(self, index: CatalogIndex, as_of: date) -> None:
        self.index = index
        self.trails: dict[str, Resolution] = {}
        blocked: list[Blocked] = []
        contributors: defaultdict[str, list[str]] = defaultdict(list)
        exams: dict[str, CertificationFacts] = {}
        for exam in index.all_vendor_exams():
            found = self.trails[exam.slug] = resolve(exam, index, as_of)
            if found.exam is None:
                blocked.append((exam, found))
                continue
            contributors[found.exam.slug].append(exam.slug)
            exams[found.exam.slug] = found.exam
        self.blocked = tuple(blocked)
        # bookable exam -> the vendor exams whose successors lead to it, itself included
        self.contributors = {slug: tuple(found) for slug, found in contributors.items()}
        self.bookable: dict[str, Bookable] = {
            slug: (exams[slug], self.replaced(slug, frozenset())) for slug in sorted(exams)
        }
        self.clouds = tuple(sorted({exam.cloud for exam, _ in self.bookable.values()}))
        # What `_leads_to` gives over every candidate: the exam and each one it replaces.
        self.leads: dict[str, CertificationFacts] = {
            key: exam
            for slug, (exam, old) in self.bookable.items()
            for key in (slug, *(o.slug for o in old))
        }
        self.most_years = (
            max((recommended_years(e)[0] for e, _ in self.bookable.values()), default=0),
            max((recommended_years(e)[1] for e, _ in self.bookable.values()), default=0),
        )
        self._orders: dict[tuple[str, str, bool, int, int], tuple[Candidate, ...]] = {}
        self._preparing: dict[tuple[str, str], tuple[tuple[int, ...], ...]] = {}

    def replaced(self, slug: str, completed: frozenset[str]) -> tuple[CertificationFacts, ...]:
        """The retired exams that lead to `slug`, through exams the person has not completed."""
        return _oldest_first(
            old
            for exam in self.contributors[slug]
            if exam not in completed
            for old in self.trails[exam].retired
        )

    def ranked(self, profile: Profile, cloud: str, *, by_evidence: bool) -> tuple[Candidate, ...]:
        """The cloud's candidates for a person who has completed none of them, best first: by
        `default_key` with no evidence from courses, else by `cloud_key`.

        Kept per background and experience: experience counts only as far as the most any exam
        recommends, so few orders occur however many people ask."""
        has = (
            min(profile.years_ml_experience, self.most_years[0]),
            min(profile.cloud_years_for(cloud), self.most_years[1]),
        )
        wanted = (profile.background, cloud, by_evidence, *has)
        found = self._orders.get(wanted)
        if found is None:
            affinity = self.index.audience_affinity.get(profile.background, {})
            candidates = [
                Candidate(exam, old, _near(affinity, exam, old), _meets(exam, has))
                for exam, old in self.bookable.values()
                if exam.cloud == cloud
            ]
            key = _default_rank if by_evidence else cloud_key
            found = tuple(sorted(candidates, key=key))
            if len(self._orders) >= MAX_ORDERS:
                self._orders.clear()
            self._orders[wanted] = found
        return found

    def preparing(self, audience: str, level: str) -> tuple[tuple[int, ...], ...]:
        found = self._preparing.get((audience, level))
        if found is None:
            found = by_weight(self.index.courses_for(audience, level), self.leads)
            self._preparing[(audience, level)] = found
        return found


def dated_pool(index: CatalogIndex, as_of: date) -> DatedPool:
    pool = index.by_date.get(as_of)
    if pool is None:
        pool = DatedPool(index, as_of)
        if len(index.by_date) >= MAX_DATES:
            index.by_date.clear()
        index.by_date[as_of] = pool
    return pool


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
        return Candidate(
            exam, old, _near(self.affinity, exam, old), fits_experience(exam, self.profile)
        )

    def ranked(self, cloud: str, evidence: Mapping[str, int] | None = None) -> Iterator[Candidate]:
        """The candidates on `cloud`, best first: by `cloud_key`, or by `default_key` given the
        evidence of the person's courses."""
        key = _key(evidence)
        apart, skip = self._apart(evidence)
        order = self.dated.ranked(self.profile, cloud, by_evidence=evidence is not None)
        rest = (c for c in order if c.exam.slug not in skip) if skip else iter(order)
        here = sorted((c for c in apart if c.exam.cloud == cloud), key=key)
        return heapq.merge(here, rest, key=key) if here else rest

    def best_per_cloud(self, evidence: Mapping[str, int] | None = None) -> list[Candidate]:
        # Asked twice with the same evidence: for the exam, then for the alternatives.
        if self._best is not None and self._best[0] is evidence:
            return self._best[1]
        key = _key(evidence)
        apart, skip = self._apart(evidence)
        best = []
        for cloud in self.dated.clouds:
            order = self.dated.ranked(self.profile, cloud, by_evidence=evidence is not None)
            first = next((c for c in order if c.exam.slug not in skip), None)
            found = [c for c in (first, *apart) if c is not None and c.exam.cloud == cloud]
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
            if weight > 0 and (exam := self.leads.find(slug)) is not None
        }
        apart = [c for s in sorted(special) if (c := self.candidate(s)) is not None]
        return apart, special | self.gone

    def blocked(self, cloud: str | None) -> list[Blocked]:
        """Exams that lead nowhere on the date, on `cloud` or on any."""
        return [
            (exam, trail)
            for exam, trail in self.dated.blocked
            if exam.slug not in self.completed and (cloud is None or exam.cloud == cloud)
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


def gather(ctx: Context) -> ExamPool:
    """Every vendor exam that can be booked on the date, retired ones mapped to successors."""
    return ExamPool(dated_pool(ctx.index, ctx.as_of), ctx.profile, ctx.completed)
