"""Closing, archiving, return visits and complaints of one case.

Each view parses its form, calls one service and goes back to the case page; a refusal is shown
on the form's own page with what the user typed. The case page's partials
(``cases/_detail_closure.html``, ``cases/_detail_followups.html``) post here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.permissions import requires
from accounts.roles import Capability
from cases import archive_rules
from cases.forms.closure import (
    ArchiveForm,
    CloseForm,
    ComplaintForm,
    ResolveComplaintForm,
    ReturnVisitForm,
    ScheduleVisitForm,
)
from cases.models import Case, Complaint, ReturnVisit
from cases.selectors.cases import case_in_scope_or_404, sub_object_or_404
from cases.selectors.closure import case_file_facts, return_visits_of
from cases.services.closure import archive_case, close_case
from cases.services.followups import (
    record_complaint,
    record_return_visit,
    resolve_complaint,
    schedule_return_visit,
)
from lawstation.errors import DomainError

TEMPLATE = "cases/case_action_form.html"
GET_POST = require_http_methods(["GET", "POST"])


def handle(
    request: HttpRequest,
    case: Case,
    form: forms.Form,
    call: Callable[[dict[str, Any]], Any],
    *,
    done: str,
    page: dict[str, Any],
) -> HttpResponse:
    """Run ``call`` on a valid POST and go back to the case; otherwise show the form's page."""
    if request.method == "POST" and form.is_valid():
        try:
            call(dict(form.cleaned_data))
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect("cases:detail", pk=case.pk)
    return render(request, page.pop("template", TEMPLATE), {"case": case, "form": form, **page})


@never_cache
@GET_POST
@requires(Capability.CASE_EDIT)
def close(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = case_in_scope_or_404(request.scope, case_pk)
    form = CloseForm(request.POST or None, initial={"version": case.version}, auto_id="close_%s")

    def call(data: dict[str, Any]) -> Case:
        version = data.pop("version")
        return close_case(case, actor=request.user, expected_version=version, **data)

    return handle(
        request,
        case,
        form,
        call,
        done=_("The case was closed and its return visit scheduled."),
        page={"title": _("Close the case"), "submit": _("Close the case")},
    )


@never_cache
@GET_POST
@requires(Capability.CASE_EDIT)
def archive(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = case_in_scope_or_404(request.scope, case_pk)
    form = ArchiveForm(
        request.POST or None,
        initial={"version": case.version, "is_confidential": case.is_confidential},
        auto_id="archive_%s",
    )
    confirmed = set(request.POST.getlist("confirmed")) if request.method == "POST" else set()
    items = archive_rules.checklist(case_file_facts(case), confirmed)

    def call(data: dict[str, Any]) -> Case:
        return archive_case(
            case,
            actor=request.user,
            checklist=set(data["confirmed"]),
            is_confidential=data["is_confidential"],
            expected_version=data["version"],
        )

    return handle(
        request,
        case,
        form,
        call,
        done=_("The file was archived."),
        page={"title": _("Archive the file"), "submit": _("Archive the file"), "items": items},
    )


@never_cache
@GET_POST
@requires(Capability.CASE_EDIT)
def visit_schedule(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = case_in_scope_or_404(request.scope, case_pk)
    form = ScheduleVisitForm(request.POST or None, auto_id="schedule_%s")
    return handle(
        request,
        case,
        form,
        lambda data: schedule_return_visit(case, actor=request.user, **data),
        done=_("The return visit was scheduled."),
        page={"title": _("Schedule a return visit"), "submit": _("Schedule")},
    )


@never_cache
@GET_POST
@requires(Capability.CASE_EDIT)
def visit_record(request: HttpRequest, case_pk: int, pk: int) -> HttpResponse:
    case = case_in_scope_or_404(request.scope, case_pk)
    visit = sub_object_or_404(request.scope, ReturnVisit, case, pk)
    form = ReturnVisitForm(request.POST or None, auto_id=f"visit{visit.pk}_%s")
    return handle(
        request,
        case,
        form,
        lambda data: record_return_visit(visit, actor=request.user, **data),
        done=_("The return visit was recorded."),
        page={"title": _("Record the return visit"), "submit": _("Record the visit")},
    )


@never_cache
@GET_POST
@requires(Capability.CASE_EDIT)
def complaint_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = case_in_scope_or_404(request.scope, case_pk)
    visits = {visit.pk: visit for visit in return_visits_of(request.scope, case)}
    form = ComplaintForm(request.POST or None, visits=visits.values(), auto_id="complaint_%s")

    def call(data: dict[str, Any]) -> Complaint:
        data["return_visit"] = visits.get(data["return_visit"])
        return record_complaint(case, actor=request.user, **data)

    return handle(
        request,
        case,
        form,
        call,
        done=_("The complaint was recorded and flagged for a supervisor's review."),
        page={"title": _("Record a complaint"), "submit": _("Record the complaint")},
    )


@never_cache
@GET_POST
@requires(Capability.CASE_EDIT)
def complaint_resolve(request: HttpRequest, case_pk: int, pk: int) -> HttpResponse:
    case = case_in_scope_or_404(request.scope, case_pk)
    complaint = sub_object_or_404(request.scope, Complaint, case, pk)
    form = ResolveComplaintForm(request.POST or None, auto_id=f"resolve{complaint.pk}_%s")
    return handle(
        request,
        case,
        form,
        lambda data: resolve_complaint(complaint, actor=request.user, **data),
        done=_("The complaint was recorded as resolved."),
        page={
            "title": _("Resolve the complaint"),
            "submit": _("Record as resolved"),
            "complaint": complaint,
        },
    )
