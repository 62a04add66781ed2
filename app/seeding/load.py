"""Writing a validated seed set: one transaction, upsert by slug, version bumped on change.

The seed files and the write API both change the catalog. Every change the seed makes is in
the audit trail, as the actor `seed`; an item whose newest event is a maintainer's (a change
or a delete through the API since the seed last set it) is a conflict: it is left as
maintained and reported by file and slug, unless the caller takes the files' version.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlmodel import Session, col

from app.catalog import maintenance, queries, writes
from app.models import AuditEvent
from app.seeding.files import SeedSet

# The audit trail's actor for the seed's writes: a name no key may take (app/security/keys.py).
SEED_ACTOR = "seed"


@dataclass(frozen=True)
class Conflict:
    file: str
    slug: str
    event: AuditEvent  # the maintainer's newest write

    def __str__(self) -> str:
        done = "deleted" if self.event.action == "delete" else "changed"
        return (
            f"{self.file}: '{self.slug}' was {done} through the API by {self.event.actor} on "
            f"{self.event.at:%Y-%m-%d %H:%M} UTC since the seed last set it; kept as "
            "maintained (--take-files applies the file's version)."
        )


@dataclass
class LoadResult:
    changes: dict[str, writes.ChangeCount]
    version: int
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(c.changed for c in self.changes.values())

    def summary(self) -> str:
        parts = [
            f"{kind}: {len(c.created)} created, {len(c.updated)} updated, "
            f"{len(c.unchanged)} unchanged"
            for kind, c in self.changes.items()
        ]
        if not self.changed:
            line = f"Seed already loaded: nothing changed (catalog version {self.version})."
        else:
            line = "; ".join(parts) + f". Catalog version is now {self.version}."
        return "\n".join([*(str(c) for c in self.conflicts), line])


def _newest_event(session: Session, kind: str, slug: str) -> AuditEvent | None:
    query = (
        select(AuditEvent)
        .where(col(AuditEvent.item_kind) == kind, col(AuditEvent.slug) == slug)
        .order_by(col(AuditEvent.id).desc())
        .limit(1)
    )
    return session.scalars(query).first()


def _load_items(
    session: Session,
    seed: SeedSet,
    kind: maintenance.ItemKind,
    plural: str,
    changes: writes.ChangeCount,
    result: LoadResult,
    take_files: bool,
) -> None:
    items: list[Any] = getattr(seed, plural)
    upsert: Callable[[Session, Any, writes.ChangeCount], Any] = kind.upsert
    for item in items:
        newest = _newest_event(session, kind.name, item.slug)
        maintained = newest is not None and newest.actor != SEED_ACTOR and not take_files
        row = kind.get(session, item.slug)
        before: BaseModel | None = kind.out(row) if row is not None else None
        changed = (len(changes.created), len(changes.updated))
        # In a savepoint: a maintained item the file would change is put back as it was.
        attempt = session.begin_nested()
        upsert(session, item, changes)
        if (len(changes.created), len(changes.updated)) == changed:
            attempt.commit()
            continue
        if maintained:
            assert newest is not None
            attempt.rollback()
            del changes.created[changed[0] :], changes.updated[changed[1] :]
            file = seed.files.get((plural, item.slug), f"{plural}/{item.slug}.yaml")
            result.conflicts.append(Conflict(file, item.slug, newest))
            continue
        attempt.commit()
        # An item the seed brings back is no longer deleted, for syncing clients.
        gone = maintenance.tombstone_of(session, kind, item.slug)
        if gone is not None:
            session.delete(gone)
        after = kind.out(kind.get(session, item.slug))
        action = "create" if before is None else "update"
        maintenance.audit(session, kind, SEED_ACTOR, action, item.slug, before, after)


def load_seed(session: Session, seed: SeedSet, *, take_files: bool = False) -> LoadResult:
    changes = {kind: writes.ChangeCount() for kind in ("providers", "certifications", "courses")}
    result = LoadResult(changes, 0)
    for provider in seed.providers:
        writes.upsert_provider(session, provider, changes["providers"])
    kinds = [
        (maintenance.CERTIFICATIONS, "certifications"),
        (maintenance.COURSES, "courses"),
    ]
    for kind, plural in kinds:
        _load_items(session, seed, kind, plural, changes[plural], result, take_files)
    result.version = queries.catalog_version(session)
    if result.changed:
        result.version = writes.bump_catalog_version(session)
    return result
