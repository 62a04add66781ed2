"""Every example in openapi.json is an instance of the schema it illustrates: generated
clients, docs pages and mock servers show these to people as what the API sends and takes."""

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import jsonschema_rs
import pytest

from app.core.config import ROOT

DOCUMENT: dict[str, Any] = json.loads((ROOT / "openapi.json").read_text(encoding="utf-8"))
DIALECT = "https://json-schema.org/draft/2020-12/schema"

Example = tuple[str, str, Any]  # where, the JSON pointer of its schema, the example


def _pointer(parts: list[str]) -> str:
    # A JSON pointer (RFC 6901) in a URI fragment: "{slug}" is percent-encoded there.
    escaped = (part.replace("~", "~0").replace("/", "~1") for part in parts)
    return "#/" + "/".join(quote(part, safe="~") for part in escaped)


def _examples(node: Any, parts: list[str]) -> Iterator[Example]:
    """Examples on schemas, and on the parameters and media types that carry a schema."""
    if isinstance(node, list):
        for i, value in enumerate(node):
            yield from _examples(value, [*parts, str(i)])
        return
    if not isinstance(node, dict):
        return
    where = "/".join(parts)
    is_schema = parts[-1:] == ["schema"] or parts[-2:-1] in (["schemas"], ["properties"])
    if "schema" in node and isinstance(node["schema"], dict):
        # A parameter, header or media type: its example(s) illustrate its schema.
        target = _pointer([*parts, "schema"])
        if "example" in node:
            yield where, target, node["example"]
        for name, example in (node.get("examples") or {}).items():
            if "value" in example:
                yield f"{where}/examples/{name}", target, example["value"]
    elif is_schema or "type" in node or "$ref" in node or "anyOf" in node:
        target = _pointer(parts)
        if "example" in node:
            yield where, target, node["example"]
        if isinstance(node.get("examples"), list):
            for i, example in enumerate(node["examples"]):
                yield f"{where}/examples/{i}", target, example
    for key, value in node.items():
        if key not in ("example", "examples"):
            yield from _examples(value, [*parts, key])


EXAMPLES = list(_examples(DOCUMENT, []))


def test_the_document_has_examples_to_check() -> None:
    pointers = {pointer for _, pointer, _ in EXAMPLES}
    assert "#/components/schemas/Source" in pointers
    assert any("/parameters/" in pointer for pointer in pointers)
    assert any(where.endswith("examples/newcomer") for where, _, _ in EXAMPLES)


@pytest.mark.parametrize(("where", "pointer", "example"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_every_example_fits_its_schema(where: str, pointer: str, example: Any) -> None:
    root = {**DOCUMENT, "$schema": DIALECT, "$ref": pointer}
    validator = jsonschema_rs.validator_for(root, validate_formats=True)
    errors = [error.message for error in validator.iter_errors(example)]
    assert not errors, f"{where}: {errors[:3]}"
