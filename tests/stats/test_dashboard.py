"""The staff home as a dashboard: a clerk's open work (each kind counted, the first few listed,
never a sibling's), a lawyer's (only their cases), the work from the level below, and the
leader's overview (coverage, compliance, volumes as a chart with its table)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from cases.models import Referral
from lawstation import periods
from people.models import Person
from portal.references import display_reference
from regions.scoping import unscoped
from stats.models import PeriodReport, ReopenRequest
from stats.selectors import figures
from tests.cases.helpers import make_case
from tests.people.helpers import make_person, make_workstation
from tests.portal.inbox_helpers import make_help_request
from tests.scope_rows.cases_referrals import make_referral
from tests.stats.dashboard_helpers import COUNTS, build_case_work, build_work, make_report
from workstations.services.filings import submit_filing

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)
QUARTERS = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel("2026-12-02 10:00 +0800", tick=False):
        yield


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def work_of(response) -> dict:
    return {kind.key: kind for kind in response.context["work"]}


def test_a_county_clerk_sees_each_kind_of_open_work_counted_and_never_a_siblings(
    client, cast, english
):
    mine = build_work(cast, "340102", TODAY)
    theirs = build_work(cast, "340103", TODAY)
    response = home(client, cast.user("340102", Role.CLERK))
    work = work_of(response)
    assert list(work) == [
        "referrals",
        "risks",
        "return_visits",
        "archiving",
        "online_requests",
        "filings_returned",
        "own_reports",
    ]  # nothing comes from below a county
    assert {key: kind.count for key, kind in work.items()} == COUNTS
    page = response.content.decode()
    for number in theirs.numbers:
        assert number not in page
    for reference in theirs.references:
        assert display_reference(reference) not in page
    for reference in mine.references:
        assert display_reference(reference) in page
    archiving = work["archiving"].items
    assert [item.is_overdue for item in archiving] == [True, False]
    assert [item.note for item in work["return_visits"].items] == [
        "due 2026-11-27",
        "due 2026-12-02",
    ]
    reports = work["own_reports"].items
    assert [(item.text, item.is_overdue) for item in reports] == [
        ("2026-Q3", True),
        ("2026-Q2", False),
    ]
    assert reports[0].note == "Not submitted: overdue by 53 days"
    assert reports[1].note == "Returned"
    for name in ("referrals_overview:overdue", "webrequests:list", "filings:list"):
        assert f'href="{reverse(name)}"' in page
    assert reverse("risks:register") + "?open_only=on" in page
    assert "Overdue" in page
    assert response.context["summary"] is None  # a county clerk's home is their work


def test_the_first_five_items_are_listed_and_the_rest_counted(client, cast, english):
    references = [make_help_request(cast, "340102").reference for _ in range(7)]
    response = home(client, cast.user("340102", Role.CLERK))
    requests = work_of(response)["online_requests"]
    assert (requests.count, len(requests.items), requests.more) == (7, 5, 2)
    page = response.content.decode()
    assert "And 2 more." in page
    assert sum(display_reference(reference) in page for reference in references) == 5
    empty = work_of(response)["referrals"]
    assert (empty.count, empty.items) == (0, [])
    assert "No referral is overdue." in page


def test_a_referral_without_a_chosen_agency_names_the_kind_of_agency(client, cast, english):
    referral = make_referral(
        cast, "340102", status="sent", consented_on=date(2026, 11, 1), sent_on=date(2026, 11, 2),
        decision_due_on=date(2026, 11, 20),
    )  # fmt: skip
    with unscoped("test fixture"):
        Referral.objects.filter(pk=referral.pk).update(partner=None)
    items = work_of(home(client, cast.user("340102", Role.CLERK)))["referrals"].items
    assert [item.note for item in items] == ["Legal aid institution: due 2026-11-20"]


def test_a_city_clerk_sees_reports_and_filings_from_the_level_below(client, cast, english):
    make_report(cast, "340103", "2026-Q3", status=PeriodReport.Status.SUBMITTED, is_late=True)
    make_report(cast, "340202", "2026-Q3", status=PeriodReport.Status.SUBMITTED)  # Wuhu's
    accepted = make_report(cast, "340102", "2026-Q1", status=PeriodReport.Status.ACCEPTED)
    reopen(accepted, cast.user("340102", Role.CLERK))
    submit_filing(
        cast.federations["340103"],
        actor=cast.user("340103", Role.CLERK),
        person=make_person(cast, "340103", kind=Person.Kind.STAFF),
    )
    work = work_of(home(client, cast.user("340100", Role.CLERK)))
    decide = work["reports_to_decide"]
    assert decide.count == 2
    assert [(item.text, item.note) for item in decide.items] == [
        ("庐阳区残疾人联合会", "2026-Q3, submitted late on 2026-12-02"),
        ("瑶海区残疾人联合会", "2026-Q1: reopening requested"),
    ]
    assert work["filings_to_decide"].count == 1
    assert work["filings_to_decide"].items[0].text == "庐阳区残疾人联合会"
    sibling = work_of(home(client, cast.user("340200", Role.CLERK)))
    assert sibling["reports_to_decide"].count == 1  # only 340202's
    assert sibling["filings_to_decide"].count == 0
    leader = work_of(home(client, cast.user("340100", Role.LEADER)))
    assert leader["reports_to_decide"].count == 2  # a leader reviews reports too
    assert "filings_to_decide" not in leader  # but does not keep the filings
    assert "own_reports" not in leader  # nor submit


def test_a_provinces_own_reopen_request_waits_for_another_user_of_the_province(client, cast):
    report = make_report(cast, "340000", "2026-Q2", status=PeriodReport.Status.ACCEPTED)
    assert report.submitted_to is None  # the province reports outside the system
    reopen(report, cast.user("340000", Role.CLERK))
    leader = work_of(home(client, cast.user("340000", Role.LEADER)))
    assert leader["reports_to_decide"].count == 1
    requester = work_of(home(client, cast.user("340000", Role.CLERK)))
    assert requester["reports_to_decide"].count == 0  # never one's own request


def reopen(report: PeriodReport, user) -> ReopenRequest:
    with unscoped("test fixture"):
        request = ReopenRequest(
            report=report, reason="数据录入错误", requested_at=timezone.now(), requested_by=user
        )
        request.set_region(report.region)
        request.save()
    return request


def test_a_lawyer_sees_only_the_work_of_the_cases_they_handle(client, cast, english):
    lawyer = make_person(cast, "340102")
    with unscoped("test fixture"):
        Person.objects.filter(pk=lawyer.pk).update(user=cast.user("340102", Role.LAWYER))
    handled = build_case_work(cast, "340102", TODAY, handler=lawyer)
    others = build_case_work(cast, "340102", TODAY)
    make_help_request(cast, "340102")
    response = home(client, cast.user("340102", Role.LAWYER))
    work = work_of(response)
    assert {key: kind.count for key, kind in work.items()} == {
        "referrals": 1,
        "risks": 1,
    }  # return visits and archiving are the clerk's (case.edit): not shown to a lawyer
    page = response.content.decode()
    assert any(number in page for number in handled.numbers)
    for number in others.numbers:
        assert number not in page
    assert response.context["summary"] is None
    clerk = work_of(home(client, cast.user("340102", Role.CLERK)))
    assert clerk["referrals"].count == 2  # the clerk sees both
    assert clerk["return_visits"].count == 4
    assert clerk["archiving"].count == 4


def test_an_administrator_has_no_open_work_and_no_overview(client, cast):
    build_work(cast, "340102", TODAY)
    response = home(client, cast.user("340102", Role.SYSTEM_ADMIN))
    assert response.context["work"] == []
    assert response.context["summary"] is None
    assert 'id="work-title"' not in response.content.decode()


def registered(cast, code: str, day: date):
    return make_case(cast, code, registered_at=timezone.make_aware(datetime.combine(day, time(10))))


def test_a_leader_sees_coverage_compliance_and_volumes_with_a_chart_and_its_table(
    client, cast, english
):
    for code in ("340100", "340102", "340202"):
        make_workstation(cast, code)
    for code, day in (("340102", date(2026, 8, 1)), ("340102", date(2026, 9, 30))):
        registered(cast, code, day)
    registered(cast, "340202", date(2026, 7, 1))
    registered(cast, "340103", date(2026, 5, 20))
    registered(cast, "340103", date(2026, 10, 1))  # the current quarter: not drawn
    response = home(client, cast.user("340000", Role.LEADER))
    summary = response.context["summary"]
    chart = summary.volumes.chart
    assert chart.categories == QUARTERS
    province = cast.regions["340000"]
    for row, key in zip(chart.rows, QUARTERS, strict=True):
        table = figures.figure_table(province, periods.parse(key))
        assert [cell.text for cell in row.cells] == [
            str(table.value(indicator, figures.TOTAL))
            for indicator in (
                "consultations.total",
                "cases.registered",
                "cases.closed",
                "referrals.sent",
            )
        ]
    assert [cell.text for cell in chart.rows[3].cells][1] == "3"
    assert [cell.text for cell in chart.rows[2].cells][1] == "1"
    assert [(line.federations, line.counts[1]) for line in summary.coverage.lines] == [
        (1, 0),
        (2, 1),
        (4, 2),
    ]
    assert summary.compliance.period.key == "2026-Q3"
    assert summary.compliance.workstations == 3
    assert [line.number for line in summary.compliance.standards] == list(range(1, 10))
    assert all(line.tally.total == 3 for line in summary.compliance.standards)
    page = response.content.decode()
    assert 'role="img" aria-labelledby="volumes-title" aria-describedby="volumes-desc"' in page
    assert '<title id="volumes-title">Volumes in the last four quarters: 安徽省</title>' in page
    assert "from 2025-Q4 to 2026-Q3. The figures are in the table below the chart." in page
    assert '<th scope="row">2026-Q3</th>' in page  # the figures, once, in the table
    assert "Volumes in the last four quarters: 安徽省: the figures</caption>" in page
    assert f'href="{reverse("coverage:table")}"' in page
    assert reverse("scorecards:rollup") + "?region=340000&amp;period=2026-Q3" in page
    assert response.context["work"]  # a leader has open work too (risks to review...)


@pytest.mark.parametrize(
    ("code", "role", "shown"),
    [
        ("340102", Role.CLERK, False),
        ("340102", Role.LEADER, True),
        ("340100", Role.CLERK, True),
        ("340000", Role.CLERK, True),
        ("340102", Role.LAWYER, False),
        ("340000", Role.AUDIT_ADMIN, False),
    ],
)
def test_who_sees_the_overview(client, cast, code, role, shown):
    response = home(client, cast.user(code, role))
    assert (response.context["summary"] is not None) is shown
