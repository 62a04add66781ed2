"""The database's catalog written back as seed files, so that a catalog maintained through the
API can be reviewed and committed: `make export-seed` rewrites seed/, and `git diff seed/`
shows what maintainers changed. Reading the files back gives the same catalog."""

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from sqlalchemy import select
from sqlmodel import Session, col

from app.catalog import maintenance
from app.models import Certification, Course, Provider
from app.schemas.catalog_in import ProviderIn


def _record(model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    # Through the input model, as a file is read; fields at their defaults are left out,
    # as a maintainer writes them.
    return model.model_validate(data).model_dump(mode="json", exclude_defaults=True)


class _SeedDumper(yaml.SafeDumper):
    """The files' own style: lists indented under their key, long texts folded."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = ">" if len(value) > 80 and "\n" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_SeedDumper.add_representer(str, _text)


def _write(directory: Path, records: list[dict[str, Any]]) -> int:
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.yaml"):
        stale.unlink()  # an item deleted through the API leaves no file behind
    for record in records:
        text = yaml.dump(record, Dumper=_SeedDumper, sort_keys=False, allow_unicode=True, width=86)
        (directory / f"{record['slug']}.yaml").write_text(text, encoding="utf-8")
    return len(records)


def export_seed(session: Session, directory: Path) -> dict[str, int]:
    """Write every provider, certification and course; how many of each were written."""
    providers = session.scalars(select(Provider).order_by(col(Provider.slug))).all()
    written = {
        "providers": _write(
            directory / "providers",
            [
                _record(ProviderIn, p.model_dump(include={"slug", "name", "kind", "url"}))
                for p in providers
            ],
        )
    }
    for kind, table, plural in (
        (maintenance.CERTIFICATIONS, Certification, "certifications"),
        (maintenance.COURSES, Course, "courses"),
    ):
        slugs = session.scalars(select(col(table.slug)).order_by(col(table.slug))).all()
        records = [
            _record(kind.model_in, kind.as_input(kind.out(kind.get(session, s)))) for s in slugs
        ]
        written[plural] = _write(directory / plural, records)
    return written
