"""Where each field of a catalog record (app/schemas/catalog_in.py) lies in its table's flat
columns (app/models/tables.py). Declared here once; the upsert (app/catalog/writes.py), the read
API's serializer (app/catalog/serialize.py) and the recommender's snapshot
(app/catalog/snapshot.py) all derive from it, so that a new field is written in its table, its
schema and, only where its column is not named as its field, here.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import cache, cached_property
from typing import Any, get_args

import sqlalchemy as sa
from pydantic import BaseModel

from app.catalog.tables import CERTIFICATIONS, COURSES

# Made by the database or the write itself, never by the record.
_OWN_COLUMNS = frozenset({"id", "updated_at"})


@dataclass(frozen=True)
class Shape:
    table: sa.Table
    # column -> the record's dotted path, for the columns not named as their field
    paths: dict[str, str]
    # foreign-key column -> the path of the slug it is resolved from
    references: dict[str, str]

    @cached_property
    def columns(self) -> list[tuple[str, tuple[str, ...], bool]]:
        """(column, path, whether it holds JSON) for every column the record fills. Every JSON
        column holds a list."""
        return [
            (c.name, tuple(self.paths.get(c.name, c.name).split(".")), isinstance(c.type, sa.JSON))
            for c in self.table.columns
            if c.name not in _OWN_COLUMNS and c.name not in self.references
        ]


CERTIFICATION = Shape(
    CERTIFICATIONS,
    paths={
        "exam_code": "exam.code",
        "cost_amount": "exam.cost.amount",
        "cost_currency": "exam.cost.currency",
        "duration_minutes": "exam.duration_minutes",
        "question_count_min": "exam.question_count.min",
        "question_count_max": "exam.question_count.max",
        "passing_score": "exam.passing_score.score",
        "score_scale": "exam.passing_score.scale",
        "delivery_modes": "exam.delivery_modes",
        "validity_months": "exam.validity_months",
        "renewal": "exam.renewal",
        "previous_codes": "exam.previous_codes",
        "recommended_years_ml": "recommended_experience.years_ml",
        "recommended_years_cloud": "recommended_experience.years_cloud",
        "prep_weeks_min": "preparation_weeks.min",
        "prep_weeks_max": "preparation_weeks.max",
        "hiring_weight": "hiring_signal.weight",
        "hiring_note": "hiring_signal.note",
        "status": "lifecycle.status",
        "available_from": "lifecycle.available_from",
        "retired_on": "lifecycle.retired_on",
    },
    references={"issuer_id": "issuer", "successor_id": "lifecycle.successor"},
)
COURSE = Shape(
    COURSES,
    paths={
        "rating_value": "rating.value",
        "rating_scale": "rating.scale",
        "interview_relevance": "interview.relevance",
        "interview_note": "interview.note",
        "cost_amount": "cost.amount",
        "cost_currency": "cost.currency",
        "cost_note": "cost.note",
    },
    references={"provider_id": "provider", "platform_id": "platform", "part_of_id": "part_of"},
)


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _at(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if data is None:
            return None
        data = data.get(key)
    return data


def to_columns(shape: Shape, item: BaseModel, refs: dict[str, int]) -> dict[str, Any]:
    """The row's values for a validated record whose references resolved to `refs`."""
    native = item.model_dump()
    as_json = item.model_dump(mode="json")
    values = {
        # A list column under an object that is absent (an exam with no facts) is empty, not
        # null: read back, both are the same record.
        name: (_at(as_json, path) or []) if is_json else _plain(_at(native, path))
        for name, path, is_json in shape.columns
    }
    values.update((column, refs.get(path)) for column, path in shape.references.items())
    return values


def _empty(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_empty(v) for v in value.values())
    return value is None or value == []


@cache
def _collapsible(model: type[BaseModel]) -> list[tuple[str, ...]]:
    # Deepest first, so that an object holding only empty objects is empty itself.
    return sorted(_nullable_groups(model), key=len, reverse=True)


def _nullable_groups(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Paths of the nested objects that `model` allows to be null: those are null in its output
    when nothing inside them is known."""
    found: set[tuple[str, ...]] = set()
    for name, info in model.model_fields.items():
        args = get_args(info.annotation) or (info.annotation,)
        nested = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if not nested:
            continue
        path = (*prefix, name)
        if type(None) in args:
            found.add(path)
        found |= _nullable_groups(nested[0], path)
    return found


def from_columns(shape: Shape, row: Any, model: type[BaseModel]) -> dict[str, Any]:
    """The record's own fields, nested as `model` nests them, from a row or a record with the
    row's attributes. References are the caller's: they are shown as the model shows them."""
    data: dict[str, Any] = {}
    for name, path, _ in shape.columns:
        value = getattr(row, name)
        if isinstance(value, Decimal):
            value = float(value)
        node = data
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = value
    for path in _collapsible(model):
        parent = _at(data, path[:-1]) if len(path) > 1 else data
        if isinstance(parent, dict) and path[-1] in parent and _empty(parent[path[-1]]):
            parent[path[-1]] = None
    return data
