"""Staff pages of the period reports: who has and has not submitted, a report with its figures
and history, and the POST steps (submit, return, accept, reopen, decide on a reopen request).

Each step parses its form, calls one service, and on a refusal shows the page again with the
message on the form; nothing is saved then."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import requires
from accounts.roles import Capability
from compliance.forms.assessments import show_error
from lawstation import periods
from lawstation.errors import DomainError
from stats.forms.submissions import (
    PeriodChoiceForm,
    ReopenDecisionForm,
    ReopenForm,
    ReturnForm,
    SubmitForm,
    VersionForm,
)
from stats.models import PeriodReport
from stats.selectors.figures import from_snapshot
from stats.selectors.submissions import (
    events_of,
    overview,
    pending_reopen,
    reopen_requests_of,
    report_in_scope,
)
from stats.services.reopening import can_decide_reopen, decide_reopen, request_reopen
from stats.services.submissions import (
    accept_report,
    check_decider,
    record_report_viewed,
    return_report,
    submit_report,
)

VIEW, SUBMIT, REVIEW = (
    Capability.STATISTICS_VIEW,
    Capability.STATISTICS_SUBMIT,
    Capability.STATISTICS_REVIEW,
)
Status = PeriodReport.Status
RESUBMITTABLE = (Status.RETURNED, Status.REOPENED)


def last_ended_quarter(today: Any) -> periods.Period:
    return periods.quarter(today.year, (today.month - 1) // 3 + 1).previous()


@never_cache
@requires(VIEW)
def report_list(request: HttpRequest) -> HttpResponse:
    return _list(request)


@require_POST
@requires(SUBMIT)
def report_submit(request: HttpRequest) -> HttpResponse:
    form = SubmitForm(request.POST)
    if not form.is_valid():
        return _list(request, submit_form=form)
    federation = request.membership.federation
    try:
        report = submit_report(
            federation,
            actor=request.user,
            period=form.cleaned_data["period"],
            expected_version=form.cleaned_data["version"],
        )
    except DomainError as error:
        show_error(form, error)
        text = form.cleaned_data["period"]
        shown = text if PeriodChoiceForm({"period": text}).is_valid() else ""
        return _list(request, submit_form=form, period_text=shown)
    if report.status == Status.ACCEPTED:
        done = _("The report for %(period)s was sent; it is final and the period is locked.")
    else:
        done = _("The report for %(period)s was submitted to %(above)s.")
    above = report.submitted_to.name if report.submitted_to else ""
    messages.success(request, done % {"period": report.period_key, "above": above})
    return redirect("submissions:detail", pk=report.pk)


@never_cache
@requires(VIEW)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_in_scope(request.scope, pk)
    record_report_viewed(report, actor=request.user)
    return _detail(request, report)


@require_POST
@requires(REVIEW)
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_in_scope(request.scope, pk)
    return _step(
        request,
        report,
        ("return_form", ReturnForm(request.POST)),
        lambda data: return_report(
            report,
            actor=request.user,
            reason=data["reason"],
            expected_version=data["version"],
        ),
        _("The report was returned with your reason."),
    )


@require_POST
@requires(REVIEW)
def report_accept(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_in_scope(request.scope, pk)
    return _step(
        request,
        report,
        ("accept_form", VersionForm(request.POST)),
        lambda data: accept_report(report, actor=request.user, expected_version=data["version"]),
        _("The report was accepted; its period is now locked."),
    )


@require_POST
@requires(SUBMIT)
def report_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_in_scope(request.scope, pk)
    return _step(
        request,
        report,
        ("reopen_form", ReopenForm(request.POST)),
        lambda data: request_reopen(
            report,
            actor=request.user,
            reason=data["reason"],
            expected_version=data["version"],
        ),
        _("Your request to reopen the period was sent."),
    )


@require_POST
@requires(REVIEW)
def reopen_decide(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_in_scope(request.scope, pk)
    form = ReopenDecisionForm(request.POST)
    pending = pending_reopen(report)
    if pending is None:
        form.is_valid()
        form.add_error(None, _("No request to reopen this report is waiting for a decision."))
        return _detail(request, report, decide_form=form)
    accept = form.data.get("decision") == ReopenDecisionForm.ACCEPT
    return _step(
        request,
        report,
        ("decide_form", form),
        lambda data: decide_reopen(
            pending,
            actor=request.user,
            accept=data["decision"] == ReopenDecisionForm.ACCEPT,
            note=data["note"],
            expected_version=data["version"],
        ),
        _("The period was reopened: the federation can correct and resubmit.")
        if accept
        else _("The request to reopen the period was refused."),
    )


def _step(
    request: HttpRequest,
    report: PeriodReport,
    named_form: tuple[str, Any],
    act: Any,
    done: str,
) -> HttpResponse:
    """One step on a report from its page: the form valid, the service called with its data;
    on success a message and back to the page, else the page again with the form's errors."""
    name, form = named_form
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, done)
            return redirect("submissions:detail", pk=report.pk)
    return _detail(request, report, **{name: form})


# --- Pages ----------------------------------------------------------------------------------


def _list(
    request: HttpRequest, *, submit_form: SubmitForm | None = None, period_text: str = ""
) -> HttpResponse:
    today = timezone.localdate()
    period_form = PeriodChoiceForm(
        {"period": period_text or request.GET.get("period") or last_ended_quarter(today).key}
    )
    period = (
        period_form.cleaned_data["period"] if period_form.is_valid() else last_ended_quarter(today)
    )
    federation = request.membership.federation
    view = overview(federation, period, today)
    own = view.own.report
    may_submit = (
        request.scope.can(SUBMIT)
        and period.has_ended(today)
        and (own is None or own.status in RESUBMITTABLE)
    )
    if may_submit and submit_form is None:
        submit_form = SubmitForm(
            initial={"period": period.key, "version": own.version if own else 0}
        )
    context = {
        "federation": federation,
        "period_form": period_form,
        "view": view,
        "period": period,
        "ended": period.has_ended(today),
        "submit_form": submit_form,
        "may_submit": may_submit,
        "quality_url": _quality_url(period),
        "quality_refused": submit_form is not None
        and any(e.code == "quality" for e in submit_form.non_field_errors().as_data()),
    }
    return render(request, "stats/submissions/list.html", context)


def _detail(request: HttpRequest, report: PeriodReport, **forms: Any) -> HttpResponse:
    user, scope = request.user, request.scope
    own = request.membership.federation_id == report.federation_id
    pending = pending_reopen(report)
    requests = reopen_requests_of(report)
    decider = scope.can(REVIEW) and _may_decide(report, user)
    context = {
        "report": report,
        "table": _table(report),
        "events": events_of(report),
        "requests": requests,
        "pending": pending,
        "own": own,
        "may_resubmit": own and scope.can(SUBMIT) and report.status in RESUBMITTABLE,
        "may_decide": decider and report.status == Status.SUBMITTED,
        "may_reopen": own
        and scope.can(SUBMIT)
        and report.status == Status.ACCEPTED
        and pending is None,
        "may_decide_reopen": pending is not None
        and scope.can(REVIEW)
        and can_decide_reopen(report, pending, user),
        "quality_url": _quality_url(periods.parse(report.period_key)),
    }
    initial = {"version": report.version}
    context["submit_form"] = forms.get("submit_form") or SubmitForm(
        initial={**initial, "period": report.period_key}
    )
    context["return_form"] = forms.get("return_form") or ReturnForm(initial=initial)
    context["accept_form"] = forms.get("accept_form") or VersionForm(initial=initial)
    context["reopen_form"] = forms.get("reopen_form") or ReopenForm(initial=initial)
    context["decide_form"] = forms.get("decide_form") or ReopenDecisionForm(initial=initial)
    context["refused"] = next((form for form in forms.values() if form.errors), None)
    return render(request, "stats/submissions/detail.html", context)


def _table(report: PeriodReport) -> Any:
    if not report.snapshot:
        return None
    return from_snapshot(report.region, periods.parse(report.period_key), report.snapshot)


def _may_decide(report: PeriodReport, user: Any) -> bool:
    try:
        check_decider(report, user)
    except DomainError:
        return False
    return True


def _quality_url(period: periods.Period) -> str:
    try:
        return reverse("quality:list") + f"?period={period.key}"
    except NoReverseMatch:  # the data-quality list is another part of issue 7
        return ""
