"""Reads of a workstation's funding, always within a scope; totals are summed in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.db.models.functions import ExtractYear

from regions.models import Region
from regions.scoping import Scope, activate
from workstations.models import Budget, Expenditure, FinancialRule, Workstation

YEARS_SHOWN = 5
FIRST_SHOWN_YEAR = 2000
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class YearFunding:
    year: int
    budget: Decimal
    spent: Decimal

    @property
    def balance(self) -> Decimal:
        return self.budget - self.spent

    @property
    def overspent(self) -> bool:
        return self.spent > self.budget


def workstation_in(scope: Scope, region: Region) -> Workstation | None:
    """The workstation of ``region``'s federation, or ``None`` when it has none (or the region
    lies outside the scope)."""
    with activate(scope):
        workstations = Workstation.objects.filter(federation__region=region)
    return workstations.select_related("federation__region").first()


def budgets_of(scope: Scope, workstation: Workstation, year: int) -> QuerySet[Budget]:
    """The workstation's budget rows of ``year``, one per source."""
    with activate(scope):
        return Budget.objects.filter(workstation=workstation, year=year).order_by("source")


def spending_by_category(scope: Scope, workstation: Workstation, year: int) -> list[dict]:
    """``[{"category", "label", "total"}]`` for ``year``, one row per category with spending."""
    with activate(scope):
        expenditures = Expenditure.objects.filter(workstation=workstation, spent_on__year=year)
    labels = dict(Expenditure.Category.choices)
    rows = (
        expenditures.order_by()
        .values("category")
        .annotate(total=Sum("amount"))
        .order_by("category")
    )
    return [{**row, "label": labels.get(row["category"], row["category"])} for row in rows]


def expenditures_of(
    scope: Scope, workstation: Workstation, year: int, limit: int = 100
) -> QuerySet[Expenditure]:
    """The latest ``limit`` expenditures of ``year``, newest first."""
    with activate(scope):
        expenditures = Expenditure.objects.filter(workstation=workstation, spent_on__year=year)
    return expenditures.order_by("-spent_on", "-id")[:limit]


def budget_against_spend(
    scope: Scope, workstation: Workstation, last_year: int, years: int = YEARS_SHOWN
) -> list[YearFunding]:
    """Budget and spending per year for the ``years`` years up to ``last_year``, newest first:
    two GROUP BY queries, whatever the number of rows."""
    first_year = last_year - years + 1
    with activate(scope):
        budgets = Budget.objects.filter(
            workstation=workstation, year__gte=first_year, year__lte=last_year
        )
        expenditures = Expenditure.objects.filter(
            workstation=workstation, spent_on__year__gte=first_year, spent_on__year__lte=last_year
        )
    budgeted = dict(
        budgets.order_by().values("year").annotate(total=Sum("amount")).values_list("year", "total")
    )
    spent = dict(
        expenditures.order_by()
        .annotate(year=ExtractYear("spent_on"))
        .values("year")
        .annotate(total=Sum("amount"))
        .values_list("year", "total")
    )
    return [
        YearFunding(year=year, budget=budgeted.get(year) or ZERO, spent=spent.get(year) or ZERO)
        for year in range(last_year, first_year - 1, -1)
    ]


def financial_rule_of(scope: Scope, workstation: Workstation) -> FinancialRule | None:
    """The financial management rule on file (the latest adopted), or ``None``."""
    with activate(scope):
        rules = FinancialRule.objects.filter(workstation=workstation)
    return rules.order_by("-adopted_on", "-id").first()
