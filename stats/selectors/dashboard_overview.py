"""The overview on a leader's home, and on a city or province clerk's (issue 7, item 5):
coverage of the regions below, compliance with the nine standards in the last ended quarter, and
the volumes of the last four ended quarters as a chart with its table.

Each part reuses the selector of its own page (``workstations.selectors.coverage``,
``compliance.selectors``, ``stats.selectors.figures``) and links to that page for more. Queries
are a fixed number: one for coverage, the compliance indicators' fixed number, and one figure
table per quarter, whatever the number of regions, workstations or cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import Capability
from compliance import scoring
from compliance.selectors.scorecards import scores_of, workstations_within
from lawstation import periods
from lawstation.periods import Period
from regions.models import Level, Region
from regions.scoping import Scope
from stats import charts
from stats.selectors import figures
from stats.selectors.work_lists import last_ended_quarter
from workstations import coverage_rules
from workstations.selectors.coverage import coverage_rows, coverage_totals

TREND_QUARTERS = 4
# The volumes drawn, from the figure table's total column.
VOLUMES: list[tuple[str, str | Promise]] = [
    ("consultations.total", gettext_lazy("Requests for help received")),
    ("cases.registered", gettext_lazy("Cases registered")),
    ("cases.closed", gettext_lazy("Cases closed")),
    ("referrals.sent", gettext_lazy("Referrals sent")),
]
# The coverage items the home shows (the coverage page has them all).
COVERAGE_ITEMS = (
    coverage_rules.GROUP,
    coverage_rules.WORKSTATION,
    coverage_rules.MANAGER_FILED,
    coverage_rules.LEGAL_WORKERS,
    coverage_rules.DUTY_DAY,
)


@dataclass(frozen=True)
class CoverageLine:
    level: str
    federations: int
    counts: list[int]  # in the order of COVERAGE_ITEMS
    with_gaps: int


@dataclass(frozen=True)
class Coverage:
    labels: list[str | Promise]
    lines: list[CoverageLine]


@dataclass(frozen=True)
class StandardLine:
    number: int
    title: str | Promise
    tally: scoring.Tally


@dataclass(frozen=True)
class Compliance:
    period: Period
    workstations: int
    standards: list[StandardLine]
    overall: scoring.Tally


@dataclass(frozen=True)
class Volumes:
    periods: list[Period]
    chart: charts.Chart


@dataclass(frozen=True)
class Overview:
    region: Region
    coverage: Coverage | None
    compliance: Compliance | None
    volumes: Volumes | None


def shows_overview(scope: Scope) -> bool:
    """Leaders see the overview at every level; clerks above the county too (a county clerk's
    home is their open work)."""
    if not scope.can(Capability.STATISTICS_VIEW):
        return False
    return scope.level < Level.COUNTY or not scope.can(Capability.CASE_EDIT)


def overview_of(scope: Scope, region: Region, *, today: date) -> Overview:
    """The overview of ``region`` (the user's own, already read through the scope)."""
    sees_stations = scope.can(Capability.WORKSTATION_VIEW)
    quarter = last_ended_quarter(today)
    return Overview(
        region=region,
        coverage=coverage_of(scope, today=today) if sees_stations else None,
        compliance=compliance_of(scope, region, quarter) if sees_stations else None,
        volumes=volumes_of(region, quarter) if scope.can(Capability.STATISTICS_VIEW) else None,
    )


def coverage_of(scope: Scope, *, today: date) -> Coverage:
    rows = coverage_rows(scope, today=today, target_date=settings.COVERAGE_TARGET_DATE)
    return Coverage(
        labels=[coverage_rules.TOTAL_ITEM_LABELS[item] for item in COVERAGE_ITEMS],
        lines=[
            CoverageLine(
                level=level,
                federations=total.federations,
                counts=[total.count(item) for item in COVERAGE_ITEMS],
                with_gaps=total.with_gaps,
            )
            for level, total in coverage_totals(rows)
        ],
    )


def compliance_of(scope: Scope, region: Region, period: Period) -> Compliance:
    """How many workstations of ``region`` and below meet each standard in ``period``."""
    stations = workstations_within(scope, region)
    scores = scores_of(scope, stations, period) if stations else {}
    _groups, total = scoring.tally(scores, dict.fromkeys(scores, "all"), ["all"])
    return Compliance(
        period=period,
        workstations=total.workstations,
        standards=[
            StandardLine(number, scoring.STANDARD_TITLES[number], total.standards[number])
            for number in scoring.STANDARDS
        ],
        overall=total.overall,
    )


def volumes_of(region: Region, last: Period) -> Volumes:
    """The last four quarters up to ``last``: one figure table per quarter, its total column."""
    quarters = periods.trend(last, TREND_QUARTERS)
    tables = [figures.figure_table(region, quarter) for quarter in quarters]
    series = [
        charts.Series(key, str(label), [table.value(key, figures.TOTAL) for table in tables])
        for key, label in VOLUMES
    ]
    chart = charts.bar_chart(
        "volumes",
        _("Volumes in the last four quarters: %(region)s") % {"region": region.name},
        _(
            "Requests for help received, cases registered, cases closed and referrals sent, "
            "per quarter, from %(first)s to %(last)s."
        )
        % {"first": quarters[0].key, "last": quarters[-1].key},
        [quarter.key for quarter in quarters],
        series,
    )
    return Volumes(quarters, chart)
