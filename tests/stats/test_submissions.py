"""Period reports up the levels: the county → city → province round trip, lateness, snapshots,
reopening (services only; refusals in test_submissions_refusals.py, pages in
test_submissions_views.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from accounts.roles import Role
from lawstation.errors import DomainError
from regions.scoping import unscoped
from stats.models import PeriodReport, ReopenRequest, ReportEvent
from stats.services.reopening import decide_reopen, request_reopen
from stats.services.submissions import return_report
from tests.stats.submissions_helpers import (
    ON_TIME,
    accept,
    accept_counties,
    audit_actions,
    case_in_august,
    code_of,
    fresh,
    service_on,
    submit,
    submit_accepted,
)

pytestmark = pytest.mark.django_db
Status = PeriodReport.Status
Action = ReportEvent.Action


@pytest.fixture(autouse=True)
def _today(time_machine, english):
    time_machine.move_to(ON_TIME, tick=False)


def events(report):
    return list(
        ReportEvent.all_objects.filter(report=report)
        .order_by("at", "pk")
        .values_list("action", "reason", "actor__username")
    )


def test_county_city_province_round_trip_with_one_return(cast):
    service_on(cast, case_in_august(cast), date(2026, 8, 20))
    first = submit(cast, "340102")
    assert (first.status, first.number, first.submitted_to) == (
        Status.SUBMITTED,
        1,
        cast.federations["340100"],
    )
    assert first.snapshot["values"]["cases.registered"]["total"] == 1
    assert first.snapshot["values"]["cases.served"]["total"] == 1
    returned = return_report(
        first,
        actor=cast.user("340100", Role.LEADER),
        reason="八月的咨询渠道填错了",
        expected_version=first.version,
    )
    assert (returned.status, returned.return_reason) == (Status.RETURNED, "八月的咨询渠道填错了")
    second = submit(cast, "340102", expected_version=returned.version)
    assert (second.pk, second.status, second.number) == (first.pk, Status.SUBMITTED, 2)
    accepted = accept(cast, second)
    assert accepted.status == Status.ACCEPTED
    accepted_sibling = submit_accepted(cast, "340103")
    city = accept(cast, submit(cast, "340100"))
    assert city.snapshot["values"]["cases.registered"]["340102"] == 1
    accept_counties(cast, "340200")
    submit_accepted(cast, "340200")
    province = submit(cast, "340000")

    assert (province.status, province.submitted_to) == (Status.ACCEPTED, None)
    assert province.snapshot["values"]["cases.registered"]["total"] == 1
    assert not any(r.is_late for r in (accepted, accepted_sibling, city, province))
    assert audit_actions(first) == [
        "period_report.submitted",
        "period_report.returned",
        "period_report.submitted",
        "period_report.accepted",
    ]
    assert events(first) == [
        (Action.SUBMITTED, "", "clerk-340102"),
        (Action.RETURNED, "八月的咨询渠道填错了", "leader-340100"),
        (Action.SUBMITTED, "", "clerk-340102"),
        (Action.ACCEPTED, "", "clerk-340100"),
    ]
    snapshots = ReportEvent.all_objects.filter(report=first, action=Action.SUBMITTED)
    assert all(step.snapshot["period"] == "2026-Q3" for step in snapshots)
    assert audit_actions(province) == ["period_report.submitted"]


def test_the_snapshot_stays_as_submitted_when_records_change_later(cast, time_machine):
    case = case_in_august(cast)
    report = submit(cast, "340102")
    time_machine.move_to(datetime(2026, 10, 6, 2, 0, tzinfo=UTC), tick=False)
    service_on(cast, case, date(2026, 10, 6))  # in Q4: allowed, not in the snapshot
    assert fresh(report).snapshot["values"]["cases.served"]["total"] == 0


def test_a_report_after_its_due_date_is_flagged_late(cast, time_machine):
    time_machine.move_to(datetime(2026, 10, 11, 2, 0, tzinfo=UTC), tick=False)
    county = submit(cast, "340102")
    assert (county.due_on.isoformat(), county.is_late) == ("2026-10-10", True)
    accept(cast, county)
    submit_accepted(cast, "340103")
    city = submit(cast, "340100")  # due 2026-10-15
    assert (city.due_on.isoformat(), city.is_late) == ("2026-10-15", False)


def test_monthly_and_yearly_reports_have_their_own_due_dates(cast, time_machine):
    time_machine.move_to(datetime(2027, 1, 3, 2, 0, tzinfo=UTC), tick=False)
    month = submit(cast, "340102", period="2026-12")
    year = submit(cast, "340103", period="2026")
    assert (month.kind, month.due_on.isoformat()) == ("month", "2027-01-05")
    assert (year.kind, year.due_on.isoformat()) == ("year", "2027-01-20")


def test_an_accepted_reopen_lets_the_county_resubmit(cast):
    report = submit_accepted(cast, "340102")
    request = request_reopen(
        report,
        actor=cast.user("340102", Role.CLERK),
        reason="漏登一件",
        expected_version=report.version,
    )
    decided = decide_reopen(
        request, actor=cast.user("340100", Role.LEADER), accept=True, expected_version=None
    )
    assert decided.status == ReopenRequest.Status.ACCEPTED
    reopened = fresh(report)
    assert reopened.status == Status.REOPENED
    again = submit(cast, "340102", expected_version=reopened.version)
    assert (again.status, again.number) == (Status.SUBMITTED, 2)
    assert audit_actions(report) == [
        "period_report.submitted",
        "period_report.accepted",
        "period_report.reopen_requested",
        "period_report.reopen_accepted",
        "period_report.submitted",
    ]


def test_a_refused_reopen_needs_a_note_and_keeps_the_report_accepted(cast):
    report = submit_accepted(cast, "340102")
    request = request_reopen(
        report, actor=cast.user("340102", Role.CLERK), reason="漏登", expected_version=None
    )
    city_clerk = cast.user("340100", Role.CLERK)
    with pytest.raises(DomainError) as error:
        decide_reopen(request, actor=city_clerk, accept=False, note=" ")
    assert code_of(error) == "note_required"
    decide_reopen(request, actor=city_clerk, accept=False, note="数字已核对，无需重开")
    assert fresh(report).status == Status.ACCEPTED
    with unscoped("test"):
        request.refresh_from_db()
    assert (request.status, request.decision_note) == ("refused", "数字已核对，无需重开")
    assert audit_actions(report)[-1] == "period_report.reopen_refused"


def test_the_provinces_own_reopen_is_decided_by_another_member_of_the_province(cast):
    for city in ("340100", "340200"):
        accept_counties(cast, city)
        submit_accepted(cast, city)
    province = submit(cast, "340000")
    asker = cast.user("340000", Role.CLERK)
    request = request_reopen(province, actor=asker, reason="更正", expected_version=None)
    with pytest.raises(DomainError) as error:
        decide_reopen(request, actor=asker, accept=True)
    assert code_of(error) == "own_request"
    decide_reopen(request, actor=cast.user("340000", Role.LEADER), accept=True)
    assert fresh(province).status == Status.REOPENED
