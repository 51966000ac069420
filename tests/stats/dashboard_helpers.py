"""Open work of every kind for one federation, for the dashboard tests: the case rows through
the shared plain-row factories, risks and filings through their services, period reports as
plain rows (``stats.services.submissions`` needs the data-quality checks of another module)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from accounts.roles import Role
from cases.models import Case, ReturnVisit
from cases.services.risks import raise_risk, review_risk
from lawstation import periods
from people.models import Person
from regions.scoping import unscoped
from stats import deadlines
from stats.models import PeriodReport
from tests.cases.helpers import make_case
from tests.factories import Cast
from tests.people.helpers import make_person
from tests.portal.inbox_helpers import make_help_request
from tests.scope_rows.cases_referrals import make_referral
from workstations.services.filings import return_filing, submit_filing

# What build_work makes, per kind of open work (own_reports: the last quarter due, one returned).
COUNTS = {
    "referrals": 1,
    "risks": 1,
    "return_visits": 2,
    "archiving": 2,
    "online_requests": 2,
    "filings_returned": 1,
    "own_reports": 2,
}


@dataclass
class Work:
    """The case numbers and references made, to look for them (or not) on a page."""

    numbers: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)


def build_work(cast: Cast, code: str, today: date) -> Work:
    """One federation's open work of every kind: the counts of :data:`COUNTS`, and rows that
    must not count (see :func:`build_case_work`)."""
    clerk = cast.user(code, Role.CLERK)
    work = build_case_work(cast, code, today)
    for _ in range(2):
        work.references.append(make_help_request(cast, code).reference)
    filing = submit_filing(
        cast.federations[code],
        actor=clerk,
        person=make_person(cast, code, kind=Person.Kind.STAFF),
    )
    parent = cast.regions[code].parent_id
    return_filing(filing, actor=cast.user(parent, Role.CLERK), reason="材料不全")
    make_report(cast, code, "2026-Q2", status=PeriodReport.Status.RETURNED, return_reason="有误")
    return work


def build_case_work(cast: Cast, code: str, today: date, *, handler: Person | None = None) -> Work:
    """The case work of :data:`COUNTS` (referrals, risks, return visits, archiving), and rows
    that must not count: a referral due today, a reviewed risk, a file due in eight days, an
    archived file, a visit done, a visit not yet due. ``handler`` handles every case."""
    work = Work()
    clerk = cast.user(code, Role.CLERK)

    def case(**fields) -> Case:
        made = make_case(cast, code, handler=handler, **fields)
        work.numbers.append(made.number)
        return made

    sent = {"consented_on": today - timedelta(days=20), "sent_on": today - timedelta(days=19)}
    make_referral(
        cast, code, case=case(status="accepted"), status="sent",
        decision_due_on=today - timedelta(days=2), **sent,
    )  # fmt: skip
    make_referral(
        cast, code, case=case(status="accepted"), status="sent", decision_due_on=today, **sent
    )
    raise_risk(case(status="accepted"), actor=clerk, kind="deadline", note="期限将至")
    reviewed = raise_risk(case(status="accepted"), actor=clerk, kind="complaint", note="投诉")
    review_risk(reviewed, actor=cast.user(code, Role.LEADER), note="已处理")
    case(status="closed", archive_due_on=today - timedelta(days=1))
    case(status="closed", archive_due_on=today + timedelta(days=7))
    case(status="closed", archive_due_on=today + timedelta(days=8))
    case(status="archived", archive_due_on=today - timedelta(days=1))
    closed = case(status="closed", archive_due_on=today + timedelta(days=60))
    for due, done in ((-5, None), (0, None), (-5, -1), (3, None)):
        visit(closed, today + timedelta(days=due), today + timedelta(days=done) if done else None)
    return work


def visit(case: Case, due_on: date, done_on: date | None = None) -> ReturnVisit:
    with unscoped("test fixture"):
        return ReturnVisit.all_objects.create(
            case=case,
            due_on=due_on,
            done_on=done_on,
            province_code=case.province_code,
            city_code=case.city_code,
            county_code=case.county_code,
        )


def make_report(cast: Cast, code: str, key: str, *, status: str, **fields) -> PeriodReport:
    """``code``'s report for period ``key``, sent to the federation above, in ``status``."""
    period = periods.parse(key)
    region = cast.regions[code]
    federation = cast.federations[code]
    report = PeriodReport(
        federation=federation,
        region=region,
        submitted_to=cast.federations.get(region.parent_id or ""),
        kind=period.kind,
        period_key=period.key,
        period_start=period.start,
        period_end=period.end,
        due_on=deadlines.due_on(period.end, period.kind, region.level),
        status=status,
        submitted_at=fields.pop("submitted_at", None) or timezone.now(),
        submitted_by=cast.user(code, Role.CLERK),
        **fields,
    )
    report.set_region(region)
    report.save(force_insert=True)
    return report
