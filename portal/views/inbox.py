"""The staff inbox of online requests for help: the list, one request, and its three decisions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import requires
from accounts.roles import Capability
from audit.services import record
from cases.forms.intake import ApplicantSearchForm
from cases.models import CommunicationNeed, DisabilityCategory
from lawstation.errors import DomainError
from portal.forms.inbox import ANY_STATUS, DeclineForm, InboxFilterForm, RegisterForm, TakeUpForm
from portal.models import HelpRequest
from portal.notify import channel_for
from portal.references import display_reference
from portal.selectors.inbox import (
    AREA,
    answer_due,
    applicants_for,
    help_request_in_scope_or_404,
    help_requests_within,
    inbox_page,
    is_overdue,
)
from portal.services.handling import (
    decline_help_request,
    declined_reason_parts,
    register_help_request,
    take_up_help_request,
)
from regions.models import Level


@never_cache
@requires(Capability.CASE_VIEW)
def inbox_list(request: HttpRequest) -> HttpResponse:
    chosen = InboxFilterForm(request.GET).filters()
    federation = getattr(getattr(request, "membership", None), "federation", None)
    requests = help_requests_within(request.scope, federation, **chosen)
    page = inbox_page(requests, request.GET.get("after"))
    rows = [_row(help_request) for help_request in page.rows]
    return render(
        request,
        "portal/inbox/list.html",
        {
            "filters": InboxFilterForm(
                initial={**chosen, "status": chosen["status"] or ANY_STATUS}
            ),
            "chosen": chosen,
            "is_area": chosen["area"] == AREA,
            "rows": rows,
            "page": page,
            "can_widen": request.scope.level != Level.COUNTY,
        },
    )


@never_cache
@requires(Capability.CASE_VIEW)
def inbox_detail(request: HttpRequest, pk: int) -> HttpResponse:
    help_request = help_request_in_scope_or_404(request.scope, pk)
    record("help_request.viewed", help_request, actor=request.user)
    return _detail(request, help_request)


@never_cache
@require_POST
@requires(Capability.CASE_EDIT)
def take_up(request: HttpRequest, pk: int) -> HttpResponse:
    help_request = help_request_in_scope_or_404(request.scope, pk)
    form = TakeUpForm(request.POST)
    if form.is_valid():
        try:
            intake = take_up_help_request(
                help_request, actor=request.user, version=form.cleaned_data["version"]
            )
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Taken up: decide on the request below (close it or register a case)."),
            )
            return redirect("intake:detail", pk=intake.pk)
    return _detail(request, help_request, take_up_form=_stale_if_bad(form))


@never_cache
@require_POST
@requires(Capability.CASE_EDIT)
def register(request: HttpRequest, pk: int) -> HttpResponse:
    help_request = help_request_in_scope_or_404(request.scope, pk)
    query = request.POST.get("q", "")[:64]
    applicants = applicants_for(
        help_request, request.scope, query, request.POST.get("applicant"), actor=request.user
    )
    form = RegisterForm(request.POST, applicants=applicants)
    if form.is_valid():
        try:
            case = register_help_request(
                help_request,
                actor=request.user,
                version=form.cleaned_data["version"],
                applicant=form.cleaned_data["applicant"],
                matter_category=form.cleaned_data["matter_category"],
            )
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Case %(number)s was registered.") % {"number": case})
            return redirect("cases:detail", pk=case.pk)
    return _detail(request, help_request, register_form=_stale_if_bad(form), query=query)


@never_cache
@require_POST
@requires(Capability.CASE_EDIT)
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    help_request = help_request_in_scope_or_404(request.scope, pk)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            decline_help_request(
                help_request,
                actor=request.user,
                version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
                detail=form.cleaned_data["detail"],
            )
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The request was declined."))
            return redirect("webrequests:detail", pk=help_request.pk)
    return _detail(request, help_request, decline_form=_stale_if_bad(form))


# --- Pages ----------------------------------------------------------------------------------


def _detail(
    request: HttpRequest,
    help_request: HelpRequest,
    *,
    take_up_form: forms.Form | None = None,
    register_form: RegisterForm | None = None,
    decline_form: DeclineForm | None = None,
    query: str | None = None,
) -> HttpResponse:
    if query is None:
        query = request.GET.get("q", "")[:64]
    version = {"version": help_request.version}
    if register_form is None:
        applicants = applicants_for(help_request, request.scope, query, None, actor=request.user)
        register_form = RegisterForm(initial={**version, "q": query}, applicants=applicants)
    label, detail = declined_reason_parts(help_request.declined_reason)
    return render(
        request,
        "portal/inbox/detail.html",
        {
            "help_request": help_request,
            "row": _row(help_request),
            "is_new": help_request.status == HelpRequest.Status.NEW,
            "route": channel_for(help_request),
            "disabilities": _labels(DisabilityCategory, help_request.disability_categories),
            "take_up_form": take_up_form or TakeUpForm(initial=version),
            "register_form": register_form,
            "decline_form": decline_form or DeclineForm(initial=version),
            "search": ApplicantSearchForm(initial={"q": query}),
            "query": query,
            "declined_label": label,
            "declined_detail": detail,
        },
    )


def _row(help_request: HelpRequest) -> dict[str, Any]:
    """What the list (and the detail's summary) shows of a request, without personal data."""
    needs = _labels(CommunicationNeed, help_request.communication_needs)
    if help_request.needs_other:
        needs.append(_("Other needs"))
    return {
        "request": help_request,
        "reference": display_reference(help_request.reference),
        "needs": needs,
        "is_overdue": is_overdue(help_request),
        "due": answer_due(help_request.submitted_at),
    }


def _labels(choices: Any, codes: list[str]) -> list[str]:
    return [str(choices(code).label) for code in codes or [] if code in choices.values]


def _stale_if_bad(form: forms.Form) -> forms.Form:
    """A missing or garbled version is a stale form: say so plainly, not "field required"."""
    if "version" in form.errors:
        del form.errors["version"]
        form.add_error(None, _("This form has expired: reload the page and try again."))
    return form
