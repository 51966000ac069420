"""The coverage selector and page: one row per federation in scope, in a constant number of
queries, with the gaps flagged in text."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.roles import Role
from people.models import Engagement, Person
from people.services import add_person, end_engagement, engage, mark_person_left
from regions.models import Federation, Region
from regions.scoping import scope_for_region
from regions.services import ensure_federations, load_regions
from tests.factories import Cast
from tests.workstations.stations_helpers import make_group, make_staff, make_station
from workstations import coverage_rules as rules
from workstations.selectors.coverage import coverage_rows, coverage_totals
from workstations.services.duty import check_in, schedule_duty_day
from workstations.services.filings import accept_filing, submit_filing
from workstations.services.funding import set_budget
from workstations.services.stations import change_status, record_premises_check, update_workstation


@pytest.fixture(autouse=True)
def _language(client):
    """This module reads the coverage table in Chinese, the language the province uses."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    with translation.override("zh-hans"):
        yield


pytestmark = pytest.mark.django_db
TARGET = date(2020, 12, 31)


def clerk(cast: Cast, code: str):
    return cast.user(code, Role.CLERK)


def lawyer(cast: Cast, code: str, kind: str = Person.Kind.LAWYER) -> Person:
    numbers = {Person.Kind.LAWYER: "licence_number", Person.Kind.LEGAL_WORKER: "certificate_number"}
    extra = {numbers[kind]: f"T-{code}-{Person.all_objects.count()}"} if kind in numbers else {}
    return add_person(
        cast.federations[code],
        actor=clerk(cast, code),
        name="测试律师",
        kind=kind,
        active_from=date(2019, 1, 1),
        **extra,
    )


def establish(cast: Cast, code: str, *, on: date = date(2019, 10, 1)):
    """Group (and the parent's group), an established workstation with a formal head."""
    parent = cast.regions[code].parent_id
    if parent:
        make_group(cast, parent)
    make_group(cast, code)
    station = make_station(cast, code)
    head = make_staff(cast, code)
    station = update_workstation(
        station,
        actor=clerk(cast, code),
        expected_version=station.version,
        name=station.name,
        approved_on=on - timedelta(days=10),
        approval_document="合残联〔2019〕9号",
        head=head,
        daily_manager=head,
    )
    change_status(station, actor=clerk(cast, code), status="established", effective_on=on)
    return station, head


def cover_fully(cast: Cast, code: str, today: date):
    """Everything the coverage view asks for, through the services."""
    station, head = establish(cast, code)
    for item in rules.PREMISES_ITEMS:
        record_premises_check(
            station,
            actor=clerk(cast, code),
            item=item,
            present=True,
            evidence="照片",
            checked_on=date(2019, 11, 1),
        )
    person = lawyer(cast, code)
    engage(person, station, actor=clerk(cast, code), kind="volunteer", starts_on=date(2020, 1, 1))
    set_budget(station, actor=clerk(cast, code), year=today.year, source="fiscal", amount=100)
    first, _after = rules.previous_month(today)
    day = schedule_duty_day(
        station,
        actor=clerk(cast, code),
        person=person,
        day=first + timedelta(days=3),
        starts_at=time(9),
        ends_at=time(11),
    )
    check_in(day, actor=clerk(cast, code))
    parent = cast.regions[code].parent_id
    if parent:
        filing = submit_filing(cast.federations[code], actor=clerk(cast, code), person=head)
        accept_filing(filing, actor=clerk(cast, parent))
    return station, person


def rows_for(cast: Cast, code: str, today: date | None = None):
    scope = scope_for_region(cast.regions[code])
    return coverage_rows(scope, today=today or timezone.localdate(), target_date=TARGET)


def by_code(rows):
    return {row.code: row for row in rows}


def test_rows_cover_the_scope_ordered_by_level_then_code(cast):
    assert [row.code for row in rows_for(cast, "340000")] == [
        "340000",
        "340100",
        "340200",
        "340102",
        "340103",
        "340202",
        "340207",
    ]
    assert [row.code for row in rows_for(cast, "340100")] == ["340100", "340102", "340103"]
    assert [row.code for row in rows_for(cast, "340102")] == ["340102"]


def test_a_fully_covered_county_has_every_figure_and_no_gap(cast):
    today = timezone.localdate()
    cover_fully(cast, "340102", today)
    row = by_code(rows_for(cast, "340100"))["340102"]
    assert (row.name, row.level, row.level_label) == ("瑶海区", 3, "县")
    assert row.has_group
    assert row.group_since == date(2019, 6, 1)
    assert row.has_office
    assert row.station_status == "established"
    assert row.station_established_on == date(2019, 10, 1)
    assert row.premises_count == 8
    assert row.manager_filed is True
    assert row.legal_workers == 1
    assert row.funding == Decimal("100.00")
    assert row.duty_day_last_month is True
    assert row.gaps == ()
    assert row.deadline == rules.MET_ON_TIME


def test_a_federation_with_nothing_shows_every_gap_and_is_overdue(cast):
    row = by_code(rows_for(cast, "340100"))["340103"]
    assert not row.has_group
    assert row.group_since is None
    assert not row.has_office
    assert row.station_status is None
    assert row.station_status_label is None
    assert row.gaps == rules.GAPS
    assert row.deadline == rules.OVERDUE
    assert "无工作经费" in row.gap_labels


def test_the_province_is_never_flagged_for_filing(cast):
    row = by_code(rows_for(cast, "340000"))["340000"]
    assert row.manager_filed is None
    assert rules.MANAGER_NOT_FILED not in row.gaps


def test_the_latest_premises_check_of_each_item_counts(cast):
    station, _head = establish(cast, "340102")
    for present, checked_on in ((True, date(2019, 11, 1)), (False, date(2020, 5, 1))):
        record_premises_check(
            station,
            actor=clerk(cast, "340102"),
            item="barrier_free",
            present=present,
            evidence="照片",
            checked_on=checked_on,
        )
    record_premises_check(
        station,
        actor=clerk(cast, "340102"),
        item="signage",
        present=True,
        evidence="照片",
        checked_on=date(2020, 1, 1),
    )
    row = by_code(rows_for(cast, "340102"))["340102"]
    assert row.premises_count == 1
    assert rules.NO_FACILITIES in row.gaps


def test_only_active_engagements_of_lawyers_and_legal_workers_count(cast):
    station, _head = establish(cast, "340102")
    kw = {"actor": clerk(cast, "340102"), "kind": "volunteer", "starts_on": date(2020, 1, 1)}
    engage(lawyer(cast, "340102"), station, **kw)
    engage(lawyer(cast, "340102", Person.Kind.LEGAL_WORKER), station, **kw)
    engage(lawyer(cast, "340102", Person.Kind.OTHER), station, **kw)
    ended = engage(lawyer(cast, "340102"), station, **kw)
    end_engagement(ended, actor=clerk(cast, "340102"), on=date(2020, 6, 30))
    gone = lawyer(cast, "340102")
    engage(gone, station, **kw)
    mark_person_left(gone, actor=clerk(cast, "340102"), on=date(2021, 1, 1))
    assert Engagement.all_objects.count() == 5
    assert by_code(rows_for(cast, "340102"))["340102"].legal_workers == 2


def test_funding_sums_every_source_of_this_year_only(cast):
    station, _head = establish(cast, "340102")
    year = timezone.localdate().year
    for source, amount, in_year in (
        ("fiscal", 100, year),
        ("other", 50, year),
        ("fiscal", 9, year - 1),
    ):
        set_budget(
            station,
            actor=clerk(cast, "340102"),
            year=in_year,
            source=source,
            amount=Decimal(amount),
        )
    assert by_code(rows_for(cast, "340102"))["340102"].funding == Decimal("150.00")


def test_only_a_checked_in_duty_day_in_the_previous_month_counts(cast):
    today = timezone.localdate()
    station, _head = establish(cast, "340102")
    person = lawyer(cast, "340102")
    engage(
        person, station, actor=clerk(cast, "340102"), kind="volunteer", starts_on=date(2020, 1, 1)
    )
    first, after = rules.previous_month(today)
    two_months_ago = rules.previous_month(first)[0]
    for day, checked in ((first, False), (two_months_ago, True), (after, True)):
        duty = schedule_duty_day(
            station,
            actor=clerk(cast, "340102"),
            person=person,
            day=day,
            starts_at=time(9),
            ends_at=time(10),
        )
        if checked and day <= today:
            check_in(duty, actor=clerk(cast, "340102"))
    row = by_code(rows_for(cast, "340102"))["340102"]
    assert row.duty_day_last_month is False
    assert rules.NO_DUTY_DAY in row.gaps


def test_a_filing_whose_person_has_left_no_longer_counts(cast):
    today = timezone.localdate()
    cover_fully(cast, "340102", today)
    head = Person.all_objects.get(federation=cast.federations["340102"], is_formal_staff=True)
    assert by_code(rows_for(cast, "340102"))["340102"].manager_filed is True
    mark_person_left(head, actor=clerk(cast, "340102"), on=today - timedelta(days=1))
    row = by_code(rows_for(cast, "340102"))["340102"]
    assert row.manager_filed is False
    assert rules.MANAGER_NOT_FILED in row.gaps


def test_a_body_set_up_after_the_target_date_is_met_late(cast):
    _station, _head = establish(cast, "340102", on=date(2021, 3, 1))
    row = by_code(rows_for(cast, "340102"))["340102"]
    assert row.in_place_on == date(2021, 3, 1)
    assert row.deadline == rules.MET_LATE


def test_a_suspended_workstation_is_no_body_and_overdue(cast):
    station, _head = establish(cast, "340102")
    change_status(
        station,
        actor=clerk(cast, "340102"),
        status="suspended",
        effective_on=date(2020, 2, 1),
        note="装修",
    )
    row = by_code(rows_for(cast, "340102"))["340102"]
    assert row.station_status == "suspended"
    assert rules.NO_BODY in row.gaps
    assert row.deadline == rules.OVERDUE


def test_totals_per_level(cast):
    today = timezone.localdate()
    cover_fully(cast, "340102", today)
    totals = dict(coverage_totals(rows_for(cast, "340000")))
    county = totals["县"]
    assert (county.federations, county.with_gaps) == (4, 3)
    assert county.count(rules.WORKSTATION) == 1
    assert totals["市"].count(rules.GROUP) == 1  # 340100: the parent group set up for 340102


def test_the_row_count_does_not_change_the_query_count(cast, django_assert_max_num_queries):
    today = timezone.localdate()
    cover_fully(cast, "340102", today)
    cover_fully(cast, "340202", today)
    with django_assert_max_num_queries(1):
        rows = rows_for(cast, "340000")
    assert len(rows) == 7


def test_the_real_121_anhui_federations_in_one_query(django_assert_max_num_queries):
    load_regions()
    ensure_federations(Region.objects.filter(province_code="340000"))
    scope = scope_for_region(Region.objects.get(code="340000"))
    assert Federation.objects.filter(region__province_code="340000").count() == 121
    with django_assert_max_num_queries(1):
        rows = coverage_rows(scope, today=timezone.localdate(), target_date=TARGET)
    assert len(rows) == 121
    assert [row.level for row in rows] == sorted(row.level for row in rows)


# --- The page -------------------------------------------------------------------------------


def test_the_page_lists_every_federation_with_gaps_in_text(client, cast):
    cover_fully(cast, "340102", timezone.localdate())
    client.force_login(clerk(cast, "340100"))
    response = client.get(reverse("coverage:table"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption>" in html
    assert 'scope="col"' in html
    assert 'scope="row"' in html
    for code in ("340100", "340102", "340103"):
        assert reverse("regions:detail", args=[code]) in html
    assert "340200" not in html
    assert str(rules.GAP_LABELS[rules.NO_BODY]) in html
    assert "2020-12-31" in html
    assert response.context["total_rows"] == 3
    assert response.context["with_gaps"] == 2


def test_gaps_only_hides_the_federations_without_gaps(client, cast):
    cover_fully(cast, "340102", timezone.localdate())
    client.force_login(clerk(cast, "340100"))
    response = client.get(reverse("coverage:table"), {"gaps": "1"})
    assert [row.code for row in response.context["rows"]] == ["340100", "340103"]
    assert 'name="gaps" value="1" checked' in response.content.decode()
    everything = client.get(reverse("coverage:table"), {"gaps": "0"})
    assert len(everything.context["rows"]) == 3


def test_the_page_uses_the_configured_target_date(client, cast, settings):
    settings.COVERAGE_TARGET_DATE = date(2019, 1, 1)
    cover_fully(cast, "340102", timezone.localdate())
    client.force_login(clerk(cast, "340100"))
    response = client.get(reverse("coverage:table"))
    row = by_code(response.context["rows"])["340102"]
    assert row.deadline == rules.MET_LATE
    assert "2019-01-01" in response.content.decode()


def test_a_lawyer_may_read_the_page_and_an_administrator_may_not(client, cast):
    client.force_login(cast.user("340102", Role.LAWYER))
    assert client.get(reverse("coverage:table")).status_code == 200
    client.force_login(cast.user("340102", Role.SYSTEM_ADMIN))
    assert client.get(reverse("coverage:table")).status_code == 403


def test_the_page_query_count_does_not_grow_with_rows(client, cast, django_assert_max_num_queries):
    client.force_login(clerk(cast, "340000"))
    client.get(reverse("coverage:table"))  # warm the session and the translations
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("coverage:table"))
    baseline = len(few.captured_queries)
    today = timezone.localdate()
    cover_fully(cast, "340102", today)
    cover_fully(cast, "340202", today)
    with django_assert_max_num_queries(baseline):
        response = client.get(reverse("coverage:table"))
    assert response.context["total_rows"] == 7
