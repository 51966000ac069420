"""The risk register of a federation and below, and raising and reviewing flags on a case."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.permissions import requires
from accounts.roles import Capability
from cases.forms.risks import RaiseRiskForm, RegisterFilterForm, ReviewRiskForm
from cases.selectors.cases import case_in_scope_or_404
from cases.selectors.risks import risk_in_scope_or_404, risk_register
from cases.services.risks import raise_risk, review_risk
from cases.views.closure import GET_POST, handle

PAGE_SIZE = 50


@never_cache
@requires((Capability.CASE_VIEW, Capability.CASE_VIEW_ASSIGNED))
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None)
    open_only = bool(form.is_valid() and form.cleaned_data["open_only"])
    flags = risk_register(request.scope, open_only=open_only)
    page = Paginator(flags, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/risk_register.html",
        {"form": form, "page": page, "open_only": open_only},
    )


@never_cache
@GET_POST
@requires(Capability.CASE_EDIT)
def raise_flag(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = case_in_scope_or_404(request.scope, case_pk)
    form = RaiseRiskForm(request.POST or None, auto_id="risk_%s")
    return handle(
        request,
        case,
        form,
        lambda data: raise_risk(case, actor=request.user, **data),
        done=_("The risk was flagged for a supervisor's review."),
        page={"title": _("Flag a risk"), "submit": _("Flag the risk")},
    )


@never_cache
@GET_POST
@requires(Capability.RISK_REVIEW)
def review(request: HttpRequest, pk: int) -> HttpResponse:
    flag = risk_in_scope_or_404(request.scope, pk)
    form = ReviewRiskForm(request.POST or None, auto_id=f"review{flag.pk}_%s")

    def call(data: dict[str, Any]) -> Any:
        return review_risk(flag, actor=request.user, note=data["note"])

    return handle(
        request,
        flag.case,
        form,
        call,
        done=_("The review was recorded."),
        page={"title": _("Review the risk"), "submit": _("Record the review"), "flag": flag},
    )
