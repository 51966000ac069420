"""Staff screens for a workstation's funding: budget by source, spending by category, budget
against spend per year, the financial rule; and the forms that record them."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import requires
from accounts.roles import Capability
from lawstation.errors import DomainError
from regions.models import Region
from regions.selectors import region_in_scope
from workstations.forms.funding import BudgetForm, ExpenditureForm, FinancialRuleForm
from workstations.models import Workstation
from workstations.selectors.funding import (
    FIRST_SHOWN_YEAR,
    budget_against_spend,
    budgets_of,
    expenditures_of,
    financial_rule_of,
    spending_by_category,
    workstation_in,
)
from workstations.services.funding import file_financial_rule, record_expenditure, set_budget


@never_cache
@requires(Capability.WORKSTATION_VIEW)
def funding_overview(request: HttpRequest, code: str) -> HttpResponse:
    region = region_in_scope(request.scope, code)
    return _render(request, region, workstation_in(request.scope, region), _year(request))


@require_POST
@requires(Capability.WORKSTATION_EDIT)
def budget_set(request: HttpRequest, code: str) -> HttpResponse:
    region = region_in_scope(request.scope, code)
    workstation = workstation_in(request.scope, region)
    form = BudgetForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            set_budget(workstation, actor=request.user, **data)
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The budget was set."))
            return _back(region, data["year"])
    return _render(request, region, workstation, _year(request), budget_form=form)


@require_POST
@requires(Capability.WORKSTATION_EDIT)
def expenditure_record(request: HttpRequest, code: str) -> HttpResponse:
    region = region_in_scope(request.scope, code)
    workstation = workstation_in(request.scope, region)
    form = ExpenditureForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            record_expenditure(workstation, actor=request.user, **data)
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The expenditure was recorded."))
            return _back(region, data["spent_on"].year)
    return _render(request, region, workstation, _year(request), expenditure_form=form)


@require_POST
@requires(Capability.WORKSTATION_EDIT)
def rule_file(request: HttpRequest, code: str) -> HttpResponse:
    region = region_in_scope(request.scope, code)
    workstation = workstation_in(request.scope, region)
    form = FinancialRuleForm(request.POST)
    if form.is_valid():
        try:
            file_financial_rule(workstation, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The financial management rule was filed."))
            return _back(region, _year(request))
    return _render(request, region, workstation, _year(request), rule_form=form)


def _year(request: HttpRequest) -> int:
    """``?year=`` when it is a sensible year, else this year."""
    this_year = timezone.localdate().year
    text = request.GET.get("year", "")
    year = int(text) if text.isdigit() and len(text) == 4 else this_year
    return year if FIRST_SHOWN_YEAR <= year <= this_year + 1 else this_year


def _back(region: Region, year: int) -> HttpResponse:
    response = redirect("funding:overview", code=region.code)
    response["Location"] += f"?year={year}"
    return response


def _render(
    request: HttpRequest,
    region: Region,
    workstation: Workstation | None,
    year: int,
    **forms: object,
) -> HttpResponse:
    context: dict[str, object] = {"region": region, "workstation": workstation, "year": year}
    if workstation is not None:
        scope = request.scope
        context |= {
            "budgets": list(budgets_of(scope, workstation, year)),
            "spending": spending_by_category(scope, workstation, year),
            "expenditures": list(expenditures_of(scope, workstation, year)),
            "history": budget_against_spend(
                scope, workstation, max(year, timezone.localdate().year)
            ),
            "rule": financial_rule_of(scope, workstation),
            "budget_form": forms.get("budget_form") or BudgetForm(initial={"year": year}),
            "expenditure_form": forms.get("expenditure_form") or ExpenditureForm(),
            "rule_form": forms.get("rule_form") or FinancialRuleForm(),
            "previous_year": year - 1 if year > FIRST_SHOWN_YEAR else None,
            "next_year": year + 1 if year <= timezone.localdate().year else None,
        }
    return render(request, "workstations/funding_overview.html", context)
