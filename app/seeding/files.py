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


class DuplicateField(yaml.constructor.ConstructorError):
    def __init__(self, key: str, mark: yaml.Mark):
        super().__init__(None, None, f"field '{key}' is given twice", mark)
        self.key = key


class _StrictLoader(yaml.CSafeLoader):
    """YAML that refuses a key given twice, which plain YAML resolves silently to the last."""

    # libyaml's parser (PyYAML's wheels include it): the pure-Python one took ~0.2 s of every
    # start for the seed alone, and the time grows with the catalog.

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise DuplicateField(str(key), key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _record_name(data: Any, path: Path) -> str:
    slug = data.get("slug") if isinstance(data, dict) else None
    if isinstance(slug, str):
        return slug
    return path.stem


def _read_one(path: Path, model: type[BaseModel], errors: list[SeedError]) -> BaseModel | None:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except DuplicateField as exc:
        errors.append(SeedError(str(path), path.stem, exc.key, str(exc)))
        return None
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
                # Blame a record on the loop, not the one the walk happened to start from.
                file = seed.files[("certifications", current.slug)]
                errors.append(SeedError(file, current.slug, "lifecycle.successor", "forms a cycle"))
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
        for path in sorted((directory / kind).glob("*")):
            if path.suffix != ".yaml":
                # A .yml or stray file would otherwise be skipped without a word.
                errors.append(SeedError(str(path), path.stem, "-", "seed files end in .yaml"))
                continue
            item = _read_one(path, model, errors)
            if item is not None:
                getattr(seed, kind).append(item)
                seed.files[(kind, path.stem)] = str(path)
    if not errors:
        _check_references(seed, errors)
    if not errors:
        _successors_first(seed, errors)
    return seed, errors
