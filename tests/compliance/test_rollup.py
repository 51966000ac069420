"""The roll-up (compliance/selectors/rollup.py): counts by sub-region checked by independent
counting, the region table, the trend, and a query count that does not grow with the number of
workstations."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role, capabilities_for
from compliance import scoring
from compliance.indicators import INDICATORS, IndicatorResult, Status
from compliance.selectors import indicators as indicator_selectors
from compliance.selectors.rollup import national_rollup, rollup_of
from compliance.selectors.scorecards import workstations_within
from lawstation import periods
from regions.models import Federation, Level
from regions.scoping import activate, scope_for_region
from tests.compliance import factories
from tests.factories import make_region
from workstations.models import Workstation

pytestmark = pytest.mark.django_db
YEAR = periods.year(2025)
TODAY = date(2026, 12, 2)


def scope_of(cast, code: str, role: str = Role.CLERK):
    return scope_for_region(cast.regions[code], capabilities_for(role))


def fake_results(stations, period):
    """A made-up result per workstation, from its region code: 340102 meets everything, 340103
    fails premises, 340202 meets nothing, 340100 (the city's own) partly meets funding."""
    plan = {
        "340102": {},
        "340103": {"premises.items": Status.NOT_MET},
        "340202": {"*": Status.NOT_MET},
        "340100": {"funding.budget": Status.PARTLY},
    }
    out = {}
    for station in stations:
        wanted = plan.get(station.federation.region_id, {"*": Status.NOT_APPLICABLE})
        out[station.pk] = {
            key: IndicatorResult(key, number, wanted.get(key, wanted.get("*", Status.MET)))
            for key, number in INDICATORS
        }
    return out


@pytest.fixture
def stations(cast):
    return {
        code: factories.station(cast, code) for code in ("340102", "340103", "340202", "340100")
    }


def test_the_province_rollup_counts_each_city_by_standard(cast, stations, monkeypatch):
    monkeypatch.setattr(indicator_selectors, "indicator_results", fake_results)
    result = rollup_of(scope_of(cast, "340000"), cast.regions["340000"], YEAR, today=TODAY)
    assert [row.region.code for row in result.rows] == ["340100", "340200"]
    hefei, wuhu = (row.tally for row in result.rows)
    # 合肥市: its own workstation (340100) and 瑶海区, 庐阳区.
    assert hefei.workstations == 3
    assert (hefei.standards[2].met, hefei.standards[2].not_met) == (2, 1)
    assert (hefei.standards[8].met, hefei.standards[8].partly) == (2, 1)
    assert (hefei.overall.met, hefei.overall.partly) == (1, 2)
    assert wuhu.workstations == 1
    assert wuhu.standards[5].not_met == 1
    assert wuhu.overall.not_met == 1
    assert result.total.workstations == 4
    assert result.total.standards[2].met == 2
    assert result.own == result.own.__class__(cast.regions["340000"], None)


def test_counts_agree_with_scoring_each_workstation_alone(cast, stations):
    """With the real indicators: a batch over the province equals one workstation at a time."""
    factories.compliant_station(cast, "340103", YEAR)
    scope = scope_of(cast, "340000")
    result = rollup_of(scope, cast.regions["340000"], YEAR, today=TODAY)
    expected: dict[str, dict[int, list[Status]]] = {}
    with activate(scope):
        for station in Workstation.objects.select_related("federation__region"):
            one = indicator_selectors.indicator_results([station], YEAR)[station.pk]
            city = station.city_code
            for number, status in scoring.score(one).standards.items():
                expected.setdefault(city, {}).setdefault(number, []).append(status)
    for row in result.rows:
        for number in scoring.STANDARDS:
            statuses = expected.get(row.region.code, {}).get(number, [])
            tally = row.tally.standards[number]
            assert tally.met == statuses.count(Status.MET)
            assert tally.partly == statuses.count(Status.PARTLY)
            assert tally.not_met == statuses.count(Status.NOT_MET)
            assert tally.na == statuses.count(Status.NOT_APPLICABLE)


def test_a_city_rollup_shows_its_counties_and_its_own_workstation(cast, stations, monkeypatch):
    monkeypatch.setattr(indicator_selectors, "indicator_results", fake_results)
    result = rollup_of(scope_of(cast, "340100"), cast.regions["340100"], YEAR, today=TODAY)
    assert [row.region.code for row in result.rows] == ["340102", "340103"]
    assert result.total.workstations == 2
    assert result.own.grade == Status.PARTLY
    assert [row.cell.region.code for row in result.table] == ["340102", "340103"]
    assert [row.cell.grade for row in result.table] == [Status.MET, Status.PARTLY]


def test_the_region_table_has_every_region_once_and_none_without_a_workstation(
    cast, stations, monkeypatch
):
    monkeypatch.setattr(indicator_selectors, "indicator_results", fake_results)
    result = rollup_of(scope_of(cast, "340000"), cast.regions["340000"], YEAR, today=TODAY)
    cells = {
        cell.region.code: cell.grade for row in result.table for cell in [row.cell, *row.below]
    }
    assert cells == {
        "340100": Status.PARTLY,
        "340102": Status.MET,
        "340103": Status.PARTLY,
        "340200": None,
        "340202": Status.NOT_MET,
        "340207": None,
    }


def test_a_county_clerk_sees_only_their_own_workstation(cast, stations, monkeypatch):
    monkeypatch.setattr(indicator_selectors, "indicator_results", fake_results)
    scope = scope_of(cast, "340102")
    assert [s.federation.region_id for s in workstations_within(scope, cast.regions["340102"])] == [
        "340102"
    ]
    # Asking for the province with a county scope reads only what the scope covers.
    assert [s.federation.region_id for s in workstations_within(scope, cast.regions["340000"])] == [
        "340102"
    ]
    result = rollup_of(scope, cast.regions["340102"], YEAR, today=TODAY)
    assert result.rows == []
    assert result.total.workstations == 0
    assert result.own.grade == Status.MET


def test_the_trend_covers_four_periods_of_the_same_kind(cast, stations, monkeypatch):
    calls = []

    def counting(stations, period):
        calls.append(period.key)
        return fake_results(stations, period)

    monkeypatch.setattr(indicator_selectors, "indicator_results", counting)
    quarter = periods.parse("2026-Q4")
    result = rollup_of(scope_of(cast, "340000"), cast.regions["340000"], quarter, today=TODAY)
    assert [point.period.key for point in result.trend] == [
        "2026-Q1",
        "2026-Q2",
        "2026-Q3",
        "2026-Q4",
    ]
    assert [point.so_far for point in result.trend] == [False, False, False, True]
    assert result.so_far
    assert sorted(calls) == sorted(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"])
    assert all(point.overall.total == 4 for point in result.trend)


def add_counties(cast, indexes: range) -> None:
    """More counties under 芜湖市, each with an established workstation, a formal head, an
    engaged lawyer, a budget, a duty day and its premises checked."""
    city = cast.regions["340200"]
    for index in indexes:
        code = f"3402{21 + index:02d}"
        region = make_region(code, f"测试{index}县", Level.COUNTY, city)
        federation = Federation.objects.create(region=region, name=f"测试{index}县残联")
        station = Workstation(
            federation=federation, name=f"测试{index}县工作站", status="established"
        )
        station.set_region(region)
        station.save()
        factories.set_head(station, factories.person(station, formal=True))
        factories.engage(station)
        factories.budget(station, YEAR.start.year)
        factories.duty_day(station, YEAR.start + timedelta(days=40))
        factories.all_premises(station, checked_on=YEAR.start)


def rollup_queries(cast) -> int:
    scope = scope_of(cast, "340000")
    with CaptureQueriesContext(connection) as captured:
        rollup_of(scope, cast.regions["340000"], YEAR, today=TODAY)
    return len(captured)


def test_the_query_count_does_not_grow_with_the_number_of_workstations(cast):
    add_counties(cast, range(3))
    small = rollup_queries(cast)
    add_counties(cast, range(3, 30))
    assert Workstation.all_objects.count() == 30
    assert rollup_queries(cast) == small


def test_the_national_rollup_groups_by_province(cast, stations, monkeypatch):
    monkeypatch.setattr(indicator_selectors, "indicator_results", fake_results)
    result = national_rollup(YEAR, today=TODAY)
    assert [row.region.code for row in result.rows] == ["340000"]
    assert result.total.workstations == 4
    assert result.rows[0].tally.overall.met == 1
