"""Staff screens for a federation's workstation: its particulars, status history and premises."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import requires
from accounts.roles import Capability
from lawstation.errors import DomainError
from regions.models import Federation, Region
from regions.selectors import region_in_scope
from workstations.forms.stations import (
    PremisesCheckForm,
    StatusForm,
    WorkstationCreateForm,
    WorkstationEditForm,
)
from workstations.models import Workstation
from workstations.selectors.stations import people_for_posts, premises_of, workstation_in_scope
from workstations.services.stations import (
    change_status,
    create_workstation,
    record_premises_check,
    update_workstation,
)


def federation_in_scope(request: HttpRequest, code: str) -> tuple[Region, Federation]:
    """The region ``code`` and its federation inside the request's scope; 404 otherwise."""
    region = region_in_scope(request.scope, code)
    try:
        return region, region.federation
    except Federation.DoesNotExist as missing:
        raise Http404 from missing


def attempt(form: forms.Form, action: Callable[[dict[str, Any]], Any]) -> bool:
    """Run ``action`` on the form's cleaned data; a DomainError becomes a form error."""
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except DomainError as error:
        form.add_error(None, error)
        return False
    return True


def existing_workstation(request: HttpRequest, federation: Federation) -> Workstation:
    workstation = workstation_in_scope(request.scope, federation)
    if workstation is None:
        raise Http404
    return workstation


@never_cache
@requires(Capability.WORKSTATION_VIEW)
def workstation_detail(request: HttpRequest, code: str) -> HttpResponse:
    region, federation = federation_in_scope(request, code)
    return _render_detail(request, region, federation)


@require_POST
@requires(Capability.WORKSTATION_EDIT)
def workstation_create(request: HttpRequest, code: str) -> HttpResponse:
    region, federation = federation_in_scope(request, code)
    form = WorkstationCreateForm(request.POST)
    if attempt(form, lambda data: create_workstation(federation, actor=request.user, **data)):
        messages.success(request, _("The workstation was created as planned."))
        return redirect("stations:workstation", code=code)
    return _render_detail(request, region, federation, create_form=form)


@never_cache
@requires(Capability.WORKSTATION_EDIT)
def workstation_edit(request: HttpRequest, code: str) -> HttpResponse:
    region, federation = federation_in_scope(request, code)
    workstation = existing_workstation(request, federation)
    form = WorkstationEditForm(
        request.POST or None,
        people=people_for_posts(request.scope, federation),
        initial={
            **{f: getattr(workstation, f) for f in ("name", "address", "approval_document")},
            "approved_on": workstation.approved_on,
            "head": workstation.head_id,
            "daily_manager": workstation.daily_manager_id,
            "version": workstation.version,
        },
    )
    if request.method == "POST" and attempt(
        form,
        lambda data: update_workstation(workstation, actor=request.user, **form.service_kwargs()),
    ):
        messages.success(request, _("The workstation was saved."))
        return redirect("stations:workstation", code=code)
    return render(
        request,
        "workstations/station_form.html",
        {"region": region, "workstation": workstation, "form": form},
    )


@require_POST
@requires(Capability.WORKSTATION_EDIT)
def workstation_status(request: HttpRequest, code: str) -> HttpResponse:
    region, federation = federation_in_scope(request, code)
    workstation = existing_workstation(request, federation)
    form = StatusForm(request.POST, workstation=workstation)
    if attempt(
        form, lambda data: change_status(workstation, actor=request.user, **form.service_kwargs())
    ):
        messages.success(request, _("The status was changed."))
        return redirect("stations:workstation", code=code)
    return _render_detail(request, region, federation, status_form=form)


@require_POST
@requires(Capability.WORKSTATION_EDIT)
def premises_check(request: HttpRequest, code: str) -> HttpResponse:
    region, federation = federation_in_scope(request, code)
    workstation = existing_workstation(request, federation)
    form = PremisesCheckForm(request.POST)
    if attempt(form, lambda data: record_premises_check(workstation, actor=request.user, **data)):
        messages.success(request, _("The check was recorded."))
        return redirect("stations:workstation", code=code)
    return _render_detail(request, region, federation, premises_form=form)


def _render_detail(
    request: HttpRequest, region: Region, federation: Federation, **forms_: forms.Form
) -> HttpResponse:
    workstation = workstation_in_scope(request.scope, federation)
    context: dict[str, Any] = {
        "region": region,
        "federation": federation,
        "can_edit": request.scope.can(Capability.WORKSTATION_EDIT),
    }
    if workstation is None:
        context["create_form"] = forms_.get("create_form") or WorkstationCreateForm()
    else:
        context.update(
            workstation=workstation,
            premises=premises_of(request.scope, workstation),
            status_form=forms_.get("status_form") or StatusForm(workstation=workstation),
            premises_form=forms_.get("premises_form") or PremisesCheckForm(),
        )
    return render(request, "workstations/station_detail.html", context)
