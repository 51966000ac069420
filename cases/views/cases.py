"""The case page and its own actions: a lifecycle move, a transfer, the handler."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import requires
from accounts.roles import Capability
from audit.services import record
from cases import lifecycle
from cases.forms.cases import AssignForm, MoveForm, TransferForm
from cases.models import Case
from cases.selectors.cases import case_in_scope_or_404
from cases.selectors.detail import case_file
from cases.selectors.handlers import eligible_handlers
from cases.selectors.intake import transfer_destinations
from cases.services.assignment import assign_handler
from cases.services.transfers import transfer_case
from cases.services.transitions import move_case
from lawstation.errors import DomainError

VIEW = (Capability.CASE_VIEW, Capability.CASE_VIEW_ASSIGNED)


@never_cache
@requires(VIEW)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, case_file(request.scope, pk))


@require_POST
@requires(Capability.CASE_EDIT)
def case_move(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_in_scope_or_404(request.scope, pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            moved = move_case(
                case,
                form.cleaned_data["to_status"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The case is now %(status)s.") % {"status": moved.get_status_display()},
            )
            return redirect("cases:detail", pk=case.pk)
    return _detail(request, case_file(request.scope, pk), failed=form)


@never_cache
@requires(Capability.CASE_EDIT)
def case_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_in_scope_or_404(request.scope, pk)
    destinations = transfer_destinations(case)
    form = TransferForm(
        request.POST or None, initial={"version": case.version}, destinations=destinations
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            moved = transfer_case(
                case,
                actor=request.user,
                expected_version=data.pop("version"),
                **data,
            )
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Case %(old)s was transferred to %(federation)s; its number there is %(new)s.")
                % {"old": case.number, "federation": moved.federation.name, "new": moved.number},
            )
            if request.scope.covers(moved):
                return redirect("cases:detail", pk=moved.pk)
            return redirect("cases:list")
    return render(request, "cases/case_transfer.html", {"case": case, "form": form})


@never_cache
@requires(Capability.CASE_EDIT)
def case_assign(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_in_scope_or_404(request.scope, pk)
    form = AssignForm(
        request.POST or None,
        initial={"version": case.version, "handler": case.handler_id},
        handlers=eligible_handlers(case),
    )
    if request.method == "POST" and form.is_valid():
        try:
            assign_handler(
                case,
                actor=request.user,
                handler=form.cleaned_data["handler"],
                expected_version=form.cleaned_data["version"],
            )
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s now handles the case.") % {"name": form.cleaned_data["handler"].name},
            )
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/case_assign.html", {"case": case, "form": form})


def _detail(request: HttpRequest, case: Case, failed: MoveForm | None = None) -> HttpResponse:
    """The case page; ``failed`` is a refused move, shown again with its error and reason."""
    record("case.viewed", case, actor=request.user)
    can_edit = request.scope.can(Capability.CASE_EDIT)
    moves = []
    unshown_reason = failed.data.get("reason", "").strip() if failed is not None else ""
    if can_edit:
        for to_status, move in lifecycle.button_moves(case.status).items():
            form = MoveForm(
                initial={"to_status": to_status, "version": case.version},
                auto_id=f"id_{to_status}_%s",
            )
            if failed is not None and failed.data.get("to_status") == to_status:
                form, failed.auto_id = failed, f"id_{to_status}_%s"
                unshown_reason = "" if move.needs_reason else unshown_reason
            moves.append((to_status, move, form))
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "moves": moves,
            "failed": failed,
            # A refused move's reason the page has no field for any more: shown, not lost.
            "unshown_reason": unshown_reason,
            "can_edit": can_edit,
            "is_open": lifecycle.is_open(case.status),
        },
        status=200,
    )
