import json

from app.core.config import ROOT
from scripts.export_openapi import render


def test_committed_openapi_json_matches_the_app() -> None:
    committed = (ROOT / "openapi.json").read_text(encoding="utf-8")
    assert committed == render(), "openapi.json is stale: run `make openapi` and commit it"


def test_every_operation_is_documented_with_an_id_tags_and_problem_errors() -> None:
    schema = json.loads(render())
    ids = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            ids.append(operation["operationId"])
            assert operation.get("tags"), (method, path)
            assert operation.get("description") or operation.get("summary"), (method, path)
            assert "500" in operation["responses"], (method, path)
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    assert list(response["content"]) == ["application/problem+json"]
    assert len(ids) == len(set(ids))
    assert "list_certifications" in ids
    assert "HTTPValidationError" not in schema["components"]["schemas"]
