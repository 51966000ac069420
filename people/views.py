"""Staff screens for the people of a federation: staff members, lawyers, legal workers and their
engagements at the federation's workstation."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import requires
from accounts.roles import Capability
from lawstation.errors import DomainError
from people.forms import EndEngagementForm, EngagementForm, LeftForm, PersonEditForm, PersonForm
from people.models import Person
from people.selectors import (
    engagement_in_scope,
    lawyer_accounts,
    people_of,
    person_in_scope,
    workstation_of,
)
from people.services import (
    PERSON_FIELDS,
    add_person,
    end_engagement,
    engage,
    mark_person_left,
    update_person,
)
from regions.models import Region
from regions.selectors import region_in_scope

PAGE_SIZE = 50


@never_cache
@requires(Capability.WORKSTATION_VIEW)
def person_list(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(request, code)
    kind = request.GET.get("kind", "")
    kind = kind if kind in Person.Kind.values else ""
    people = people_of(request.scope, region.federation, kind=kind)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "people/person_list.html",
        {"region": region, "page": page, "kind": kind, "kinds": Person.Kind.choices},
    )


@never_cache
@requires(Capability.WORKSTATION_EDIT)
def person_new(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(request, code)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = add_person(region.federation, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": person.name})
            return redirect("people:detail", code=code, pk=person.pk)
    return render(request, "people/person_form.html", {"region": region, "form": form})


@never_cache
@requires(Capability.WORKSTATION_VIEW)
def person_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region = _region(request, code)
    person = person_in_scope(request.scope, region.federation, pk)
    today = timezone.localdate()
    engagements = [
        (engagement, EndEngagementForm(auto_id=f"id_end{engagement.pk}_%s"))
        for engagement in person.engagements.all()
    ]
    return render(
        request,
        "people/person_detail.html",
        {
            "region": region,
            "person": person,
            "engagements": engagements,
            "today": today,
            "is_active": person.is_active_on(today),
            "left_form": LeftForm(initial={"on": today}),
        },
    )


@never_cache
@requires(Capability.WORKSTATION_EDIT)
def person_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region = _region(request, code)
    person = person_in_scope(request.scope, region.federation, pk)
    initial = {field: getattr(person, field) for field in PERSON_FIELDS}
    form = PersonEditForm(
        request.POST or None,
        initial={**initial, "user": person.user_id, "version": person.version},
        accounts=lawyer_accounts(region.federation),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            update_person(person, actor=request.user, version=version, **data)
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("people:detail", code=code, pk=pk)
    return render(
        request, "people/person_form.html", {"region": region, "form": form, "person": person}
    )


@require_POST
@requires(Capability.WORKSTATION_EDIT)
def person_left(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region = _region(request, code)
    person = person_in_scope(request.scope, region.federation, pk)
    form = LeftForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the last day as a date."))
        return redirect("people:detail", code=code, pk=pk)
    try:
        mark_person_left(person, actor=request.user, on=form.cleaned_data["on"])
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s is recorded as having left.") % {"name": person.name})
    return redirect("people:detail", code=code, pk=pk)


@never_cache
@requires(Capability.WORKSTATION_EDIT)
def person_engage(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region = _region(request, code)
    person = person_in_scope(request.scope, region.federation, pk)
    workstation = workstation_of(request.scope, region.federation)
    form = EngagementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            engage(person, workstation, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The engagement was recorded."))
            return redirect("people:detail", code=code, pk=pk)
    return render(
        request,
        "people/engagement_form.html",
        {"region": region, "person": person, "workstation": workstation, "form": form},
    )


@require_POST
@requires(Capability.WORKSTATION_EDIT)
def engagement_end(request: HttpRequest, code: str, pk: int, engagement_id: int) -> HttpResponse:
    region = _region(request, code)
    person = person_in_scope(request.scope, region.federation, pk)
    engagement = engagement_in_scope(request.scope, person, engagement_id)
    form = EndEngagementForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the last day as a date."))
        return redirect("people:detail", code=code, pk=pk)
    try:
        end_engagement(engagement, actor=request.user, on=form.cleaned_data["on"])
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The engagement was ended."))
    return redirect("people:detail", code=code, pk=pk)


def _region(request: HttpRequest, code: str) -> Region:
    """The region ``code`` inside the scope, with a federation; 404 otherwise."""
    region = region_in_scope(request.scope, code)
    if getattr(region, "federation", None) is None:
        raise Http404
    return region
