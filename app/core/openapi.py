"""Post-processing of the generated OpenAPI document."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.core.problems import PROBLEM_MEDIA_TYPE
from app.core.ratelimit import declare_rate_limits


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


def install_openapi(app: FastAPI) -> None:
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
            _problems_as_problem_json(schema)
            _if_match_required(schema)
            _write_links(schema)
            declare_rate_limits(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
