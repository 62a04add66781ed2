"""Reading and validating the seed files, before anything touches the database."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from app.schemas.catalog_in import CertificationIn, CourseIn, ProviderIn

KINDS: dict[str, type[BaseModel]] = {
    "providers": ProviderIn,
    "certifications": CertificationIn,
    "courses": CourseIn,
}


@dataclass(frozen=True)
class SeedError:
    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: record '{self.record}', field '{self.field}': {self.message}"


@dataclass
class SeedSet:
    providers: list[ProviderIn] = field(default_factory=list)
    certifications: list[CertificationIn] = field(default_factory=list)
    courses: list[CourseIn] = field(default_factory=list)
    files: dict[tuple[str, str], str] = field(default_factory=dict)


def _record_name(data: Any, path: Path) -> str:
    slug = data.get("slug") if isinstance(data, dict) else None
    if isinstance(slug, str):
        return slug
    return path.stem


def _read_one(path: Path, model: type[BaseModel], errors: list[SeedError]) -> BaseModel | None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        errors.append(SeedError(str(path), path.stem, "-", f"not valid YAML: {exc}"))
        return None
    record = _record_name(data, path)
    if not isinstance(data, dict):
        errors.append(SeedError(str(path), record, "-", "expected one record (a mapping)"))
        return None
    try:
        item = model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"]) or "-"
            errors.append(SeedError(str(path), record, where, error["msg"]))
        return None
    if getattr(item, "slug", None) != path.stem:
        errors.append(
            SeedError(str(path), record, "slug", f"must match the file name '{path.stem}'")
        )
        return None
    return item


def _check_references(seed: SeedSet, errors: list[SeedError]) -> None:
    known = {
        "providers": {p.slug for p in seed.providers},
        "certifications": {c.slug for c in seed.certifications},
    }
    kinds = {c.slug: c.kind.value for c in seed.certifications}
    for kind in ("certifications", "courses"):
        for item in getattr(seed, kind):
            for path, (table, slug) in item.references().items():
                file = seed.files[(kind, item.slug)]
                if slug not in known[table]:
                    errors.append(SeedError(file, item.slug, path, f"no {table[:-1]} '{slug}'"))
                elif path == "part_of" and kinds[slug] != "course_certificate":
                    errors.append(
                        SeedError(file, item.slug, path, f"'{slug}' is not a course_certificate")
                    )


def _successors_first(seed: SeedSet, errors: list[SeedError]) -> None:
    """Order certifications so that every successor is stored before what it replaces."""
    by_slug = {c.slug: c for c in seed.certifications}
    ordered: list[CertificationIn] = []
    placed: set[str] = set()
    for cert in sorted(seed.certifications, key=lambda c: c.slug):
        chain: list[CertificationIn] = []
        current: CertificationIn | None = cert
        while current is not None and current.slug not in placed:
            if current in chain:
                file = seed.files[("certifications", cert.slug)]
                errors.append(SeedError(file, cert.slug, "lifecycle.successor", "forms a cycle"))
                return
            chain.append(current)
            successor = current.lifecycle.successor
            current = by_slug.get(successor) if successor else None
        for item in reversed(chain):
            ordered.append(item)
            placed.add(item.slug)
    seed.certifications = ordered


def read_seed(directory: Path) -> tuple[SeedSet, list[SeedError]]:
    seed = SeedSet()
    errors: list[SeedError] = []
    if not directory.is_dir():
        return seed, [SeedError(str(directory), "-", "-", "no such seed directory")]
    for kind, model in KINDS.items():
        for path in sorted((directory / kind).glob("*.yaml")):
            item = _read_one(path, model, errors)
            if item is not None:
                getattr(seed, kind).append(item)
                seed.files[(kind, path.stem)] = str(path)
    if not errors:
        _check_references(seed, errors)
    if not errors:
        _successors_first(seed, errors)
    return seed, errors
