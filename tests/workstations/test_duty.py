"""Duty days: scheduling, check-in, cancelling, and the roster page."""

from datetime import UTC, date, datetime, time

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEntry
from lawstation.errors import DomainError
from people.models import Person
from regions.scoping import scope_for_region
from tests.scope_rows.funding import person, station
from workstations.models import DutyDay
from workstations.selectors.duty import duty_met_by_month
from workstations.services.duty import cancel_duty_day, check_in, schedule_duty_day

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 15)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime(2026, 11, 15, 4, 0, tzinfo=UTC), tick=False):
        yield


def clerk(cast, code="340102"):
    return cast.user(code, Role.CLERK)


def schedule(cast, who=None, day=date(2026, 11, 20), starts=time(9), ends=time(12), code="340102"):
    return schedule_duty_day(
        station(cast, code),
        actor=clerk(cast, code),
        person=who or person(cast, code),
        day=day,
        starts_at=starts,
        ends_at=ends,
    )


def scheduled_count():
    return AuditEntry.all_objects.filter(action="duty_day.scheduled").count()


# --- schedule_duty_day --------------------------------------------------------------------


@pytest.mark.parametrize("kind", [Person.Kind.LAWYER, Person.Kind.LEGAL_WORKER, Person.Kind.OTHER])
def test_a_provider_is_put_on_the_roster_and_audited(cast, kind):
    lawyer = person(cast, "340102", kind=kind)
    duty_day = schedule(cast, who=lawyer)
    assert (duty_day.person, duty_day.day, duty_day.county_code) == (
        lawyer,
        date(2026, 11, 20),
        "340102",
    )
    assert not duty_day.held
    entry = AuditEntry.all_objects.get(action="duty_day.scheduled")
    assert entry.changes["day"] == [None, "2026-11-20"]
    assert entry.changes["starts_at"] == [None, "09:00"]


def test_a_past_day_may_be_scheduled_to_record_it(cast):
    assert schedule(cast, day=date(2026, 10, 2)).day == date(2026, 10, 2)
    assert scheduled_count() == 1


def test_a_staff_member_cannot_be_put_on_the_roster(cast):
    staff = person(cast, "340102", kind=Person.Kind.STAFF, is_formal_staff=True)
    with pytest.raises(DomainError, match="staff member"):
        schedule(cast, who=staff)
    assert not DutyDay.all_objects.exists()
    assert scheduled_count() == 0


def test_a_provider_of_another_federation_is_refused(cast):
    with pytest.raises(DomainError, match="does not belong"):
        schedule(cast, who=person(cast, "340103"))
    assert not DutyDay.all_objects.exists()
    assert scheduled_count() == 0


def test_a_provider_who_has_left_is_refused(cast):
    gone = person(cast, "340102", active_until=date(2026, 10, 31))
    with pytest.raises(DomainError, match="not active"):
        schedule(cast, who=gone)
    assert scheduled_count() == 0


@pytest.mark.parametrize(
    ("starts", "ends"), [(time(12), time(9)), (time(9), time(9))], ids=["before", "equal"]
)
def test_the_duty_must_end_after_it_starts(cast, starts, ends):
    with pytest.raises(DomainError, match="end after"):
        schedule(cast, starts=starts, ends=ends)
    assert scheduled_count() == 0


@pytest.mark.parametrize(
    ("starts", "ends"),
    [(time(10), time(11)), (time(8), time(10)), (time(11), time(14)), (time(8), time(13))],
)
def test_overlapping_duty_for_the_same_person_and_day_is_refused(cast, starts, ends):
    lawyer = person(cast, "340102")
    schedule(cast, who=lawyer)
    with pytest.raises(DomainError, match="overlap"):
        schedule(cast, who=lawyer, starts=starts, ends=ends)
    assert DutyDay.all_objects.count() == 1
    assert scheduled_count() == 1


def test_back_to_back_duty_and_other_people_or_days_do_not_overlap(cast):
    lawyer = person(cast, "340102")
    schedule(cast, who=lawyer)
    schedule(cast, who=lawyer, starts=time(12), ends=time(17))
    schedule(cast, who=lawyer, day=date(2026, 11, 21))
    schedule(cast)  # another lawyer, same hours
    assert DutyDay.all_objects.count() == 4
    assert scheduled_count() == 4


def test_a_day_more_than_a_year_ahead_is_refused(cast):
    with pytest.raises(DomainError, match="a year ahead"):
        schedule(cast, day=date(2027, 12, 1))
    assert scheduled_count() == 0


def test_a_federation_without_workstation_cannot_schedule(cast):
    with pytest.raises(DomainError, match="no workstation"):
        schedule_duty_day(
            None,
            actor=clerk(cast),
            person=person(cast, "340102"),
            day=TODAY,
            starts_at=time(9),
            ends_at=time(10),
        )
    assert scheduled_count() == 0


# --- check_in and cancel ------------------------------------------------------------------


def test_a_day_that_has_come_is_checked_in_with_time_and_who(cast):
    duty_day = check_in(schedule(cast, day=TODAY), actor=clerk(cast))
    assert duty_day.held
    assert duty_day.checked_in_by == clerk(cast)
    assert duty_day.checked_in_at == datetime(2026, 11, 15, 4, 0, tzinfo=UTC)
    entry = AuditEntry.all_objects.get(action="duty_day.checked_in")
    assert entry.target_id == str(duty_day.pk)


def test_a_past_day_can_be_checked_in_afterwards(cast):
    assert check_in(schedule(cast, day=date(2026, 11, 2)), actor=clerk(cast)).held
    assert AuditEntry.all_objects.filter(action="duty_day.checked_in").count() == 1


def test_a_future_day_cannot_be_checked_in(cast):
    duty_day = schedule(cast, day=date(2026, 11, 16))
    with pytest.raises(DomainError, match="on the day or afterwards"):
        check_in(duty_day, actor=clerk(cast))
    assert not DutyDay.all_objects.get().held
    assert not AuditEntry.all_objects.filter(action="duty_day.checked_in").exists()


def test_a_day_cannot_be_checked_in_twice(cast):
    duty_day = schedule(cast, day=TODAY)
    check_in(duty_day, actor=clerk(cast))
    with pytest.raises(DomainError, match="already checked in"):
        check_in(duty_day, actor=cast.user("340100", Role.CLERK))
    assert DutyDay.all_objects.get().checked_in_by == clerk(cast)
    assert AuditEntry.all_objects.filter(action="duty_day.checked_in").count() == 1


def test_a_future_day_is_cancelled_and_audited(cast):
    duty_day = schedule(cast, day=date(2026, 11, 16))
    cancel_duty_day(duty_day, actor=clerk(cast))
    assert not DutyDay.all_objects.exists()
    entry = AuditEntry.all_objects.get(action="duty_day.cancelled")
    assert entry.changes["day"] == ["2026-11-16", None]


@pytest.mark.parametrize("day", [TODAY, date(2026, 11, 1)], ids=["today", "past"])
def test_a_day_that_has_come_cannot_be_cancelled(cast, day):
    with pytest.raises(DomainError, match="still to come"):
        cancel_duty_day(schedule(cast, day=day), actor=clerk(cast))
    assert DutyDay.all_objects.count() == 1
    assert not AuditEntry.all_objects.filter(action="duty_day.cancelled").exists()


def test_a_checked_in_day_cannot_be_cancelled(cast):
    duty_day = schedule(cast, day=TODAY)
    check_in(duty_day, actor=clerk(cast))
    with (
        time_machine.travel(datetime(2026, 11, 10, tzinfo=UTC), tick=False),
        pytest.raises(DomainError, match="checked in and cannot"),
    ):
        cancel_duty_day(duty_day, actor=clerk(cast))
    assert DutyDay.all_objects.count() == 1


# --- the monthly rule over the database ---------------------------------------------------


def test_months_with_a_checked_in_day_are_met_and_merely_scheduled_ones_are_not(cast):
    lawyer = person(cast, "340102")
    check_in(schedule(cast, who=lawyer, day=date(2026, 9, 3)), actor=clerk(cast))
    check_in(schedule(cast, who=lawyer, day=date(2026, 9, 10)), actor=clerk(cast))
    schedule(cast, who=lawyer, day=date(2026, 10, 3))  # never checked in
    check_in(schedule(cast, day=date(2025, 11, 30)), actor=clerk(cast))
    scope = scope_for_region(cast.regions["340102"])
    met = duty_met_by_month(scope, station(cast, "340102"), [(2025, 11), (2026, 9), (2026, 10)])
    assert met == {(2025, 11): True, (2026, 9): True, (2026, 10): False}


def test_another_workstations_days_do_not_count(cast):
    check_in(schedule(cast, day=date(2026, 9, 3), code="340103"), actor=clerk(cast, "340103"))
    scope = scope_for_region(cast.regions["340100"])
    assert duty_met_by_month(scope, station(cast, "340102"), [(2026, 9)]) == {(2026, 9): False}


# --- pages --------------------------------------------------------------------------------


def test_roster_lists_the_month_with_people_and_check_in_state(client, cast):
    lawyer = person(cast, "340102", name="王律师")
    check_in(schedule(cast, who=lawyer, day=date(2026, 10, 8)), actor=clerk(cast))
    schedule(cast, who=lawyer, day=date(2026, 10, 9))
    client.force_login(cast.user("340102", Role.LAWYER))
    response = client.get(reverse("duty:roster", args=["340102"]) + "?month=2026-10")
    assert response.status_code == 200
    assert [d.day.day for d in response.context["days"]] == [8, 9]
    assert "王律师" in response.content.decode()
    met = dict(response.context["met"])
    assert len(met) == 12
    assert met["2026-10"] is True
    assert met["2026-09"] is False
    assert "duty/schedule" not in response.content.decode()  # a lawyer only reads


def test_roster_of_a_federation_without_workstation_says_so(client, cast):
    client.force_login(clerk(cast))
    response = client.get(reverse("duty:roster", args=["340102"]))
    assert response.status_code == 200
    assert response.context["workstation"] is None
    assert (
        '<form method="post" action="/staff/federations/340102/duty'
        not in response.content.decode()
    )


def test_clerk_schedules_through_the_page(client, cast):
    station(cast, "340102")
    lawyer = person(cast, "340102")
    client.force_login(clerk(cast))
    response = client.post(
        reverse("duty:schedule", args=["340102"]),
        {"person": lawyer.pk, "day": "2026-12-03", "starts_at": "09:00", "ends_at": "11:30"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?month=2026-12")
    assert DutyDay.all_objects.get().ends_at == time(11, 30)


def test_overlap_through_the_page_is_shown_again_with_the_input(client, cast):
    lawyer = person(cast, "340102")
    schedule(cast, who=lawyer, day=date(2026, 12, 3))
    client.force_login(clerk(cast))
    response = client.post(
        reverse("duty:schedule", args=["340102"]) + "?month=2026-12",
        {"person": lawyer.pk, "day": "2026-12-03", "starts_at": "10:15", "ends_at": "11:45"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html
    assert "10:15" in html
    assert "11:45" in html
    assert DutyDay.all_objects.count() == 1


def test_check_in_and_cancel_through_the_page(client, cast):
    today = schedule(cast, day=TODAY)
    later = schedule(cast, day=date(2026, 11, 30))
    client.force_login(clerk(cast))
    assert client.post(reverse("duty:check_in", args=["340102", today.pk])).status_code == 302
    assert client.post(reverse("duty:cancel", args=["340102", later.pk])).status_code == 302
    assert DutyDay.all_objects.get().held


def test_a_refused_check_in_comes_back_as_a_message(client, cast):
    later = schedule(cast, day=date(2026, 11, 30))
    client.force_login(clerk(cast))
    response = client.post(reverse("duty:check_in", args=["340102", later.pk]), follow=True)
    assert response.status_code == 200
    assert len(list(response.context["messages"])) == 1
    assert not DutyDay.all_objects.get().held


def test_a_duty_day_is_not_reachable_through_another_federations_address(client, cast):
    duty_day = schedule(cast, day=TODAY)
    client.force_login(cast.user("340100", Role.CLERK))
    response = client.post(reverse("duty:check_in", args=["340103", duty_day.pk]))
    assert response.status_code == 404
    assert not DutyDay.all_objects.get().held


def roster_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("duty:roster", args=["340102"])).status_code == 200
    return len(queries)


def test_roster_query_count_does_not_grow_with_rows(client, cast, django_assert_max_num_queries):
    schedule(cast, day=date(2026, 11, 2))
    client.force_login(clerk(cast))
    few = roster_queries(client)
    for n in range(1, 13):
        check_in(schedule(cast, day=date(2026, 11, n + 1)), actor=clerk(cast))
        check_in(schedule(cast, day=date(2026 if n < 11 else 2025, n, 5)), actor=clerk(cast))
    assert roster_queries(client) == few, few
    with django_assert_max_num_queries(15):
        client.get(reverse("duty:roster", args=["340102"]))
