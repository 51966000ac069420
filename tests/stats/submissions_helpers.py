"""Shared steps of the period-report tests: submit, decide, reopen, as the cast's clerks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from accounts.roles import Role
from audit.models import AuditEntry
from cases.models import Case, Service
from cases.services.provision import record_service
from people.models import Person
from regions.scoping import unscoped
from stats.models import PeriodReport
from stats.services.reopening import decide_reopen, request_reopen
from stats.services.submissions import accept_report, submit_report
from tests.cases.helpers import make_applicant, make_case
from tests.factories import Cast
from tests.people.helpers import make_person

PERIOD = "2026-Q3"
# Five days after the quarter: every level is still on time (a county's report is due on
# 2026-10-10, a city's on 10-15, a province's on 10-20).
ON_TIME = datetime(2026, 10, 5, 2, 0, tzinfo=UTC)
CITIES = {"340100": ("340102", "340103"), "340200": ("340202", "340207")}


def above_of(code: str) -> str:
    return "340000" if code in CITIES else next(c for c, kids in CITIES.items() if code in kids)


def submit(cast: Cast, code: str, period: str = PERIOD, **values) -> PeriodReport:
    values.setdefault("actor", cast.user(code, Role.CLERK))
    return submit_report(cast.federations[code], period=period, **values)


def accept(cast: Cast, report: PeriodReport, role: str = Role.CLERK) -> PeriodReport:
    actor = cast.user(above_of(report.region_id), role)
    return accept_report(report, actor=actor, expected_version=report.version)


def submit_accepted(cast: Cast, code: str, period: str = PERIOD) -> PeriodReport:
    return accept(cast, submit(cast, code, period))


def accept_counties(cast: Cast, city: str, period: str = PERIOD) -> list[PeriodReport]:
    return [submit_accepted(cast, county, period) for county in CITIES[city]]


def reopen(cast: Cast, report: PeriodReport, reason: str = "补录一件八月的服务") -> PeriodReport:
    code = report.region_id
    request = request_reopen(
        report, actor=cast.user(code, Role.CLERK), reason=reason, expected_version=report.version
    )
    decider = cast.user(above_of(code), Role.CLERK)
    decide_reopen(request, actor=decider, accept=True, expected_version=report.version + 1)
    return fresh(report)


def fresh(report: PeriodReport) -> PeriodReport:
    return PeriodReport.all_objects.select_related("federation", "submitted_to").get(pk=report.pk)


def audit_actions(report: PeriodReport) -> list[str]:
    with unscoped("test"):
        return list(
            AuditEntry.all_objects.filter(
                target_type="stats.periodreport", target_id=str(report.pk)
            )
            .exclude(action="statistics.viewed")
            .order_by("pk")
            .values_list("action", flat=True)
        )


def case_in_august(cast: Cast, code: str = "340102") -> Case:
    """An open case of ``code`` registered on 2026-08-01, in the quarter reported."""
    registered = datetime(2026, 8, 1, 2, 0, tzinfo=UTC)
    applicant = make_applicant(
        cast,
        code,
        sex="f",
        birth_date=date(1980, 5, 1),
        disability_category="4",
        disability_grade=2,
    )
    return make_case(cast, code, applicant=applicant, status="accepted", registered_at=registered)


def service_on(cast: Cast, case: Case, day: date, code: str = "340102") -> Service:
    return record_service(
        case,
        actor=cast.user(code, Role.CLERK),
        kind=Service.Kind.CONSULTATION,
        provider=_provider(cast, code),
        provided_on=day,
        channel="phone",
    )


def _provider(cast: Cast, code: str) -> Person:
    """The federation's first lawyer, added on first use (adding one, from 2019, once a period
    is locked would change that period's coverage figures)."""
    lawyers = Person.all_objects.filter(federation=cast.federations[code], kind=Person.Kind.LAWYER)
    return lawyers.order_by("pk").first() or make_person(cast, code)


def a_day_in(report: PeriodReport) -> date:
    return report.period_start + timedelta(days=20)


def code_of(error) -> str:
    """The code of a refusal (``pytest.raises`` info), on a field or not."""
    refusal = error.value
    if hasattr(refusal, "error_dict"):
        return next(iter(refusal.error_dict.values()))[0].code
    return refusal.code


def message_of(error) -> str:
    return " ".join(error.value.messages)
