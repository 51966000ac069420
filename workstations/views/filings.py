"""Staff screens for filings: a federation files its daily-management person with the level
above, which accepts it or returns it with a reason."""

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
from lawstation.errors import DomainError
from people.selectors import active_people_of, workstation_of
from workstations.forms.filings import FilingForm, ReturnForm
from workstations.models import Filing
from workstations.selectors.filings import (
    federation_above,
    filing_gaps,
    filing_in_scope,
    filings_of,
    versions_of,
)
from workstations.services.filings import accept_filing, return_filing, submit_filing

PAGE_SIZE = 50


@never_cache
@requires(Capability.WORKSTATION_VIEW)
def filing_list(request: HttpRequest) -> HttpResponse:
    federation = request.membership.federation
    filings = filings_of(request.scope, federation)
    page = Paginator(filings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "workstations/filing_list.html", {"federation": federation, "page": page}
    )


@never_cache
@requires(Capability.WORKSTATION_VIEW)
def filing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    filing = filing_in_scope(request.scope, pk)
    return _render_detail(request, filing, ReturnForm())


@never_cache
@requires(Capability.WORKSTATION_EDIT)
def filing_submit(request: HttpRequest) -> HttpResponse:
    federation = request.membership.federation
    workstation = workstation_of(request.scope, federation)
    people = active_people_of(request.scope, federation)
    initial = {"person": workstation.daily_manager_id} if workstation else {}
    form = FilingForm(request.POST or None, people=people, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            filing = submit_filing(
                federation, actor=request.user, person=form.cleaned_data["person"]
            )
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The filing was submitted."))
            return redirect("filings:detail", pk=filing.pk)
    return render(
        request,
        "workstations/filing_submit.html",
        {"federation": federation, "above": federation_above(federation), "form": form},
    )


@require_POST
@requires(Capability.WORKSTATION_EDIT)
def filing_accept(request: HttpRequest, pk: int) -> HttpResponse:
    filing = filing_in_scope(request.scope, pk)
    try:
        accept_filing(filing, actor=request.user)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The filing was accepted."))
    return redirect("filings:detail", pk=pk)


@require_POST
@requires(Capability.WORKSTATION_EDIT)
def filing_return(request: HttpRequest, pk: int) -> HttpResponse:
    filing = filing_in_scope(request.scope, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, filing, form)
    try:
        return_filing(filing, actor=request.user, reason=form.cleaned_data["reason"])
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The filing was returned with your reason."))
    return redirect("filings:detail", pk=pk)


@never_cache
@requires(Capability.WORKSTATION_VIEW)
def filing_gap_list(request: HttpRequest) -> HttpResponse:
    federation = request.membership.federation
    gaps = filing_gaps(request.scope, federation)
    return render(
        request, "workstations/filing_gaps.html", {"federation": federation, "gaps": gaps}
    )


def _render_detail(request: HttpRequest, filing: Filing, return_form: ReturnForm) -> HttpResponse:
    can_decide = (
        request.scope.can(Capability.WORKSTATION_EDIT)
        and filing.status == Filing.Status.SUBMITTED
        and request.membership.federation_id == filing.filed_with_id
    )
    return render(
        request,
        "workstations/filing_detail.html",
        {
            "filing": filing,
            "versions": versions_of(request.scope, filing),
            "can_decide": can_decide,
            "return_form": return_form,
        },
    )
