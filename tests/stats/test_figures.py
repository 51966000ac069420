"""The figure table (``stats.selectors.figures``) against independent counting in Python."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import ReturnVisit
from lawstation.periods import month, parse
from stats.indicators import INDICATORS
from stats.selectors.figure_sources import SOURCES, age_thresholds
from stats.selectors.figures import OWN, TOTAL, figure_table, from_snapshot, ratio
from tests.cases.helpers import make_applicant, make_case
from tests.factories import build_cast
from tests.stats.figure_data import (
    DIRECT_COUNTY,
    PERIOD,
    SHANGHAI,
    add_direct_county,
    build_figure_data,
    expected_table,
)

pytestmark = pytest.mark.django_db

COLUMNS = {
    "340000": ["340100", "340200", DIRECT_COUNTY, OWN, TOTAL],
    "340100": ["340102", "340103", OWN, TOTAL],
    "340200": ["340202", "340207", OWN, TOTAL],
    "340102": [TOTAL],
    DIRECT_COUNTY: [TOTAL],
}


@pytest.fixture
def cast():
    cast = build_cast(roles=["clerk"])
    add_direct_county(cast)
    return cast


@pytest.fixture
def data(cast):
    build_figure_data(cast)
    return cast


def test_every_figure_matches_independent_counting_at_every_level(data):
    for code, columns in COLUMNS.items():
        table = figure_table(data.regions[code], PERIOD)
        assert [area.code for area in table.areas] == columns
        expected = expected_table(data.regions[code], columns)
        assert set(table.values) == {indicator.key for indicator in INDICATORS}
        for indicator in INDICATORS:
            assert table.values[indicator.key] == expected[indicator.key], (code, indicator.key)


def test_the_known_data_set_exercises_every_indicator(data):
    """Each figure is non-zero in at least two columns below the total: the comparison above
    is not between two tables of zeros, and misfiled rows would show."""
    expected = expected_table(data.regions["340000"], COLUMNS["340000"])
    thin = [
        key
        for key, row in expected.items()
        if len([column for column, value in row.items() if column != TOTAL and value]) < 2
    ]
    assert thin == [], thin


def test_areas_are_the_regions_below_then_own_then_total(cast):
    province = figure_table(cast.regions["340000"], PERIOD)
    assert [(a.code, a.name, a.kind, a.level) for a in province.areas[:3]] == [
        ("340100", "合肥市", "sub", 2),
        ("340200", "芜湖市", "sub", 2),
        (DIRECT_COUNTY, "直管县", "sub", 3),
    ]
    assert [(a.code, a.kind, a.level) for a in province.areas[3:]] == [
        (OWN, "own", 1),
        (TOTAL, "total", 1),
    ]
    county = figure_table(cast.regions["340103"], PERIOD)
    assert [(a.code, a.kind, a.level) for a in county.areas] == [(TOTAL, "total", 3)]
    # Every indicator is there, zeros (and no ratio) without data.
    assert set(county.values) == {indicator.key for indicator in INDICATORS}
    assert county.value("cases.registered") == 0
    assert county.value("money.recovered") == Decimal("0.00")
    assert county.value("return_visits.satisfaction_rate") is None
    assert province.value("referrals.decision_days_average", "340100") is None


def test_each_level_is_counted_once_and_rolls_up(data):
    """A city's own records are its table's own column and part of its column one level up;
    the province's total is its cities, its direct county and its own."""
    tables = {code: figure_table(data.regions[code], PERIOD) for code in COLUMNS}
    province, hefei, wuhu = tables["340000"], tables["340100"], tables["340200"]
    for indicator in INDICATORS:
        key = indicator.key
        assert province.values[key]["340100"] == hefei.values[key][TOTAL], key
        assert province.values[key]["340200"] == wuhu.values[key][TOTAL], key
        assert province.values[key][DIRECT_COUNTY] == tables[DIRECT_COUNTY].values[key][TOTAL]
        assert hefei.values[key]["340102"] == tables["340102"].values[key][TOTAL], key
        if indicator.kind != "ratio":
            assert hefei.values[key][TOTAL] == sum(
                hefei.values[key][code] for code in ("340102", "340103", OWN)
            )
    # 合肥市's own workstation (established, then suspended on the last day) and the
    # province's own (established, closed the day after) are counted once each.
    assert hefei.value("coverage.workstations", OWN) == 0
    assert province.value("coverage.workstations", OWN) == 1
    assert province.value("coverage.workstations") == 3  # 340102, 340202 and the province's
    assert province.value("coverage.filings") == 3  # 340102, 340100, the province


def test_the_query_count_does_not_grow_with_the_data(cast):
    region = cast.regions["340000"]

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            figure_table(region, PERIOD)
        return len(context.captured_queries)

    build_figure_data(cast, rounds=1)
    small = queries()
    build_figure_data(cast, rounds=2)
    assert figure_table(region, PERIOD).value("cases.registered") > 0
    assert queries() == small
    assert small == 1 + len(SOURCES)  # the areas, then one query per source table


def test_ratios_are_recomputed_from_components_and_none_over_zero():
    assert ratio(2, 3, 100) == Decimal("66.7")
    assert ratio(1, 16, 100) == Decimal("6.3")  # 6.25, half up
    assert ratio(11, 2) == Decimal("5.5")
    assert ratio(0, 4, 100) == Decimal("0.0")
    assert ratio(3, 0, 100) is None


def test_the_total_ratio_comes_from_summed_components_not_averaged(cast):
    """340102: 1 satisfied of 1 rated (100.0); 340103: 1 of 3 (33.3); total 2 of 4 = 50.0, not
    the mean of the two rates (66.7)."""
    for code, satisfactions in {"340102": [5], "340103": [4, 2, None, 1]}.items():
        case = make_case(cast, code)
        for satisfaction in satisfactions:
            visit = ReturnVisit(
                case=case, due_on=PERIOD.start, done_on=PERIOD.end, satisfaction=satisfaction
            )
            visit.set_region(cast.regions[code])
            visit.save()
    table = figure_table(cast.regions["340100"], PERIOD)
    rate = table.values["return_visits.satisfaction_rate"]
    assert rate == {
        "340102": Decimal("100.0"),
        "340103": Decimal("33.3"),
        OWN: None,
        TOTAL: Decimal("50.0"),
    }


@pytest.mark.parametrize(
    ("birth", "band"),
    [
        (date(2008, 2, 28), "18_44"),  # 18 on 2026-02-28
        (date(2008, 2, 29), "0_17"),  # born on 29 February: 18 only on 1 March in 2026
        (date(2008, 3, 1), "0_17"),
        (date(1981, 2, 28), "45_59"),
        (date(1981, 3, 1), "18_44"),
        (date(1966, 2, 28), "60_plus"),
        (date(1966, 3, 1), "45_59"),
        (date(2026, 2, 28), "0_17"),
        (None, "unknown"),
    ],
)
def test_the_age_band_is_the_age_on_the_last_day_of_the_period(cast, birth, band):
    period = month(2026, 2)
    applicant = make_applicant(cast, "340102", birth_date=birth)
    make_case(cast, "340102", applicant=applicant, registered_at=_noon(period.start))
    table = figure_table(cast.regions["340102"], period)
    ages = {key: table.value(key) for key in table.values if key.startswith("cases.age.")}
    assert ages == {key: int(key == f"cases.age.{band}") for key in ages}


def test_age_thresholds_fall_back_to_28_february():
    assert age_thresholds(date(2028, 2, 29), 18) == date(2010, 2, 28)
    assert age_thresholds(date(2026, 6, 30), 60) == date(1966, 6, 30)


def test_the_snapshot_round_trip_keeps_every_value_and_type(data):
    table = figure_table(data.regions["340000"], PERIOD)
    stored = json.loads(json.dumps(table.to_snapshot()))
    again = from_snapshot(data.regions["340000"], parse(stored["period"]), stored)
    assert again.areas == table.areas
    assert again.values == table.values
    assert isinstance(again.value("money.recovered"), Decimal)
    assert again.value("money.recovered") == table.value("money.recovered") > 0


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), SHANGHAI)
