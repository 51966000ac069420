"""The counter: a new request for help, the list of requests, one request and its decision."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import requires
from accounts.roles import Capability
from audit.services import record
from cases.forms.intake import ApplicantSearchForm, ConsultationForm, IntakeForm, RegisterForm
from cases.models import Applicant, Intake
from cases.selectors.intake import (
    applicant_in_scope,
    applicants_matching,
    intake_in_scope_or_404,
    intakes_within,
)
from cases.services.intake import close_as_consultation, receive_and_decide, register_case
from lawstation.errors import DomainError

PAGE_SIZE = 50


@never_cache
@requires(Capability.CASE_EDIT)
def intake_new(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    query = data.get("q", "")[:64]
    applicants = _candidates(request, query, data.get("applicant"))
    if request.method == "POST":
        form = IntakeForm(request.POST, applicants=applicants)
        if form.is_valid():
            try:
                intake = receive_and_decide(
                    request.membership.federation, actor=request.user, **form.service_arguments()
                )
            except DomainError as error:
                form.add_error(None, error)
            else:
                return _after_intake(request, intake)
    else:
        wanted = str(data.get("applicant", ""))
        chosen = wanted if any(str(a.pk) == wanted for a in applicants) else ""
        form = IntakeForm(initial={"q": query, "applicant": chosen}, applicants=applicants)
    return render(
        request,
        "cases/intake_form.html",
        {
            "form": form,
            "search": ApplicantSearchForm(initial={"q": query}),
            "query": query,
            "applicant_count": len(applicants),
        },
    )


@never_cache
@requires(Capability.CASE_VIEW)
def intake_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(intakes_within(request.scope), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/intake_list.html", {"page": page})


@never_cache
@requires(Capability.CASE_VIEW)
def intake_detail(request: HttpRequest, pk: int) -> HttpResponse:
    intake = intake_in_scope_or_404(request.scope, pk)
    record("intake.viewed", intake, actor=request.user)
    return _detail(request, intake)


@require_POST
@requires(Capability.CASE_EDIT)
def intake_consultation(request: HttpRequest, pk: int) -> HttpResponse:
    intake = intake_in_scope_or_404(request.scope, pk)
    form = ConsultationForm(request.POST)
    if form.is_valid():
        try:
            close_as_consultation(intake, actor=request.user, answer=form.cleaned_data["answer"])
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The request was closed as a consultation."))
            return redirect("intake:detail", pk=intake.pk)
    return _detail(request, intake, consultation_form=form)


@require_POST
@requires(Capability.CASE_EDIT)
def intake_register(request: HttpRequest, pk: int) -> HttpResponse:
    intake = intake_in_scope_or_404(request.scope, pk)
    query = request.POST.get("q", "")[:64]
    applicants = _candidates(request, query, request.POST.get("applicant"))
    form = RegisterForm(request.POST, applicants=applicants)
    if form.is_valid():
        try:
            case = register_case(
                intake,
                actor=request.user,
                applicant=form.cleaned_data["applicant"],
                matter=form.cleaned_data["matter"],
                matter_category=form.cleaned_data["matter_category"],
            )
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Case %(number)s was registered.") % {"number": case})
            return redirect("cases:detail", pk=case.pk)
    return _detail(request, intake, register_form=form, query=query)


def _detail(
    request: HttpRequest,
    intake: Intake,
    *,
    consultation_form: ConsultationForm | None = None,
    register_form: RegisterForm | None = None,
    query: str | None = None,
) -> HttpResponse:
    if query is None:
        query = request.GET.get("q", "")[:64]
    if register_form is None:
        applicants = _candidates(request, query, intake.applicant_id)
        register_form = RegisterForm(
            initial={
                "matter": intake.in_own_words,
                "applicant": str(intake.applicant_id or ""),
                "q": query,
            },
            applicants=applicants,
        )
    return render(
        request,
        "cases/intake_detail.html",
        {
            "intake": intake,
            "is_pending": intake.outcome == Intake.Outcome.PENDING,
            "consultation_form": consultation_form or ConsultationForm(),
            "register_form": register_form,
            "search": ApplicantSearchForm(initial={"q": query}),
            "query": query,
        },
    )


def _candidates(request: HttpRequest, query: str, chosen: object) -> list[Applicant]:
    """The applicants the form offers: the one already chosen, then those matching the search."""
    found = applicants_matching(request.scope, query, actor=request.user)
    first = applicant_in_scope(request.scope, chosen)
    if first is None:
        return found
    return [first, *(applicant for applicant in found if applicant.pk != first.pk)]


def _after_intake(request: HttpRequest, intake: Intake) -> HttpResponse:
    is_case = intake.outcome == Intake.Outcome.CASE
    if intake.is_repeat:
        messages.info(
            request,
            _("This form had already been sent: here is the record it made the first time."),
        )
    elif is_case:
        messages.success(request, _("Case %(number)s was registered.") % {"number": intake.case})
    elif intake.outcome == Intake.Outcome.CONSULTATION:
        messages.success(request, _("The request was closed as a consultation."))
    else:
        messages.success(request, _("The request was recorded; decide on it below."))
    if is_case:
        return redirect("cases:detail", pk=intake.case.pk)
    return redirect("intake:detail", pk=intake.pk)
