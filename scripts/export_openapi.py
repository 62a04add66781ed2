"""Write the OpenAPI document the app serves to openapi.json (a test fails on drift)."""

import json

from app.core.config import ROOT
from app.main import create_app


def render() -> str:
    return json.dumps(create_app().openapi(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    (ROOT / "openapi.json").write_text(render(), encoding="utf-8")
    print("wrote openapi.json")
