"""Reads of period reports: a federation's report, the overview of who has and has not submitted,
a report's history, and the accepted reports that lock a day (``stats.locking``).

The caller has checked the region it passes in scope (it is the user's own federation's, or an
object fetched with ``get_in_scope_or_404``); rows are read with ``all_objects`` filtered on it
explicitly. Every reader here runs a fixed number of queries whatever the number of areas.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from lawstation.periods import Period
from regions.models import Federation, Level, Region
from regions.scoping import Scope, get_in_scope_or_404
from stats import deadlines
from stats.models import PeriodReport, ReopenRequest, ReportEvent

Status = PeriodReport.Status


@dataclass
class Line:
    """One federation's place in the overview: its report for the period, or none yet."""

    region: Region
    federation: Federation
    report: PeriodReport | None
    due: date
    today: date
    below: list[Line] = field(default_factory=list)

    @property
    def words(self) -> str:
        """The state in words: "On time", "2 days late", "Not submitted: overdue by 3 days"."""
        if self.report is None:
            return deadlines.not_submitted_in_words(self.due, self.today)
        return deadlines.submitted_in_words(self.report.submitted_at_day, self.due)

    @property
    def is_overdue(self) -> bool:
        return self.report is None and deadlines.is_overdue(self.due, self.today)


@dataclass
class Overview:
    period: Period
    own: Line
    lines: list[Line]
    summary: dict[str, int]


def _day(report: PeriodReport) -> PeriodReport:
    report.submitted_at_day = timezone.localdate(report.submitted_at)
    return report


def due_for(region: Region, period: Period) -> date:
    return deadlines.due_on(period.end, period.kind, region.level)


def report_of(federation: Federation, period: Period) -> PeriodReport | None:
    return PeriodReport.all_objects.filter(federation=federation, period_key=period.key).first()


def reports_exist(period: Period) -> bool:
    """Whether any federation has a report for ``period`` (the demo loader's check)."""
    return PeriodReport.all_objects.filter(period_key=period.key).exists()


def overview(federation: Federation, period: Period, today: date) -> Overview:
    """``federation``'s report for ``period`` and those of the federations directly below (for a
    province, also the counties under each of its cities). Three queries."""
    region = federation.region
    below = Q(parent=region)
    if region.level == Level.PROVINCE:
        below |= Q(parent__parent=region)
    regions = list(
        Region.objects.filter(below, federation__isnull=False)
        .select_related("federation")
        .order_by("code")
    )
    pending = ReopenRequest.all_objects.filter(
        report=OuterRef("pk"), status=ReopenRequest.Status.PENDING
    )
    reports = {
        report.federation_id: _day(report)
        for report in PeriodReport.all_objects.filter(
            region_id__in=[region.code, *(r.code for r in regions)], period_key=period.key
        ).annotate(has_pending_reopen=Exists(pending))
    }

    def line(area: Region, area_federation: Federation) -> Line:
        due = due_for(area, period)
        return Line(area, area_federation, reports.get(area_federation.pk), due, today)

    lines: list[Line] = []
    by_code: dict[str, Line] = {}
    for area in regions:
        entry = line(area, area.federation)
        by_code[area.code] = entry
        parent = by_code.get(area.parent_id)
        if area.parent_id == region.code:
            lines.append(entry)
        elif parent is not None:
            parent.below.append(entry)
    return Overview(period, line(region, federation), lines, summarise(lines))


def summarise(lines: list[Line]) -> dict[str, int]:
    """Counts over the federations directly below, for the summary line."""
    summary = dict.fromkeys(
        ("total", "accepted", "submitted", "returned", "reopened", "missing", "overdue", "late"),
        0,
    )
    for entry in lines:
        summary["total"] += 1
        if entry.report is None:
            summary["missing"] += 1
            summary["overdue"] += int(entry.is_overdue)
            continue
        summary[entry.report.status] += 1
        summary["late"] += int(entry.report.is_late)
    return summary


def report_in_scope(scope: Scope | None, pk: int) -> PeriodReport:
    queryset = PeriodReport.objects.select_related(
        "federation", "region", "submitted_to", "submitted_by", "decided_by"
    )
    return _day(get_in_scope_or_404(queryset, scope, pk=pk))


def events_of(report: PeriodReport) -> list[ReportEvent]:
    return list(ReportEvent.all_objects.filter(report=report).select_related("actor"))


def reopen_requests_of(report: PeriodReport) -> list[ReopenRequest]:
    return list(
        ReopenRequest.all_objects.filter(report=report).select_related("requested_by", "decided_by")
    )


def pending_reopen(report: PeriodReport) -> ReopenRequest | None:
    return ReopenRequest.all_objects.filter(
        report=report, status=ReopenRequest.Status.PENDING
    ).first()


def children_without_accepted(region: Region, period: Period) -> list[Federation]:
    """The federations of the regions directly below ``region`` whose report for ``period`` has
    not been accepted, in code order."""
    accepted = PeriodReport.all_objects.filter(
        federation=OuterRef("pk"), period_key=period.key, status=Status.ACCEPTED
    )
    return list(
        Federation.objects.filter(region__parent=region)
        .annotate(is_accepted=Exists(accepted))
        .filter(is_accepted=False)
        .select_related("region")
        .order_by("region_id")
    )


def accepted_covering(codes: Iterable[str], days: Iterable[date]) -> PeriodReport | None:
    """The earliest accepted report of the federations of ``codes`` whose period holds one of
    ``days``. One query on the ``period_report_lock`` index."""
    covering = Q()
    for day in days:
        covering |= Q(period_start__lte=day, period_end__gte=day)
    return _first_accepted(codes, covering)


def accepted_ending_on_or_after(codes: Iterable[str], first_day: date) -> PeriodReport | None:
    """The earliest accepted report of the federations of ``codes`` whose period ends on or
    after ``first_day``: anything dated from ``first_day`` until today may be in it."""
    return _first_accepted(codes, Q(period_end__gte=first_day))


def held_above(region: Region, start: date, end: date) -> PeriodReport | None:
    """A report of ``region``'s federation over a period overlapping ``start``–``end`` that is
    awaiting a decision or accepted: it holds the figures below it as they were submitted."""
    return (
        PeriodReport.all_objects.filter(
            region_id=region.code,
            status__in=[Status.SUBMITTED, Status.ACCEPTED],
            period_start__lte=end,
            period_end__gte=start,
        )
        .select_related("federation")
        .order_by("period_start", "pk")
        .first()
    )


def _first_accepted(codes: Iterable[str], condition: Q) -> PeriodReport | None:
    return (
        _accepted(codes)
        .filter(condition)
        .select_related("federation")
        .order_by("period_start", "pk")
        .first()
    )


def _accepted(codes: Iterable[str]) -> QuerySet[PeriodReport]:
    return PeriodReport.all_objects.filter(region_id__in=list(codes), status=Status.ACCEPTED)
