"""The roll-up of a federation: how many workstations below it meet each standard, by direct
sub-region, the trend over the last periods of the same kind, and the region table (each region
with its own workstation's overall result).

Queries do not grow with the number of workstations: one for the workstations, one for the
regions, then the indicator selector's fixed number per period (``TREND_PERIODS`` periods).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from compliance import scoring
from compliance.indicators import Status
from compliance.selectors.scorecards import scores_of, workstations_within
from lawstation import periods
from lawstation.periods import Period
from regions.models import Level, Region
from regions.scoping import Scope, scope_for_region, unscoped
from workstations.models import Workstation

TREND_PERIODS = 4


@dataclass(frozen=True)
class RollupRow:
    region: Region
    tally: scoring.GroupTally


@dataclass(frozen=True)
class RegionCell:
    region: Region
    score: scoring.Score | None  # None: the region has no workstation

    @property
    def grade(self) -> Status | None:
        return self.score.overall if self.score else None


@dataclass(frozen=True)
class RegionTableRow:
    cell: RegionCell
    below: list[RegionCell]


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    so_far: bool
    overall: scoring.Tally


@dataclass(frozen=True)
class Rollup:
    region: Region | None  # None: the national roll-up
    period: Period
    so_far: bool
    rows: list[RollupRow]
    total: scoring.GroupTally
    own: RegionCell | None
    table: list[RegionTableRow]
    trend: list[TrendPoint]


def rollup_of(scope: Scope, region: Region, period: Period, *, today: date) -> Rollup:
    """The roll-up of ``region`` (inside ``scope``; the caller checked it) for ``period``."""
    stations = workstations_within(scope, region)
    descendants = list(
        Region.objects.filter(**scope.row_filter())
        .filter(**scope_for_region(region).row_filter())
        .exclude(code=region.code)
        .order_by("code")
    )
    return assemble(scope, region, stations, descendants, period, today=today)


def national_rollup(period: Period, *, today: date) -> Rollup:
    """Every workstation in the country, by province: the benchmark's national roll-up."""
    with unscoped("national compliance roll-up"):
        stations = list(
            Workstation.objects.select_related("federation__region").order_by(
                "federation__region_id", "pk"
            )
        )
        regions = list(Region.objects.filter(level__in=[Level.PROVINCE, Level.CITY]))
        return assemble(None, None, stations, regions, period, today=today)


def assemble(
    scope: Scope | None,
    region: Region | None,
    stations: Sequence[Workstation],
    descendants: Sequence[Region],
    period: Period,
    *,
    today: date,
) -> Rollup:
    """The roll-up from the workstations and the regions below ``region`` already read."""
    top_code = region.code if region else None
    children = [r for r in descendants if r.parent_id == top_code]
    child_codes = {child.code for child in children}
    below = [station for station in stations if station.federation.region_id != top_code]
    group_of = {station.pk: _child_of(station, child_codes) for station in below}
    scores = scores_of(scope, stations, period)
    per_child, total = scoring.tally(
        {pk: scores[pk] for pk in group_of}, group_of, [child.code for child in children]
    )
    own = next((s for s in stations if s.federation.region_id == top_code), None)
    return Rollup(
        region=region,
        period=period,
        so_far=not period.has_ended(today),
        rows=[RollupRow(child, per_child[child.code]) for child in children],
        total=total,
        own=RegionCell(region, scores.get(own.pk) if own else None) if region else None,
        table=_table(children, descendants, stations, scores),
        trend=_trend(scope, below, period, scores, today),
    )


def _child_of(station: Workstation, child_codes: set[str]) -> str | None:
    for code in (station.province_code, station.city_code, station.county_code):
        if code in child_codes:
            return code
    return None


def _table(
    children: Sequence[Region],
    descendants: Sequence[Region],
    stations: Sequence[Workstation],
    scores: dict[int, scoring.Score],
) -> list[RegionTableRow]:
    by_region = {station.federation.region_id: scores.get(station.pk) for station in stations}

    def cell(region: Region) -> RegionCell:
        return RegionCell(region, by_region.get(region.code))

    grandchildren: dict[str, list[Region]] = {}
    for region in descendants:
        grandchildren.setdefault(region.parent_id or "", []).append(region)
    return [
        RegionTableRow(cell(child), [cell(r) for r in grandchildren.get(child.code, [])])
        for child in children
    ]


def _trend(
    scope: Scope | None,
    below: Sequence[Workstation],
    period: Period,
    current: dict[int, scoring.Score],
    today: date,
) -> list[TrendPoint]:
    points = []
    for one in periods.trend(period, TREND_PERIODS):
        scores = current if one == period else scores_of(scope, below, one)
        overall = scoring.Tally()
        for station in below:
            if station.pk in scores:
                overall.add(scores[station.pk].overall)
        points.append(TrendPoint(one, not one.has_ended(today), overall))
    return points
