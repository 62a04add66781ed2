"""The `facets` parameter of the lists: which facets to count beside the page.

It is one comma-separated value (`facets=provider,level`), as Open edX and Algolia take it.
Its schema states the names a list knows as a pattern, so that clients and schemathesis see
exactly what is accepted; the names come from the page's facets model (app/schemas/
catalog_out.py), declared once. An unknown name is a 422 that names it.
"""

from typing import Any

from fastapi import Query
from pydantic import AfterValidator, BaseModel, StringConstraints, WithJsonSchema

# The longest useful value names every facet once; a few repeats are forgiven.
FACETS_MAX_LENGTH = 200


def facet_names(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(model.model_fields)


FACETS_LENGTH = StringConstraints(min_length=1, max_length=FACETS_MAX_LENGTH)


def facets_check(model: type[BaseModel]) -> tuple[AfterValidator, WithJsonSchema]:
    """What a list whose facets `model` declares accepts, and its schema:
    `Annotated[Annotated[str, FACETS_LENGTH, *facets_check(model)] | None, facets_query(model)]`.
    The value comes out with repeats dropped; `split(",")` gives the names."""
    known = facet_names(model)
    name = "(" + "|".join(known) + ")"
    schema = {
        "type": "string",
        "minLength": 1,
        "maxLength": FACETS_MAX_LENGTH,
        "pattern": f"^{name}(,{name})*$",
    }

    def parse(value: str) -> str:
        asked = value.split(",")
        unknown = [n for n in asked if n not in known]
        if unknown:
            named = ", ".join(repr(n) for n in dict.fromkeys(unknown))
            raise ValueError(f"unknown facet {named}; known facets: {', '.join(known)}")
        return ",".join(dict.fromkeys(asked))

    return AfterValidator(parse), WithJsonSchema(schema)


def facets_query(model: type[BaseModel]) -> Any:
    known = facet_names(model)
    return Query(
        description="Comma-separated facets to count beside the page, for a filter sidebar: "
        f"{', '.join(f'`{n}`' for n in known)}. Each facet's counts apply every other filter "
        "but its own.",
        examples=[",".join(known[:2])],
    )
