"""Referral pages: prepare one (with the routing suggestion), its detail with a form per next
step, the referral letter PDF, and the federation-wide list of overdue referrals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import requires
from accounts.roles import Capability
from cases import referral_rules as rules
from cases.forms.referrals import (
    AssignmentForm,
    ConsentForm,
    DecisionForm,
    KindForm,
    OutcomeForm,
    ReferralForm,
    SendForm,
    WithdrawForm,
)
from cases.models import Case, Referral
from cases.selectors.cases import case_in_scope_or_404, sub_object_or_404
from cases.selectors.referrals import (
    referral_candidates,
    referrals_overdue,
    routing_regions,
    suggest_partner,
)
from cases.services import referrals as services
from cases.services.referral_letters import referral_letter_pdf
from lawstation.errors import DomainError

VIEW = (Capability.CASE_VIEW, Capability.CASE_VIEW_ASSIGNED)
PAGE_SIZE = 50
Status = Referral.Status


@never_cache
@requires(Capability.CASE_EDIT)
def referral_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = case_in_scope_or_404(request.scope, case_pk)
    kind = request.POST.get("kind") or request.GET.get("kind", "")
    if kind not in rules.KINDS:
        form = KindForm(request.GET if "kind" in request.GET else None)
        context = {"case": case, "form": form, "case_url": _case_url(case)}
        return render(request, "cases/referral_kind.html", context)
    form = ReferralForm(
        request.POST or None,
        kind=kind,
        partners=referral_candidates(case, kind),
        regions=routing_regions(case),
        initial={"kind": kind},
    )
    suggestion = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        routing = {
            "is_litigation": data["is_litigation"],
            "is_mandatory_defence": data.get("is_mandatory_defence", False),
            "organ_region": data["organ_region"],
            "matter_region": data["matter_region"],
        }
        if "suggest" in request.POST:
            suggestion = suggest_partner(case, kind, **routing)
        else:
            try:
                referral = services.prepare_referral(
                    case,
                    actor=request.user,
                    kind=kind,
                    partner=data["partner"],
                    materials=data["materials"],
                    **routing,
                )
            except DomainError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The referral was prepared."))
                return redirect("referrals:detail", case_pk=case.pk, pk=referral.pk)
    context = {
        "case": case,
        "form": form,
        "kind_label": Referral.Kind(kind).label,
        "suggestion": suggestion,
        "case_url": _case_url(case),
    }
    return render(request, "cases/referral_form.html", context)


@never_cache
@requires(VIEW)
def referral_detail(request: HttpRequest, case_pk: int, pk: int) -> HttpResponse:
    case, referral = _fetch(request, case_pk, pk)
    return _detail(request, case, referral)


@never_cache
@requires(VIEW)
def referral_letter(request: HttpRequest, case_pk: int, pk: int) -> HttpResponse:
    case, referral = _fetch(request, case_pk, pk)
    content = referral_letter_pdf(referral, actor=request.user)
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"referral-{case.number}-{referral.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _step_view(
    name: str, form_class: type[forms.Form], call: Callable[..., Referral], done: Any
) -> Callable[..., HttpResponse]:
    """A POST view for one step: parse ``form_class``, call the service, redirect; on a
    mistake, the detail page again with the form as typed and its error."""

    @require_POST
    @requires(Capability.CASE_EDIT)
    def view(request: HttpRequest, case_pk: int, pk: int) -> HttpResponse:
        case, referral = _fetch(request, case_pk, pk)
        form = _fitted(form_class(request.POST, auto_id=f"id_{name}_%s"), referral)
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            if name == "assignment":
                data["decided_on"] = referral.decided_on
            try:
                call(referral, actor=request.user, expected_version=version, **data)
            except DomainError as error:
                form.add_error(None, error)
            else:
                messages.success(request, str(done))
                return redirect("referrals:detail", case_pk=case.pk, pk=referral.pk)
        return _detail(request, case, referral, bound={name: form})

    view.__name__ = f"referral_{name}"
    return view


referral_consent = _step_view(
    "consent",
    ConsentForm,
    services.record_consent,
    gettext_lazy("The applicant's consent was recorded."),
)
referral_send = _step_view(
    "send", SendForm, services.send_referral, gettext_lazy("The referral was recorded as sent.")
)
referral_decision = _step_view(
    "decision",
    DecisionForm,
    services.record_referral_decision,
    gettext_lazy("The decision was recorded."),
)
referral_assignment = _step_view(
    "assignment",
    AssignmentForm,
    services.record_referral_decision,
    gettext_lazy("The assigned lawyer was recorded."),
)
referral_withdraw = _step_view(
    "withdraw",
    WithdrawForm,
    services.withdraw_referral,
    gettext_lazy("The referral was withdrawn."),
)
referral_outcome = _step_view(
    "outcome",
    OutcomeForm,
    services.record_referral_outcome,
    gettext_lazy("The outcome was recorded."),
)


@never_cache
@requires(VIEW)
def overdue_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    page = Paginator(referrals_overdue(request.scope, today), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "cases/referral_overdue.html", {"page": page, "today": today})


# --- helpers --------------------------------------------------------------------------------


def _fetch(request: HttpRequest, case_pk: int, pk: int) -> tuple[Case, Referral]:
    case = case_in_scope_or_404(request.scope, case_pk)
    referral = sub_object_or_404(request.scope, Referral, case, pk)
    referral.case = case
    return case, referral


STEP_FORMS: dict[str, tuple[type[forms.Form], frozenset[str]]] = {
    "consent": (ConsentForm, frozenset({Status.PREPARED})),
    "send": (SendForm, frozenset({Status.PREPARED})),
    "decision": (DecisionForm, frozenset({Status.SENT})),
    "assignment": (AssignmentForm, frozenset({Status.ACCEPTED})),
    "withdraw": (WithdrawForm, frozenset({Status.PREPARED, Status.SENT, Status.ACCEPTED})),
    "outcome": (OutcomeForm, frozenset({Status.ACCEPTED, Status.REFUSED})),
}
DATE_FIELDS = {
    "consent": "consented_on",
    "send": "sent_on",
    "decision": "decided_on",
    "assignment": "assigned_on",
    "withdraw": "withdrawn_on",
    "outcome": "concluded_on",
}


def step_forms(
    referral: Referral, bound: dict[str, forms.Form] | None = None
) -> dict[str, forms.Form]:
    """The forms for the steps ``referral`` can take next (bound ones as the user typed them)."""
    bound = bound or {}
    today = timezone.localdate()
    steps: dict[str, forms.Form] = {}
    for name, (form_class, states) in STEP_FORMS.items():
        if referral.status not in states or not _step_applies(name, referral):
            continue
        initial: dict[str, Any] = {"version": referral.version, DATE_FIELDS[name]: today}
        if name == "assignment":
            initial["accepted"] = "yes"
        steps[name] = bound.get(name) or _fitted(
            form_class(initial=initial, auto_id=f"id_{name}_%s"), referral
        )
    return steps


def _fitted(form: forms.Form, referral: Referral) -> forms.Form:
    """Only a legal aid institution assigns a lawyer: other decisions do not ask for one."""
    if isinstance(form, DecisionForm) and referral.kind != rules.LEGAL_AID:
        del form.fields["assigned_lawyer"], form.fields["assigned_on"]
    return form


def _step_applies(name: str, referral: Referral) -> bool:
    if name == "consent":
        return referral.consented_on is None
    if name == "send":
        return referral.consented_on is not None
    if name == "assignment":
        return referral.kind == rules.LEGAL_AID and referral.assigned_on is None
    return True


def _detail(
    request: HttpRequest,
    case: Case,
    referral: Referral,
    bound: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    can_edit = request.scope.can(Capability.CASE_EDIT)
    context = {
        "case": case,
        "referral": referral,
        "partner": referral.partner,
        "steps": step_forms(referral, bound) if can_edit else {},
        "materials": [
            (label, code in (referral.materials or []))
            for code, label in rules.materials_for(referral.kind)
        ],
        "case_url": _case_url(case),
    }
    return render(request, "cases/referral_detail.html", context)


def _case_url(case: Case) -> str:
    """The case page (while it is being written, the case list)."""
    try:
        return reverse("cases:detail", args=[case.pk])
    except NoReverseMatch:
        return reverse("cases:list")
