"""The SQL behind the figure table (``stats.selectors.figures``): one conditional-aggregate query
per source table, grouped by the area below the region.

Each function takes the region and the period and returns ``{group: {indicator key: figure}}``
where ``group`` is the region code at the level below (``None``: rows filed under the region
itself, with no code at the level below; always ``None`` for a county, which has nothing below).
Rows are read through ``all_objects`` filtered by equality on the region's own column: the
caller checked that the region is inside the user's scope. The number of queries is fixed: it
grows neither with the rows nor with the areas.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db.models import (
    Aggregate,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThanOrEqual

from cases.models import (
    Accommodation,
    Case,
    Channel,
    DisabilityCategory,
    DisabilityGrade,
    Intake,
    MatterCategory,
    Referral,
    ReturnVisit,
    Service,
)
from compliance.selectors.station_figures import day_end, day_start
from lawstation.periods import Period
from people.models import Person
from regions.models import Level, Region
from stats.indicators import AGE_BANDS, DECISION_NORM_DAYS, SATISFIED_FROM
from workstations.models import CoordinationGroup, DutyDay, Filing, StatusChange, Workstation

Rows = dict[str | None, dict[str, Any]]
AREA = "stats_area"
COLUMN = {Level.PROVINCE: "province_code", Level.CITY: "city_code", Level.COUNTY: "county_code"}
UNKNOWN = "unknown"
PROVIDER_KINDS = (Person.Kind.LAWYER, Person.Kind.LEGAL_WORKER, Person.Kind.OTHER)


class DaysBetween(Func):
    """Whole days from ``earlier`` to ``later`` (two date columns), as an integer: ``date -
    date`` on PostgreSQL, the difference of ``julianday`` on SQLite."""

    output_field = IntegerField()
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def __init__(self, later: str, earlier: str) -> None:
        super().__init__(F(later), F(earlier))

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


def _between(field: str, period: Period) -> Q:
    """``field`` (a date) inside the period, both days included."""
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def _during(field: str, period: Period) -> Q:
    """``field`` (a date and time) on a local day of the period."""
    return Q(**{f"{field}__gte": day_start(period.start), f"{field}__lt": day_end(period.end)})


def _area(region: Region) -> Any:
    """The column of the level below: a province's counties with no city fall back on their
    county code; a city's rows group by county."""
    if region.level == Level.PROVINCE:
        return Coalesce("city_code", "county_code")
    return F("county_code")


def _grouped(queryset: QuerySet, region: Region, figures: dict[str, Aggregate]) -> Rows:
    """One ``GROUP BY`` query: every figure for every area of ``region``."""
    aliases = {f"f{index}": key for index, key in enumerate(figures)}
    aggregates = {alias: figures[key] for alias, key in aliases.items()}
    queryset = queryset.filter(**{COLUMN[region.level]: region.code}).order_by()
    if region.level == Level.COUNTY:
        rows = [{AREA: None, **queryset.aggregate(**aggregates)}]
    else:
        rows = queryset.annotate(**{AREA: _area(region)}).values(AREA).annotate(**aggregates)
    # The region's own group is always there (zeros without rows): every figure is named.
    result: Rows = {None: dict.fromkeys(figures, 0)}
    result.update({row[AREA]: {key: row[alias] for alias, key in aliases.items()} for row in rows})
    return result


def _counts(prefix: str, field: str, values: list, where: Q, of: str = "pk") -> dict:
    """A conditional count per value of ``field`` (of distinct ``of`` when it is not the row)."""
    return {
        f"{prefix}.{value}": Count(of, filter=where & Q(**{field: value}), distinct=of != "pk")
        for value in values
    }


def intakes(region: Region, period: Period) -> Rows:
    """Consultations (人次): every intake received in the period."""
    every = Q()
    return _grouped(
        Intake.all_objects.filter(_during("received_at", period)),
        region,
        {
            "consultations.total": Count("pk"),
            **_counts("consultations.channel", "channel", Channel.values, every),
            "consultations.on_the_spot": Count("pk", filter=Q(outcome=Intake.Outcome.CONSULTATION)),
        },
    )


def age_thresholds(day: date, years: int) -> date:
    """The latest birth date of someone at least ``years`` old on ``day``.

    The same day and month ``years`` earlier; when ``day`` is 29 February and that year is a
    common year, 28 February. So someone born on 29 February is not yet ``years`` old on
    28 February of a common year: they come of age on 1 March. The one rule for every age in
    statistics (the figures and the de-identified export's age band)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _age_bands(where: Q, end: date) -> dict[str, Aggregate]:
    """Age as at ``end`` as date thresholds on the birth date, counted in SQL."""
    bands = {}
    for key, low, high, _label in AGE_BANDS:
        band = Q(applicant__birth_date__lte=age_thresholds(end, low))
        if high is not None:
            band &= Q(applicant__birth_date__gt=age_thresholds(end, high + 1))
        bands[f"cases.age.{key}"] = Count("pk", filter=where & band)
    bands[f"cases.age.{UNKNOWN}"] = Count("pk", filter=where & Q(applicant__birth_date=None))
    return bands


def _registered(where: Q, end: date) -> dict[str, Aggregate]:
    grades = DisabilityGrade.values
    return {
        "cases.registered": Count("pk", filter=where),
        **_counts("cases.channel", "channel", Channel.values, where),
        **_counts("cases.matter", "matter_category", MatterCategory.values, where),
        **_counts("cases.disability", "disability_category", DisabilityCategory.values, where),
        f"cases.disability.{UNKNOWN}": Count(
            "pk", filter=where & ~Q(disability_category__in=DisabilityCategory.values)
        ),
        **_counts("cases.grade", "applicant__disability_grade", grades, where),
        f"cases.grade.{UNKNOWN}": Count(
            "pk", filter=where & ~Q(applicant__disability_grade__in=grades)
        ),
        **_counts("cases.sex", "applicant__sex", ["m", "f"], where),
        f"cases.sex.{UNKNOWN}": Count("pk", filter=where & ~Q(applicant__sex__in=["m", "f"])),
        **_age_bands(where, end),
    }


def cases(region: Region, period: Period) -> Rows:
    """Cases registered, closed and archived in the period (one query over the three)."""
    registered = _during("registered_at", period)
    closed = _during("closed_at", period)
    archived = _during("archived_at", period)
    return _grouped(
        Case.all_objects.filter(registered | closed | archived),
        region,
        {
            **_registered(registered, period.end),
            "cases.closed": Count("pk", filter=closed),
            **_counts("cases.outcome", "outcome", Case.Outcome.values, closed),
            "money.recovered": Sum("money_recovered", filter=closed),
            "cases.archived": Count("pk", filter=archived),
        },
    )


def services(region: Region, period: Period) -> Rows:
    """Distinct cases served in the period, overall and per kind of service."""
    return _grouped(
        Service.all_objects.filter(_between("provided_on", period)),
        region,
        {
            "cases.served": Count("case_id", distinct=True),
            **_counts("cases.service", "kind", Service.Kind.values, Q(), of="case_id"),
        },
    )


def referrals(region: Region, period: Period) -> Rows:
    """Referrals sent in the period, by where they stood on its last day, and decisions
    received in it. "Where they stood" is read from the dates, not from the status now, so a
    decision recorded after the period (when the period may be locked) never changes it."""
    sent = _between("sent_on", period)
    decided = _between("decided_on", period)
    days = DaysBetween("decided_on", "sent_on")
    withdrawn = Q(status=Referral.Status.WITHDRAWN, withdrawn_on__lte=period.end)
    # A decision keeps its refusal reasons (also once the outcome is concluded): none means
    # accepted (cases.services.referrals.record_decision).
    decided_by_end = Q(decided_on__lte=period.end) & ~withdrawn
    return _grouped(
        Referral.all_objects.filter(sent | decided),
        region,
        {
            "referrals.sent": Count("pk", filter=sent),
            **_counts("referrals.target", "kind", Referral.Kind.values, sent),
            "referrals.accepted": Count("pk", filter=sent & decided_by_end & Q(refusal_reason="")),
            "referrals.refused": Count("pk", filter=sent & decided_by_end & ~Q(refusal_reason="")),
            "referrals.withdrawn": Count("pk", filter=sent & withdrawn),
            "referrals.pending": Count(
                "pk", filter=sent & ~withdrawn & ~Q(decided_on__lte=period.end)
            ),
            "referrals.decided": Count("pk", filter=decided),
            "referrals.decided_within_norm": Count(
                "pk", filter=decided & Q(LessThanOrEqual(days, DECISION_NORM_DAYS))
            ),
            "referrals.decision_days_total": Sum(days, filter=decided),
        },
    )


def return_visits(region: Region, period: Period) -> Rows:
    return _grouped(
        ReturnVisit.all_objects.filter(_between("done_on", period)),
        region,
        {
            "return_visits.done": Count("pk"),
            "return_visits.rated": Count("pk", filter=Q(satisfaction__isnull=False)),
            "return_visits.satisfied": Count("pk", filter=Q(satisfaction__gte=SATISFIED_FROM)),
        },
    )


def duty_days(region: Region, period: Period) -> Rows:
    """Duty days in the period that were checked in (held)."""
    return _grouped(
        DutyDay.all_objects.filter(_between("day", period), checked_in_at__isnull=False),
        region,
        {"duty.days_held": Count("pk")},
    )


def accommodations(region: Region, period: Period) -> Rows:
    return _grouped(
        Accommodation.all_objects.filter(_between("provided_on", period)),
        region,
        {
            "accommodations.arranged": Count("pk"),
            "accommodations.sign_language": Count(
                "pk", filter=Q(kind=Accommodation.Kind.SIGN_LANGUAGE)
            ),
        },
    )


def groups(region: Region, period: Period) -> Rows:
    """Coordination groups set up by the last day and not dissolved by then."""
    end = period.end
    return _grouped(
        CoordinationGroup.all_objects.filter(
            Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=end), established_on__lte=end
        ),
        region,
        {"coverage.groups": Count("pk")},
    )


def workstations(region: Region, period: Period) -> Rows:
    """Workstations whose latest status change on or before the last day is "established"."""
    latest = StatusChange.all_objects.filter(
        workstation=OuterRef("pk"), effective_on__lte=period.end
    ).order_by("-effective_on", "-pk")
    return _grouped(
        Workstation.all_objects.annotate(status_then=Subquery(latest.values("status")[:1])),
        region,
        {
            "coverage.workstations": Count(
                "pk", filter=Q(status_then=Workstation.Status.ESTABLISHED)
            )
        },
    )


def filings(region: Region, period: Period) -> Rows:
    """Federations whose latest filing decided by the last day was accepted."""
    end = day_end(period.end)
    later = Filing.all_objects.filter(
        federation=OuterRef("federation"), number__gt=OuterRef("number"), decided_at__lt=end
    )
    return _grouped(
        Filing.all_objects.filter(
            ~Exists(later), decided_at__lt=end, status=Filing.Status.ACCEPTED
        ),
        region,
        {"coverage.filings": Count("federation_id", distinct=True)},
    )


def providers(region: Region, period: Period) -> Rows:
    """Lawyers, legal workers and other legal professionals active on the last day."""
    end = period.end
    return _grouped(
        Person.all_objects.filter(
            Q(active_until__isnull=True) | Q(active_until__gte=end),
            kind__in=PROVIDER_KINDS,
            active_from__lte=end,
        ),
        region,
        {"coverage.lawyers": Count("pk")},
    )


SOURCES: list[Callable[[Region, Period], Rows]] = [
    intakes,
    cases,
    services,
    referrals,
    return_visits,
    duty_days,
    accommodations,
    groups,
    workstations,
    filings,
    providers,
]
