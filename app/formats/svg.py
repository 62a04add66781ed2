"""A recommendation drawn as an SVG timeline, for a career site to embed with an `<img>` tag.

One row per step, in rank order: on the left the rank, title, kind, weeks and hours; on the
right a bar across the weeks the step occupies, coloured by kind (a legend names the colours).
Week `k` is the column from `k - 1` to `k` on the axis, so a bar runs from the left edge of its
start week to the right edge of its end week, and steps that share a week overlap in it, as
they do in the plan. Warnings follow the chart, each code with its message wrapped to the
width.

The picture is self-contained (no fonts, images or styles from elsewhere, which an `<img>`
would not load), 960 px wide and as tall as its content, with a generic `sans-serif` font.
Text is escaped for XML and cut with an ellipsis where it would not fit; widths are
estimated from the characters, since no font is at hand when drawing. The same
recommendation always gives the same bytes.

Elements carry `class` and `data-*` attributes (`bar`, `data-start-week`, ...) so that tests
and scripts can read the picture back; renderers ignore them.
"""

import re
from xml.sax.saxutils import escape

from app.schemas.recommendations import RecommendationOut, StepOut

SVG_MEDIA_TYPE = "image/svg+xml"

WIDTH = 960
MARGIN = 24
LABEL_WIDTH = 330
CHART_LEFT = MARGIN + LABEL_WIDTH + 16
CHART_RIGHT = WIDTH - MARGIN
CHART_WIDTH = CHART_RIGHT - CHART_LEFT
ROW_HEIGHT = 44
BAR_HEIGHT = 22
LINE_HEIGHT = 16
TITLE_LINES = 2  # a longer title is cut with an ellipsis
WARNING_LINES = 10
MIN_TICK_SPACING = 30  # pixels between week labels
TICK_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)

FONT = "sans-serif"
TEXT = "#1f2937"
MUTED = "#6b7280"
GRID = "#e5e7eb"
STRIPE = "#f8fafc"
WARNING = "#b45309"

KIND_COLOURS = {
    "course": "#2563eb",
    "project": "#059669",
    "exam_prep": "#d97706",
    "certification": "#7c3aed",
}
KIND_LABELS = {
    "course": "Course",
    "project": "Project",
    "exam_prep": "Exam preparation",
    "certification": "Certification exam",
}
OTHER_COLOUR = "#64748b"

# Characters that XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Approximate advance widths in ems for a sans-serif font, erring wide so that text fits.
_NARROW = set("iljtf.,:;'!|()[]{} ")
_WIDE = set("mwMW@%")


def recommendation_svg(rec: RecommendationOut) -> str:
    """The recommendation as a standalone SVG document (UTF-8 text, with an XML declaration)."""
    weeks = max(1, rec.total_weeks, *(s.end_week for s in rec.steps))
    out: list[str] = []
    y = MARGIN

    # Heading.
    title = _heading(rec)
    out.append(_text(MARGIN, y + 18, title, size=18, weight="bold"))
    subtitle = (
        f"As of {rec.as_of.isoformat()} · catalog {rec.catalog_version}"
        f" · recommender {rec.recommender_version}"
    )
    out.append(_text(MARGIN, y + 38, _fit(subtitle, WIDTH - 2 * MARGIN, 12), size=12, fill=MUTED))
    y += 56

    # Legend: the kinds the path has, in the order a path goes through them.
    present = {s.kind.value for s in rec.steps}
    kinds = [k for k in KIND_COLOURS if k in present] + sorted(present - KIND_COLOURS.keys())
    x = float(MARGIN)
    for kind in kinds:
        label = _kind_label(kind)
        colour = KIND_COLOURS.get(kind, OTHER_COLOUR)
        out.append(
            f'<rect class="legend" data-kind="{_escape(kind)}" x="{_n(x)}" y="{y + 2}" width="14" '
            f'height="14" rx="3" fill="{colour}"/>'
        )
        out.append(_text(x + 20, y + 14, label, size=12))
        x += 20 + _width(label, 12) + 24
    if kinds:
        y += 34

    if rec.steps:
        y = _chart(out, rec.steps, weeks, y)
    else:
        out.append(_text(MARGIN, y + 16, "No steps: there is nothing left to plan.", size=13))
        y += 32

    if rec.warnings:
        y += 12
        out.append(_text(MARGIN, y + 14, f"Warnings ({len(rec.warnings)})", size=14, weight="bold"))
        y += 26
        for warning in rec.warnings:
            out.append(
                f'<rect class="warning-marker" x="{MARGIN}" y="{y + 4}" width="8" height="8" '
                f'fill="{WARNING}"/>'
            )
            out.append(
                _text(
                    MARGIN + 16,
                    y + 12,
                    warning.code.value,
                    size=12,
                    weight="bold",
                    fill=WARNING,
                    cls="warning-code",
                )
            )
            y += 18
            lines = _wrap(_clean(warning.message), WIDTH - 2 * MARGIN - 16, 12, WARNING_LINES)
            for line in lines:
                out.append(_text(MARGIN + 16, y + 12, line, size=12, cls="warning-text"))
                y += 16
            y += 8

    height = y + MARGIN - 8
    description = "; ".join(
        f"{s.rank}. {_clean(s.title)} ({_kind_label(s.kind.value).lower()}, {_weeks(s)})"
        for s in rec.steps
    )
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="title desc" '
        f'font-family="{FONT}">',
        f'<title id="title">{_escape(title)}</title>',
        f'<desc id="desc">{_escape(description or "No steps.")}</desc>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    return "\n".join([*head, *out, "</svg>"]) + "\n"


def _chart(out: list[str], steps: list[StepOut], weeks: int, top: int) -> int:
    """Draw the week axis and one row per step from `top`; return the y below the chart."""
    unit = CHART_WIDTH / weeks
    step = next((s for s in TICK_STEPS if s * unit >= MIN_TICK_SPACING), TICK_STEPS[-1])
    # Every week or every other week from the first; else week 1 and the multiples of the step.
    ticks = list(range(1, weeks + 1, step)) if step <= 2 else [1, *range(step, weeks + 1, step)]
    if len(ticks) > 1 and (ticks[1] - ticks[0]) * unit < MIN_TICK_SPACING * 0.6:
        ticks.pop(0)  # "1" would crowd the next label

    axis = top + 22
    rows_top = axis + 6
    # Ranks in a column of their own, so that titles and their second lines align.
    label_x = MARGIN + 6
    title_x = label_x + max(_width(f"{s.rank}.", 13, bold=True) for s in steps) + 6
    title_width = MARGIN + LABEL_WIDTH - title_x
    titles = [_wrap(_clean(s.title), title_width, 13, TITLE_LINES) for s in steps]
    heights = [ROW_HEIGHT + LINE_HEIGHT * max(0, len(lines) - 1) for lines in titles]
    rows_bottom = rows_top + sum(heights)

    out.append(_text(CHART_LEFT - 8, axis - 6, "Week", size=11, fill=MUTED, anchor="end"))
    row = rows_top
    for i, height in enumerate(heights):
        if i % 2 == 0:
            out.append(
                f'<rect x="{MARGIN}" y="{row}" width="{WIDTH - 2 * MARGIN}" height="{height}" '
                f'fill="{STRIPE}"/>'
            )
        row += height
    for week in ticks:
        left = _n(CHART_LEFT + (week - 1) * unit)
        centre = CHART_LEFT + (week - 0.5) * unit
        out.append(
            f'<line class="tick" data-week="{week}" x1="{left}" y1="{axis}" x2="{left}" '
            f'y2="{rows_bottom}" stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(_text(centre, axis - 6, str(week), size=11, fill=MUTED, anchor="middle"))
    out.append(
        f'<line x1="{CHART_LEFT}" y1="{axis}" x2="{CHART_RIGHT}" y2="{axis}" '
        f'stroke="{MUTED}" stroke-width="1"/>'
    )
    out.append(
        f'<line x1="{CHART_RIGHT}" y1="{axis}" x2="{CHART_RIGHT}" y2="{rows_bottom}" '
        f'stroke="{GRID}" stroke-width="1"/>'
    )

    row = rows_top
    for s, lines, height in zip(steps, titles, heights, strict=True):
        kind = s.kind.value
        start = s.start_week
        end = max(s.end_week, start)
        out.append(_text(label_x, row + 19, f"{s.rank}.", size=13, weight="bold", cls="rank"))
        tspans = "".join(
            f'<tspan x="{_n(title_x)}" dy="{LINE_HEIGHT}">{_escape(line)}</tspan>'
            for line in lines[1:]
        )
        out.append(
            f'<text class="label" data-rank="{s.rank}" x="{_n(title_x)}" y="{row + 19}" '
            f'font-size="13" fill="{TEXT}">{_escape(lines[0] if lines else "")}{tspans}</text>'
        )
        detail = f"{_kind_label(kind)} · {_weeks(s)} · {s.estimated_hours} h"
        out.append(
            _text(
                title_x,
                row + height - 8,
                _fit(detail, title_width, 11),
                size=11,
                fill=MUTED,
                cls="detail",
            )
        )
        x = _n(CHART_LEFT + (start - 1) * unit)
        width = _n((end - start + 1) * unit)
        out.append(
            f'<rect class="bar" data-rank="{s.rank}" data-kind="{_escape(kind)}" '
            f'data-start-week="{start}" data-end-week="{end}" x="{x}" '
            f'y="{row + (height - BAR_HEIGHT) // 2}" width="{width}" height="{BAR_HEIGHT}" '
            f'rx="3" fill="{KIND_COLOURS.get(kind, OTHER_COLOUR)}">'
            f"<title>{_escape(_clean(s.title))} ({_weeks(s)})</title></rect>"
        )
        row += height
    return rows_bottom


def _heading(rec: RecommendationOut) -> str:
    steps = len(rec.steps)
    if not steps:
        return "Learning path: no steps"
    noun = "step" if steps == 1 else "steps"
    weeks = "week" if rec.total_weeks == 1 else "weeks"
    return f"Learning path: {steps} {noun} over {rec.total_weeks} {weeks}"


def _kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def _weeks(s: StepOut) -> str:
    if s.end_week <= s.start_week:
        return f"week {s.start_week}"
    return f"weeks {s.start_week}\u2013{s.end_week}"


def _text(
    x: float,
    y: float,
    content: str,
    *,
    size: int,
    fill: str = TEXT,
    weight: str | None = None,
    anchor: str | None = None,
    cls: str | None = None,
) -> str:
    attrs = [f'x="{_n(x)}"', f'y="{_n(y)}"', f'font-size="{size}"', f'fill="{fill}"']
    if weight:
        attrs.append(f'font-weight="{weight}"')
    if anchor:
        attrs.append(f'text-anchor="{anchor}"')
    if cls:
        attrs.insert(0, f'class="{cls}"')
    return f"<text {' '.join(attrs)}>{_escape(_clean(content))}</text>"


def _n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros, the same on every run."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _clean(text: str) -> str:
    """Text with line breaks as spaces and without characters that XML cannot carry."""
    return _NOT_XML.sub("", " ".join(text.split()))


def _escape(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def _char_width(ch: str) -> float:
    if ch in _NARROW:
        return 0.34
    if ch in _WIDE:
        return 0.92
    if ch.isupper() or ch.isdigit():
        return 0.7
    return 0.6


def _width(text: str, size: int, *, bold: bool = False) -> float:
    """Estimated width in pixels of `text` at `size`."""
    em = sum(_char_width(ch) for ch in text)
    return em * size * (1.15 if bold else 1.0)


def _wrap(text: str, max_width: float, size: int, max_lines: int) -> list[str]:
    """`text` in at most `max_lines` lines that fit `max_width`, the last cut if need be."""
    lines: list[str] = []
    rest = text
    while rest and len(lines) < max_lines - 1:
        if _width(rest, size) <= max_width:
            break
        words = rest.split(" ")
        line = words[0]
        taken = 1
        for word in words[1:]:
            if _width(f"{line} {word}", size) > max_width:
                break
            line = f"{line} {word}"
            taken += 1
        if _width(line, size) > max_width:
            # One word wider than the line: break it.
            line = _fit(line, max_width, size)[:-1]
            rest = rest[len(line) :].lstrip()
        else:
            rest = " ".join(words[taken:])
        lines.append(line)
    if rest:
        lines.append(_fit(rest, max_width, size))
    return lines


def _fit(text: str, max_width: float, size: int) -> str:
    """`text`, cut at a word where possible and ended with an ellipsis, to fit `max_width`."""
    if _width(text, size) <= max_width:
        return text
    budget = max_width - _width("…", size)
    cut = ""
    for ch in text:
        if _width(cut + ch, size) > budget:
            break
        cut += ch
    # Prefer ending at a word when that keeps most of the text.
    word_end = cut.rfind(" ")
    if word_end > len(cut) * 0.7:
        cut = cut[:word_end]
    return cut.rstrip(" ,;:-\u2013") + "…"
