"""The coverage report: the coverage page's table, one row per federation in scope.

Read through the same selector as the page (``workstations.selectors.coverage``), so the file and
the page show the same figures. It runs on ``report.export``: the clerks and leaders who export
reports; it holds no personal data (counts and yes/no per federation).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import Capability
from regions.scoping import Scope
from reports.base import Column, Exporter
from reports.registry import register
from workstations.selectors.coverage import CoverageRow, coverage_rows


def yes_no(value: bool | None) -> str:
    if value is None:
        return _("Not applicable")
    return _("Yes") if value else _("No")


def coverage_cells(row: CoverageRow) -> list[Any]:
    """One row of the report, in the order of :meth:`CoverageReport.columns`."""
    return [
        row.name,
        row.code,
        row.level_label,
        yes_no(row.has_group),
        row.group_since,
        yes_no(row.has_office),
        row.station_status_label or _("No workstation"),
        row.premises_count,
        yes_no(row.manager_filed),
        row.legal_workers,
        row.funding,
        yes_no(row.duty_day_last_month),
        row.deadline_label,
        "; ".join(row.gap_labels),
    ]


@register
class CoverageReport(Exporter):
    identifier = "coverage"
    title = gettext_lazy("Coverage")
    description = gettext_lazy(
        "Every federation in your region and below: coordination group, office, workstation, "
        "premises, daily manager filed, lawyers, funding this year, duty day last month, the "
        "deadline and the gaps the notice names."
    )
    capability = Capability.REPORT_EXPORT

    def columns(self) -> Sequence[Column]:
        return [
            Column("name", gettext_lazy("Region"), width=16),
            Column("code", gettext_lazy("Code"), width=8),
            Column("level", gettext_lazy("Level"), width=8),
            Column("group", gettext_lazy("Coordination group"), width=10),
            Column("group_since", gettext_lazy("Group set up on"), kind="date"),
            Column("office", gettext_lazy("Office"), width=8),
            Column("workstation", gettext_lazy("Workstation"), width=12),
            Column("premises", gettext_lazy("Premises items present (of 8)"), kind="int"),
            Column("manager_filed", gettext_lazy("Daily manager filed"), width=12),
            Column("legal_workers", gettext_lazy("Lawyers and legal workers engaged"), kind="int"),
            Column("funding", gettext_lazy("Funding this year (yuan)"), kind="int", width=14),
            Column("duty_day", gettext_lazy("Duty day last month"), width=10),
            Column("deadline", gettext_lazy("Deadline"), width=14),
            Column("gaps", gettext_lazy("Gaps"), width=48),
        ]

    def rows(self, scope: Scope, params: Mapping[str, Any]) -> Iterator[Sequence[Any]]:
        for row in coverage_rows(
            scope, today=timezone.localdate(), target_date=settings.COVERAGE_TARGET_DATE
        ):
            yield coverage_cells(row)
