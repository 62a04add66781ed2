"""A deterministic synthetic catalog for the benchmark.

    python -m bench.generate [--database-url URL] [--courses N] [--certifications N]
                             [--providers N] [--seed N] [--method bulk|orm]

Migrates the database, loads the repository's seed with `app.seeding` (so that the seed's
slugs, and the benchmark's profiles, work on both catalogs), then adds generated items until
the catalog holds the requested totals: by default 50 providers, 500 certifications and
10,000 courses. Every generated item is built as the app's own input model (`ProviderIn`,
`CertificationIn`, `CourseIn`), so it passes the same validation as a seed file.

The catalog exercises every rule of the recommender: vendor exams on every platform (the
Databricks, NVIDIA and Snowflake exams issued by providers of kind `technology_vendor`), each
giving its `platform` and letting `cloud` follow; exam ladders, one issuer's foundational,
associate and professional (or specialty) rungs for one discipline; every discipline, literacy
and the legacy `ai_engineering` of older editions included; some exams restricted to some
candidates, with a note; and courses that teach part of the skills of the exam they prepare for.

The same `--seed` gives the same catalog: the generator draws from its own `random.Random`,
reads no clock (lifecycle dates are relative to a fixed reference date) and never iterates a
set. `--method orm` writes through `app.catalog.writes.upsert_*`, the write path the seed
loader and the write API use; `--method bulk` (the default, several times faster) inserts the
same column values, computed by `app.catalog.shape.to_columns` as the upsert's, with multi-row
INSERTs.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, bindparam, func, insert, select, update
from sqlmodel import Session

from app.catalog import queries, writes
from app.catalog.shape import CERTIFICATION, COURSE, to_columns
from app.core.config import ROOT, get_settings
from app.core.db import make_engine, transaction
from app.models import (
    Certification,
    CertificationSkill,
    Course,
    CourseAudience,
    CoursePreparation,
    CourseSkill,
    Provider,
)
from app.schemas.catalog_in import CertificationIn, CourseIn, ProviderIn
from app.seeding.files import SeedSet, read_seed
from app.seeding.load import load_seed
from bench.vocabulary import (
    COURSE_TEMPLATES,
    EDITIONS,
    EXAM_ISSUERS,
    FIRST_NAMES,
    LADDERS,
    LAST_NAMES,
    LEARNING_PLATFORMS,
    LEGACY_DISCIPLINE,
    OTHER_VENDORS,
    PLATFORM_ORDER,
    PLATFORM_VENDORS,
    PLATFORM_WEIGHT,
    PUBLISHERS,
    RESTRICTED_NOTES,
    ROLES,
    SOURCE_HOSTS,
    TIERS,
    TOPICS,
    Role,
    Topic,
)

DEFAULT_SEED = 20261120
# "Today" for the generated lifecycles: retired exams retired before it, upcoming ones open
# after it. Fixed, so that the catalog does not depend on the day it is generated.
REFERENCE_DATE = date(2026, 11, 20)
UPDATED_AT = datetime(2026, 11, 20, tzinfo=UTC)

Method = Literal["bulk", "orm"]
T = TypeVar("T")


@dataclass(frozen=True)
class Sizes:
    """Totals for the whole catalog, the seed's items included."""

    providers: int = 50
    certifications: int = 500
    courses: int = 10_000


@dataclass
class Catalog:
    """Generated items only, in an order in which every reference is already written."""

    providers: list[ProviderIn] = field(default_factory=list)
    certifications: list[CertificationIn] = field(default_factory=list)
    courses: list[CourseIn] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    providers: int
    certifications: int
    courses: int
    version: int
    seconds: float

    def summary(self) -> str:
        return (
            f"catalog: {self.providers} providers, {self.certifications} certifications, "
            f"{self.courses} courses (catalog version {self.version}); "
            f"generated in {self.seconds:.1f} s"
        )


def slugify(text: str, limit: int = 56) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", text.lower()).split()
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or "item"


def _initials(slug: str) -> str:
    return "".join(part[0] for part in slug.split("-")).upper()


def _platform(certification: CertificationIn) -> str:
    # Validation fills `platform` from `cloud` where a file gives only the latter.
    return certification.platform.value if certification.platform else "none"


class _Builder:
    def __init__(self, seed_set: SeedSet, sizes: Sizes, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seed_set = seed_set
        self.sizes = sizes
        self.catalog = Catalog()
        self.used: dict[str, set[str]] = {
            "providers": {p.slug for p in seed_set.providers},
            "certifications": {c.slug for c in seed_set.certifications},
            "courses": {c.slug for c in seed_set.courses},
        }
        seed_skills = {s for c in seed_set.certifications for s in c.skills}
        seed_skills |= {s for c in seed_set.courses for s in c.skills}
        self.vocabulary = sorted(seed_skills | {s for t in TOPICS for s in t.skills})
        self.providers: dict[str, tuple[str, str]] = {
            p.slug: (p.name, p.kind.value) for p in seed_set.providers
        }
        # (slug, platform, skills, active) of every vendor exam, seed and generated.
        self.exams: list[tuple[str, str, tuple[str, ...], bool]] = [
            (c.slug, _platform(c), tuple(c.skills), c.lifecycle.status.value == "active")
            for c in seed_set.certifications
            if c.kind.value == "vendor_exam"
        ]
        self.exam_skills = {slug: skills for slug, _, skills, _ in self.exams}
        # The exam ladders dealt out so far, and the (issuer, role) pairs they took.
        self.ladders = 0
        self.ladder_roles: set[tuple[str, str]] = set()
        self._retired_certificates: set[str] = set()
        self.course_certificates: list[tuple[str, frozenset[str]]] = [
            (c.slug, frozenset(c.skills))
            for c in seed_set.certifications
            if c.kind.value == "course_certificate"
        ]

    # -- helpers ---------------------------------------------------------------------------

    def unique(self, table: str, base: str) -> str:
        used = self.used[table]
        slug, n = base, 1
        while slug in used:
            n += 1
            slug = f"{base}-{n}"
        used.add(slug)
        return slug

    def sample(self, pool: Sequence[T], low: int, high: int) -> list[T]:
        return self.rng.sample(list(pool), min(len(pool), self.rng.randint(low, high)))

    def weighted(self, pool: Sequence[T], weights: Sequence[float]) -> T:
        return self.rng.choices(pool, weights=weights)[0]

    def skills(self, topics: Iterable[Topic], low: int, high: int) -> list[str]:
        pool = sorted({s for t in topics for s in t.skills})
        chosen = self.sample(pool, low, high)
        # A quarter of the time, one skill from the whole vocabulary (seed skills included).
        if self.rng.random() < 0.25:
            extra = self.rng.choice(self.vocabulary)
            if extra not in chosen:
                chosen.append(extra)
        return chosen

    def past_date(self, start_year: int) -> date:
        days = (REFERENCE_DATE - date(start_year, 1, 1)).days
        return date(start_year, 1, 1) + timedelta(days=self.rng.randrange(max(days, 1)))

    def sources(self, slug: str, covers: Sequence[str], low: int, high: int) -> list[Any]:
        return [
            {
                "url": f"{self.rng.choice(SOURCE_HOSTS)}{slug}/{i + 1}",
                "as_of": REFERENCE_DATE - timedelta(days=self.rng.randrange(400)),
                "covers": self.sample(covers, 1, 3),
            }
            for i in range(self.rng.randint(low, high))
        ]

    def sentence_skills(self, skills: Sequence[str]) -> str:
        words = [s.replace("-", " ") for s in skills[:4]]
        if len(words) == 1:
            return words[0]
        return ", ".join(words[:-1]) + " and " + words[-1]

    # -- providers -------------------------------------------------------------------------

    def build_providers(self) -> None:
        wanted = max(0, self.sizes.providers - len(self.seed_set.providers))
        lists = [
            list(OTHER_VENDORS),
            [(slug, name, "learning_platform") for slug, name in LEARNING_PLATFORMS],
            [(slug, name, "publisher") for slug, name in PUBLISHERS],
        ]
        # The platform vendors first, so that even a tiny catalog has an issuer on every
        # platform; then round robin, so that it also gets a new vendor, platform and publisher.
        ordered = [(slug, name, "technology_vendor") for slug, name in PLATFORM_VENDORS] + [
            lists[k][i]
            for i in range(max(len(x) for x in lists))
            for k in range(len(lists))
            if i < len(lists[k])
        ]
        n = 0
        while len(self.catalog.providers) < wanted:
            if n < len(ordered):
                base, name, kind = ordered[n]
            else:
                base, name, kind = f"academy-{n:03d}", f"Academy {n:03d}", "publisher"
            n += 1
            if base in self.used["providers"]:
                continue
            slug = self.unique("providers", base)
            self.catalog.providers.append(
                ProviderIn.model_validate(
                    {
                        "slug": slug,
                        "name": name,
                        "kind": kind,
                        "url": f"https://www.{slug}.example.org",
                    }
                )
            )
            self.providers[slug] = (name, kind)

    def of_kind(self, *kinds: str) -> list[str]:
        return [slug for slug, (_, kind) in self.providers.items() if kind in kinds]

    # -- certifications --------------------------------------------------------------------

    def build_certifications(self) -> None:
        wanted = max(0, self.sizes.certifications - len(self.seed_set.certifications))
        exams_wanted = round(wanted * 0.6)
        made: list[CertificationIn] = []
        made += self._retired_seed_predecessors(min(exams_wanted, 5))
        while len(made) < exams_wanted:
            made += self._ladder(exams_wanted - len(made))
        while len(made) < wanted:
            made.append(self._course_certificate())
        self.catalog.certifications = made

    def _issuers(self) -> dict[str, list[str]]:
        """The exam issuers in the catalog, by platform. A vendor without a known prefix (none
        are generated, but a seed may add one) issues exams on no platform."""
        issuers: dict[str, list[str]] = {}
        for slug, (_, kind) in self.providers.items():
            if slug in EXAM_ISSUERS or kind in ("cloud_vendor", "technology_vendor"):
                issuers.setdefault(self._issuer_platform(slug), []).append(slug)
        return issuers

    def _issuer_platform(self, slug: str) -> str:
        return EXAM_ISSUERS[slug][0] if slug in EXAM_ISSUERS else "none"

    def _retired_seed_predecessors(self, count: int) -> list[CertificationIn]:
        """Older editions of the seed's vendor exams, retired, each succeeded by the seed's."""
        made = []
        seed_exams = [c for c in self.seed_set.certifications if c.kind.value == "vendor_exam"]
        for cert in seed_exams[:count]:
            year = self.rng.randint(2017, 2021)
            retired_on = date(year + 3, self.rng.randint(1, 12), 1)
            data = cert.model_dump()
            data.pop("cloud")  # follows from the platform
            data.update(
                slug=self.unique("certifications", f"{cert.slug}-{year}"),
                name=f"{cert.name} ({year} edition)",
                lifecycle={
                    "status": "retired",
                    "available_from": date(year, self.rng.randint(1, 12), 1),
                    "retired_on": retired_on,
                    "successor": cert.slug,
                },
                url=f"{cert.url.rstrip('/')}/{year}",
                sources=self.sources(cert.slug, ["lifecycle.status", "lifecycle.successor"], 1, 1),
            )
            if data.get("exam") and data["exam"].get("code"):
                data["exam"]["code"] = f"{data['exam']['code'][:24]}-{year}"
            made.append(self._certification(data))
        return made

    def _ladder(self, budget: int) -> list[CertificationIn]:
        """One issuer's ladder for one role: exam lines at one to three tiers, lowest first.

        The first ladders are dealt out over every platform and every role in turn, each taking
        its share of the budget, so that a small catalog still reaches every platform, tier and
        discipline; later ones are drawn by weight."""
        issuers = self._issuers()
        platforms = [p for p in PLATFORM_ORDER if p in issuers]
        k = self.ladders
        self.ladders += 1
        if k < len(platforms):
            platform = platforms[k]
            cap = max(1, budget // (len(platforms) - k))
        else:
            platform = self.weighted(platforms, [PLATFORM_WEIGHT[p] for p in platforms])
            cap = budget
        issuer = self.rng.choice(issuers[platform])
        if k < len(ROLES):
            role = ROLES[k]
            rungs = list(role.tiers[:3])
        else:
            unused = [r for r in ROLES if (issuer, r.slug) not in self.ladder_roles]
            role = self.rng.choice(unused or list(ROLES))
            shape = self.weighted([s for s, _ in LADDERS], [w for _, w in LADDERS])
            rungs = [t for t in shape if t in role.tiers] or [self.rng.choice(role.tiers)]
        self.ladder_roles.add((issuer, role.slug))
        made: list[CertificationIn] = []
        for tier in rungs:
            room = cap - len(made)
            if room <= 0:
                break
            top = tier == rungs[-1] and len(rungs) > 1
            # Every fifth ladder's top rung, and a few others, are not open to everyone.
            restricted = tier != "foundational" and (
                (top and k % 5 == 4) or self.rng.random() < 0.04
            )
            generations = min(room, self.weighted([1, 2, 3, 4], [0.55, 0.3, 0.1, 0.05]))
            made += self._exam_line(issuer, platform, role, tier, generations, restricted)
        return made

    def _exam_line(
        self, issuer: str, platform: str, role: Role, tier: str, generations: int, restricted: bool
    ) -> list[CertificationIn]:
        """The editions of one exam, each retired in favour of the next."""
        _, prefix, code_prefix = EXAM_ISSUERS.get(
            issuer, ("none", f"{self.providers[issuer][0]} Certified", issuer[:3].upper())
        )
        tier_name, tier_difficulty, years_ml, years_platform = TIERS[tier]
        short = issuer.split("-")[0]
        base = f"{short}-{role.slug}-{tier}"
        newest_year = self.rng.randint(2021, 2026)
        years = [newest_year - 3 * (generations - 1 - g) for g in range(generations)]
        slugs = [self.unique("certifications", f"{base}-{y}") for y in years]
        topics = [t for t in TOPICS if t.slug in role.topics or t.platform == platform]
        note = self.rng.choice(RESTRICTED_NOTES) if restricted else None

        ending = self.weighted(["active", "upcoming", "discontinued"], [0.85, 0.07, 0.08])
        lifecycles: list[dict[str, Any]] = []
        for g, year in enumerate(years):
            opens = date(year, self.rng.randint(1, 12), 1)
            newest = g == generations - 1
            if not newest:
                next_opens = date(years[g + 1], 1, 1)
                if ending == "upcoming" and g == generations - 2:
                    # Still bookable: retires after its successor opens, both in the future.
                    retires = REFERENCE_DATE + timedelta(days=self.rng.randint(60, 300))
                    lifecycles.append(
                        dict(
                            status="retiring",
                            available_from=opens,
                            retired_on=retires,
                            successor=slugs[g + 1],
                        )
                    )
                else:
                    retires = min(
                        next_opens + timedelta(days=self.rng.randint(30, 240)),
                        REFERENCE_DATE - timedelta(days=1),
                    )
                    lifecycles.append(
                        dict(
                            status="retired",
                            available_from=opens if self.rng.random() < 0.5 else None,
                            retired_on=max(retires, opens + timedelta(days=1)),
                            successor=slugs[g + 1],
                        )
                    )
            elif ending == "upcoming":
                lifecycles.append(
                    dict(
                        status="active",
                        available_from=REFERENCE_DATE + timedelta(days=self.rng.randint(20, 200)),
                        retired_on=None,
                        successor=None,
                    )
                )
            elif ending == "discontinued":
                lifecycles.append(
                    dict(
                        status="retired",
                        available_from=opens,
                        retired_on=min(
                            opens + timedelta(days=self.rng.randint(365, 1500)),
                            REFERENCE_DATE - timedelta(days=1),
                        ),
                        successor=None,
                    )
                )
            else:
                lifecycles.append(
                    dict(
                        status="active",
                        available_from=opens if self.rng.random() < 0.6 else None,
                        retired_on=None,
                        successor=None,
                    )
                )
            last = lifecycles[-1]
            retires_on, opens_on = last["retired_on"], last["available_from"]
            if retires_on and opens_on and opens_on >= retires_on:
                last["available_from"] = None

        made = []
        for g in range(generations):
            edition = f" ({years[g]} edition)" if generations > 1 else ""
            difficulty = max(1, min(5, tier_difficulty + self.rng.choice([-1, 0, 0, 1])))
            skills = self.skills(topics, 4, 10)
            # Editions retired before the split of `ai_engineering` were filed under it.
            legacy = g < generations - 1 and years[g] < 2024
            discipline = LEGACY_DISCIPLINE.get(role.discipline) if legacy else None
            data = dict(
                slug=slugs[g],
                name=f"{prefix} {role.name} - {tier_name}{edition}",
                kind="vendor_exam",
                discipline=discipline or role.discipline,
                tier=tier,
                eligibility="restricted" if restricted else "open",
                eligibility_note=note,
                issuer=issuer,
                platform=platform,
                proctored=True,
                description=(
                    f"{self.providers[issuer][0]}'s proctored {tier_name.lower()}-tier exam for "
                    f"the {role.name.lower()} role. It tests "
                    f"{self.sentence_skills(skills)}, with scenario questions set on the "
                    f"vendor's own platform and tools."
                ),
                exam=self._exam_facts(code_prefix, role.slug, tier, g),
                recommended_experience={
                    "years_ml": max(0, years_ml + self.rng.choice([-1, 0, 0])),
                    "years_cloud": (
                        max(0, years_platform - self.rng.choice([0, 1]))
                        if platform != "none"
                        else None
                    ),
                },
                preparation_weeks=self._weeks(2 * tier_difficulty, 4 + 2 * tier_difficulty),
                difficulty=difficulty,
                hiring_signal=self._hiring(tier_difficulty, platform),
                skills=skills,
                exam_domains=self._domains(topics),
                lifecycle=lifecycles[g],
                url=f"https://www.{issuer}.example.org/certification/{slugs[g]}",
                sources=self.sources(
                    slugs[g], ["lifecycle.status", "exam.cost", "exam_domains", "description"], 1, 3
                ),
            )
            made.append(self._certification(data))
            active = lifecycles[g]["status"] != "retired"
            self.exams.append((slugs[g], platform, tuple(skills), active))
            self.exam_skills[slugs[g]] = tuple(skills)
        # Successors before the exams they replace, so every reference is already written.
        return made[::-1]

    def _course_certificate(self) -> CertificationIn:
        issuer = self.rng.choice(
            self.of_kind("publisher", "learning_platform", "cloud_vendor", "technology_vendor")
        )
        platform = self._issuer_platform(issuer)
        # A platform vendor's certificate teaches its own platform.
        on_platform = [t for t in TOPICS if t.platform == platform != "none"]
        topic = on_platform[0] if on_platform else self.rng.choice(TOPICS)
        kind_word = self.rng.choice(
            ["Specialization", "Professional Certificate", "Certificate Program", "Nanodegree"]
        )
        phrase = self.rng.choice(topic.phrases)
        issuer_name = self.providers[issuer][0]
        slug = self.unique("certifications", slugify(f"{issuer} {phrase} {kind_word}"))
        skills = self.skills([topic], 3, 8)
        lifecycle: dict[str, Any] = {"status": "active", "available_from": None}
        active = [s for s, _ in self.course_certificates if s not in self._retired_certificates]
        if self.rng.random() < 0.08:
            retired_on = self.past_date(2020)
            lifecycle = {
                "status": "retired",
                "available_from": None,
                "retired_on": retired_on,
                "successor": self.rng.choice(active)
                if active and self.rng.random() < 0.5
                else None,
            }
            self._retired_certificates.add(slug)
        elif self.rng.random() < 0.5:
            lifecycle["available_from"] = self.past_date(2016)
        data = dict(
            slug=slug,
            name=f"{phrase} {kind_word}" + (f" ({issuer_name})" if self.rng.random() < 0.5 else ""),
            kind="course_certificate",
            discipline=topic.discipline,
            tier=None,
            issuer=issuer,
            platform=platform,
            proctored=False,
            description=(
                f"A series of courses from {issuer_name} on {phrase.lower()}, covering "
                f"{self.sentence_skills(skills)}. Completing every course earns the certificate; "
                "there is no proctored exam."
            ),
            recommended_experience={"years_ml": self.rng.choice([0, 0, 0, 1, 2])},
            preparation_weeks=self._weeks(4, 20),
            difficulty=self.rng.randint(1, 4),
            hiring_signal={
                "weight": self.weighted(["supporting", "moderate"], [0.7, 0.3]),
                "note": "Shows structured study; employers weigh the projects built along it more.",
            },
            skills=skills,
            lifecycle=lifecycle,
            url=f"https://www.{issuer}.example.org/certificates/{slug}",
            sources=self.sources(slug, ["description", "lifecycle.status", "skills"], 0, 2),
        )
        self.course_certificates.append((slug, frozenset(skills)))
        return self._certification(data)

    def _certification(self, data: dict[str, Any]) -> CertificationIn:
        return CertificationIn.model_validate(data)

    def _exam_facts(self, prefix: str, role: str, tier: str, generation: int) -> dict[str, Any]:
        low = self.rng.randint(40, 65)
        return {
            "code": f"{prefix}{tier[0].upper()}-{_initials(role)}-C{generation + 1:02d}",
            "cost": {
                "amount": float(self.rng.choice([100, 125, 150, 165, 200, 300])),
                "currency": "USD",
            },
            "duration_minutes": self.rng.choice([60, 90, 120, 130, 150, 170, 180]),
            "question_count": {"min": low, "max": low + self.rng.randint(0, 10)},
            "passing_score": (
                {"score": self.rng.randint(65, 80) * 10, "scale": 1000}
                if self.rng.random() < 0.6
                else None
            ),
            "delivery_modes": self.rng.choice(
                [["online_proctored", "test_center"], ["online_proctored"], ["test_center"]]
            ),
            "validity_months": self.rng.choice([12, 24, 24, 36, 36]),
            "renewal": (
                "Renew by passing a shorter online assessment before the credential lapses."
                if self.rng.random() < 0.5
                else None
            ),
        }

    def _weeks(self, low: int, high: int) -> dict[str, int]:
        start = self.rng.randint(low, high)
        return {"min": start, "max": start + self.rng.randint(0, 8)}

    def _hiring(self, difficulty: int, platform: str) -> dict[str, str]:
        weight = "strong" if difficulty >= 4 else "moderate" if difficulty >= 2 else "supporting"
        if platform == "none" and weight != "supporting":
            weight = "moderate" if weight == "strong" else "supporting"
        notes = {
            "strong": "Employers on this vendor's platform ask for it by name in job ads.",
            "moderate": "Recognised by employers on the platform; portfolio work counts more.",
            "supporting": "A useful first credential that signals interest more than skill.",
        }
        return {"weight": weight, "note": notes[weight]}

    def _domains(self, topics: Sequence[Topic]) -> list[dict[str, Any]]:
        names = sorted({p for t in topics for p in t.phrases})
        generic = ["Framing ML Problems", "Data Preparation", "Deployment and Operations"]
        chosen = self.sample(names + generic, 3, 5)
        cuts = sorted(self.rng.sample(range(5, 96, 5), len(chosen) - 1))
        weights = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
        with_weights = self.rng.random() < 0.8
        return [
            {"name": name, "weight_percent": weight if with_weights else None}
            for name, weight in zip(chosen, weights, strict=True)
        ]

    # -- courses ---------------------------------------------------------------------------

    def build_courses(self) -> None:
        wanted = max(0, self.sizes.courses - len(self.seed_set.courses))
        # Popularity: a few exams attract many courses, most attract some.
        order = list(range(len(self.exams)))
        self.rng.shuffle(order)
        popularity = [0.0] * len(self.exams)
        for rank, i in enumerate(order):
            active = self.exams[i][3]
            popularity[i] = (2.0 if active else 0.7) / math.sqrt(rank + 1)
        by_topic: dict[str, tuple[list[str], list[float]]] = {}
        certificates: dict[str, list[str]] = {}
        for topic in TOPICS:
            skills = set(topic.skills)
            related = [
                i
                for i, (_, platform, exam_skills, _) in enumerate(self.exams)
                if any(s in skills for s in exam_skills)
                or (topic.platform != "none" and platform == topic.platform)
            ] or list(range(len(self.exams)))
            by_topic[topic.slug] = (
                [self.exams[i][0] for i in related],
                [popularity[i] for i in related],
            )
            certificates[topic.slug] = [
                slug for slug, cert_skills in self.course_certificates if cert_skills & skills
            ] or [slug for slug, _ in self.course_certificates]
        platforms = self.of_kind("learning_platform")
        makers = self.of_kind("publisher", "cloud_vendor", "technology_vendor", "learning_platform")
        topic_weights = [
            3.0 if t.slug in {"classical-ml", "deep-learning", "data"} else 1.5 for t in TOPICS
        ]
        for _ in range(wanted):
            topic = self.weighted(TOPICS, topic_weights)
            self.catalog.courses.append(
                self._course(
                    topic, by_topic[topic.slug], certificates[topic.slug], platforms, makers
                )
            )

    def _course(
        self,
        topic: Topic,
        exams: tuple[list[str], list[float]],
        certificates: list[str],
        platforms: list[str],
        makers: list[str],
    ) -> CourseIn:
        rng = self.rng
        level = self.weighted(["beginner", "intermediate", "advanced"], [0.3, 0.45, 0.25])
        start = {"beginner": 0, "intermediate": 2, "advanced": 5}[level]
        template = COURSE_TEMPLATES[rng.randrange(start, start + 10)]
        phrase = rng.choice(topic.phrases)
        title = template.format(phrase=phrase) + rng.choice(EDITIONS)
        provider = rng.choice(makers)
        platform = provider if provider in platforms else rng.choice(platforms)
        slug = self.unique("courses", slugify(f"{provider} {title}"))
        audiences = {
            "beginner": (["student", "software_engineer", "other", "data_scientist"], [3, 3, 2, 1]),
            "intermediate": (
                ["software_engineer", "data_scientist", "student", "ml_practitioner", "other"],
                [2, 3, 1, 1, 1],
            ),
            "advanced": (["ml_practitioner", "data_scientist", "software_engineer"], [3, 2, 1]),
        }[level]
        audience: list[str] = []
        for _ in range(self.weighted([1, 2, 3], [0.5, 0.35, 0.15])):
            pick = self.weighted(*audiences)
            if pick not in audience:
                audience.append(pick)
        prepares: list[dict[str, str]] = []
        for _ in range(self.weighted([0, 1, 2, 3], [0.35, 0.4, 0.2, 0.05])):
            target = self.weighted(*exams)
            if all(p["certification"] != target for p in prepares):
                closeness = "maps_to_exam_objectives" if rng.random() < 0.35 else "supporting"
                prepares.append({"certification": target, "closeness": closeness})
        skills = self.skills([topic], 2, 7)
        if prepares:
            # A course teaches some of the skills of the exam it prepares for, rarely all of
            # them: the plan's skill coverage then has skills covered and skills left open.
            exam_skills = self.exam_skills.get(prepares[0]["certification"], ())
            if exam_skills:
                most = max(1, len(exam_skills) * 2 // 3)
                skills += [s for s in self.sample(exam_skills, 1, most) if s not in skills]
        rating = None
        if rng.random() < 0.88:
            scale = rng.choice([10, 10, 10, 5, 5])
            top = float(scale) - (0.1 if scale == 10 else 0.0)
            low = 6.0 if scale == 10 else 3.0
            value = round(rng.triangular(low, top, top * 0.92), 1)
            rating = {"value": value, "scale": scale}
        name_pair = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        instructor = self.weighted(
            [name_pair, f"{self.providers[provider][0]} Training", None], [0.7, 0.15, 0.15]
        )
        relevance = self.weighted(["high", "medium", "low"], [0.25, 0.45, 0.3])
        cost = None
        if rng.random() < 0.65:
            cost = {
                "amount": rng.choice([0.0, 9.99, 19.99, 29.99, 49.0, 79.0, 199.0, 399.0]),
                "currency": self.weighted(["USD", "EUR", "GBP"], [0.7, 0.2, 0.1]),
                "note": self.weighted(
                    [
                        None,
                        "Included in a subscription.",
                        "Free to audit; pay for the certificate.",
                    ],
                    [0.6, 0.25, 0.15],
                ),
            }
        approach = (
            "assuming no prior ML background" if level == "beginner" else "with hands-on labs"
        )
        hours = {"beginner": (2, 40), "intermediate": (6, 80), "advanced": (10, 120)}[level]
        data = dict(
            slug=slug,
            title=title,
            description=(
                f"{title} teaches {self.sentence_skills(skills)}, "
                f"{approach}. "
                f"Each module ends with an exercise on a realistic data set."
            ),
            provider=provider,
            platform=platform,
            instructor=instructor,
            rating=rating,
            level=level,
            skills=skills,
            audience=audience,
            prepares_for=prepares,
            part_of=rng.choice(certificates) if certificates and rng.random() < 0.25 else None,
            interview={
                "relevance": relevance,
                "note": (
                    f"Interviewers for ML roles often probe {skills[0].replace('-', ' ')}."
                    if rng.random() < 0.5
                    else None
                ),
            },
            duration_hours=rng.randint(*hours) if rng.random() < 0.92 else None,
            cost=cost,
            url=f"https://www.{platform}.example.org/learn/{slug}",
            sources=self.sources(
                slug, ["platform", "instructor", "duration_hours", "rating"], 0, 2
            ),
        )
        return CourseIn.model_validate(data)


def build_catalog(seed_set: SeedSet, sizes: Sizes = Sizes(), seed: int = DEFAULT_SEED) -> Catalog:
    """The generated items for a catalog of `sizes` in all, given the seed set it extends."""
    builder = _Builder(seed_set, sizes, seed)
    builder.build_providers()
    builder.build_certifications()
    builder.build_courses()
    return builder.catalog


def read_repository_seed() -> SeedSet:
    seed_set, errors = read_seed(ROOT / "seed")
    if errors:
        raise SystemExit("\n".join(str(e) for e in errors))
    return seed_set


def migrate(database_url: str) -> None:
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["database_url"] = database_url
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")


# -- writing -------------------------------------------------------------------------------


def write_orm(session: Session, catalog: Catalog) -> None:
    """Through the app's own write path, one item at a time."""
    changes = {kind: writes.ChangeCount() for kind in ("providers", "certifications", "courses")}
    for provider in catalog.providers:
        writes.upsert_provider(session, provider, changes["providers"])
    for certification in catalog.certifications:
        writes.upsert_certification(session, certification, changes["certifications"])
    for course in catalog.courses:
        writes.upsert_course(session, course, changes["courses"])


def _slug_ids(session: Session, model: Any) -> dict[str, int]:
    return {row.slug: row.id for row in session.execute(select(model.slug, model.id))}


def write_bulk(session: Session, catalog: Catalog) -> None:
    """The same column values as `write_orm` (computed by the same helpers), inserted in bulk."""
    taken = _slug_ids(session, Course).keys() & {c.slug for c in catalog.courses}
    if taken:
        raise SystemExit(
            f"{len(taken)} generated courses are already in the database (e.g. {min(taken)}); "
            "generate into a fresh database, or use --method orm, which upserts."
        )
    connection = session.connection()
    if catalog.providers:
        connection.execute(
            insert(Provider),
            [{**p.model_dump(mode="json"), "updated_at": UPDATED_AT} for p in catalog.providers],
        )
    providers = _slug_ids(session, Provider)

    rows = [
        {
            **to_columns(CERTIFICATION, c, {"issuer": providers[c.issuer]}),
            "updated_at": UPDATED_AT,
        }
        for c in catalog.certifications
    ]
    if rows:
        connection.execute(insert(Certification), rows)
    certifications = _slug_ids(session, Certification)
    successors = [
        {"b_id": certifications[c.slug], "b_successor": certifications[c.lifecycle.successor]}
        for c in catalog.certifications
        if c.lifecycle.successor
    ]
    if successors:
        table = Certification.__table__  # type: ignore[attr-defined]
        connection.execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(successor_id=bindparam("b_successor")),
            successors,
        )
    skill_rows = [
        {"certification_id": certifications[c.slug], "skill": s}
        for c in catalog.certifications
        for s in sorted(c.skills)
    ]
    if skill_rows:
        connection.execute(insert(CertificationSkill), skill_rows)

    course_rows = []
    for course in catalog.courses:
        refs = {"provider": providers[course.provider], "platform": providers[course.platform]}
        if course.part_of:
            refs["part_of"] = certifications[course.part_of]
        course_rows.append({**to_columns(COURSE, course, refs), "updated_at": UPDATED_AT})
    if course_rows:
        connection.execute(insert(Course), course_rows)
    courses = _slug_ids(session, Course)
    links: dict[Any, list[dict[str, Any]]] = {
        CourseSkill: [],
        CourseAudience: [],
        CoursePreparation: [],
    }
    for course in catalog.courses:
        course_id = courses[course.slug]
        links[CourseSkill] += [{"course_id": course_id, "skill": s} for s in sorted(course.skills)]
        links[CourseAudience] += [
            {"course_id": course_id, "audience": a.value} for a in course.audience
        ]
        links[CoursePreparation] += [
            {
                "course_id": course_id,
                "certification_id": certifications[p.certification],
                "closeness": p.closeness.value,
            }
            for p in course.prepares_for
        ]
    for model, values in links.items():
        if values:
            connection.execute(insert(model), values)


def counts(session: Session) -> tuple[int, int, int]:
    def count(model: Any) -> int:
        return session.scalar(select(func.count()).select_from(model)) or 0

    return count(Provider), count(Certification), count(Course)


def generate(
    database_url: str,
    sizes: Sizes = Sizes(),
    seed: int = DEFAULT_SEED,
    method: Method = "bulk",
    *,
    migrate_first: bool = True,
) -> Report:
    """Migrate, load the repository's seed, add the generated catalog, bump the version."""
    started = time.perf_counter()
    if migrate_first:
        migrate(database_url)
    seed_set = read_repository_seed()
    catalog = build_catalog(seed_set, sizes, seed)
    engine: Engine = make_engine(database_url)
    try:
        with transaction(engine) as session:
            load_seed(session, seed_set)
        with transaction(engine) as session:
            (write_bulk if method == "bulk" else write_orm)(session, catalog)
            if catalog.providers or catalog.certifications or catalog.courses:
                writes.bump_catalog_version(session)
            version = queries.catalog_version(session)
            providers, certifications, courses = counts(session)
    finally:
        engine.dispose()
    return Report(providers, certifications, courses, version, time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--database-url", default=None, help="default: DATABASE_URL, as the app")
    parser.add_argument("--providers", type=int, default=Sizes.providers)
    parser.add_argument("--certifications", type=int, default=Sizes.certifications)
    parser.add_argument("--courses", type=int, default=Sizes.courses)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--method", choices=["bulk", "orm"], default="bulk")
    args = parser.parse_args(argv)
    url = args.database_url or get_settings().database_url
    sizes = Sizes(args.providers, args.certifications, args.courses)
    report = generate(url, sizes, args.seed, args.method)
    print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
