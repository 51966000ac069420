"""The reports a user may run, and running one as a download.

A report the user may not run answers 404, exactly like one that does not exist, so the list of
reports cannot be probed; the attempt on an existing report is recorded as
``auth.permission_denied`` (a security event), an unknown identifier records nothing.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.permissions import requires
from accounts.roles import Capability
from audit.services import record
from lawstation.errors import DomainError
from regions.selectors import region_in_scope
from reports import registry
from reports.base import Exporter
from reports.forms import FORMAT_FIELD, parameter_data, run_form
from reports.services import export_report


@requires(Capability.REGION_VIEW)
def report_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/list.html", {"reports": registry.available_for(request.scope)})


def _exporter_or_404(request: HttpRequest, identifier: str) -> Exporter:
    try:
        exporter = registry.get(identifier)
    except registry.UnknownReportError:
        raise Http404 from None
    if not request.scope.can(exporter.capability):
        record(
            "auth.permission_denied",
            None,
            actor=request.user,
            outcome="failure",
            changes={"capability": [None, exporter.capability], "path": [None, request.path]},
        )
        raise Http404
    return exporter


@never_cache
@require_http_methods(["GET", "POST"])
@requires(Capability.REGION_VIEW)
def report_run(request: HttpRequest, identifier: str) -> HttpResponse:
    """GET: the parameters and the file format. POST: the file, as an attachment."""
    exporter = _exporter_or_404(request, identifier)
    form = run_form(exporter, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            result = export_report(
                identifier,
                scope=request.scope,
                actor=request.user,
                params=parameter_data(form),
                fmt=form.cleaned_data[FORMAT_FIELD],
            )
        except DomainError as error:
            form.add_error(None, error)
        else:
            response = HttpResponse(result.content, content_type=result.content_type)
            response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
            response["Cache-Control"] = "no-store"
            return response
    context = {
        "report": exporter,
        "form": form,
        "parameter_fields": [field for field in form if field.name != FORMAT_FIELD],
        "format_field": form[FORMAT_FIELD],
        "region": region_in_scope(request.scope, request.scope.region_code),
    }
    return render(request, "reports/run.html", context)
