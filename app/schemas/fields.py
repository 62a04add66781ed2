"""Bounded field types shared by every request model and by the seed files."""

from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Field, Strict, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Ids and counts live in INTEGER columns: 32-bit on PostgreSQL.
INT32_MAX = 2**31 - 1

# An answer writes every field of its model, those with a default too: in the schema of an
# answer (pydantic's serialization mode) every field is required, null where it may be null,
# while a request may leave out a field with a default. Generated clients then type answers'
# fields as present and requests' defaulted fields as optional. A model used both ways gets
# two schemas, `X-Input` and `X-Output` (FastAPI's names).
ANSWER = ConfigDict(json_schema_serialization_defaults_required=True)

# Closed, so that a misspelt field is an error rather than silently dropped. Numbers, booleans
# and dates are strict field by field (below): enums must still accept their JSON strings.
# Answers also carry these models (an item's exam facts, sources...): see ANSWER.
STRICT = ConfigDict(extra="forbid", **ANSWER)


def _integral_float(value: Any) -> Any:
    # JSON does not distinguish 3 from 3.0; strict mode would reject the latter.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Slug = Annotated[
    str,
    StringConstraints(min_length=2, max_length=64, pattern=SLUG_PATTERN),
    Field(examples=["google-professional-ml-engineer"]),
]
Skill = Annotated[
    str,
    StringConstraints(min_length=2, max_length=64, pattern=SLUG_PATTERN),
    Field(examples=["mlops"]),
]
# Text is anything printable, with tabs and line breaks: control characters have no place in a
# catalog, and PostgreSQL refuses NUL in text outright.
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


def text(low: int, high: int) -> Any:
    return Annotated[str, StringConstraints(min_length=low, max_length=high, pattern=TEXT_PATTERN)]


Name = text(1, 200)
Note = text(1, 500)
Description = text(20, 2000)
ShortText = text(1, 64)
Url = Annotated[
    str,
    StringConstraints(
        max_length=500, pattern=r"^https?://[^\s/$.?#\x00-\x1f\x7f][^\s\x00-\x1f\x7f]*$"
    ),
    Field(examples=["https://example.org/page"]),
]
Currency = Annotated[
    str, StringConstraints(max_length=3, pattern=r"^[A-Z]{3}$"), Field(examples=["USD"])
]


def _iso_date(value: Any) -> Any:
    # Lax mode would also read a number as a Unix timestamp.
    if isinstance(value, date) or (isinstance(value, str) and len(value) == 10):
        return value
    raise ValueError("expected a date as YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_date), Field(examples=["2026-11-20"])]
StrictBoolean = Annotated[bool, Strict()]
Number = Annotated[float, Strict()]


def bounded_int(low: int, high: int) -> Any:
    # Field first: constraints placed after a validator show in the JSON schema as "ge"/"le".
    return Annotated[int, Field(ge=low, le=high), Strict(), BeforeValidator(_integral_float)]


Years = bounded_int(0, 60)
Percent = bounded_int(0, 100)
