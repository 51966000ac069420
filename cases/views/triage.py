"""Triage pages: the facts of a case, the suggestions they support, and the clerk's decision."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import requires
from accounts.roles import Capability
from audit.services import record
from cases.forms.triage import DecisionForm, TriageFactsForm, facts_initial
from cases.models import Case
from cases.selectors.cases import case_in_scope_or_404
from cases.selectors.policy import policy_for
from cases.services.decisions import decide_case, triage_case
from lawstation.errors import DomainError


@never_cache
@requires(Capability.CASE_EDIT)
def triage_page(request: HttpRequest, case_pk: int) -> HttpResponse:
    """GET shows the facts, suggestions and decision; POST stores new facts."""
    case = case_in_scope_or_404(request.scope, case_pk)
    if request.method != "POST":
        record("case.viewed", case, actor=request.user, changes={"page": [None, "triage"]})
        return _page(request, case)
    form = TriageFactsForm(request.POST)
    if form.is_valid():
        try:
            triage_case(
                case,
                actor=request.user,
                facts=form.facts(),
                expected_version=form.cleaned_data["version"],
            )
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The suggestions were worked out from these facts."))
            return redirect(reverse("triage:page", args=[case.pk]) + "#suggestions")
    return _page(request, case, facts_form=form)


@require_POST
@requires(Capability.CASE_EDIT)
def triage_decide(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = case_in_scope_or_404(request.scope, case_pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            decide_case(
                case,
                actor=request.user,
                decision=data["decision"],
                override_reason=data["override_reason"],
                deadline_on=data["deadline_on"],
                expected_version=data["version"],
            )
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect("triage:page", case_pk=case.pk)
    return _page(request, case, decision_form=form)


def _page(
    request: HttpRequest,
    case: Case,
    *,
    facts_form: TriageFactsForm | None = None,
    decision_form: DecisionForm | None = None,
) -> HttpResponse:
    if facts_form is None:
        facts_form = TriageFactsForm(initial={**facts_initial(case), "version": case.version})
    if decision_form is None:
        decision_form = DecisionForm(initial=_decision_initial(case))
    return render(
        request,
        "cases/triage.html",
        {
            "case": case,
            "facts_form": facts_form,
            "decision_form": decision_form,
            "policy": policy_for(case.province_code),
        },
    )


def _decision_initial(case: Case) -> dict:
    """The stored decision, else what the first decision suggested points to."""
    first = next(
        (s.get("decision", "") for s in case.triage_suggestions if not s.get("is_prompt")), ""
    )
    return {
        "decision": case.decision or first,
        "override_reason": case.decision_override_reason,
        "deadline_on": case.deadline_on or case.triage_facts.get("time_limit_on"),
        "version": case.version,
    }
