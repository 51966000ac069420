"""The pure deciders: figures in, result out (no database)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from compliance import indicators as ind
from compliance.indicators import DECIDERS, INDICATORS, Status, decide, standard_results

MET, PARTLY, NOT_MET, NA = Status.MET, Status.PARTLY, Status.NOT_MET, Status.NOT_APPLICABLE


def test_every_indicator_has_one_decider():
    assert set(DECIDERS) == {key for key, _number in INDICATORS}


CASES = [
    ("work_style.complaints_upheld", {"cases": 0, "complaints": 0, "unresolved": 0}, NA),
    ("work_style.complaints_upheld", {"cases": 3, "complaints": 0, "unresolved": 0}, MET),
    ("work_style.complaints_upheld", {"cases": 3, "complaints": 2, "unresolved": 0}, PARTLY),
    ("work_style.complaints_upheld", {"cases": 3, "complaints": 2, "unresolved": 1}, NOT_MET),
    ("work_style.satisfaction", {"visits": 0, "satisfied": 0}, NA),
    ("work_style.satisfaction", {"visits": 10, "satisfied": 9}, MET),
    ("work_style.satisfaction", {"visits": 10, "satisfied": 8}, PARTLY),
    ("work_style.satisfaction", {"visits": 10, "satisfied": 7}, PARTLY),
    ("work_style.satisfaction", {"visits": 10, "satisfied": 6}, NOT_MET),
    (
        "premises.items",
        {"required": 8, "recorded": 8, "present": 8, "stale": 0, "months": 12},
        MET,
    ),
    (
        "premises.items",
        {"required": 8, "recorded": 8, "present": 8, "stale": 3, "months": 12},
        PARTLY,
    ),
    (
        "premises.items",
        {"required": 8, "recorded": 8, "present": 7, "stale": 0, "months": 12},
        NOT_MET,
    ),
    (
        "premises.items",
        {"required": 8, "recorded": 7, "present": 7, "stale": 0, "months": 12},
        NOT_MET,
    ),
    ("staffing.head", {"has_head": 1, "formal_same_level": 1}, MET),
    ("staffing.head", {"has_head": 1, "formal_same_level": 0}, NOT_MET),
    ("staffing.head", {"has_head": 0, "formal_same_level": 0}, NOT_MET),
    ("staffing.lawyers", {"engaged": 2}, MET),
    ("staffing.lawyers", {"engaged": 0}, NOT_MET),
    ("notice.complete", {"has_notice": 1, "items_present": 5}, MET),
    ("notice.complete", {"has_notice": 1, "items_present": 2}, PARTLY),
    ("notice.complete", {"has_notice": 1, "items_present": 0}, NOT_MET),
    ("notice.complete", {"has_notice": 0, "items_present": 0}, NOT_MET),
    ("notice.published", {"website": 1, "notice_board": 1}, MET),
    ("notice.published", {"website": 0, "notice_board": 1}, PARTLY),
    ("notice.published", {"website": 0, "notice_board": 0}, NOT_MET),
    ("service.duty_days", {"months": 3, "months_on_duty": 3}, MET),
    ("service.duty_days", {"months": 12, "months_on_duty": 11}, PARTLY),
    ("service.duty_days", {"months": 12, "months_on_duty": 0}, NOT_MET),
    ("service.channels", {"offered": 5}, MET),
    ("service.channels", {"offered": 4}, PARTLY),
    ("service.channels", {"offered": 3}, PARTLY),
    ("service.channels", {"offered": 2}, NOT_MET),
    ("service.accommodations", {"requested": 0, "arranged": 0}, NA),
    ("service.accommodations", {"requested": 4, "arranged": 4}, MET),
    ("service.accommodations", {"requested": 5, "arranged": 4}, PARTLY),
    ("service.accommodations", {"requested": 4, "arranged": 3}, NOT_MET),
    ("quality.flagged_reviewed", {"flagged": 0, "reviewed": 0}, NA),
    ("quality.flagged_reviewed", {"flagged": 2, "reviewed": 2}, MET),
    ("quality.flagged_reviewed", {"flagged": 10, "reviewed": 8}, PARTLY),
    ("quality.flagged_reviewed", {"flagged": 10, "reviewed": 7}, NOT_MET),
    ("quality.risk_reviews", {"overdue": 0}, MET),
    ("quality.risk_reviews", {"overdue": 1}, NOT_MET),
    ("coordination.referrals_made", {"required": 0, "referred": 0}, NA),
    ("coordination.referrals_made", {"required": 3, "referred": 3}, MET),
    ("coordination.referrals_made", {"required": 5, "referred": 4}, PARTLY),
    ("coordination.referrals_made", {"required": 5, "referred": 3}, NOT_MET),
    ("coordination.referral_outcomes", {"referrals": 0, "overdue": 0}, NA),
    ("coordination.referral_outcomes", {"referrals": 4, "overdue": 0}, MET),
    ("coordination.referral_outcomes", {"referrals": 4, "overdue": 1}, NOT_MET),
    ("coordination.contacts", {"quarters": 4, "quarters_with_contact": 4, "contacts": 9}, MET),
    ("coordination.contacts", {"quarters": 4, "quarters_with_contact": 2, "contacts": 2}, PARTLY),
    ("coordination.contacts", {"quarters": 4, "quarters_with_contact": 0, "contacts": 0}, NOT_MET),
    ("funding.budget", {"years": 1, "years_budgeted": 1}, MET),
    ("funding.budget", {"years": 2, "years_budgeted": 1}, NOT_MET),
    ("funding.rule", {"rules": 1}, MET),
    ("funding.rule", {"rules": 0}, NOT_MET),
    ("funding.spending", {"budget": "100.00", "expenditures": 2, "spent": "20.00"}, MET),
    ("funding.spending", {"budget": "100.00", "expenditures": 0, "spent": "0.00"}, NOT_MET),
    ("funding.spending", {"budget": "0.00", "expenditures": 0, "spent": "0.00"}, NA),
    ("information.registration", {"cases": 0, "on_time": 0, "days": 7}, NA),
    ("information.registration", {"cases": 20, "on_time": 19, "days": 7}, MET),
    ("information.registration", {"cases": 20, "on_time": 18, "days": 7}, PARTLY),
    ("information.registration", {"cases": 20, "on_time": 16, "days": 7}, PARTLY),
    ("information.registration", {"cases": 20, "on_time": 15, "days": 7}, NOT_MET),
    ("information.archiving", {"due": 0, "on_time": 0}, NA),
    ("information.archiving", {"due": 5, "on_time": 5}, MET),
    ("information.archiving", {"due": 5, "on_time": 4}, PARTLY),
    ("information.archiving", {"due": 5, "on_time": 3}, NOT_MET),
    ("information.data_quality", {"errors": 0, "closed_without_outcome": 0}, MET),
    ("information.data_quality", {"errors": 2, "closed_without_outcome": 2}, NOT_MET),
    ("information.filing", {"state": "accepted"}, MET),
    ("information.filing", {"state": "submitted"}, PARTLY),
    ("information.filing", {"state": "returned"}, NOT_MET),
    ("information.filing", {"state": ""}, NOT_MET),
]


@pytest.mark.parametrize(("key", "figures", "expected"), CASES)
def test_decider(key, figures, expected):
    result = decide(key, figures)
    assert result.status == expected
    assert result.key == key
    assert result.standard == ind.STANDARD_OF[key]
    for name, value in figures.items():
        assert result.figures[name] == value


def test_every_decider_is_tested_for_each_result_it_can_give():
    seen: dict[str, set[Status]] = {}
    for key, _figures, expected in CASES:
        seen.setdefault(key, set()).add(expected)
    assert set(seen) == set(DECIDERS)
    assert all(MET in results and NOT_MET in results for results in seen.values())


def test_shares_are_in_the_figures():
    assert decide("work_style.satisfaction", {"visits": 3, "satisfied": 2}).figures == {
        "visits": 3,
        "satisfied": 2,
        "share": 0.6667,
    }
    assert decide("service.accommodations", {"requested": 0, "arranged": 0}).figures["share"] == 0


def test_thresholds_are_module_constants():
    assert (ind.SATISFIED_MET, ind.SATISFIED_PARTLY) == (0.90, 0.70)
    assert (ind.REGISTRATION_MET, ind.REGISTRATION_PARTLY) == (0.95, 0.80)
    assert ind.RISK_REVIEW_DAYS == 7


@dataclass
class _Criterion:
    measure: str
    standard_number: int


def test_standard_results_combine_each_standards_criteria():
    results = {
        "staffing.head": decide("staffing.head", {"has_head": 1, "formal_same_level": 1}),
        "staffing.lawyers": decide("staffing.lawyers", {"engaged": 0}),
        "funding.budget": Status.MET,
        "premises.items": "not_met",
    }
    criteria = [
        _Criterion("staffing.head", 3),
        _Criterion("staffing.lawyers", 3),
        _Criterion("", 3),  # judged on evidence: not applicable here
        _Criterion("funding.budget", 8),
        _Criterion("", 1),
        _Criterion("premises.items", 2),
        _Criterion("funding.rule", 8),  # no result given: not applicable
    ]
    assert standard_results(results, criteria) == {
        1: NA,
        2: NOT_MET,
        3: PARTLY,
        8: MET,
    }
