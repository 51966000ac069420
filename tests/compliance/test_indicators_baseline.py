"""A workstation whose records meet the standards, one with no records, and the query count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance.indicators import INDICATORS, Status
from compliance.selectors.indicators import indicator_results
from lawstation.periods import year
from tests.compliance import factories as f
from tests.factories import TREE

PERIOD = year(2025)
NOT_APPLICABLE_WHEN_QUIET = {
    "service.accommodations",
    "quality.flagged_reviewed",
    "coordination.referrals_made",
    "coordination.referral_outcomes",
    "information.archiving",
}


def test_a_compliant_workstation_meets_every_applicable_indicator(cast):
    station = f.compliant_station(cast, "340102", PERIOD)

    results = indicator_results([station], PERIOD)[station.pk]

    assert set(results) == {key for key, _number in INDICATORS}
    for key, result in results.items():
        expected = Status.NOT_APPLICABLE if key in NOT_APPLICABLE_WHEN_QUIET else Status.MET
        assert result.status == expected, (key, result)
        assert result.standard == dict(INDICATORS)[key]


def test_a_workstation_without_records_fails_what_it_must_show(cast):
    station = f.station(cast, "340102", head=False)

    results = indicator_results([station], PERIOD)[station.pk]

    failing = {key for key, result in results.items() if result.status == Status.NOT_MET}
    assert failing == {
        "premises.items",
        "staffing.head",
        "staffing.lawyers",
        "notice.complete",
        "notice.published",
        "service.duty_days",
        "service.channels",
        "coordination.contacts",
        "funding.budget",
        "funding.rule",
        "information.filing",
    }
    assert results["work_style.complaints_upheld"].status == Status.NOT_APPLICABLE
    assert results["funding.spending"].status == Status.NOT_APPLICABLE
    assert results["information.data_quality"].status == Status.MET


def test_no_workstations_no_results(db):
    assert indicator_results([], PERIOD) == {}


def _queries(stations) -> int:
    with CaptureQueriesContext(connection) as queries:
        indicator_results(stations, PERIOD)
    return len(queries)


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_the_workstations(cast):
    codes = [code for code, *_rest in TREE] + f.more_counties(cast, 13)
    assert len(codes) == 20
    stations = [f.compliant_station(cast, code, PERIOD) for code in codes]
    # Busier records at some stations: more cases, flags, referrals, complaints.
    for station in stations[::2]:
        kase = f.closed_case(station, closed_on=PERIOD.start.replace(month=6))
        f.risk_flag(kase, raised_on=PERIOD.start.replace(month=5), reviewed_on=None)
        f.referral(kase, sent_on=PERIOD.start.replace(month=5))
        f.complaint(kase, received_on=PERIOD.start.replace(month=7))
    two = _queries(stations[:2])
    many = _queries(stations)
    assert two == many
    assert many <= 30
