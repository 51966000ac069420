"""Staff screens for the directory of partner agencies and a workstation's coordination
contacts."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.permissions import requires
from accounts.roles import Capability
from lawstation.errors import DomainError
from regions.selectors import region_in_scope
from workstations.forms.partners import ContactForm, PartnerCreateForm, PartnerEditForm
from workstations.models import PartnerUnit
from workstations.selectors.funding import workstation_in
from workstations.selectors.partners import (
    PARTNER_FIELDS,
    agencies_for,
    contacts_of,
    partner_in_scope,
    partner_regions,
    partners_within,
)
from workstations.services.partners import add_partner, log_contact, update_partner

PAGE_SIZE = 50


@never_cache
@requires(Capability.WORKSTATION_VIEW)
def partner_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in PartnerUnit.values else ""
    regions = list(partner_regions(request.scope))
    region_code = request.GET.get("region", "")
    region_code = region_code if region_code in {r.code for r in regions} else ""
    partners = partners_within(request.scope, kind=kind, region_code=region_code)
    page = Paginator(partners, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "kind": kind,
        "kinds": PartnerUnit.choices,
        "region_code": region_code,
        "regions": regions,
    }
    return render(request, "workstations/partner_list.html", context)


@never_cache
@requires(Capability.WORKSTATION_EDIT)
def partner_create(request: HttpRequest) -> HttpResponse:
    form = PartnerCreateForm(request.POST or None, regions=partner_regions(request.scope))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            partner = add_partner(data.pop("region"), actor=request.user, **data)
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": partner.name})
            return redirect("partners:list")
    return render(request, "workstations/partner_form.html", {"form": form, "partner": None})


@never_cache
@requires(Capability.WORKSTATION_EDIT)
def partner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partner = partner_in_scope(request.scope, pk)
    initial = {name: getattr(partner, name) for name in PARTNER_FIELDS}
    form = PartnerEditForm(request.POST or None, initial={**initial, "version": partner.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            update_partner(partner, actor=request.user, version=version, **data)
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s was updated.") % {"name": partner.name})
            return redirect("partners:list")
    return render(request, "workstations/partner_form.html", {"form": form, "partner": partner})


@never_cache
@requires(Capability.WORKSTATION_VIEW)
def contact_list(request: HttpRequest, code: str) -> HttpResponse:
    region = region_in_scope(request.scope, code)
    workstation = workstation_in(request.scope, region)
    page = None
    if workstation is not None:
        contacts = contacts_of(request.scope, workstation)
        page = Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"region": region, "workstation": workstation, "page": page}
    return render(request, "workstations/contact_list.html", context)


@never_cache
@requires(Capability.WORKSTATION_EDIT)
def contact_create(request: HttpRequest, code: str) -> HttpResponse:
    region = region_in_scope(request.scope, code)
    workstation = workstation_in(request.scope, region)
    form = None
    if workstation is not None:
        form = ContactForm(request.POST or None, agencies=agencies_for(workstation))
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            log_contact(workstation, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The coordination contact was logged."))
            return redirect("contacts:list", code=region.code)
    context = {"region": region, "workstation": workstation, "form": form}
    return render(request, "workstations/contact_form.html", context)
