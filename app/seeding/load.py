"""Writing a validated seed set: one transaction, upsert by slug, version bumped on change."""

from dataclasses import dataclass

from sqlmodel import Session

from app.catalog import queries, writes
from app.seeding.files import SeedSet


@dataclass
class LoadResult:
    changes: dict[str, writes.ChangeCount]
    version: int

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
            return f"Seed already loaded: nothing changed (catalog version {self.version})."
        return "; ".join(parts) + f". Catalog version is now {self.version}."


def load_seed(session: Session, seed: SeedSet) -> LoadResult:
    changes = {kind: writes.ChangeCount() for kind in ("providers", "certifications", "courses")}
    for provider in seed.providers:
        writes.upsert_provider(session, provider, changes["providers"])
    for certification in seed.certifications:
        writes.upsert_certification(session, certification, changes["certifications"])
    for course in seed.courses:
        writes.upsert_course(session, course, changes["courses"])
    result = LoadResult(changes, queries.catalog_version(session))
    if result.changed:
        result.version = writes.bump_catalog_version(session)
    return result
