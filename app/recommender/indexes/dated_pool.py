"""The vendor exams that can be booked on a date, resolved once per snapshot and date.

Following every exam's successors is the same work for every request on the same date; only
the person's completed items and experience differ. `dated_pool` keeps that work per snapshot
and date (few dates occur: today, and the dates clients pin), with the candidates ranked per
platform, background and experience, ready for `exam_pool.ExamPool` to read per request.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

from app.recommender.candidate import Candidate, default_key, focus_rank, is_entry, platform_key
from app.recommender.facts import CertificationFacts
from app.recommender.indexes.catalog_index import CatalogIndex
from app.recommender.indexes.preparing import by_weight
from app.recommender.lifecycle import Resolution, resolve
from app.recommender.profile import Profile

# Dates are today's and those clients pin; a burst of unusual dates only costs rebuilds.
MAX_DATES = 8
# Orders per background, focus, platform and experience. Seven platforms, three focuses and a
# few steps of experience make a few thousand at most; a full store drops its oldest order.
MAX_ORDERS = 2048

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


def near(
    affinity: Mapping[str, int], exam: CertificationFacts, old: tuple[CertificationFacts, ...]
) -> int:
    """A Candidate's affinity: over the exam and the retired exams it stands in for."""
    return sum(affinity.get(s, 0) for s in (exam.slug, *(o.slug for o in old)))


def _default_rank(c: Candidate) -> tuple[object, ...]:
    return default_key(c, {})


class DatedPool:
    """Every vendor exam's lifecycle as of one date, for a person who has completed nothing."""

    def __init__(self, index: CatalogIndex, as_of: date) -> None:
        self.index = index
        self.trails: dict[str, Resolution] = {}
        blocked: list[Blocked] = []
        contributors: defaultdict[str, list[str]] = defaultdict(list)
        exams: dict[str, CertificationFacts] = {}
        for exam in index.all_vendor_exams():
            found = self.trails[exam.slug] = resolve(exam, index.certification, as_of)
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
        on: defaultdict[str, list[Bookable]] = defaultdict(list)
        for bookable in self.bookable.values():
            on[bookable[0].platform].append(bookable)
        self.on_platform = {platform: tuple(found) for platform, found in on.items()}
        self.platforms = tuple(sorted(self.on_platform))
        # What `_leads_to` gives over every candidate: the exam and each one it replaces.
        self.leads: dict[str, CertificationFacts] = {
            key: exam
            for slug, (exam, old) in self.bookable.items()
            for key in (slug, *(o.slug for o in old))
        }
        # Per platform, the most experience any of its exams recommends: more counts no further.
        self.most_years = {
            platform: (
                max(recommended_years(e)[0] for e, _ in found),
                max(recommended_years(e)[1] for e, _ in found),
            )
            for platform, found in self.on_platform.items()
        }
        self._orders: dict[tuple[object, ...], tuple[Candidate, ...]] = {}
        self._preparing: dict[tuple[str, str], tuple[tuple[int, ...], ...]] = {}

    def replaced(self, slug: str, completed: frozenset[str]) -> tuple[CertificationFacts, ...]:
        """The retired exams that lead to `slug`, through exams the person has not completed."""
        return _oldest_first(
            old
            for exam in self.contributors[slug]
            if exam not in completed
            for old in self.trails[exam].retired
        )

    def ranked(
        self, profile: Profile, platform: str, *, by_evidence: bool
    ) -> tuple[Candidate, ...]:
        """The platform's candidates for a person who has completed none of them, best first:
        by `default_key` with no evidence from courses, else by `platform_key`.

        Kept per background, focus and experience: experience counts only as far as the most
        any exam recommends, so few orders occur however many people ask."""
        most = self.most_years.get(platform, (0, 0))
        has = (
            min(profile.years_ml_experience, most[0]),
            min(profile.platform_years_for(platform), most[1]),
        )
        wanted = (profile.background, profile.focus, profile.works_with_ml, platform, by_evidence)
        found = self._orders.get((*wanted, *has))
        if found is None:
            affinity = self.index.audience_affinity.get(profile.background, {})
            candidates = [
                Candidate(
                    exam,
                    old,
                    near(affinity, exam, old),
                    _meets(exam, has),
                    focus_rank(exam, profile.focus),
                )
                for exam, old in self.on_platform.get(platform, ())
                if not (profile.works_with_ml and is_entry(exam))
            ]
            key = _default_rank if by_evidence else platform_key
            found = tuple(sorted(candidates, key=key))
            if len(self._orders) >= MAX_ORDERS:
                del self._orders[next(iter(self._orders))]
            self._orders[(*wanted, *has)] = found
        return found

    def preparing(self, audience: str, level: str) -> tuple[tuple[int, ...], ...]:
        found = self._preparing.get((audience, level))
        if found is None:
            found = by_weight(self.index.courses_for(audience, level), self.leads)
            self._preparing[(audience, level)] = found
        return found


class DatedPools:
    """A snapshot's pools, one per date as dates occur."""

    def __init__(self, index: CatalogIndex) -> None:
        self.index = index
        self.by_date: dict[date, DatedPool] = {}

    def on(self, as_of: date) -> DatedPool:
        pool = self.by_date.get(as_of)
        if pool is None:
            pool = DatedPool(self.index, as_of)
            if len(self.by_date) >= MAX_DATES:
                self.by_date.clear()
            self.by_date[as_of] = pool
        return pool
