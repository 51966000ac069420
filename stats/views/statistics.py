"""The statistics page (issue 7, items 1 and 2): the report form of a region for a period.

``/staff/statistics/?region=<code>&period=<key>``: the region (default the user's own; outside
the scope a 404, like a missing one), the period chooser, the form as an accessible table with
exact figures (staff of the region see them; every exported file hides small counts), each area
below linking to its own table, the downloads of the ``statistics`` report with the same
parameters, and the data-quality page. The view reads a fixed number of queries.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from accounts.permissions import requires
from accounts.roles import Capability
from audit.services import record
from regions.selectors import region_in_scope
from reports.services import Format
from stats.forms.statistics import chosen_period
from stats.layout import suppression_note
from stats.selectors.figures import figure_table


@never_cache
@requires(Capability.STATISTICS_VIEW)
def statistics_form(request: HttpRequest) -> HttpResponse:
    region = region_in_scope(request.scope, request.GET.get("region") or request.scope.region_code)
    period, form = chosen_period(request.GET, timezone.localdate())
    table = None
    if period is not None:
        table = figure_table(region, period)
        record(
            "statistics.viewed",
            None,
            actor=request.user,
            region=region,
            changes={"period": [None, period.key]},
        )
    parent = None
    if region.parent_id and region.code != request.scope.region_code:
        parent = region.parent
    return render(
        request,
        "stats/statistics/form.html",
        {
            "region": region,
            "parent": parent,
            "form": form,
            "table": table,
            "period": period,
            "formats": Format.choices,
            "can_export": request.scope.can(Capability.REPORT_EXPORT),
            "suppression_note": suppression_note(),
        },
    )
