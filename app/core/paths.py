import re


def path_regex(template: str) -> re.Pattern[str]:
    """A regex that matches the paths of an OpenAPI path template such as /courses/{slug}."""
    return re.compile("^" + re.sub(r"\\{[^/]+\\}", "[^/]+", re.escape(template)) + "$")
