"""Staff screens for a federation's coordination group: set up, adjustments, members."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import requires
from accounts.roles import Capability
from regions.models import Federation, Region
from workstations.forms.groups import (
    GroupAdjustForm,
    GroupMemberForm,
    GroupSetUpForm,
    MemberLeftForm,
)
from workstations.models import CoordinationGroup
from workstations.selectors.stations import group_member_in_scope, group_of
from workstations.services.groups import (
    add_group_member,
    adjust_group,
    record_member_left,
    set_up_group,
)
from workstations.views.stations import attempt, federation_in_scope


@never_cache
@requires(Capability.WORKSTATION_VIEW)
def group_detail(request: HttpRequest, code: str) -> HttpResponse:
    region, federation = federation_in_scope(request, code)
    return _render_group(request, region, federation)


@require_POST
@requires(Capability.WORKSTATION_EDIT)
def group_set_up(request: HttpRequest, code: str) -> HttpResponse:
    region, federation = federation_in_scope(request, code)
    form = GroupSetUpForm(request.POST)
    if attempt(form, lambda data: set_up_group(federation, actor=request.user, **data)):
        messages.success(request, _("The coordination group was recorded."))
        return redirect("stations:group", code=code)
    return _render_group(request, region, federation, set_up_form=form)


@require_POST
@requires(Capability.WORKSTATION_EDIT)
def group_adjust(request: HttpRequest, code: str) -> HttpResponse:
    region, federation = federation_in_scope(request, code)
    group = _existing_group(request, federation)
    form = GroupAdjustForm(request.POST)
    if attempt(form, lambda data: adjust_group(group, actor=request.user, **form.service_kwargs())):
        messages.success(request, _("The adjustment was recorded."))
        return redirect("stations:group", code=code)
    return _render_group(request, region, federation, adjust_form=form)


@require_POST
@requires(Capability.WORKSTATION_EDIT)
def member_add(request: HttpRequest, code: str) -> HttpResponse:
    region, federation = federation_in_scope(request, code)
    group = _existing_group(request, federation)
    form = GroupMemberForm(request.POST)
    if attempt(form, lambda data: add_group_member(group, actor=request.user, **data)):
        messages.success(request, _("The member was added."))
        return redirect("stations:group", code=code)
    return _render_group(request, region, federation, member_form=form)


@require_POST
@requires(Capability.WORKSTATION_EDIT)
def member_left(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region, federation = federation_in_scope(request, code)
    member = group_member_in_scope(request.scope, _existing_group(request, federation), pk)
    form = MemberLeftForm(request.POST)
    if attempt(form, lambda data: record_member_left(member, actor=request.user, **data)):
        messages.success(request, _("The member was recorded as having left."))
        return redirect("stations:group", code=code)
    return _render_group(request, region, federation, left_form=form, left_member=member.pk)


def _existing_group(request: HttpRequest, federation: Federation) -> CoordinationGroup:
    group = group_of(request.scope, federation)
    if group is None:
        raise Http404
    return group


def _render_group(
    request: HttpRequest, region: Region, federation: Federation, **given: Any
) -> HttpResponse:
    group = group_of(request.scope, federation)
    context: dict[str, Any] = {
        "region": region,
        "federation": federation,
        "group": group,
        "can_edit": request.scope.can(Capability.WORKSTATION_EDIT),
    }
    if group is None:
        context["set_up_form"] = given.get("set_up_form") or GroupSetUpForm()
    else:
        initial = {
            "version": group.version,
            "office_location": group.office_location,
            "office_head": group.office_head,
        }
        context.update(
            adjust_form=given.get("adjust_form") or GroupAdjustForm(initial=initial),
            member_form=given.get("member_form") or GroupMemberForm(),
            left_form=given.get("left_form") or MemberLeftForm(),
            left_member=given.get("left_member"),
        )
    return render(request, "workstations/group_detail.html", context)
