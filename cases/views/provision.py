"""Staff pages for the services on a case: record one, see and edit it, add a mediation session
or an access arrangement, and draft a document from a template."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.permissions import requires
from accounts.roles import Capability
from cases.forms.provision import (
    AccommodationForm,
    DraftForm,
    ServiceEditForm,
    ServiceForm,
    SessionForm,
)
from cases.models import Case, Service
from cases.selectors.cases import case_in_scope_or_404, sub_object_or_404
from cases.selectors.provision import documents_of, partners_for, providers_for, with_details
from cases.services.documents import generate_drafted_document
from cases.services.provision import (
    COMMON_FIELDS,
    KIND_FIELDS,
    acts_for_self_only,
    record_accommodation,
    record_mediation_session,
    record_service,
    record_service_view,
    update_service,
)
from lawstation.errors import DomainError

VIEW = (Capability.CASE_VIEW, Capability.CASE_VIEW_ASSIGNED)
RECORD = Capability.SERVICE_RECORD


@never_cache
@requires(RECORD)
def service_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = case_in_scope_or_404(request.scope, case_pk)
    form = ServiceForm(request.POST or None, initial=_initial(request), **_choices(request, case))
    if request.method == "POST" and form.is_valid():
        try:
            service = record_service(
                case,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                **form.common_values(),
                **form.kind_values(),
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, _("The service was recorded."))
            return redirect("case_services:detail", case_pk=case.pk, pk=service.pk)
    return render(request, "cases/service_form.html", {"case": case, "form": form})


@never_cache
@requires(VIEW)
def service_detail(request: HttpRequest, case_pk: int, pk: int) -> HttpResponse:
    case = case_in_scope_or_404(request.scope, case_pk)
    service = with_details(request.scope, sub_object_or_404(request.scope, Service, case, pk))
    record_service_view(service, actor=request.user)
    return render(
        request,
        "cases/service_detail.html",
        {
            "case": case,
            "service": service,
            "can_record": request.scope.can(RECORD) and _may_act_on(request, service),
        },
    )


@never_cache
@requires(RECORD)
def service_edit(request: HttpRequest, case_pk: int, pk: int) -> HttpResponse:
    case = case_in_scope_or_404(request.scope, case_pk)
    service = sub_object_or_404(request.scope, Service, case, pk)
    names = (*COMMON_FIELDS, *KIND_FIELDS[service.kind])
    initial = {name: getattr(service, name) for name in names}
    form = ServiceEditForm(
        request.POST or None,
        initial={**initial, "version": service.version},
        kind=service.kind,
        **_choices(request, case),
    )
    if request.method == "POST" and form.is_valid():
        try:
            update_service(
                service,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **form.common_values(),
                **form.kind_values(),
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("case_services:detail", case_pk=case.pk, pk=service.pk)
    return render(
        request, "cases/service_form.html", {"case": case, "form": form, "service": service}
    )


@never_cache
@requires(RECORD)
def session_new(request: HttpRequest, case_pk: int, pk: int) -> HttpResponse:
    return _sub_record(
        request,
        case_pk,
        pk,
        form_class=SessionForm,
        write=record_mediation_session,
        template="cases/session_form.html",
        done=_("The mediation session was recorded."),
        kind=Service.Kind.MEDIATION,
    )


@never_cache
@requires(RECORD)
def accommodation_new(request: HttpRequest, case_pk: int, pk: int) -> HttpResponse:
    return _sub_record(
        request,
        case_pk,
        pk,
        form_class=AccommodationForm,
        write=record_accommodation,
        template="cases/accommodation_form.html",
        done=_("The arrangement was recorded."),
    )


@never_cache
@requires(RECORD)
def service_draft(request: HttpRequest, case_pk: int, pk: int) -> HttpResponse:
    return _sub_record(
        request,
        case_pk,
        pk,
        form_class=DraftForm,
        write=generate_drafted_document,
        template="cases/draft_form.html",
        done=_("The document was drafted and added to the case file."),
        kind=Service.Kind.DRAFTING,
    )


def _sub_record(
    request: HttpRequest,
    case_pk: int,
    pk: int,
    *,
    form_class: Any,
    write: Any,
    template: str,
    done: str,
    kind: str = "",
) -> HttpResponse:
    """A form that adds one record to a service, then returns to the service's page. ``kind``:
    the page exists only for services of that kind (404 otherwise)."""
    case = case_in_scope_or_404(request.scope, case_pk)
    service = sub_object_or_404(request.scope, Service, case, pk)
    if kind and service.kind != kind:
        raise Http404
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            write(service, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, done)
            return redirect("case_services:detail", case_pk=case.pk, pk=service.pk)
    return render(request, template, {"case": case, "service": service, "form": form})


def show_error(form: Any, error: DomainError) -> None:
    """The service's refusal on the form: on its field when the form shows that field, else
    at the top (with the user's input kept either way)."""
    if hasattr(error, "error_dict") and not set(error.error_dict) <= set(form.fields):
        error = DomainError(error.messages, code=getattr(error, "code", None))
    form.add_error(None, error)


def _choices(request: HttpRequest, case: Case) -> dict[str, Any]:
    providers = providers_for(case)
    if acts_for_self_only(request.user):
        providers = providers.filter(user=request.user)
    return {
        "providers": providers,
        "partners": partners_for(case),
        "documents": documents_of(request.scope, case),
    }


def _initial(request: HttpRequest) -> dict[str, Any]:
    initial: dict[str, Any] = {"provided_on": timezone.localdate(), "channel": "in_person"}
    person = getattr(request.user, "person", None) if acts_for_self_only(request.user) else None
    if person is not None:
        initial["provider"] = person.pk
    return initial


def _may_act_on(request: HttpRequest, service: Service) -> bool:
    return not acts_for_self_only(request.user) or service.provider.user_id == request.user.pk
