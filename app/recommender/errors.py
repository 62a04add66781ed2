"""Errors the recommender raises for a profile that does not fit the catalog."""


class UnknownSlugs(ValueError):
    """The profile names completed items that the catalog does not hold."""

    def __init__(self, slugs: list[str] | tuple[str, ...]) -> None:
        self.slugs = tuple(sorted(set(slugs)))
        super().__init__("unknown catalog slugs: " + ", ".join(self.slugs))
