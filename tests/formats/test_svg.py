"""The recommendation as an SVG timeline: well-formed, faithful to the plan, and rendered."""

import re
import xml.etree.ElementTree as ET
from datetime import date
from itertools import pairwise

import pytest

from app.formats.svg import (
    CHART_LEFT,
    CHART_RIGHT,
    KIND_COLOURS,
    SVG_MEDIA_TYPE,
    WIDTH,
    recommendation_svg,
)
from app.recommender import Rule, StepKind, WarningCode
from app.schemas.recommendations import RecommendationOut, StepOut, WarningOut
from tests.formats.png import Image, read_png
from tests.formats.sample import SAMPLE_PNG, SAMPLE_SVG, render_png, sample_recommendation, step

NS = {"svg": "http://www.w3.org/2000/svg"}
TRICKY = 'Tom & Jerry\'s <b>"ML"</b> course'


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def bars(root: ET.Element) -> list[ET.Element]:
    return root.findall("svg:rect[@class='bar']", NS)


def ticks(root: ET.Element) -> dict[int, float]:
    return {
        int(line.attrib["data-week"]): float(line.attrib["x1"])
        for line in root.findall("svg:line[@class='tick']", NS)
    }


def texts(root: ET.Element, cls: str) -> list[str]:
    return ["".join(t.itertext()) for t in root.findall(f"svg:text[@class='{cls}']", NS)]


def plan(steps: list[StepOut], total_weeks: int, **changes: object) -> RecommendationOut:
    return sample_recommendation().model_copy(
        update={"steps": steps, "total_weeks": total_weeks, **changes}
    )


def spread(count: int, weeks_each: int) -> list[StepOut]:
    kinds = list(StepKind)
    return [
        step(
            i + 1,
            kinds[i % len(kinds)],
            None,
            f"Step {i + 1}",
            Rule.default_exam,
            10,
            (1 + i * weeks_each, (i + 1) * weeks_each),
        )
        for i in range(count)
    ]


def check_geometry(root: ET.Element, steps: list[StepOut], weeks: int) -> None:
    """Every bar starts at the left edge of its start week and ends at the right of its end."""
    found = bars(root)
    assert len(found) == len(steps)
    unit = (CHART_RIGHT - CHART_LEFT) / weeks
    tick_x = ticks(root)
    assert 1 in tick_x or weeks > 1
    for week, x in tick_x.items():
        assert x == pytest.approx(CHART_LEFT + (week - 1) * unit, abs=0.01)
    origin = CHART_LEFT
    for bar, s in zip(found, steps, strict=True):
        assert bar.attrib["data-rank"] == str(s.rank)
        assert bar.attrib["data-kind"] == s.kind.value
        assert bar.attrib["fill"] == KIND_COLOURS[s.kind.value]
        x, width = float(bar.attrib["x"]), float(bar.attrib["width"])
        assert x == pytest.approx(origin + (s.start_week - 1) * unit, abs=0.02)
        assert width == pytest.approx((s.end_week - s.start_week + 1) * unit, abs=0.02)
        if s.start_week in tick_x:
            assert x == pytest.approx(tick_x[s.start_week], abs=0.02)
        assert x + width <= WIDTH


# --- the document -------------------------------------------------------------------------


def test_sample_is_wellformed_sized_and_self_contained() -> None:
    svg = recommendation_svg(sample_recommendation())
    root = parse(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.attrib["width"] == str(WIDTH)
    assert root.attrib["viewBox"] == f"0 0 {WIDTH} {root.attrib['height']}"
    assert root.attrib["font-family"] == "sans-serif"
    # An <img> loads nothing else, so the picture must not ask for anything.
    assert not re.search(r"href|url\(|@import|<image|<script|<style", svg)
    assert SVG_MEDIA_TYPE == "image/svg+xml"


def test_one_bar_per_step_across_its_weeks() -> None:
    rec = sample_recommendation()
    root = parse(recommendation_svg(rec))
    check_geometry(root, rec.steps, rec.total_weeks)
    found = bars(root)
    # Steps 1 and 2 share week 3, so their bars overlap by exactly one week.
    first, second = (float(b.attrib["x"]) + float(b.attrib["width"]) for b in found[:2])
    assert first > float(found[1].attrib["x"])
    assert second > first


def test_labels_name_rank_kind_title_and_weeks() -> None:
    rec = sample_recommendation()
    root = parse(recommendation_svg(rec))
    assert texts(root, "rank") == [f"{s.rank}." for s in rec.steps]
    labels = texts(root, "label")
    assert labels[0] == "Structuring Machine Learning Projects"
    details = texts(root, "detail")
    assert details[0] == "Course · weeks 1\u20133 · 20 h"
    assert details[4] == "Certification exam · week 25 · 3 h"
    legend = [r.attrib["data-kind"] for r in root.findall("svg:rect[@class='legend']", NS)]
    assert legend == ["course", "project", "exam_prep", "certification"]


def test_long_titles_wrap_then_end_in_an_ellipsis() -> None:
    rec = sample_recommendation()
    root = parse(recommendation_svg(rec))
    label = root.findall("svg:text[@class='label']", NS)[3]
    assert len(label.findall("svg:tspan", NS)) == 1  # a second line
    text = "".join(label.itertext())
    assert text.startswith("Prepare for AWS Certified Machine Learning")
    assert text.endswith("…")
    assert len(text) < len(rec.steps[3].title)
    # The full title is kept in the bar's tooltip.
    tooltip = bars(root)[3].find("svg:title", NS)
    assert tooltip is not None and tooltip.text is not None
    assert rec.steps[3].title in tooltip.text


def test_text_is_escaped() -> None:
    rec = plan(
        [step(1, StepKind.course, None, TRICKY, Rule.default_exam, 5, (1, 1))],
        1,
        warnings=[WarningOut(code=WarningCode.no_target_cloud, message=TRICKY, slug=None)],
        catalog_version='v"1"&<2>',
    )
    svg = recommendation_svg(rec)
    assert "<b>" not in svg
    assert "Tom &amp; Jerry's &lt;b&gt;&quot;ML&quot;&lt;/b&gt; course" in svg
    root = parse(svg)
    assert texts(root, "label") == [TRICKY]
    assert texts(root, "warning-text") == [TRICKY]


def test_characters_xml_cannot_carry_are_dropped() -> None:
    rec = plan([step(1, StepKind.course, None, "A\x00B\x1bC\nD", Rule.default_exam, 5, (1, 2))], 2)
    root = parse(recommendation_svg(rec))
    assert texts(root, "label") == ["ABC D"]


def test_warnings_follow_the_chart_with_code_and_message() -> None:
    rec = sample_recommendation()
    root = parse(recommendation_svg(rec))
    assert texts(root, "warning-code") == [w.code.value for w in rec.warnings]
    lines = texts(root, "warning-text")
    assert len(lines) > len(rec.warnings)  # the messages are wrapped
    assert " ".join(lines) == " ".join(w.message for w in rec.warnings)
    chart_bottom = max(float(b.attrib["y"]) for b in bars(root))
    first_code = root.find("svg:text[@class='warning-code']", NS)
    assert first_code is not None
    assert float(first_code.attrib["y"]) > chart_bottom


def test_no_steps() -> None:
    rec = plan([], 0, warnings=[])
    svg = recommendation_svg(rec)
    root = parse(svg)
    assert bars(root) == []
    assert "No steps" in svg
    assert int(root.attrib["height"]) > 0


def test_one_week() -> None:
    steps = [step(1, StepKind.certification, "x-y", "Sit the exam", Rule.default_exam, 3, (1, 1))]
    root = parse(recommendation_svg(plan(steps, 1)))
    assert ticks(root) == {1: pytest.approx(float(bars(root)[0].attrib["x"]))}
    check_geometry(root, steps, 1)
    bar = bars(root)[0]
    assert float(bar.attrib["x"]) + float(bar.attrib["width"]) == pytest.approx(CHART_RIGHT)


@pytest.mark.parametrize("weeks_each", [1, 3, 9, 40])
def test_tick_labels_never_crowd(weeks_each: int) -> None:
    steps = spread(14, weeks_each)
    weeks = 14 * weeks_each
    root = parse(recommendation_svg(plan(steps, weeks)))
    check_geometry(root, steps, weeks)
    xs = sorted(ticks(root).values())
    assert 2 <= len(xs) <= 25
    gaps = [b - a for a, b in pairwise(xs)]
    assert min(gaps) >= 18, gaps


def test_height_grows_with_steps_and_warnings() -> None:
    def height(rec: RecommendationOut) -> int:
        return int(parse(recommendation_svg(rec)).attrib["height"])

    few, many = plan(spread(2, 3), 6, warnings=[]), plan(spread(12, 3), 36, warnings=[])
    warned = plan(spread(2, 3), 6)
    assert height(many) > height(few)
    assert height(warned) > height(few)


def test_output_is_deterministic() -> None:
    rec = sample_recommendation()
    again = RecommendationOut.model_validate(rec.model_dump())
    assert recommendation_svg(rec) == recommendation_svg(again)


def test_sample_in_docs_is_current() -> None:
    """`docs/recommendation-timeline.svg` is what the renderer draws today.

    Regenerate with `.venv/bin/python -m tests.formats.sample`.
    """
    assert SAMPLE_SVG.read_text(encoding="utf-8") == recommendation_svg(sample_recommendation())
    sample = read_png(SAMPLE_PNG.read_bytes())
    fresh = read_png(render_png(SAMPLE_SVG.read_text(encoding="utf-8")))
    assert (sample.width, sample.height) == (fresh.width, fresh.height)


# --- rendered -----------------------------------------------------------------------------


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def dark_pixels(img: Image, x0: int, y0: int, x1: int, y1: int) -> int:
    return sum(
        1
        for y in range(y0, y1)
        for x in range(x0, x1)
        if sum(img.pixel(x, y)[:3]) < 3 * 140 and img.pixel(x, y)[3] > 0
    )


@pytest.fixture(scope="module")
def rendered() -> tuple[ET.Element, Image]:
    svg = recommendation_svg(sample_recommendation())
    return parse(svg), read_png(render_png(svg))


def test_png_has_the_declared_size(rendered: tuple[ET.Element, Image]) -> None:
    root, img = rendered
    assert (img.width, img.height) == (WIDTH, int(root.attrib["height"]))


def test_png_is_not_blank(rendered: tuple[ET.Element, Image]) -> None:
    _, img = rendered
    colours = img.colours()
    assert len(colours) > 20
    corners = {img.pixel(0, 0), img.pixel(img.width - 1, img.height - 1)}
    assert corners == {(255, 255, 255, 255)}  # an opaque white background


def test_png_bars_have_their_kind_colour_where_the_svg_puts_them(
    rendered: tuple[ET.Element, Image],
) -> None:
    root, img = rendered
    for bar in bars(root):
        x = float(bar.attrib["x"]) + float(bar.attrib["width"]) / 2
        y = float(bar.attrib["y"]) + float(bar.attrib["height"]) / 2
        assert img.pixel(int(x), int(y))[:3] == hex_rgb(bar.attrib["fill"])
        # Just outside the bar's left end is background, not bar.
        left = int(float(bar.attrib["x"])) - 2
        assert img.pixel(left, int(y))[:3] != hex_rgb(bar.attrib["fill"])
    seen = {img.pixel(x, y)[:3] for y in range(img.height) for x in range(380, img.width)}
    for colour in KIND_COLOURS.values():
        assert hex_rgb(colour) in seen


def test_png_text_is_drawn(rendered: tuple[ET.Element, Image]) -> None:
    probe = read_png(
        render_png(
            '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20" '
            'font-family="sans-serif">'
            '<text x="2" y="15" font-size="14">Hg</text></svg>'
        )
    )
    if dark_pixels(probe, 0, 0, probe.width, probe.height) == 0:
        pytest.skip("no sans-serif font for resvg on this machine (install fonts-dejavu-core)")
    root, img = rendered
    # Each step's label column and the warnings below the chart carry ink.
    for label in root.findall("svg:text[@class='label']", NS):
        y = int(float(label.attrib["y"]))
        assert dark_pixels(img, 40, y - 12, 360, y + 3) > 50, label.attrib["data-rank"]
    first_warning = root.find("svg:text[@class='warning-text']", NS)
    assert first_warning is not None
    y = int(float(first_warning.attrib["y"]))
    assert dark_pixels(img, 40, y - 12, WIDTH - 24, y + 3) > 200


def test_render_is_stable(rendered: tuple[ET.Element, Image]) -> None:
    _, img = rendered
    again = read_png(render_png(recommendation_svg(sample_recommendation())))
    assert again.rows == img.rows


def test_as_of_is_shown() -> None:
    rec = sample_recommendation().model_copy(update={"as_of": date(2027, 1, 2)})
    assert "As of 2027-01-02" in recommendation_svg(rec)
