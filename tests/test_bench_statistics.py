"""The statistics bench at a tiny size: the SQL generator respects the models, the baseline
computes the figures it claims to, and the figure table agrees with it (no timing here: the
bench measures speed, bench/README.md)."""

from __future__ import annotations

import argparse
from datetime import date

import pytest
from django.db import connection
from django.utils import timezone

from bench import statistics as bench
from bench.statistics_data import generate
from cases.models import Accommodation, Applicant, Case, Intake, Referral, ReturnVisit, Service
from lawstation import periods
from people.models import Person
from regions.scoping import unscoped
from stats.selectors.figures import TOTAL, figure_table
from workstations.models import DutyDay, Workstation

CASES = 2000
SERVICES_PER_CASE = 5
YEAR = 2025


@pytest.fixture
def data(cast):
    made = generate(
        cast.regions["340000"],
        CASES,
        year=YEAR,
        services_per_case=SERVICES_PER_CASE,
        progress=lambda *a, **k: None,
    )
    return cast, made


def moment(day: date):
    return timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))


def test_generator_builds_every_table_in_proportion(data):
    cast, made = data
    assert made["case"] == Case.all_objects.count() == CASES
    assert made["applicant"] == Applicant.all_objects.count() == CASES
    assert made["intake"] == Intake.all_objects.count() == 2 * CASES
    services = Service.all_objects.count()
    assert made["service"] == services
    assert 0.8 * SERVICES_PER_CASE * CASES < services < 1.2 * SERVICES_PER_CASE * CASES
    assert 0 < Referral.all_objects.count() < CASES // 2
    assert 0 < ReturnVisit.all_objects.count() < CASES
    assert 0 < Accommodation.all_objects.count() < services // 20
    # Every federation of the cast has its workstation, lawyer and weekly duty days.
    assert Workstation.all_objects.count() == len(cast.federations)
    assert Person.all_objects.filter(kind="lawyer").count() == len(cast.federations)
    assert DutyDay.all_objects.count() > 100 * len(cast.federations)
    # Mostly the reporting year, some the year before and after; all in the province.
    in_year = Case.all_objects.filter(
        registered_at__gte=moment(date(YEAR, 1, 1)), registered_at__lt=moment(date(YEAR + 1, 1, 1))
    ).count()
    assert 0.7 * CASES < in_year < 0.85 * CASES
    assert Case.all_objects.filter(registered_at__lt=moment(date(YEAR, 1, 1))).exists()
    assert Case.all_objects.filter(registered_at__gte=moment(date(YEAR + 1, 1, 1))).exists()
    assert set(Case.all_objects.values_list("province_code", flat=True)) == {"340000"}
    assert Case.all_objects.values("federation").distinct().count() == len(cast.federations)


def test_generated_rows_satisfy_the_models(data):
    # Foreign keys (deferred until now), then field validation of a sample of every table.
    connection.check_constraints()
    with unscoped("full_clean checks uniqueness through the default manager"):
        for model in (Applicant, Intake, Case, Service, Referral, ReturnVisit, Accommodation):
            for row in model.all_objects.order_by("?")[:25]:
                row.full_clean()
    mismatched = Case.all_objects.exclude(county_code=None).exclude(
        federation__region__county_code=None
    )
    for case in mismatched.select_related("federation__region")[:50]:
        assert case.county_code == case.federation.region.county_code
    for service in Service.all_objects.select_related("case")[:50]:
        assert service.city_code == service.case.city_code


def test_baseline_counts_what_it_claims(data):
    province = data[0].regions["340000"]
    period = periods.year(YEAR)
    values = bench.baseline(province, period).values
    start, end = moment(period.start), moment(date(YEAR + 1, 1, 1))
    registered = Case.all_objects.filter(registered_at__gte=start, registered_at__lt=end)
    assert values["cases.registered"][TOTAL] == registered.count() > 0
    assert (
        values["cases.matter.employment"]["340100"]
        == registered.filter(city_code="340100", matter_category="employment").count()
    )
    in_days = {"provided_on__gte": period.start, "provided_on__lte": period.end}
    served = Service.all_objects.filter(**in_days)
    assert values["cases.served"][TOTAL] == served.values("case").distinct().count()
    assert values["cases.service.defence"][TOTAL] == (
        served.filter(kind="defence").values("case").distinct().count()
    )
    decided = Referral.all_objects.filter(decided_on__gte=period.start, decided_on__lte=period.end)
    assert values["referrals.decided"][TOTAL] == decided.count() > 0
    assert values["referrals.decision_days_total"][TOTAL] == sum(
        (r.decided_on - r.sent_on).days for r in decided
    )
    assert values["coverage.workstations"][TOTAL] == 7


def test_figure_table_and_baseline_give_the_same_figures_at_every_level(data):
    period = periods.year(YEAR)
    for code in ("340000", "340100", "340102"):
        region = data[0].regions[code]
        expected = bench.baseline(region, period).values
        table = figure_table(region, period)
        assert bench.compare(expected, table.values) == [], code
        # The baseline covers every indicator of the table.
        assert set(table.values) <= set(expected)


def test_comparison_reports_ratios_and_query_counts(data, capsys):
    province = data[0].regions["340000"]
    measured = bench.sides(province, periods.year(YEAR), YEAR, export=True)
    for side in measured:
        side.measure()
    args = argparse.Namespace(year=YEAR, repeats=1, goal=1e9)
    assert bench._report(measured, args, connection.vendor, province) == 0
    out = capsys.readouterr().out
    assert "baseline GROUP BY" in out
    assert "export_report statistics xlsx" in out
    assert "0 differences" in out
    assert all(side.queries > 0 and not side.error for side in measured)
    # A goal nobody can meet makes the run fail.
    args.goal = 1e-9
    assert bench._report(measured, args, connection.vendor, province) == 1
