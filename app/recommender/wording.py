"""Small helpers for the sentences shown to people."""

from datetime import date


def years(count: int) -> str:
    return f"{count} year" if count == 1 else f"{count} years"


def listing(items: list[str] | tuple[str, ...]) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def skills_text(skills: tuple[str, ...] | list[str], limit: int = 3) -> str:
    # Skills stay as the catalog spells them: "scikit-learn" must not become "scikit learn".
    return listing(list(skills[:limit]))


def day(value: date) -> str:
    return value.isoformat()
