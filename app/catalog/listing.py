"""The catalog's lists, answered from memory: filter and sort indexes per catalog version.

A page of a list is a question about a few attributes of every item (its level, its skills,
its rating) and the bytes of the items it shows. Asking the database each time meant loading
and sorting thousands of rows for twenty (bench/RESULTS.md). Here each catalog version gets
an index, built once from plain rows: one set of items per filter value, and one order per
sort, made the first time that sort is asked for. A page then costs a few set operations and
a slice; the items' JSON is rendered beside it (app/catalog/list_indexes.py).

What the index answers is what the database answered: the same filters, and every order ends
on the unique slug, with missing values last.
"""

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Any

Predicate = Callable[["Listed"], bool]


@dataclass(frozen=True, slots=True)
class Listed:
    """One item as the lists see it."""

    id: int
    slug: str
    # Sort values by sort name; None sorts last whichever the direction.
    keys: Mapping[str, Any]
    text: str  # slug, name and description, lower-cased, for `q`
    numbers: Mapping[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Page:
    ids: list[int]
    total: int


# An item's filter values, by filter: one or more each (a level; several skills).
Labels = Mapping[str, Iterable[str]]


class ListIndex:
    """One kind's items (certifications or courses) of one catalog version."""

    def __init__(self, entries: Iterable[tuple[Listed, Labels]]) -> None:
        self.items: dict[int, Listed] = {}
        # The labels are kept only here, as the set of items per value.
        self._by_label: dict[str, dict[str, set[int]]] = {}
        for item, labels in entries:
            self.items[item.id] = item
            for name, values in labels.items():
                by_value = self._by_label.setdefault(name, {})
                for value in values:
                    by_value.setdefault(value, set()).add(item.id)
        self.by_slug = {item.slug: item.id for item in self.items.values()}
        self._slug_order = sorted(self.items, key=lambda i: self.items[i].slug)
        self._orders: dict[str, list[int]] = {}
        self._ranks: dict[str, dict[int, int]] = {}
        self._lock = threading.Lock()

    def page(
        self,
        sort: str,
        limit: int,
        offset: int,
        labels: Mapping[str, str | None],
        predicates: Iterable[Predicate] = (),
    ) -> Page:
        """The ids of one page in order, and how many items match in all."""
        chosen = self._matching(labels, list(predicates))
        order = self._order(sort)
        if chosen is None:
            return Page(order[offset : offset + limit], len(order))
        if len(chosen) * 8 < len(order):
            rank = self._rank(sort)
            return Page(sorted(chosen, key=rank.__getitem__)[offset : offset + limit], len(chosen))
        found = (i for i in order if i in chosen)
        return Page(list(islice(found, offset, offset + limit)), len(chosen))

    def facets(
        self,
        names: Iterable[str],
        labels: Mapping[str, str | None],
        predicates: Iterable[Predicate] = (),
        *,
        most: int,
    ) -> dict[str, list[tuple[str, int]]]:
        """For each facet named, its values with how many items each would match under the
        other filters (a facet's own filter is left out, so that its other values stay
        countable: disjunctive faceting, as Open edX and Algolia count). Values matching no
        item are left out; the `most` with the highest counts are kept, ties by value."""
        tests = list(predicates)
        # The text, date and rating tests, once over every item rather than once per facet.
        passing = None
        if tests:
            passing = {i for i, item in self.items.items() if all(t(item) for t in tests)}
        counted: dict[str, list[tuple[str, int]]] = {}
        for name in names:
            others = {key: value for key, value in labels.items() if key != name}
            pool = self._matching(others, [])
            if passing is not None:
                pool = passing if pool is None else pool & passing
            counts = [
                (value, len(ids) if pool is None else len(ids & pool))
                for value, ids in self._by_label.get(name, {}).items()
            ]
            ranked = sorted(
                ((value, count) for value, count in counts if count),
                key=lambda pair: (-pair[1], pair[0]),
            )
            counted[name] = ranked[:most]
        return counted

    def _matching(
        self, labels: Mapping[str, str | None], tests: list[Predicate]
    ) -> set[int] | None:
        """The ids the filters let through; None when nothing filters (every item)."""
        matching = [
            self._by_label.get(name, {}).get(value, set())
            for name, value in labels.items()
            if value is not None
        ]
        # Never changed in place: a single filter's set is the index's own.
        chosen: set[int] | None = None
        if matching:
            matching.sort(key=len)
            chosen = matching[0].intersection(*matching[1:]) if len(matching) > 1 else matching[0]
        if tests:
            pool = chosen if chosen is not None else self.items.keys()
            chosen = {i for i in pool if all(test(self.items[i]) for test in tests)}
        return chosen

    def in_slug_order(self) -> list[int]:
        return self._slug_order

    def _order(self, sort: str) -> list[int]:
        order = self._orders.get(sort)
        if order is None:
            with self._lock:
                order = self._orders.get(sort)
                if order is None:
                    order = self._orders[sort] = self._sorted(sort)
        return order

    def _rank(self, sort: str) -> dict[int, int]:
        rank = self._ranks.get(sort)
        if rank is None:
            rank = {item: position for position, item in enumerate(self._order(sort))}
            self._ranks[sort] = rank
        return rank

    def _sorted(self, sort: str) -> list[int]:
        # From the slug order, so that equal values stay in slug order: Python's sort is
        # stable, descending too.
        name = sort.removeprefix("-")
        present = [i for i in self._slug_order if self.items[i].keys[name] is not None]
        missing = [i for i in self._slug_order if self.items[i].keys[name] is None]
        present.sort(key=lambda i: self.items[i].keys[name], reverse=sort.startswith("-"))
        return present + missing


def text_matches(q: str | None) -> list[Predicate]:
    if not q:
        return []
    needle = q.lower()
    return [lambda item: needle in item.text]


def updated_since(since: datetime | None) -> list[Predicate]:
    if since is None:
        return []
    return [lambda item: item.keys["updated_at"] >= since]
