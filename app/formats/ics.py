"""A recommendation as an iCalendar (RFC 5545) calendar, for a calendar app to import or
subscribe to.

One all-day event per step, spanning its weeks counted from the plan's `as_of`: from
`as_of + (start_week - 1)` weeks to `as_of + end_week` weeks (DTEND is exclusive), so that the
exam, a step of its own, is an event of its own. Then reminders, each an all-day event on the
day with an alarm before it: a planned exam's retirement, when it retires after `as_of`, and
its renewal, when the catalog knows how long a pass stays valid.

Nothing depends on the clock or chance: UIDs are derived from the plan's link (which names the
profile and the date) and the step, DTSTAMP is `as_of`, so the same plan always gives the
same bytes and a calendar that subscribes to it updates events in place. The `icalendar`
library folds lines at 75 octets and escapes text as the RFC asks.
"""

import hashlib
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event

from app.schemas.recommendations import RecommendationOut, StepCostOut, StepOut

ICS_MEDIA_TYPE = "text/calendar"
PRODID = "-//certpath//learning plan//EN"
# Time to book an exam before it goes, or to prepare a renewal.
RETIREMENT_NOTICE = timedelta(days=30)
RENEWAL_NOTICE = timedelta(days=60)

KIND_LABELS = {
    "course": "Course",
    "project": "Project",
    "exam_prep": "Exam preparation",
    "certification": "Exam",
}


def step_dates(as_of: date, step: StepOut) -> tuple[date, date]:
    """The first day of the step and the day after its last (DTEND is exclusive)."""
    return as_of + timedelta(weeks=step.start_week - 1), as_of + timedelta(weeks=step.end_week)


def recommendation_ics(plan: RecommendationOut, retires: Mapping[str, date]) -> bytes:
    """The plan as a calendar; `retires` gives the retirement dates of the plan's exams."""
    plan_id = hashlib.sha256(plan.link.encode()).hexdigest()[:20]
    stamp = datetime.combine(plan.as_of, time(), tzinfo=UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Learning plan")

    def event(uid: str, summary: str, start: date, end: date, description: str) -> Event:
        found = Event()
        found.add("uid", f"{uid}-{plan_id}@certpath")
        found.add("dtstamp", stamp)
        found.add("dtstart", start)
        found.add("dtend", end)
        found.add("summary", summary)
        found.add("description", description)
        found.add("url", plan.link)
        found.add("transp", "TRANSPARENT")  # study weeks leave the person free for meetings
        return found

    for step in plan.steps:
        start, end = step_dates(plan.as_of, step)
        label = KIND_LABELS.get(step.kind.value, step.kind.value)
        found = event(
            f"step-{step.rank}",
            f"{step.rank}. {label}: {step.title}",
            start,
            end,
            f"{step.reason}{_cost_line(step.cost)}\nAbout {step.estimated_hours} h, "
            f"weeks {step.start_week}-{step.end_week}.",
        )
        found.add("categories", [step.kind.value])
        cal.add_component(found)

    for step in plan.steps:
        retired_on = retires.get(step.slug or "") if step.kind.value == "certification" else None
        if retired_on is None or retired_on <= plan.as_of:
            continue
        found = event(
            f"retires-{step.rank}",
            f"{step.title} retires",
            retired_on,
            retired_on + timedelta(days=1),
            f"The last day to sit {step.title} is before {retired_on.isoformat()}.",
        )
        found.add_component(
            _alarm(f"{step.title} retires on {retired_on.isoformat()}.", RETIREMENT_NOTICE)
        )
        cal.add_component(found)

    for renewal in plan.cost.renewals:
        found = event(
            f"renewal-{renewal.slug}",
            f"Renew {_title(plan, renewal.slug)}",
            renewal.due_on,
            renewal.due_on + timedelta(days=1),
            f"Valid {renewal.validity_months} months from the plan's exam week."
            + (f"\n{renewal.terms}" if renewal.terms else ""),
        )
        found.add_component(
            _alarm(f"{_title(plan, renewal.slug)} is due for renewal.", RENEWAL_NOTICE)
        )
        cal.add_component(found)
    return bytes(cal.to_ical())


def _alarm(text: str, notice: timedelta) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", -notice)
    return alarm


def _title(plan: RecommendationOut, slug: str) -> str:
    # The exam's own step: its preparation shares the slug under another title.
    exams = (s for s in plan.steps if s.slug == slug and s.kind.value == "certification")
    return next((s.title for s in exams), slug)


def _cost_line(cost: StepCostOut | None) -> str:
    if cost is None:
        return ""
    if not cost.known or cost.amount is None:
        return "\nCost: not known."
    if cost.amount == 0:
        return "\nCost: free."
    return f"\nCost: {cost.amount:.2f} {cost.currency}."
