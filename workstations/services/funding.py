"""Writes to a workstation's funding (经费保障): yearly budgets by source, expenditures, and the
financial management rule on file. Every one atomic and audited.

An expenditure needs a budget for its year: spending without a budget is a sign of a mistyped
date or a budget not yet entered, and the budget-against-spend view would be meaningless.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import record
from lawstation.errors import DomainError
from regions.scoping import RegionCodes
from workstations.models import Budget, Expenditure, FinancialRule, Workstation

FIRST_YEAR = 2000


@transaction.atomic
def set_budget(
    workstation: Workstation | None, *, actor: User, year: int, source: str, amount: Decimal
) -> Budget:
    """Set the budget of ``workstation`` from ``source`` in ``year``: one row per year and
    source; setting it again changes that row."""
    require_workstation(workstation)
    _check_year(year)
    if source not in Budget.Source.values:
        raise DomainError(_("Choose a source of funding from the list."), code="source")
    if amount is None or amount < 0:
        raise DomainError(_("A budget cannot be negative."), code="negative")
    budget = (
        Budget.all_objects.select_for_update()
        .filter(workstation=workstation, year=year, source=source)
        .first()
    )
    changes: dict = {"amount": [_money(budget.amount) if budget else None, _money(amount)]}
    if budget is None:
        budget = Budget(workstation=workstation, year=year, source=source, amount=amount)
        file_under(budget, workstation)
        changes.update(year=[None, year], source=[None, source])
    budget.amount = amount
    budget.save()
    record("budget.set", budget, actor=actor, changes=changes)
    return budget


@transaction.atomic
def record_expenditure(
    workstation: Workstation | None,
    *,
    actor: User,
    spent_on: date,
    category: str,
    amount: Decimal,
    note: str = "",
) -> Expenditure:
    """Record money spent by ``workstation``; refused in a year with no budget."""
    require_workstation(workstation)
    if spent_on > timezone.localdate():
        raise DomainError(_("The date of an expenditure cannot be in the future."), code="future")
    if category not in Expenditure.Category.values:
        raise DomainError(_("Choose a category from the list."), code="category")
    if amount is None or amount <= 0:
        raise DomainError(_("An expenditure must be more than zero."), code="not_positive")
    note = (note or "").strip()
    if len(note) > 200:
        raise DomainError(_("The note is longer than 200 characters."), code="note")
    if not Budget.all_objects.filter(workstation=workstation, year=spent_on.year).exists():
        raise DomainError(
            _("There is no budget for %(year)s. Set the budget for that year first.")
            % {"year": spent_on.year},
            code="no_budget",
        )
    expenditure = Expenditure(
        workstation=workstation, spent_on=spent_on, category=category, amount=amount, note=note
    )
    file_under(expenditure, workstation)
    expenditure.save()
    record(
        "expenditure.recorded",
        expenditure,
        actor=actor,
        changes={
            "spent_on": [None, spent_on.isoformat()],
            "category": [None, category],
            "amount": [None, _money(amount)],
            "note": [None, note],
        },
    )
    return expenditure


@transaction.atomic
def file_financial_rule(
    workstation: Workstation | None, *, actor: User, document_number: str, adopted_on: date
) -> FinancialRule:
    """Put the workstation's financial management rule (its document) on file."""
    require_workstation(workstation)
    document_number = (document_number or "").strip()
    if not document_number:
        raise DomainError(_("Give the document number of the rule."), code="document")
    if len(document_number) > 64:
        raise DomainError(_("The document number is longer than 64 characters."), code="long")
    if adopted_on > timezone.localdate():
        raise DomainError(
            _("The date the rule was adopted cannot be in the future."), code="future"
        )
    rule = FinancialRule(
        workstation=workstation, document_number=document_number, adopted_on=adopted_on
    )
    file_under(rule, workstation)
    rule.save()
    record(
        "financial_rule.filed",
        rule,
        actor=actor,
        changes={
            "document_number": [None, document_number],
            "adopted_on": [None, adopted_on.isoformat()],
        },
    )
    return rule


def file_under(row: RegionCodes, workstation: Workstation) -> None:
    """File ``row`` under the workstation's region codes (set when the workstation was)."""
    row.province_code = workstation.province_code
    row.city_code = workstation.city_code
    row.county_code = workstation.county_code


def require_workstation(workstation: Workstation | None) -> None:
    if workstation is None:
        raise DomainError(
            _("This federation has no workstation yet; record the workstation first."),
            code="no_workstation",
        )


def _check_year(year: int) -> None:
    latest = timezone.localdate().year + 1
    if year is None or not FIRST_YEAR <= year <= latest:
        raise DomainError(
            _("The year must be between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": latest},
            code="year",
        )


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{Decimal(amount):.2f}"
