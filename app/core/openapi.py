"""Post-processing of the generated OpenAPI document."""

import inspect
from collections.abc import Iterator, Sequence
from typing import Any

from fastapi import FastAPI
from fastapi.encoders import jsonable_encoder
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from app.core.config import ORIGIN_MAX_LENGTH
from app.core.problems import PROBLEM_MEDIA_TYPE
from app.core.ratelimit import declare_rate_limits
from app.core.request_id import HEADER as REQUEST_ID_HEADER
from app.core.request_id import MAX_LENGTH as REQUEST_ID_MAX_LENGTH
from app.core.request_id import PATTERN as REQUEST_ID_PATTERN
from app.schemas.fields import INT32_MAX

# The longest value of a fixed-width format: an RFC 3339 date-time may carry nine fractional
# digits and an offset (app/api/deps.py accepts no more).
FORMAT_MAX_LENGTH = {"date": 10, "date-time": 35}

# Headers on every response, whatever the operation (app/core/request_id.py, app/core/cors.py).
EVERY_RESPONSE_HEADERS: dict[str, Any] = {
    REQUEST_ID_HEADER: {
        "description": "Your X-Request-ID when it is plain and short enough, otherwise a new one.",
        "schema": {
            "type": "string",
            "maxLength": REQUEST_ID_MAX_LENGTH,
            "pattern": REQUEST_ID_PATTERN,
        },
    },
    "Access-Control-Allow-Origin": {
        "description": "Only on a cross-origin request (one with `Origin`) from an origin "
        "allowed to make it: `*`, or that origin.",
        "schema": {
            "type": "string",
            "maxLength": ORIGIN_MAX_LENGTH,
            "pattern": r"^(\*|[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#]+)$",
        },
    },
}


def _problems_as_problem_json(schema: dict[str, Any]) -> None:
    # FastAPI files every response model under application/json; problems are not JSON
    # documents of that type, and typed clients only see errors under the right media type.
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if int(status) >= 400 and "application/json" in content:
                    content[PROBLEM_MEDIA_TYPE] = content.pop("application/json")
    components = schema.get("components", {}).get("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)


def _answer_schema_names(schema: dict[str, Any]) -> None:
    """A model both taken and answered has two schemas (ANSWER in app/schemas/fields.py):
    FastAPI names them `X-Input` and `X-Output`. Name them as the models are named, `X` for
    what a request carries and `XOut` for what an answer does, as `Lifecycle`/`LifecycleOut`;
    titles too, which some generators name their classes by (openapi-python-client)."""
    components = schema.get("components", {}).get("schemas", {})
    renamed: dict[str, str] = {}
    for name in list(components):
        for suffix, new_suffix in (("-Input", ""), ("-Output", "Out")):
            if name.endswith(suffix):
                new = name.removesuffix(suffix) + new_suffix
                if new in components:
                    raise ValueError(f"{name} would take the name of another schema, {new}")
                renamed[f"#/components/schemas/{name}"] = f"#/components/schemas/{new}"
                components[new] = {**components.pop(name), "title": new}
    if not renamed:
        return
    for node in _schemas(schema):
        if node.get("$ref") in renamed:
            node["$ref"] = renamed[node["$ref"]]
    schema["components"]["schemas"] = dict(sorted(components.items()))


def _if_match_required(schema: dict[str, Any]) -> None:
    # The route answers a missing If-Match itself, with 428 rather than FastAPI's 422, so
    # the parameter is optional to FastAPI; to clients it is required.
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "header" and parameter["name"].lower() == "if-match":
                    parameter["required"] = True


def _links(item_ops: dict[str, str], slug: str, *, reads: bool) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for method, operation_id in item_ops.items():
        if method == "get":
            if reads:
                found[operation_id] = {"operationId": operation_id, "parameters": {"slug": slug}}
            continue
        parameters = {"slug": slug, "header.If-Match": "$response.header.ETag"}
        found[operation_id] = {"operationId": operation_id, "parameters": parameters}
    return found


def _write_links(schema: dict[str, Any]) -> None:
    """OpenAPI links from a create or a read to the writes on the same item, carrying the
    slug and the ETag: clients (and schemathesis's stateful phase) can follow them."""
    paths = schema.get("paths", {})
    for path, path_item in paths.items():
        item_path = f"{path}/{{slug}}"
        if "post" not in path_item or item_path not in paths:
            continue
        item_ops = {method: op["operationId"] for method, op in paths[item_path].items()}
        created = path_item["post"]["responses"]["201"]
        created["links"] = _links(item_ops, "$response.body#/slug", reads=True)
        read = paths[item_path]["get"]["responses"]["200"]
        read["links"] = _links(item_ops, "$request.path.slug", reads=False)


def _every_response_headers(schema: dict[str, Any]) -> None:
    refs = {name: {"$ref": f"#/components/headers/{name}"} for name in EVERY_RESPONSE_HEADERS}
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            for response in operation.get("responses", {}).values():
                response["headers"] = {**refs, **response.get("headers", {})}
    schema.setdefault("components", {}).setdefault("headers", {}).update(EVERY_RESPONSE_HEADERS)


def _schemas(node: Any) -> Iterator[dict[str, Any]]:
    """Every object in the document that may be a schema; examples are data, not schemas."""
    if isinstance(node, dict):
        yield node
        for key, value in node.items():
            if key not in ("example", "examples"):
                yield from _schemas(value)
    elif isinstance(node, list):
        for value in node:
            yield from _schemas(value)


def _formats(schema: dict[str, Any]) -> None:
    """Say what the bounds already imply: the integer width and the longest date."""
    for node in _schemas(schema):
        if node.get("type") == "integer" and "format" not in node:
            low, high = node.get("minimum", 0), node.get("maximum", 2**63)
            node["format"] = "int32" if low >= -INT32_MAX - 1 and high <= INT32_MAX else "int64"
        elif node.get("type") == "string" and node.get("format") in FORMAT_MAX_LENGTH:
            node.setdefault("maxLength", FORMAT_MAX_LENGTH[node["format"]])


def _models(base: type[BaseModel] = BaseModel) -> Iterator[type[BaseModel]]:
    for model in base.__subclasses__():
        yield model
        yield from _models(model)


def _examples_as_written(schema: dict[str, Any]) -> None:
    """Model examples as the models give them: FastAPI drops every null from the document,
    which takes required nullable fields out of the examples and leaves them invalid."""
    components = schema.get("components", {}).get("schemas", {})
    for model in _models():
        extra = model.model_config.get("json_schema_extra")
        if callable(extra):  # a function that writes its examples into the schema it is given
            written: dict[str, Any] = {}
            # pydantic passes the model too, to a function that takes it.
            if len(inspect.signature(extra).parameters) == 1:
                extra(written)  # type: ignore[call-arg]
            else:
                extra(written, model)  # type: ignore[call-arg]
            extra = written
        if not isinstance(extra, dict) or "examples" not in extra:
            continue
        # A model both taken and answered has a schema for each (_answer_schema_names).
        for name in (model.__name__, f"{model.__name__}-Input", f"{model.__name__}-Output"):
            component = components.get(name)
            if component is not None and "examples" in component:
                component["examples"] = _sorted(jsonable_encoder(extra["examples"]))


def _sorted(value: Any) -> Any:
    # Keys in order, as pydantic writes the examples it is given.
    if isinstance(value, dict):
        return {key: _sorted(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted(item) for item in value]
    return value


def _extra_models(schema: dict[str, Any], models: Sequence[type[BaseModel]]) -> None:
    """Schemas of bodies a route reads itself (its `openapi_extra` refers to them by name)."""
    if not models:
        return
    _, top = models_json_schema(
        [(model, "validation") for model in models], ref_template="#/components/schemas/{model}"
    )
    components = schema.setdefault("components", {})
    found = components.setdefault("schemas", {})
    # Without nulls and in name order, as FastAPI writes the schemas it finds itself.
    for name, model_schema in top.get("$defs", {}).items():
        found.setdefault(name, jsonable_encoder(model_schema, exclude_none=True))
    components["schemas"] = dict(sorted(found.items()))


def install_openapi(app: FastAPI, extra_models: Sequence[type[BaseModel]] = ()) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
                tags=app.openapi_tags,
                contact=app.contact,
                license_info=app.license_info,
                servers=app.servers,
            )
            _extra_models(schema, extra_models)
            _examples_as_written(schema)
            _answer_schema_names(schema)
            _problems_as_problem_json(schema)
            _if_match_required(schema)
            _write_links(schema)
            declare_rate_limits(schema)
            _every_response_headers(schema)
            _formats(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
