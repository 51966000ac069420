"""The province's case policy: everyone with case access reads it; a province clerk edits it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.permissions import requires
from accounts.roles import Capability
from audit.services import record
from cases.forms.policy import CasePolicyForm
from cases.selectors.policy import FIELDS, policy_for, province_of
from cases.services.policy import update_case_policy
from lawstation.errors import DomainError
from regions.models import Level
from regions.scoping import Scope


def can_edit_policy(scope: Scope) -> bool:
    return scope.level == Level.PROVINCE and scope.can(Capability.CASE_EDIT)


@never_cache
@requires(Capability.CASE_VIEW)
def policy_detail(request: HttpRequest) -> HttpResponse:
    province = province_of(request.scope)
    return render(
        request,
        "cases/policy_detail.html",
        {
            "province": province,
            "policy": policy_for(province),
            "can_edit": can_edit_policy(request.scope),
        },
    )


@never_cache
@requires(Capability.CASE_EDIT)
def policy_edit(request: HttpRequest) -> HttpResponse:
    if not can_edit_policy(request.scope):
        record(
            "auth.permission_denied",
            request.user,
            actor=request.user,
            outcome="failure",
            changes={"level": [None, "province"], "path": [None, request.path]},
        )
        return render(request, "403.html", status=403)
    province = province_of(request.scope)
    policy = policy_for(province)
    initial = {name: getattr(policy, name) for name in FIELDS}
    form = CasePolicyForm(request.POST or None, initial={**initial, "version": policy.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            update_case_policy(province, actor=request.user, expected_version=version, **data)
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The case policy was saved."))
            return redirect("case_policy:detail")
    return render(
        request, "cases/policy_form.html", {"province": province, "policy": policy, "form": form}
    )
