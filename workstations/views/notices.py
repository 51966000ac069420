"""Staff screens for the workstation's public notice: its versions, completeness and where
it was published."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import requires
from accounts.roles import Capability
from regions.models import Region
from workstations.completeness import NOTICE_FIELDS
from workstations.forms.notices import NoticeForm, PublicationForm, publication_form
from workstations.models import Workstation
from workstations.selectors.stations import current_notice, notice_in_scope, notices_of
from workstations.services.notices import publish_notice, record_publication
from workstations.views.stations import attempt, existing_workstation, federation_in_scope


@never_cache
@requires(Capability.WORKSTATION_VIEW)
def notice_detail(request: HttpRequest, code: str) -> HttpResponse:
    region, federation = federation_in_scope(request, code)
    return _render_notices(request, region, existing_workstation(request, federation))


@never_cache
@requires(Capability.WORKSTATION_EDIT)
def notice_new(request: HttpRequest, code: str) -> HttpResponse:
    region, federation = federation_in_scope(request, code)
    workstation = existing_workstation(request, federation)
    current = current_notice(notices_of(request.scope, workstation))
    initial = {name: getattr(current.notice, name) for name in NOTICE_FIELDS} if current else {}
    form = NoticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and attempt(
        form, lambda data: publish_notice(workstation, actor=request.user, **data)
    ):
        messages.success(request, _("The new version of the notice was published."))
        return redirect("stations:notice", code=code)
    return render(
        request,
        "workstations/notice_form.html",
        {"region": region, "workstation": workstation, "form": form, "current": current},
    )


@require_POST
@requires(Capability.WORKSTATION_EDIT)
def publication_add(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region, federation = federation_in_scope(request, code)
    workstation = existing_workstation(request, federation)
    notice = notice_in_scope(request.scope, workstation, pk)
    form = publication_form(pk, request.POST)
    if attempt(form, lambda data: record_publication(notice, actor=request.user, **data)):
        messages.success(request, _("The publication was recorded."))
        return redirect("stations:notice", code=code)
    return _render_notices(request, region, workstation, bound=form, for_notice=pk)


def _render_notices(
    request: HttpRequest,
    region: Region,
    workstation: Workstation,
    bound: PublicationForm | None = None,
    for_notice: int | None = None,
) -> HttpResponse:
    versions = notices_of(request.scope, workstation)
    current = current_notice(versions)
    rows = [
        (view, bound if view.notice.pk == for_notice else publication_form(view.notice.pk))
        for view in versions
    ]
    return render(
        request,
        "workstations/notice_detail.html",
        {
            "region": region,
            "workstation": workstation,
            "current": next((row for row in rows if row[0] is current), None),
            "others": [row for row in rows if row[0] is not current],
            "can_edit": request.scope.can(Capability.WORKSTATION_EDIT),
        },
    )
