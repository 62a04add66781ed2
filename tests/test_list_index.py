"""The list index (app/catalog/listing.py) pages as the database did: the same items, every
order ending on the slug with missing values last, whichever shortcut a query takes."""

from hypothesis import given, settings
from hypothesis import strategies as st

from app.catalog.listing import Labels, Listed, ListIndex

LEVELS = ["a", "b", "c"]
SKILLS = ["x", "y", "z", "w"]


@st.composite
def catalogs(draw: st.DrawFn) -> list[tuple[Listed, Labels]]:
    slugs = draw(st.lists(st.text("abcdef", min_size=1, max_size=4), unique=True, max_size=60))
    return [
        (
            Listed(
                id=i,
                slug=slug,
                keys={"slug": slug, "score": draw(st.none() | st.integers(0, 3))},
                text=slug,
            ),
            {
                "level": [draw(st.sampled_from(LEVELS))],
                "skill": draw(st.lists(st.sampled_from(SKILLS), max_size=3)),
            },
        )
        for i, slug in enumerate(slugs)
    ]


def reference(
    entries: list[tuple[Listed, Labels]], sort: str, labels: dict[str, str | None], needle: str
) -> list[int]:
    name = sort.removeprefix("-")
    chosen = [
        item
        for item, held in entries
        if all(value is None or value in held[key] for key, value in labels.items())
        and needle in item.text
    ]
    present = sorted(
        (item for item in chosen if item.keys[name] is not None),
        key=lambda item: item.slug,
    )
    present.sort(key=lambda item: item.keys[name], reverse=sort.startswith("-"))
    missing = sorted((item for item in chosen if item.keys[name] is None), key=lambda i: i.slug)
    return [item.id for item in present + missing]


@settings(max_examples=300, deadline=None)
@given(
    items=catalogs(),
    sort=st.sampled_from(["slug", "score", "-score"]),
    level=st.none() | st.sampled_from(LEVELS),
    skill=st.none() | st.sampled_from(SKILLS),
    needle=st.sampled_from(["", "a", "ab"]),
    limit=st.integers(1, 10),
    offset=st.integers(0, 30),
)
def test_a_page_is_the_reference_slice(
    items: list[tuple[Listed, Labels]],
    sort: str,
    level: str | None,
    skill: str | None,
    needle: str,
    limit: int,
    offset: int,
) -> None:
    labels = {"level": level, "skill": skill}
    expected = reference(items, sort, labels, needle)
    tests = [lambda item: needle in item.text] if needle else []
    page = ListIndex(items).page(sort, limit, offset, labels, tests)
    assert page.total == len(expected)
    assert page.ids == expected[offset : offset + limit]


def test_descending_orders_keep_ties_in_slug_order() -> None:
    items = [
        (Listed(i, slug, {"score": score}, slug), {})
        for i, (slug, score) in enumerate([("b", 1), ("a", 1), ("c", None), ("d", 2)])
    ]
    index = ListIndex(items)
    assert index.page("-score", 10, 0, {}).ids == [3, 1, 0, 2]
    assert index.page("score", 10, 0, {}).ids == [1, 0, 3, 2]
