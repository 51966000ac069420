"""Staff screens for the duty roster: a month's on-site days with check-in state, and whether
"at least one on-site day a month" was met over the last twelve months."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import requires
from accounts.roles import Capability
from lawstation.errors import DomainError
from regions.models import Region
from regions.selectors import region_in_scope
from workstations.duty_rules import Month, last_months, month_of, shift_month
from workstations.forms.duty import DutyDayForm
from workstations.models import DutyDay, Workstation
from workstations.selectors.duty import (
    duty_day_in_scope,
    duty_days_in_month,
    duty_met_by_month,
    providers_of,
)
from workstations.selectors.funding import workstation_in
from workstations.services.duty import cancel_duty_day, check_in, schedule_duty_day


@never_cache
@requires(Capability.WORKSTATION_VIEW)
def duty_roster(request: HttpRequest, code: str) -> HttpResponse:
    region = region_in_scope(request.scope, code)
    return _render(request, region, workstation_in(request.scope, region), _month(request))


@never_cache
@require_POST
@requires(Capability.WORKSTATION_EDIT)
def duty_schedule(request: HttpRequest, code: str) -> HttpResponse:
    region = region_in_scope(request.scope, code)
    workstation = workstation_in(request.scope, region)
    if workstation is None:
        return _render(request, region, None, _month(request))
    form = DutyDayForm(request.POST, people=providers_of(request.scope, workstation))
    if form.is_valid():
        data = form.cleaned_data
        try:
            schedule_duty_day(workstation, actor=request.user, **data)
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The duty day was put on the roster."))
            return _back(region, (data["day"].year, data["day"].month))
    return _render(request, region, workstation, _month(request), form=form)


@require_POST
@requires(Capability.WORKSTATION_EDIT)
def duty_check_in(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region, duty_day = _duty_day(request, code, pk)
    try:
        check_in(duty_day, actor=request.user)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The duty day was checked in."))
    return _back(region, (duty_day.day.year, duty_day.day.month))


@require_POST
@requires(Capability.WORKSTATION_EDIT)
def duty_cancel(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region, duty_day = _duty_day(request, code, pk)
    try:
        cancel_duty_day(duty_day, actor=request.user)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The duty day was cancelled."))
    return _back(region, (duty_day.day.year, duty_day.day.month))


def _duty_day(request: HttpRequest, code: str, pk: int) -> tuple[Region, DutyDay]:
    region = region_in_scope(request.scope, code)
    workstation = workstation_in(request.scope, region)
    if workstation is None:
        raise Http404
    return region, duty_day_in_scope(request.scope, workstation, pk)


def _month(request: HttpRequest) -> Month:
    return month_of(request.GET.get("month", ""), timezone.localdate())


def _back(region: Region, month: Month) -> HttpResponse:
    response = redirect("duty:roster", code=region.code)
    response["Location"] += f"?month={_label(month)}"
    return response


def _label(month: Month) -> str:
    return f"{month[0]:04d}-{month[1]:02d}"


def _render(
    request: HttpRequest,
    region: Region,
    workstation: Workstation | None,
    month: Month,
    form: DutyDayForm | None = None,
) -> HttpResponse:
    context: dict[str, object] = {
        "region": region,
        "workstation": workstation,
        "month": _label(month),
        "previous_month": _label(shift_month(month, -1)),
        "next_month": _label(shift_month(month, 1)),
        "today": timezone.localdate(),
    }
    if workstation is not None:
        months = last_months(timezone.localdate())
        met = duty_met_by_month(request.scope, workstation, months)
        context |= {
            "days": list(duty_days_in_month(request.scope, workstation, month)),
            "met": [(_label(m), met[m]) for m in reversed(months)],
            "form": form or DutyDayForm(people=providers_of(request.scope, workstation)),
        }
    return render(request, "workstations/duty_roster.html", context)
