"""Demo period reports (issue 7, item 4) for the last quarter that has ended, made through the
services, dated as if sent in the days after the quarter.

- A city (合肥市 unless its records have data-quality errors; else another city without any):
  every county's report accepted, one of them after being returned with a reason and
  submitted again, two of them late; then the city's own report submitted to the province,
  awaiting its decision.
- The next city's counties (芜湖市 after 合肥市): some submitted late (accepted or awaiting a
  decision), one not submitted; the city's own not submitted.

Every step is planned first (days after the quarter's end), in order: a report is submitted,
then returned, submitted again, then decided; the city submits after its counties' reports are
accepted. Seeded sooner than the last step planned (in the first weeks after the quarter), the
plan is squeezed into the time since the quarter ended: nothing is dated after now and the order
holds (what cannot be late yet is not).

A county with data-quality errors in its own records is left out (nothing submitted). Idempotent:
nothing is done when the chosen city's report exists already.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from compliance.selectors.data_quality import ERROR_CHECKS, tally
from lawstation import periods
from lawstation.errors import DomainError
from regions.models import Federation, Level
from stats.models import PeriodReport
from stats.selectors.submissions import reports_exist
from stats.services.submissions import accept_report, return_report, submit_report

PREFERRED_CITY = "340100"
CANDIDATE_CITIES = 4  # the cities whose records are checked, the preferred one first
RETURN_REASON = "九月份的咨询人次与登记表不一致，请核对后重新报送。"
RETURNED = 1  # the index of the complete city's county whose report is returned once
SUBMIT, RETURN, ACCEPT = "submit", "return", "accept"


@dataclass(frozen=True)
class Step:
    """One planned step of a report: ``days`` after the period's end, at ``hour`` o'clock."""

    action: str
    days: int
    hour: int = 10

    def planned(self, period: periods.Period) -> datetime:
        day = period.end + timedelta(days=self.days)
        return timezone.make_aware(datetime.combine(day, time(self.hour)))


@dataclass(frozen=True)
class Clock:
    """Places the planned steps between the start of the day after the period and ``latest``:
    as planned when the last step has passed, else squeezed in proportion (the order kept)."""

    period: periods.Period
    start: datetime
    scale: float

    @classmethod
    def fitting(cls, period: periods.Period, steps: list[Step], latest: datetime) -> Clock:
        start = timezone.make_aware(datetime.combine(period.end + timedelta(days=1), time()))
        last = max(step.planned(period) for step in steps)
        scale = 1.0 if last <= latest else max(latest - start, timedelta()) / (last - start)
        return cls(period, start, scale)

    def at(self, step: Step) -> datetime:
        return self.start + (step.planned(self.period) - self.start) * self.scale


def complete_plan(counties: int) -> tuple[list[list[Step]], list[Step]]:
    """The steps of each county's report, then of the city's own: the county at ``RETURNED``
    returned and sent again, the last two others late (a county's report is due ten days after
    the quarter), every one accepted, then the city's submitted."""
    late = [index for index in range(counties) if index != RETURNED][-2:]
    plans = []
    for index in range(counties):
        steps = [Step(SUBMIT, 12 if index in late else 3 + index % 5)]
        if index == RETURNED:
            steps += [Step(RETURN, 9), Step(SUBMIT, 10, 16)]
        steps.append(Step(ACCEPT, max(13, steps[-1].days + 1)))
        plans.append(steps)
    accepted = max((steps[-1].days for steps in plans), default=13)
    return plans, [Step(SUBMIT, accepted + 1)]


def partial_plan(counties: int) -> list[list[Step]]:
    """The steps of each county's report but the last's (not submitted): every other one late,
    every third accepted at least two days after it was submitted, the others awaiting."""
    plans = []
    for index in range(counties - 1):
        submitted = 11 + index if index % 2 else 6
        steps = [Step(SUBMIT, submitted)]
        if index % 3 == 0:
            steps.append(Step(ACCEPT, max(16, submitted + 2)))
        plans.append(steps)
    return plans


def seed_stats(federations: dict[str, Federation], today: date) -> dict[str, int]:
    """Reports for the last quarter ended before ``today``; region code → federation. No step
    is dated after now (nor after ``today``)."""
    period = periods.quarter(today.year, (today.month - 1) // 3 + 1).previous()
    if reports_exist(period):  # one query when run again
        return {"reports": 0}
    cities = _cities(federations, period)
    if not cities:
        return {"reports": 0}
    clerks = {
        user.username.removeprefix("clerk-"): user
        for user in User.objects.filter(username__in=[f"clerk-{code}" for code in federations])
    }
    complete = _counties(cities[0], federations)
    county_plans, city_steps = complete_plan(len(complete))
    partial = _counties(cities[1], federations) if len(cities) > 1 else []
    partial_plans = partial_plan(len(partial))
    steps = [*city_steps, *(step for plan in (*county_plans, *partial_plans) for step in plan)]
    latest = min(timezone.now(), timezone.make_aware(datetime.combine(today, time(23, 59))))
    clock = Clock.fitting(period, steps, latest)
    made = _complete_city(cities[0], complete, county_plans, city_steps, clock, clerks)
    if partial:
        made += _partial_city(cities[1], partial, partial_plans, clock, clerks)
    return {"reports": made}


def _counties(city: Federation, federations: dict[str, Federation]) -> list[Federation]:
    return [
        f
        for code, f in sorted(federations.items())
        if f.region.level == Level.COUNTY and f.region.parent_id == city.region_id
    ]


def _cities(federations: dict[str, Federation], period: periods.Period) -> list[Federation]:
    """The city whose own and counties' records have no blocking data-quality problem for
    ``period`` (the preferred one if it has none), then the next city in code order."""
    cities = sorted(
        (f for f in federations.values() if f.region.level == Level.CITY),
        key=lambda f: (f.region_id != PREFERRED_CITY, f.region_id),
    )
    candidates = cities[:CANDIDATE_CITIES]
    members = {city.pk: [city, *_counties(city, federations)] for city in candidates}
    failing = _with_blocking_problems([f for group in members.values() for f in group], period)
    for city in candidates:
        if not failing.intersection(f.pk for f in members[city.pk]):
            others = [c for c in sorted(cities, key=lambda f: f.region_id) if c != city]
            following = [c for c in others if c.region_id > city.region_id] or others
            return [city, *following[:1]]
    return []


def _with_blocking_problems(federations: list[Federation], period: periods.Period) -> set[int]:
    """The ids of ``federations`` whose own records fail a check of severity ``error`` for
    ``period``: ``stats.selectors.quality.blocking_problems`` (which the submission refuses on)
    for all of them in one grouped pass, a fixed number of queries."""
    ids = [f.pk for f in federations]
    found = tally(
        lambda to_case: Q(**{f"{to_case}federation_id__in": ids}),
        period,
        ERROR_CHECKS,
        group="federation_id",
        blocking=True,
    )
    return {pk for pk, counts in found.items() if any(counts.values())}


def _complete_city(
    city: Federation,
    counties: list[Federation],
    plans: list[list[Step]],
    city_steps: list[Step],
    clock: Clock,
    clerks: dict[str, User],
) -> int:
    decider = clerks[city.region_id]
    for county, steps in zip(counties, plans, strict=True):
        _follow(county, steps, clock, clerks[county.region_id], decider)
    for step in city_steps:
        submit_report(city, actor=decider, period=clock.period, at=clock.at(step))
    return len(counties) + 1


def _partial_city(
    city: Federation,
    counties: list[Federation],
    plans: list[list[Step]],
    clock: Clock,
    clerks: dict[str, User],
) -> int:
    made = 0
    for county, steps in zip(counties, plans, strict=False):  # the last county: no plan
        try:
            _follow(county, steps, clock, clerks[county.region_id], clerks[city.region_id])
        except DomainError:  # refused on submission: nothing saved, "not submitted"
            continue
        made += 1
    return made


def _follow(
    county: Federation, steps: list[Step], clock: Clock, clerk: User, decider: User
) -> PeriodReport:
    """Make the county's report go through ``steps`` through the services."""
    report = None
    for step in steps:
        when = clock.at(step)
        if step.action == SUBMIT:
            version = report.version if report is not None else None
            report = submit_report(
                county, actor=clerk, period=clock.period, expected_version=version, at=when
            )
        elif step.action == RETURN:
            report = return_report(
                report,
                actor=decider,
                reason=RETURN_REASON,
                expected_version=report.version,
                at=when,
            )
        else:
            report = accept_report(report, actor=decider, expected_version=report.version, at=when)
    return report
