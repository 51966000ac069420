"""The compliance report (issue 6, item 5): one row per workstation in scope, a column per
standard.

Parameters: ``region`` (a six-digit code inside the scope, default the scope's own region) and
``period`` (any written period of ``lawstation.periods``, default the last complete year). Read
through the same selectors as the roll-up page (``compliance.selectors``), so the file and the
pages give the same results. Counts and results per workstation: no personal data.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.roles import Capability
from compliance import scoring
from compliance.selectors.scorecards import scores_of, workstations_within
from lawstation import periods
from regions.scoping import Scope
from reports.base import Column, Exporter
from reports.parameters import period_key, region_field, region_of
from reports.registry import register
from workstations.models import Workstation


class ComplianceParameters(forms.Form):
    region = region_field(gettext_lazy("Leave empty for your own region and everything below it."))
    period = forms.CharField(
        label=gettext_lazy("Period"),
        max_length=32,
        required=False,
        help_text=gettext_lazy(
            "A year (2025), a half-year (2025-H1), a quarter (2025-Q3), a month (2025-07) or "
            "two dates (2025-01-01..2025-03-31). Empty: the last complete year."
        ),
    )

    def clean_period(self) -> str:
        text = self.cleaned_data.get("period") or ""
        if not text.strip():
            return scoring.last_complete_year(timezone.localdate()).key
        return period_key(text)


def result_label(status: str) -> str:
    return str(scoring.RESULT_LABELS[scoring.Status(status)])


def compliance_cells(station: Workstation, score: scoring.Score) -> list[Any]:
    """One row of the report, in the order of :meth:`ComplianceReport.columns`."""
    region = station.federation.region
    return [
        region.code,
        region.name,
        station.name,
        str(Workstation.Status(station.status).label),
        result_label(score.overall),
        score.met_count,
        *(result_label(score.standards[number]) for number in scoring.STANDARDS),
    ]


@register
class ComplianceReport(Exporter):
    identifier = "compliance"
    title = gettext_lazy("Compliance with the nine standards")
    description = gettext_lazy(
        "Every workstation in your region (or the region you name) and below, with its result "
        "for each of the nine standards and overall, measured from the records over the period "
        "(by default the last complete year)."
    )
    capability = Capability.REPORT_EXPORT
    form_class = ComplianceParameters

    def columns(self) -> Sequence[Column]:
        return [
            Column("region_code", gettext_lazy("Region code"), width=8),
            Column("region", gettext_lazy("Region"), width=14),
            Column("workstation", gettext_lazy("Workstation"), width=24),
            Column("status", gettext_lazy("Status"), width=10),
            Column("overall", gettext_lazy("Overall"), width=10),
            Column("met_count", gettext_lazy("Standards met (of 9)"), kind="int"),
            *(
                Column(f"standard_{number}", f"{number}. {title}", width=10)
                for number, title in scoring.STANDARD_TITLES.items()
            ),
        ]

    def rows(self, scope: Scope, params: Mapping[str, Any]) -> Iterator[Sequence[Any]]:
        region = region_of(scope, params)
        default = scoring.last_complete_year(timezone.localdate()).key
        period = periods.parse(params.get("period") or default)
        stations = workstations_within(scope, region)
        scores = scores_of(scope, stations, period)
        for station in stations:
            yield compliance_cells(station, scores[station.pk])
