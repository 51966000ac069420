"""Standards 2, 3, 4, 5 (duty days, channels) and 8 from real rows: met, partly met, not met."""

from __future__ import annotations

from datetime import date

import pytest

from people.models import Person
from tests.compliance import factories as f
from tests.compliance.indicator_helpers import Q1, Status, result_of, standard_of
from workstations.models import Publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def station(cast):
    return f.station(cast, "340102")


# --- 2. Premises ------------------------------------------------------------------------------


def test_premises_met_when_every_item_is_present_with_recent_evidence(station):
    f.all_premises(station, checked_on=date(2025, 3, 1))
    result = result_of(station, "premises.items")
    assert result.status == Status.MET
    assert result.figures == {
        "required": 8,
        "recorded": 8,
        "present": 8,
        "stale": 0,
        "months": 12,
    }
    assert standard_of(station, 2) == Status.MET


def test_premises_partly_met_when_some_evidence_is_old_or_blank(station):
    f.all_premises(station, checked_on=date(2025, 3, 1), skip=("signage", "fixed_site"))
    f.premises_check(station, "signage", checked_on=date(2023, 6, 1))  # more than 12 months
    f.premises_check(station, "fixed_site", checked_on=date(2025, 6, 1), evidence="")
    result = result_of(station, "premises.items")
    assert result.status == Status.PARTLY
    assert (result.figures["present"], result.figures["stale"]) == (8, 2)
    assert standard_of(station, 2) == Status.PARTLY


def test_premises_not_met_when_an_item_is_missing_or_never_checked(station, settings):
    f.all_premises(station, checked_on=date(2025, 3, 1), skip=("accessible_toilet",))
    result = result_of(station, "premises.items")
    assert result.status == Status.NOT_MET
    assert result.figures["recorded"] == 7
    # Later the item is checked and found missing: the latest check decides.
    f.premises_check(station, "accessible_toilet", checked_on=date(2025, 1, 5))
    f.premises_check(station, "accessible_toilet", checked_on=date(2025, 4, 5), present=False)
    result = result_of(station, "premises.items")
    assert result.status == Status.NOT_MET
    assert (result.figures["recorded"], result.figures["present"]) == (8, 7)
    assert standard_of(station, 2) == Status.NOT_MET


def test_premises_evidence_window_is_a_setting(station, settings):
    settings.COMPLIANCE_PREMISES_EVIDENCE_MONTHS = 3
    f.all_premises(station, checked_on=date(2025, 3, 1))
    result = result_of(station, "premises.items")
    assert result.status == Status.PARTLY
    assert result.figures["months"] == 3


# --- 3. Staffing ------------------------------------------------------------------------------


def test_staffing_met_with_a_formal_head_and_an_engaged_lawyer(station):
    f.engage(station, starts_on=date(2024, 1, 1), ends_on=date(2025, 2, 1))
    assert result_of(station, "staffing.head").status == Status.MET
    lawyers = result_of(station, "staffing.lawyers")
    assert lawyers.status == Status.MET
    assert lawyers.figures == {"engaged": 1}
    assert standard_of(station, 3) == Status.MET


def test_staffing_partly_met_with_a_head_but_no_lawyer_in_the_period(station):
    f.engage(station, starts_on=date(2023, 1, 1), ends_on=date(2024, 12, 31))
    f.engage(station, kind=Person.Kind.STAFF)  # staff are not legal service providers
    assert result_of(station, "staffing.lawyers").status == Status.NOT_MET
    assert result_of(station, "staffing.lawyers").figures == {"engaged": 0}
    assert standard_of(station, 3) == Status.PARTLY


@pytest.mark.parametrize("case", ["informal", "other_federation", "left", "none"])
def test_staffing_not_met_when_the_head_is_not_formal_same_level_staff(cast, station, case):
    if case == "informal":
        f.set_head(station, f.person(station, formal=False))
    elif case == "other_federation":
        f.set_head(station, f.person(station, formal=True, federation=cast.federations["340100"]))
    elif case == "left":
        f.set_head(station, f.person(station, formal=True, active_until=date(2025, 6, 30)))
    else:
        f.set_head(station, None)
    head = result_of(station, "staffing.head")
    assert head.status == Status.NOT_MET
    assert head.figures["has_head"] == int(case != "none")
    assert standard_of(station, 3) == Status.NOT_MET


# --- 4. Public notice -------------------------------------------------------------------------


def test_notice_met_when_complete_and_on_the_website_and_a_notice_board(station):
    f.notice(station, effective_from=date(2024, 1, 1))
    complete = result_of(station, "notice.complete")
    assert complete.status == Status.MET
    assert complete.figures == {"has_notice": 1, "items_present": 5, "items": 5}
    published = result_of(station, "notice.published")
    assert published.status == Status.MET
    assert published.figures == {"website": 1, "notice_board": 1}
    assert standard_of(station, 4) == Status.MET


def test_notice_partly_met_when_an_item_is_blank_or_one_place_is_missing(station):
    f.notice(
        station,
        effective_from=date(2024, 1, 1),
        published=(Publication.Channel.WEBSITE, Publication.Channel.MEDIA),
        workflow="",
    )
    complete = result_of(station, "notice.complete")
    assert complete.status == Status.PARTLY
    assert complete.figures["items_present"] == 4
    assert result_of(station, "notice.published").status == Status.PARTLY
    assert standard_of(station, 4) == Status.PARTLY


def test_notice_not_met_without_a_notice_in_force_at_the_period_end(station):
    f.notice(station, effective_from=date(2024, 1, 1), effective_until=date(2025, 6, 30))
    f.notice(station, effective_from=date(2026, 1, 1))  # after the period
    complete = result_of(station, "notice.complete")
    assert complete.status == Status.NOT_MET
    assert complete.figures["has_notice"] == 0
    assert result_of(station, "notice.published").status == Status.NOT_MET
    assert standard_of(station, 4) == Status.NOT_MET


def test_the_newest_notice_in_force_decides(station):
    f.notice(station, effective_from=date(2024, 1, 1))
    f.notice(station, effective_from=date(2025, 5, 1), published=(), scope_of_cases="")
    assert result_of(station, "notice.complete").status == Status.PARTLY
    assert result_of(station, "notice.published").status == Status.NOT_MET


# --- 5. Service provision: duty days and channels ---------------------------------------------


def test_duty_days_met_when_someone_was_on_site_every_month(station):
    f.duty_every_month(station, Q1)
    result = result_of(station, "service.duty_days", Q1)
    assert result.status == Status.MET
    assert result.figures == {"months": 3, "months_on_duty": 3}


def test_duty_days_partly_met_when_some_months_were_missed(station):
    f.duty_day(station, date(2025, 1, 8))
    f.duty_day(station, date(2025, 1, 22))
    f.duty_day(station, date(2025, 3, 5))
    f.duty_day(station, date(2025, 2, 5), checked_in=False)  # planned but not held: not counted
    result = result_of(station, "service.duty_days", Q1)
    assert result.status == Status.PARTLY
    assert result.figures == {"months": 3, "months_on_duty": 2}


def test_duty_days_not_met_without_a_held_day(station):
    f.duty_day(station, date(2025, 2, 5), checked_in=False)
    f.duty_day(station, date(2025, 4, 5))  # outside the quarter
    result = result_of(station, "service.duty_days", Q1)
    assert result.status == Status.NOT_MET
    assert result.figures["months_on_duty"] == 0


def test_channels_met_partly_and_not_met(cast, station):
    f.notice(station, effective_from=date(2024, 1, 1))
    met = result_of(station, "service.channels")
    assert met.status == Status.MET
    assert met.figures == {"offered": 5, "channels": 5, "missing": ""}

    other = f.station(cast, "340103")
    f.notice(other, effective_from=date(2024, 1, 1), sms_number="", email="")
    partly = result_of(other, "service.channels")
    assert partly.status == Status.PARTLY
    assert partly.figures["missing"] == "sms,email"

    bare = f.station(cast, "340202")
    not_met = result_of(bare, "service.channels")
    assert not_met.status == Status.NOT_MET
    assert not_met.figures["offered"] == 1  # the portal's web form only


# --- 8. Funding -------------------------------------------------------------------------------


def test_funding_met_with_budget_rule_and_spending(station):
    f.budget(station, 2025)
    f.budget(station, 2025, source="federation", amount="10000")
    f.financial_rule(station, adopted_on=date(2024, 5, 1))
    f.expenditure(station, date(2025, 4, 1), amount="800")
    f.expenditure(station, date(2024, 4, 1))  # before the period
    assert result_of(station, "funding.budget").figures == {"years": 1, "years_budgeted": 1}
    assert result_of(station, "funding.rule").status == Status.MET
    spending = result_of(station, "funding.spending")
    assert spending.status == Status.MET
    assert spending.figures == {"budget": "60000.00", "expenditures": 1, "spent": "800.00"}
    assert standard_of(station, 8) == Status.MET


def test_funding_partly_met_with_a_budget_but_no_rule_or_spending(station):
    f.budget(station, 2025)
    f.financial_rule(station, adopted_on=date(2026, 1, 10))  # adopted after the period
    assert result_of(station, "funding.budget").status == Status.MET
    assert result_of(station, "funding.rule").status == Status.NOT_MET
    assert result_of(station, "funding.spending").status == Status.NOT_MET
    assert standard_of(station, 8) == Status.PARTLY


def test_funding_not_met_without_a_budget_for_each_year(station):
    f.budget(station, 2024)
    f.budget(station, 2025, amount="0")
    budget = result_of(station, "funding.budget")
    assert budget.status == Status.NOT_MET
    assert budget.figures == {"years": 1, "years_budgeted": 0}
    # A zero budget: spending is not applicable.
    assert result_of(station, "funding.spending").status == Status.NOT_APPLICABLE
    assert standard_of(station, 8) == Status.NOT_MET


def test_a_period_over_two_years_needs_two_budgets(station):
    from lawstation.periods import parse

    period = parse("2024-07-01..2025-06-30")
    f.budget(station, 2025)
    assert result_of(station, "funding.budget", period).figures == {
        "years": 2,
        "years_budgeted": 1,
    }
