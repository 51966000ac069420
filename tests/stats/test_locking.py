"""Locked periods: ``ensure_open`` and the guards of the services that change reportable
records, through the service and through the page."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from cases.models import Service
from lawstation.errors import DomainError
from regions.scoping import unscoped
from stats.locking import ensure_open, ensure_open_from
from stats.models import PeriodReport
from tests.stats.submissions_helpers import (
    ON_TIME,
    accept,
    case_in_august,
    code_of,
    message_of,
    reopen,
    service_on,
    submit,
    submit_accepted,
)

pytestmark = pytest.mark.django_db
AUGUST = date(2026, 8, 20)


@pytest.fixture(autouse=True)
def _today(time_machine, english):
    time_machine.move_to(ON_TIME, tick=False)


def refused(codes, *days) -> DomainError:
    with pytest.raises(DomainError) as error:
        ensure_open(codes, *days)
    assert code_of(error) == "period_locked"
    return error


def test_an_accepted_county_report_locks_its_region_for_its_period_only(cast):
    county = cast.regions["340102"]
    ensure_open(county, AUGUST)  # nothing accepted yet
    report = submit(cast, "340102")
    ensure_open(county, AUGUST)  # submitted is not accepted
    accept(cast, report)
    error = refused(county, AUGUST)
    assert message_of(error) == (
        "The period 2026-Q3 is locked: the report of 瑶海区残疾人联合会 for it was accepted, so "
        "its figures cannot change. Nothing was saved. To make this change, ask for the period "
        "to be reopened."
    )
    refused(county, datetime(2026, 9, 30, 15, 0, tzinfo=UTC))  # 23:00 in Shanghai, still Q3
    ensure_open(county, date(2026, 6, 30), date(2026, 10, 1), None)
    ensure_open(cast.regions["340202"], AUGUST)  # another city's county
    ensure_open(cast.regions["340100"], AUGUST)  # the city's own records: not locked yet


def accepted_row(cast, code: str, period: str = "2026-Q3") -> PeriodReport:
    """An accepted report written directly (the service would need every level below)."""
    from lawstation import periods

    span = periods.parse(period)
    report = PeriodReport(
        federation=cast.federations[code],
        region=cast.regions[code],
        kind=span.kind,
        period_key=span.key,
        period_start=span.start,
        period_end=span.end,
        due_on=span.end,
        status=PeriodReport.Status.ACCEPTED,
        submitted_at=ON_TIME,
        submitted_by=cast.user(code, Role.CLERK),
    )
    report.set_region(cast.regions[code])
    report.save()
    return report


@pytest.mark.parametrize("above", ["340100", "340000"])
def test_a_report_above_locks_the_records_of_the_regions_below(cast, above):
    accepted_row(cast, above)
    case = case_in_august(cast, "340103")
    error = refused(case, AUGUST)
    assert cast.federations[above].name in message_of(error)
    ensure_open(cast.regions["340202"] if above == "340100" else case, date(2026, 10, 2))


def test_the_check_is_one_query_and_none_for_today_or_later(cast):
    submit_accepted(cast, "340102")
    county = cast.regions["340102"]
    with CaptureQueriesContext(connection) as queries:
        ensure_open(county, date(2026, 10, 1), date(2026, 6, 2), date(2026, 5, 1))
    assert len(queries) == 1
    with CaptureQueriesContext(connection) as queries:
        ensure_open(county, date(2026, 10, 5), datetime(2026, 10, 6, tzinfo=UTC))
    assert len(queries) == 0


def test_a_change_from_a_day_on_is_refused_when_any_later_period_is_locked(cast):
    submit_accepted(cast, "340102")
    county = cast.regions["340102"]
    with pytest.raises(DomainError):
        ensure_open_from(county, date(2026, 6, 1))  # a transfer moves August's records too
    ensure_open_from(county, date(2026, 10, 1))


def test_a_service_in_a_locked_quarter_is_refused_until_the_period_is_reopened(cast):
    case = case_in_august(cast)
    service_on(cast, case, AUGUST)
    report = submit_accepted(cast, "340102")
    with pytest.raises(DomainError) as error:
        service_on(cast, case, date(2026, 9, 1))
    assert code_of(error) == "period_locked"
    assert "The period 2026-Q3 is locked" in message_of(error)
    assert Service.all_objects.count() == 1
    service_on(cast, case, date(2026, 10, 2))  # the new quarter is open
    reopen(cast, report)
    service_on(cast, case, date(2026, 9, 1))
    assert Service.all_objects.count() == 3


def test_the_service_page_shows_the_lock_and_saves_nothing(client, cast):
    from tests.people.helpers import make_person

    case = case_in_august(cast)
    provider = make_person(cast, "340102")
    report = submit_accepted(cast, "340102")
    client.force_login(cast.user("340102", Role.CLERK))
    url = reverse("case_services:new", args=[case.pk])
    data = {
        "kind": "consultation",
        "provider": provider.pk,
        "provided_on": "2026-09-01",
        "channel": "phone",
        "duration_minutes": "20",
        "result": "解答劳动争议程序",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "The period 2026-Q3 is locked" in response.content.decode()
    assert "ask for the period to be reopened" in response.content.decode()
    assert not Service.all_objects.exists()
    reopen(cast, report)
    assert client.post(url, data).status_code == 302
    assert Service.all_objects.count() == 1


def test_editing_a_service_out_of_a_locked_quarter_is_refused(cast):
    from cases.services.provision import update_service

    case = case_in_august(cast)
    service = service_on(cast, case, AUGUST)
    submit_accepted(cast, "340102")
    with pytest.raises(DomainError) as error:  # moving it out of Q3 changes Q3's figures
        update_service(
            service,
            actor=cast.user("340102", Role.CLERK),
            expected_version=service.version,
            provided_on=date(2026, 10, 2),
        )
    assert code_of(error) == "period_locked"


def test_other_guards_refuse_records_dated_in_a_locked_quarter(cast):
    from cases.models import ReturnVisit
    from cases.services.followups import record_return_visit
    from cases.services.transitions import transition_case
    from tests.cases.intake_helpers import make_intake

    closed_in_august = datetime(2026, 8, 25, 2, 0, tzinfo=UTC)
    case = case_in_august(cast)
    submit_accepted(cast, "340102")
    clerk = cast.user("340102", Role.CLERK)
    with unscoped("test"):
        case.status, case.closed_at, case.outcome = "closed", closed_in_august, "resolved"
        case.save()
        visit = ReturnVisit.all_objects.create(
            case=case,
            due_on=date(2026, 10, 1),
            province_code=case.province_code,
            city_code=case.city_code,
            county_code=case.county_code,
        )
    attempts = {
        "reopening a case closed in August": lambda: transition_case(
            case, "in_service", actor=clerk, reason="当事人要求继续"
        ),
        "a return visit done in September": lambda: record_return_visit(
            visit, actor=clerk, done_on=date(2026, 9, 5), method="phone", satisfaction=5
        ),
        "a request received in September": lambda: make_intake(
            cast, "340102", received_at=datetime(2026, 9, 3, 2, 0, tzinfo=UTC)
        ),
    }
    for what, attempt in attempts.items():
        with pytest.raises(DomainError) as error:
            attempt()
        assert code_of(error) == "period_locked", what
    record_return_visit(
        visit, actor=clerk, done_on=date(2026, 10, 2), method="phone", satisfaction=5
    )
    make_intake(cast, "340102", received_at=datetime(2026, 10, 2, 2, 0, tzinfo=UTC))


def test_coverage_changes_dated_in_a_locked_period_are_refused(cast):
    """Coverage counts groups, workstations and providers as on a period's last day: a change
    effective on or before the last day of an accepted period would change its figures."""
    from people.models import Person
    from people.services import mark_person_left, update_person
    from tests.people.helpers import make_person
    from workstations.services.groups import set_up_group

    lawyer = make_person(cast, "340102", active_from=date(2026, 10, 1))
    staff = make_person(cast, "340102", kind=Person.Kind.STAFF, active_from=date(2026, 1, 5))
    veteran = make_person(cast, "340102", active_from=date(2020, 1, 1))
    submit_accepted(cast, "340102")
    clerk = cast.user("340102", Role.CLERK)
    attempts = {
        "a group set up in August": lambda: set_up_group(
            cast.federations["340102"],
            actor=clerk,
            established_on=AUGUST,
            document_number="瑶残联〔2026〕3号",
            document_date=AUGUST,
        ),
        "a lawyer added from July": lambda: make_person(
            cast, "340102", active_from=date(2026, 7, 1)
        ),
        "a lawyer's start moved back into Q3": lambda: update_person(
            lawyer, actor=clerk, version=lawyer.version, active_from=date(2026, 9, 1)
        ),
        "a staff member turned lawyer": lambda: update_person(
            staff,
            actor=clerk,
            version=staff.version,
            kind=Person.Kind.LAWYER,
            licence_number="13401202099000042",
        ),
        "a lawyer who left in August": lambda: mark_person_left(veteran, actor=clerk, on=AUGUST),
    }
    for what, attempt in attempts.items():
        with pytest.raises(DomainError) as error:
            attempt()
        assert code_of(error) == "period_locked", what
    # Staff are not counted; and a lawyer leaving on Q3's last day was still there on it.
    make_person(cast, "340102", kind=Person.Kind.STAFF, active_from=date(2026, 7, 1))
    mark_person_left(veteran, actor=clerk, on=date(2026, 9, 30))
    assert Person.all_objects.get(pk=veteran.pk).active_until == date(2026, 9, 30)
