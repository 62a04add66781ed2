"""Fails when openapi.json has an operation that main.py never calls, so that a new operation
cannot reach the spec without an example of its use (examples/ts has the same check).
openapi-python-client makes a module per operation, named by its snake-cased operationId,
and main.py calls it as `<module>.sync_detailed(`."""

import json
import re
import sys
from pathlib import Path

from openapi_python_client.strings import snake_case

HERE = Path(__file__).parent
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def main() -> int:
    spec = json.loads((HERE / "../../openapi.json").read_text(encoding="utf-8"))
    program = re.sub(r"\s+", "", (HERE / "main.py").read_text(encoding="utf-8"))
    missing = []
    count = 0
    for path, item in spec["paths"].items():
        for method in (m for m in METHODS if m in item):
            count += 1
            operation_id = item[method]["operationId"]
            if f"{snake_case(operation_id)}.sync_detailed(" not in program:
                missing.append(f"{method.upper()} {path} ({operation_id})")
    if missing:
        print("main.py calls no sync_detailed for:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    print(f"main.py calls all {count} operations in openapi.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
