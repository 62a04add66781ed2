"""The recommender stays a pure module that decides from attributes, never from names."""

import ast
import re
from pathlib import Path

from tests.recommender.seed_catalog import CERTIFICATIONS, COURSES

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "app" / "recommender"
ALLOWED_IMPORTS = {
    "__future__",
    "collections",
    "dataclasses",
    "datetime",
    "decimal",
    "enum",
    "heapq",
    "math",
    "typing",
}
FORBIDDEN_CALLS = re.compile(
    r"\b(date\.today|datetime\.now|datetime\.utcnow|time\.time|getenv)\s*\(|environ\["
)


def sources() -> dict[Path, str]:
    return {path: path.read_text() for path in sorted(PACKAGE.rglob("*.py"))}


def test_imports_only_the_standard_library_and_itself() -> None:
    for path, text in sources().items():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top in ALLOWED_IMPORTS or name.startswith("app.recommender"), (path, name)


def test_no_clock_randomness_or_environment() -> None:
    for path, text in sources().items():
        assert not FORBIDDEN_CALLS.search(text), path


def test_no_catalog_slug_is_written_in_the_code() -> None:
    slugs = {c.slug for c in CERTIFICATIONS} | {c.slug for c in COURSES}
    seed = ROOT / "seed"
    if seed.is_dir():
        for folder in ("certifications", "courses"):
            slugs |= {path.stem for path in (seed / folder).glob("*.yaml")}
    for path, text in sources().items():
        for slug in slugs:
            assert slug not in text, (path, slug)
