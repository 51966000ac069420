"""The coverage table: every federation in the user's scope, what it has and what it lacks."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from accounts.permissions import requires
from accounts.roles import Capability
from regions.selectors import region_in_scope
from workstations import coverage_rules
from workstations.selectors.coverage import coverage_rows, coverage_totals


@never_cache
@requires(Capability.WORKSTATION_VIEW)
def coverage_table(request: HttpRequest) -> HttpResponse:
    region = region_in_scope(request.scope, request.scope.region_code)
    target_date = settings.COVERAGE_TARGET_DATE
    rows = coverage_rows(request.scope, today=timezone.localdate(), target_date=target_date)
    gaps_only = request.GET.get("gaps") == "1"
    shown = [row for row in rows if row.gaps] if gaps_only else rows
    return render(
        request,
        "workstations/coverage_table.html",
        {
            "region": region,
            "rows": shown,
            "total_rows": len(rows),
            "with_gaps": sum(1 for row in rows if row.gaps),
            "gaps_only": gaps_only,
            "target_date": target_date,
            "totals": coverage_totals(rows),
            "total_labels": [
                coverage_rules.TOTAL_ITEM_LABELS[item] for item in coverage_rules.TOTAL_ITEMS
            ],
        },
    )
