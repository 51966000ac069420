"""Reads for scorecards: the workstations within a region, their scores for a period, one
workstation's scorecard with the figures and links behind each indicator, and the reviewed
result of its final self-assessment.

The number of queries does not grow with the number of workstations: one for the workstations,
the indicator selector's fixed number (``compliance.selectors.indicators``), one for the reviewed
results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from compliance import scoring
from compliance.figure_labels import figure_rows
from compliance.indicators import INDICATORS, IndicatorResult, Status, combine
from compliance.models import Assessment, AssessmentItem
from compliance.selectors import indicators as indicator_selectors
from lawstation.periods import Period
from regions.models import Region
from regions.scoping import Scope, activate, scope_for_region
from workstations.models import Workstation

INDICATOR_LABELS: dict[str, str | Promise] = {
    "work_style.complaints_upheld": _("Complaints upheld"),
    "work_style.satisfaction": _("Satisfaction at return visits"),
    "premises.items": _("Premises items present, with recent evidence"),
    "staffing.head": _("Head is formal staff of the same-level federation"),
    "staffing.lawyers": _("Lawyers or legal workers engaged"),
    "notice.complete": _("Public notice complete (five items)"),
    "notice.published": _("Notice published on the website and a notice board"),
    "service.duty_days": _("An on-site duty day in every month"),
    "service.channels": _("All five channels offered"),
    "service.accommodations": _("Accommodations arranged when requested"),
    "quality.flagged_reviewed": _("Flagged cases reviewed before closure"),
    "quality.risk_reviews": _("No overdue risk reviews"),
    "coordination.referrals_made": _("Referrals made where triage required them"),
    "coordination.referral_outcomes": _("Referral outcomes not overdue"),
    "coordination.contacts": _("Coordination contacts with partners logged"),
    "funding.budget": _("A budget for the year"),
    "funding.rule": _("The financial rule on file"),
    "funding.spending": _("Spending recorded"),
    "information.registration": _("Cases registered on time"),
    "information.archiving": _("Files archived on time"),
    "information.data_quality": _("No open data-quality errors"),
    "information.filing": _("The daily manager's filing accepted"),
}


def workstations_within(scope: Scope, region: Region) -> list[Workstation]:
    """Every workstation of ``region`` and below, inside ``scope``, by region code. One query."""
    with activate(scope):
        stations = Workstation.objects.filter(**scope_for_region(region).row_filter())
        return list(
            stations.select_related("federation__region").order_by("federation__region_id", "pk")
        )


def scores_of(
    scope: Scope | None, stations: Sequence[Workstation], period: Period
) -> dict[int, scoring.Score]:
    """``{workstation id: score}`` for ``period``: the indicator selector's fixed number of
    queries. ``scope`` ``None`` means the caller has already made the scope active (or
    ``unscoped``)."""
    return {
        station_id: scoring.score(results)
        for station_id, results in results_of(scope, stations, period).items()
    }


def results_of(
    scope: Scope | None, stations: Sequence[Workstation], period: Period
) -> dict[int, dict[str, IndicatorResult]]:
    if scope is None:
        return indicator_selectors.indicator_results(stations, period)
    with activate(scope):
        return indicator_selectors.indicator_results(stations, period)


@dataclass(frozen=True)
class IndicatorLine:
    key: str
    label: str | Promise
    status: Status
    figures: list[tuple[str, object]]
    link: str | None
    link_label: str | Promise


@dataclass(frozen=True)
class StandardLine:
    number: int
    title: str | Promise
    status: Status
    reviewed: Status | None
    indicators: list[IndicatorLine]

    @property
    def differs(self) -> bool:
        return self.reviewed is not None and self.reviewed != self.status


@dataclass(frozen=True)
class Reviewed:
    assessment: Assessment
    score: scoring.Score


@dataclass(frozen=True)
class Scorecard:
    region: Region
    workstation: Workstation
    period: Period
    so_far: bool
    score: scoring.Score
    standards: list[StandardLine]
    reviewed: Reviewed | None


def scorecard_of(
    scope: Scope, region: Region, workstation: Workstation, period: Period, *, today: date
) -> Scorecard:
    """One workstation's scorecard for ``period``: each standard with its indicators (figures
    and a link to the records behind them) and the reviewed result if a final assessment of
    exactly this period exists."""
    results = results_of(scope, [workstation], period).get(workstation.pk, {})
    score = scoring.score(results)
    reviewed = reviewed_of(scope, workstation, period)
    standards = []
    for number in scoring.STANDARDS:
        lines = [
            _line(results[key], region.code, period)
            for key, standard in INDICATORS
            if standard == number and key in results
        ]
        standards.append(
            StandardLine(
                number=number,
                title=scoring.STANDARD_TITLES[number],
                status=score.standards[number],
                reviewed=reviewed.score.standards[number] if reviewed else None,
                indicators=lines,
            )
        )
    return Scorecard(
        region=region,
        workstation=workstation,
        period=period,
        so_far=not period.has_ended(today),
        score=score,
        standards=standards,
        reviewed=reviewed,
    )


def reviewed_of(scope: Scope, workstation: Workstation, period: Period) -> Reviewed | None:
    """The final (reviewed) self-assessment of exactly ``period``, per standard the combined
    final results of its items. Two queries at most."""
    with activate(scope):
        assessment = Assessment.objects.filter(
            workstation=workstation,
            period_start=period.start,
            period_end=period.end,
            status=Assessment.Status.FINAL,
        ).first()
        if assessment is None:
            return None
        items = AssessmentItem.objects.filter(assessment=assessment).exclude(final_result="")
        finals = list(items.values_list("criterion__standard__number", "final_result"))
    per_standard: dict[int, list[str]] = {}
    for number, result in finals:
        per_standard.setdefault(number, []).append(result)
    standards = {number: combine(results) for number, results in per_standard.items()}
    score = scoring.score_from_standards(standards)
    if assessment.result:
        score = scoring.Score(standards=score.standards, overall=Status(assessment.result))
    return Reviewed(assessment=assessment, score=score)


def _line(result: IndicatorResult, code: str, period: Period) -> IndicatorLine:
    link, link_label = record_link(result.key, code, period)
    return IndicatorLine(
        key=result.key,
        label=INDICATOR_LABELS.get(result.key, result.key),
        status=result.status,
        figures=figure_rows(result.figures),
        link=link,
        link_label=link_label,
    )


def record_link(key: str, code: str, period: Period) -> tuple[str | None, str | Promise]:
    """The page holding the records behind indicator ``key`` of the workstation of ``code``."""
    area = key.split(".", 1)[0]
    cases = {"region": code, "registered_from": period.start, "registered_to": period.end}
    if key == "premises.items":
        return reverse("stations:workstation", args=[code]), _("Workstation and premises")
    if area == "staffing":
        return reverse("people:list", args=[code]), _("People")
    if area == "notice":
        return reverse("stations:notice", args=[code]), _("Public notice")
    if key == "service.duty_days":
        month = f"{period.end.year:04d}-{period.end.month:02d}"
        return _with(reverse("duty:roster", args=[code]), month=month), _("Duty roster")
    if key == "coordination.contacts":
        return reverse("contacts:list", args=[code]), _("Coordination contacts")
    if key == "coordination.referral_outcomes":
        return reverse("referrals_overview:overdue"), _("Overdue referrals")
    if area == "funding":
        return _with(reverse("funding:overview", args=[code]), year=period.end.year), _("Funding")
    if key == "information.filing":
        return reverse("filings:list"), _("Filings")
    if key == "quality.risk_reviews":
        return _with(reverse("cases:list"), **cases, risk="on"), _("Cases with an open risk")
    return _with(reverse("cases:list"), **cases), _("Cases of the period")


def _with(url: str, **params: object) -> str:
    return f"{url}?{urlencode({name: str(value) for name, value in params.items()})}"
