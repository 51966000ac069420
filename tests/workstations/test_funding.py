"""Funding: budgets by source and year, expenditures, the financial rule, and the overview."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEntry
from lawstation.errors import DomainError
from regions.scoping import scope_for_region
from tests.scope_rows.funding import station
from workstations.models import Budget, Expenditure, FinancialRule
from workstations.selectors.funding import budget_against_spend
from workstations.services.funding import file_financial_rule, record_expenditure, set_budget

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 15)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime(2026, 11, 15, 4, 0, tzinfo=UTC), tick=False):
        yield


def clerk(cast, code="340102"):
    return cast.user(code, Role.CLERK)


def budget_of(cast, year=2026, amount="10000", source=Budget.Source.FISCAL, code="340102"):
    return set_budget(
        station(cast, code),
        actor=clerk(cast, code),
        year=year,
        source=source,
        amount=Decimal(amount),
    )


# --- set_budget ---------------------------------------------------------------------------


def test_setting_a_budget_records_it_under_the_workstation_region_and_audits_it(cast):
    budget = budget_of(cast)
    assert (budget.year, budget.source, budget.amount) == (2026, "fiscal", Decimal("10000"))
    assert budget.county_code == "340102"
    assert budget.city_code == "340100"
    entry = AuditEntry.all_objects.get(action="budget.set")
    assert entry.changes["amount"] == [None, "10000.00"]
    assert entry.changes["year"] == [None, 2026]
    assert entry.target_id == str(budget.pk)


def test_setting_the_same_year_and_source_again_updates_it_audited_old_to_new(cast):
    budget_of(cast, amount="10000")
    budget_of(cast, amount="12500.50")
    assert Budget.all_objects.get().amount == Decimal("12500.50")
    latest = AuditEntry.all_objects.filter(action="budget.set").order_by("-id").first()
    assert latest.changes == {"amount": ["10000.00", "12500.50"]}


def test_another_source_in_the_same_year_is_another_row(cast):
    budget_of(cast, source=Budget.Source.FISCAL)
    budget_of(cast, source=Budget.Source.SERVICE_PURCHASE)
    assert Budget.all_objects.count() == 2
    assert AuditEntry.all_objects.filter(action="budget.set").count() == 2


def test_a_zero_budget_is_allowed(cast):
    assert budget_of(cast, amount="0").amount == 0
    assert AuditEntry.all_objects.filter(action="budget.set").exists()


@pytest.mark.parametrize(
    ("year", "amount", "source", "message"),
    [
        (2026, "-1", "fiscal", "negative"),
        (1999, "100", "fiscal", "between 2000"),
        (2028, "100", "fiscal", "between 2000"),
        (2026, "100", "lottery", "source"),
    ],
)
def test_bad_budgets_are_refused_and_nothing_is_saved(cast, year, amount, source, message):
    with pytest.raises(DomainError, match=message):
        budget_of(cast, year=year, amount=amount, source=source)
    assert not Budget.all_objects.exists()
    assert not AuditEntry.all_objects.filter(action="budget.set").exists()


def test_next_year_budget_is_allowed(cast):
    assert budget_of(cast, year=2027).year == 2027
    assert AuditEntry.all_objects.filter(action="budget.set").count() == 1


def test_a_federation_without_workstation_cannot_set_a_budget(cast):
    with pytest.raises(DomainError, match="no workstation"):
        set_budget(None, actor=clerk(cast), year=2026, source="fiscal", amount=Decimal(1))
    assert not AuditEntry.all_objects.filter(action="budget.set").exists()


# --- record_expenditure -------------------------------------------------------------------


def spend(cast, spent_on=date(2026, 3, 1), amount="200", category="training", note=" 培训 "):
    return record_expenditure(
        station(cast, "340102"),
        actor=clerk(cast),
        spent_on=spent_on,
        category=category,
        amount=Decimal(amount),
        note=note,
    )


def test_an_expenditure_in_a_budgeted_year_is_recorded_and_audited(cast):
    budget_of(cast)
    expenditure = spend(cast)
    assert (expenditure.amount, expenditure.note) == (Decimal("200"), "培训")
    assert expenditure.county_code == "340102"
    entry = AuditEntry.all_objects.get(action="expenditure.recorded")
    assert entry.changes["amount"] == [None, "200.00"]
    assert entry.changes["spent_on"] == [None, "2026-03-01"]


def test_an_expenditure_in_a_year_with_no_budget_is_refused(cast):
    budget_of(cast, year=2025)
    with pytest.raises(DomainError, match="no budget for 2026"):
        spend(cast)
    assert not Expenditure.all_objects.exists()
    assert not AuditEntry.all_objects.filter(action="expenditure.recorded").exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"spent_on": date(2026, 11, 16)}, "future"),
        ({"amount": "0"}, "more than zero"),
        ({"amount": "-5"}, "more than zero"),
        ({"category": "dinner"}, "category"),
        ({"note": "x" * 201}, "200 characters"),
    ],
)
def test_bad_expenditures_are_refused_and_nothing_is_saved(cast, fields, message):
    budget_of(cast)
    with pytest.raises(DomainError, match=message):
        spend(cast, **fields)
    assert not Expenditure.all_objects.exists()
    assert not AuditEntry.all_objects.filter(action="expenditure.recorded").exists()


def test_an_expenditure_today_is_allowed(cast):
    budget_of(cast)
    assert spend(cast, spent_on=TODAY).spent_on == TODAY
    assert AuditEntry.all_objects.filter(action="expenditure.recorded").count() == 1


# --- file_financial_rule ------------------------------------------------------------------


def test_filing_the_financial_rule_is_recorded_and_audited(cast):
    rule = file_financial_rule(
        station(cast, "340102"),
        actor=clerk(cast),
        document_number=" 瑶残联〔2020〕3号 ",
        adopted_on=date(2020, 3, 1),
    )
    assert rule.document_number == "瑶残联〔2020〕3号"
    entry = AuditEntry.all_objects.get(action="financial_rule.filed")
    assert entry.changes["adopted_on"] == [None, "2020-03-01"]


@pytest.mark.parametrize(
    ("number", "adopted_on", "message"),
    [("  ", date(2020, 1, 1), "document number"), ("X1", date(2026, 11, 16), "future")],
)
def test_bad_financial_rules_are_refused(cast, number, adopted_on, message):
    with pytest.raises(DomainError, match=message):
        file_financial_rule(
            station(cast, "340102"),
            actor=clerk(cast),
            document_number=number,
            adopted_on=adopted_on,
        )
    assert not FinancialRule.all_objects.exists()
    assert not AuditEntry.all_objects.filter(action="financial_rule.filed").exists()


# --- selectors and pages ------------------------------------------------------------------


def test_budget_against_spend_sums_each_year(cast):
    budget_of(cast, year=2025, amount="1000")
    budget_of(cast, year=2026, amount="3000")
    budget_of(cast, year=2026, amount="500", source=Budget.Source.OTHER)
    spend(cast, spent_on=date(2025, 5, 1), amount="1200")
    spend(cast, spent_on=date(2026, 5, 1), amount="100")
    spend(cast, spent_on=date(2026, 6, 1), amount="150")
    scope = scope_for_region(cast.regions["340102"])
    rows = budget_against_spend(scope, station(cast, "340102"), 2026, years=3)
    assert [(r.year, r.budget, r.spent) for r in rows] == [
        (2026, Decimal("3500"), Decimal("250")),
        (2025, Decimal("1000"), Decimal("1200")),
        (2024, Decimal("0"), Decimal("0")),
    ]
    assert rows[1].overspent
    assert not rows[0].overspent
    assert rows[0].balance == Decimal("3250")


def test_a_sibling_county_does_not_see_the_budget(cast):
    budget_of(cast, year=2025, amount="1000")
    scope = scope_for_region(cast.regions["340103"])
    rows = budget_against_spend(scope, station(cast, "340102"), 2025, years=1)
    assert rows[0].budget == 0


def test_overview_shows_budget_spending_history_and_rule(client, cast):
    budget_of(cast, amount="8000")
    spend(cast, amount="321", category="accessibility")
    client.force_login(cast.user("340102", Role.LEADER))
    response = client.get(reverse("funding:overview", args=["340102"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "8000.00" in html
    assert "321.00" in html
    assert "Sign language and accessibility" in html or "手语" in html
    assert response.context["rule"] is None
    assert "budget-amount" not in html  # a leader reads, but does not record


def test_overview_of_a_federation_without_workstation_says_so_and_offers_no_forms(client, cast):
    client.force_login(clerk(cast))
    response = client.get(reverse("funding:overview", args=["340102"]))
    assert response.status_code == 200
    assert response.context["workstation"] is None
    assert "budget-amount" not in response.content.decode()


def test_clerk_sets_a_budget_through_the_page(client, cast):
    station(cast, "340102")
    client.force_login(clerk(cast))
    response = client.post(
        reverse("funding:budget", args=["340102"]),
        {"budget-year": "2026", "budget-source": "fiscal", "budget-amount": "5000"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?year=2026")
    assert Budget.all_objects.get().amount == Decimal("5000")


def test_spending_without_budget_is_shown_again_with_the_error_and_the_input(client, cast):
    station(cast, "340102")
    client.force_login(clerk(cast))
    response = client.post(
        reverse("funding:expenditure", args=["340102"]) + "?year=2026",
        {
            "expenditure-spent_on": "2026-04-01",
            "expenditure-category": "training",
            "expenditure-amount": "77.50",
            "expenditure-note": "手语培训",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html
    assert "手语培训" in html
    assert "77.50" in html
    assert not Expenditure.all_objects.exists()


def test_filing_a_rule_in_the_future_through_the_page_is_refused(client, cast):
    station(cast, "340102")
    client.force_login(clerk(cast))
    response = client.post(
        reverse("funding:rule", args=["340102"]),
        {"rule-document_number": "X1", "rule-adopted_on": "2027-01-01"},
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not FinancialRule.all_objects.exists()


def overview_queries(client, cast):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("funding:overview", args=["340102"])).status_code == 200
    return len(queries)


def test_overview_query_count_does_not_grow_with_rows(client, cast, django_assert_max_num_queries):
    budget_of(cast)
    spend(cast)
    client.force_login(clerk(cast))
    few = overview_queries(client, cast)
    for year in (2022, 2023, 2024, 2025):
        budget_of(cast, year=year)
        for month in (1, 2, 3):
            spend(cast, spent_on=date(year, month, 1), category="premises")
    for month in range(1, 11):
        spend(cast, spent_on=date(2026, month, 2), category="publicity")
    file_financial_rule(
        station(cast, "340102"), actor=clerk(cast), document_number="A", adopted_on=TODAY
    )
    assert overview_queries(client, cast) == few, few
    with django_assert_max_num_queries(15):
        client.get(reverse("funding:overview", args=["340102"]))
