"""Scoring (compliance/scoring.py): standard and overall results, roll-up counting. Pure."""

from __future__ import annotations

from datetime import date

import pytest

from compliance import scoring
from compliance.indicators import INDICATORS, STANDARD_OF, IndicatorResult, Status

MET, PARTLY, NOT_MET, NA = Status.MET, Status.PARTLY, Status.NOT_MET, Status.NOT_APPLICABLE


def results(default: Status = MET, **overrides: Status) -> dict[str, IndicatorResult]:
    """Every indicator at ``default``; ``overrides`` by key with dots written as ``__``."""
    wanted = {key.replace("__", "."): status for key, status in overrides.items()}
    return {
        key: IndicatorResult(key=key, standard=number, status=wanted.get(key, default))
        for key, number in INDICATORS
    }


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([MET, MET, MET], MET),
        ([MET, NA, MET], MET),
        ([MET, PARTLY, MET], PARTLY),
        ([MET, NOT_MET, MET], PARTLY),
        ([NOT_MET, NOT_MET, NOT_MET], NOT_MET),
        ([NOT_MET, NA, NOT_MET], NOT_MET),
        ([NOT_MET, PARTLY, NOT_MET], PARTLY),
        ([NA, NA, NA], NA),
    ],
)
def test_a_standard_combines_its_three_funding_indicators(statuses, expected):
    funding = [key for key, number in INDICATORS if number == 8]
    assert len(funding) == 3
    given = dict(zip(funding, statuses, strict=True))
    assert scoring.standard_results(given)[8] == expected


def test_every_standard_is_present_and_one_without_indicators_is_not_applicable():
    standards = scoring.standard_results({"premises.items": NOT_MET})
    assert set(standards) == set(range(1, 10))
    assert standards[2] == NOT_MET
    assert all(standards[n] == NA for n in range(1, 10) if n != 2)


def test_indicator_results_and_plain_statuses_are_both_accepted():
    as_results = scoring.standard_results(results(staffing__head=NOT_MET))
    as_strings = scoring.standard_results(
        {key: ("not_met" if key == "staffing.head" else "met") for key in STANDARD_OF}
    )
    assert as_results == as_strings
    assert as_results[3] == PARTLY


@pytest.mark.parametrize(
    ("overrides", "overall", "met_count"),
    [
        ({}, MET, 9),
        ({"premises__items": NOT_MET}, PARTLY, 8),
        ({"premises__items": NA}, MET, 8),
        ({"funding__budget": PARTLY, "staffing__lawyers": NOT_MET}, PARTLY, 7),
    ],
)
def test_the_overall_result_combines_the_nine_standards(overrides, overall, met_count):
    score = scoring.score(results(**overrides))
    assert score.overall == overall
    assert score.met_count == met_count


def test_nothing_met_anywhere_is_not_met_overall_and_nothing_applicable_is_not_applicable():
    assert scoring.score(results(NOT_MET)).overall == NOT_MET
    assert scoring.score(results(NA)).overall == NA
    assert scoring.score({}).overall == NA


def test_a_score_from_reviewed_standards_fills_the_missing_ones_as_not_applicable():
    score = scoring.score_from_standards({2: "not_met", 3: "met"})
    assert score.standards[2] == NOT_MET
    assert score.standards[1] == NA
    assert score.overall == PARTLY


def test_tally_counts_each_group_and_the_total_and_keeps_empty_groups():
    scores = {
        1: scoring.score(results()),
        2: scoring.score(results(premises__items=NOT_MET)),
        3: scoring.score(results(NOT_MET)),
        4: scoring.score(results(premises__items=PARTLY)),
        5: scoring.score(results()),  # in no listed group: left out
    }
    group_of = {1: "a", 2: "a", 3: "b", 4: "b", 5: "z"}
    per_group, total = scoring.tally(scores, group_of, ["a", "b", "c"])
    assert set(per_group) == {"a", "b", "c"}
    a, b, c = per_group["a"], per_group["b"], per_group["c"]
    assert (a.standards[2].met, a.standards[2].not_met, a.workstations) == (1, 1, 2)
    assert (b.standards[2].partly, b.standards[2].not_met) == (1, 1)
    assert (b.standards[1].met, b.standards[1].not_met) == (1, 1)
    assert c.workstations == 0
    assert c.overall.total == 0
    assert (a.overall.met, a.overall.partly) == (1, 1)
    assert (b.overall.partly, b.overall.not_met) == (1, 1)
    assert total.workstations == 4
    assert (total.overall.met, total.overall.partly, total.overall.not_met) == (1, 2, 1)
    assert total.standards[9].met == 3


def test_a_tally_share_ignores_not_applicable():
    tally = scoring.Tally()
    assert tally.met_share is None
    for status in (MET, MET, NOT_MET, NA):
        tally.add(status)
    assert tally.met_share == pytest.approx(2 / 3)
    assert tally.total == 4


def test_a_region_grade_is_its_workstation_result_and_none_is_not_applicable():
    assert scoring.region_grade([scoring.score(results())]) == MET
    assert scoring.region_grade([]) == NA


@pytest.mark.parametrize(("today", "year"), [(date(2026, 12, 2), 2025), (date(2027, 1, 1), 2026)])
def test_the_default_period_is_the_last_complete_year(today, year):
    period = scoring.last_complete_year(today)
    assert (period.key, period.kind) == (str(year), "year")
    assert period.has_ended(today)


def test_every_result_has_a_label_and_a_distinct_symbol():
    assert set(scoring.RESULT_LABELS) == set(Status)
    assert len(set(scoring.RESULT_SYMBOLS.values())) == len(Status)
    assert set(scoring.STANDARD_TITLES) == set(range(1, 10))
