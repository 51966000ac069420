"""Account administration: the system administrator opens and closes accounts; the security
administrator assigns roles and lifts lockouts. Both only within their own region."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.forms import AccountCreateForm, RoleChangeForm
from accounts.permissions import requires
from accounts.roles import Capability
from accounts.selectors import (
    federations_within,
    locked_usernames,
    member_in_scope,
    members_within,
)
from accounts.services import change_role, create_user, deactivate_user, unlock_user
from lawstation.errors import DomainError

PAGE_SIZE = 50


@never_cache
@requires(Capability.ACCOUNT_VIEW)
def user_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:150]
    members = members_within(request.scope)
    if query:
        members = members.filter(user__username__icontains=query)
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    locked = locked_usernames([m.user.username for m in page.object_list])
    return render(request, "accounts/user_list.html", {"page": page, "q": query, "locked": locked})


@never_cache
@requires(Capability.ACCOUNT_MANAGE)
def user_create(request: HttpRequest) -> HttpResponse:
    form = AccountCreateForm(request.POST or None, federations=federations_within(request.scope))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = create_user(
                data["username"],
                actor=request.user,
                password=data["password1"],
                full_name=data["full_name"],
                federation=data["federation"],
                role=data["role"],
            )
        except ValidationError as error:  # DomainError, or a password the validators refuse
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The account %(username)s was created.") % {"username": user.username}
            )
            return redirect("users:detail", user_id=user.pk)
    return render(request, "accounts/user_create.html", {"form": form})


@never_cache
@requires(Capability.ACCOUNT_VIEW)
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    membership = member_in_scope(request.scope, user_id)
    role_form = RoleChangeForm(initial={"role": membership.role, "expected_role": membership.role})
    return render(
        request,
        "accounts/user_detail.html",
        {
            "membership": membership,
            "member": membership.user,
            "is_locked": bool(locked_usernames([membership.user.username])),
            "role_form": role_form,
        },
    )


@require_POST
@requires(Capability.ROLE_ASSIGN)
def user_role(request: HttpRequest, user_id: int) -> HttpResponse:
    membership = member_in_scope(request.scope, user_id)
    form = RoleChangeForm(request.POST)
    if form.is_valid():
        try:
            change_role(
                membership,
                actor=request.user,
                role=form.cleaned_data["role"],
                expected_role=form.cleaned_data["expected_role"],
            )
        except DomainError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The role was changed."))
    else:
        messages.error(request, _("Choose a role from the list."))
    return redirect("users:detail", user_id=user_id)


@require_POST
@requires(Capability.ROLE_ASSIGN)
def user_unlock(request: HttpRequest, user_id: int) -> HttpResponse:
    membership = member_in_scope(request.scope, user_id)
    unlock_user(membership.user, actor=request.user)
    messages.success(request, _("The account was unlocked."))
    return redirect("users:detail", user_id=user_id)


@require_POST
@requires(Capability.ACCOUNT_MANAGE)
def user_deactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    membership = member_in_scope(request.scope, user_id)
    try:
        deactivate_user(membership.user, actor=request.user)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The account was deactivated and its sessions ended."))
    return redirect("users:detail", user_id=user_id)
