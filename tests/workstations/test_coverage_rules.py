"""The coverage gaps, the deadline and the totals per level: pure rules."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from workstations import coverage_rules as rules
from workstations.models import PremisesItem, Workstation

TARGET = date(2020, 12, 31)
FULL = rules.Facts(
    has_group=True,
    has_office=True,
    station_status=rules.ESTABLISHED,
    premises_present=frozenset(rules.PREMISES_ITEMS),
    funding=Decimal("50000.00"),
    legal_workers=2,
    manager_filed=True,
    duty_day_last_month=True,
)


def test_the_rules_name_the_models_premises_items_and_established_status():
    assert tuple(PremisesItem.values) == rules.PREMISES_ITEMS
    assert set(rules.REQUIRED_PREMISES) <= set(rules.PREMISES_ITEMS)
    assert rules.ESTABLISHED == Workstation.Status.ESTABLISHED


def test_a_fully_covered_federation_has_no_gaps():
    assert rules.gaps(FULL) == ()
    assert FULL.premises_count == 8


@pytest.mark.parametrize(
    ("change", "gap"),
    [
        ({"has_group": False}, rules.NO_BODY),
        ({"station_status": None}, rules.NO_BODY),
        ({"station_status": "planned"}, rules.NO_BODY),
        ({"station_status": "suspended"}, rules.NO_BODY),
        ({"station_status": "closed"}, rules.NO_BODY),
        ({"premises_present": frozenset(rules.PREMISES_ITEMS) - {"barrier_free"}}, "no_facilities"),
        ({"funding": Decimal(0)}, rules.NO_FUNDING),
        ({"legal_workers": 0}, rules.NO_LEGAL_WORKERS),
        ({"manager_filed": False}, rules.MANAGER_NOT_FILED),
        ({"duty_day_last_month": False}, rules.NO_DUTY_DAY),
    ],
)
def test_each_missing_thing_is_exactly_one_gap(change, gap):
    assert rules.gaps(replace(FULL, **change)) == (gap,)


def test_a_missing_preferred_premises_item_is_counted_but_is_not_a_gap():
    facts = replace(FULL, premises_present=frozenset(rules.REQUIRED_PREMISES))
    assert facts.premises_count == 4
    assert rules.gaps(facts) == ()


def test_the_province_has_no_level_above_to_file_with_so_filing_is_never_its_gap():
    assert rules.gaps(replace(FULL, manager_filed=None)) == ()


def test_a_federation_with_nothing_shows_every_gap_in_the_notices_order():
    nothing = rules.Facts(has_group=False, has_office=False, station_status=None)
    assert rules.gaps(nothing) == rules.GAPS
    assert list(rules.GAP_LABELS) == list(rules.GAPS)


def test_the_body_is_in_place_from_the_later_of_group_and_workstation():
    assert rules.body_in_place_on(date(2019, 6, 1), date(2020, 3, 1)) == date(2020, 3, 1)
    assert rules.body_in_place_on(date(2021, 2, 1), date(2020, 3, 1)) == date(2021, 2, 1)
    assert rules.body_in_place_on(None, date(2020, 3, 1)) is None
    assert rules.body_in_place_on(date(2019, 6, 1), None) is None


@pytest.mark.parametrize(
    ("has_body", "in_place_on", "today", "status"),
    [
        (True, date(2020, 12, 31), date(2026, 1, 1), rules.MET_ON_TIME),
        (True, date(2019, 1, 1), date(2020, 6, 1), rules.MET_ON_TIME),
        (True, date(2021, 1, 1), date(2026, 1, 1), rules.MET_LATE),
        (True, None, date(2026, 1, 1), rules.MET_LATE),
        (False, None, date(2021, 1, 1), rules.OVERDUE),
        (False, date(2019, 1, 1), date(2021, 1, 1), rules.OVERDUE),
        (False, None, date(2020, 12, 31), rules.NOT_YET_DUE),
    ],
)
def test_deadline_status(has_body, in_place_on, today, status):
    result = rules.deadline_status(
        has_body=has_body, in_place_on=in_place_on, today=today, target=TARGET
    )
    assert result == status
    assert result in rules.DEADLINE_LABELS


@pytest.mark.parametrize(
    ("today", "first", "after"),
    [
        (date(2026, 11, 28), date(2026, 10, 1), date(2026, 11, 1)),
        (date(2026, 1, 1), date(2025, 12, 1), date(2026, 1, 1)),
        (date(2024, 3, 31), date(2024, 2, 1), date(2024, 3, 1)),
    ],
)
def test_previous_month_is_the_whole_calendar_month_before_today(today, first, after):
    assert rules.previous_month(today) == (first, after)


def test_totals_count_per_level_how_many_have_each_item_and_how_many_have_gaps():
    nothing = rules.Facts(has_group=False, has_office=False, station_status=None)
    partial = replace(FULL, funding=Decimal(0))
    rows = [
        (3, rules.has_items(nothing, on_time=False), True),
        (1, rules.has_items(FULL, on_time=True), False),
        (3, rules.has_items(partial, on_time=True), True),
        (3, rules.has_items(FULL, on_time=False), False),
    ]
    province, county = rules.totals_per_level(rows)
    assert (province.level, province.federations, province.with_gaps) == (1, 1, 0)
    assert all(province.count(item) == 1 for item in rules.TOTAL_ITEMS)
    assert (county.level, county.federations, county.with_gaps) == (3, 3, 2)
    assert county.count(rules.GROUP) == 2
    assert county.count(rules.FUNDING) == 1
    assert county.count(rules.ON_TIME) == 1
    assert county.ordered == [county.count(item) for item in rules.TOTAL_ITEMS]
    assert list(rules.TOTAL_ITEM_LABELS) == list(rules.TOTAL_ITEMS)


def test_the_filing_of_the_province_is_not_counted_as_filed():
    assert (
        rules.has_items(replace(FULL, manager_filed=None), on_time=True)[rules.MANAGER_FILED]
        is False
    )
