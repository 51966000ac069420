"""The coverage view's read: one row per federation in scope, every figure annotated in SQL.

One query whatever the number of regions: the federations in scope (through their regions'
codes; a Federation is not region-scoped itself) annotated with a correlated subquery per figure.
Each subquery reads its model through the scoped manager, inside the same scope, so it is
filtered by that model's own region column as well as correlated to the federation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    Field,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from people.models import Engagement, Person
from regions.models import Federation, Level
from regions.scoping import Scope, activate
from workstations import coverage_rules as rules
from workstations.models import (
    Budget,
    CoordinationGroup,
    DutyDay,
    Filing,
    PremisesCheck,
    StatusChange,
    Workstation,
)

PROVIDER_KINDS = (Person.Kind.LAWYER, Person.Kind.LEGAL_WORKER)
MONEY = DecimalField(max_digits=14, decimal_places=2)


@dataclass(frozen=True)
class CoverageRow:
    code: str
    name: str
    level: int
    group_since: date | None  # the active group's set-up date; None: no active group
    station_established_on: date | None
    in_place_on: date | None
    facts: rules.Facts
    gaps: tuple[str, ...]
    deadline: str

    @property
    def level_label(self) -> str:
        return str(Level(self.level).label)

    @property
    def has_group(self) -> bool:
        return self.facts.has_group

    @property
    def has_office(self) -> bool:
        return self.facts.has_office

    @property
    def station_status(self) -> str | None:
        return self.facts.station_status

    @property
    def station_status_label(self) -> str | None:
        status = self.facts.station_status
        return str(Workstation.Status(status).label) if status else None

    @property
    def premises_count(self) -> int:
        return self.facts.premises_count

    @property
    def manager_filed(self) -> bool | None:
        return self.facts.manager_filed

    @property
    def legal_workers(self) -> int:
        return self.facts.legal_workers

    @property
    def funding(self) -> Decimal:
        return self.facts.funding

    @property
    def duty_day_last_month(self) -> bool:
        return self.facts.duty_day_last_month

    @property
    def gap_labels(self) -> list[str]:
        return [str(rules.GAP_LABELS[gap]) for gap in self.gaps]

    @property
    def deadline_label(self) -> str:
        return str(rules.DEADLINE_LABELS[self.deadline])

    @property
    def items(self) -> dict[str, bool]:
        return rules.has_items(self.facts, on_time=self.deadline == rules.MET_ON_TIME)


def coverage_rows(scope: Scope, *, today: date, target_date: date) -> list[CoverageRow]:
    """Every federation in ``scope`` (its own and all below), by level then code: one query."""
    federations = (
        Federation.objects.filter(**scope.row_filter("region__"))
        .select_related("region")
        .annotate(**_annotations(scope, today))
        .order_by("region__level", "region_id")
    )
    return [_row(federation, today, target_date) for federation in federations]


def coverage_totals(rows: list[CoverageRow]) -> list[tuple[str, rules.LevelTotal]]:
    """(level name, total) per level: how many federations have each item, and have gaps."""
    totals = rules.totals_per_level((row.level, row.items, bool(row.gaps)) for row in rows)
    return [(str(Level(total.level).label), total) for total in totals]


def _annotations(scope: Scope, today: date) -> dict[str, Any]:
    month_start, month_after = rules.previous_month(today)
    mine = OuterRef("pk")
    with activate(scope):
        group = CoordinationGroup.objects.filter(federation=mine)
        station = Workstation.objects.filter(federation=mine)
        established = StatusChange.objects.filter(
            workstation__federation=mine, status=Workstation.Status.ESTABLISHED
        ).order_by("effective_on")
        checks = PremisesCheck.objects.filter(workstation__federation=mine)
        accepted = Filing.objects.filter(federation=mine, status=Filing.Status.ACCEPTED).order_by(
            "-number"
        )
        engaged = Engagement.objects.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today),
            Q(person__active_until__isnull=True) | Q(person__active_until__gte=today),
            workstation__federation=mine,
            person__kind__in=PROVIDER_KINDS,
            starts_on__lte=today,
        )
        budgets = Budget.objects.filter(workstation__federation=mine, year=today.year)
        duty = DutyDay.objects.filter(
            workstation__federation=mine,
            checked_in_at__isnull=False,
            day__gte=month_start,
            day__lt=month_after,
        )
    return {
        "group_since": Subquery(group.values("established_on")[:1]),
        "group_dissolved_on": Subquery(group.values("dissolved_on")[:1]),
        "group_office": Subquery(group.values("office_location")[:1]),
        "group_office_head": Subquery(group.values("office_head")[:1]),
        "station_status": Subquery(station.values("status")[:1]),
        "station_approved_on": Subquery(station.values("approved_on")[:1]),
        "station_established_on": Subquery(established.values("effective_on")[:1]),
        "has_accepted_filing": Exists(accepted),
        "filed_person_until": Subquery(accepted.values("person__active_until")[:1]),
        "legal_workers": _per_station(engaged, Count("person", distinct=True), IntegerField()),
        "funding": _per_station(budgets, Sum("amount"), MONEY),
        "duty_day_last_month": Exists(duty),
        **_latest_premises(checks),
    }


def _per_station(rows: QuerySet, aggregate: Any, output_field: Field) -> Coalesce:
    """``aggregate`` over ``rows`` (correlated to one workstation), zero when there are none."""
    total = rows.order_by().values("workstation").annotate(total=aggregate).values("total")[:1]
    zero = Value(Decimal(0) if isinstance(output_field, DecimalField) else 0)
    return Coalesce(Subquery(total, output_field=output_field), zero, output_field=output_field)


def _latest_premises(checks: QuerySet) -> dict[str, Subquery]:
    """Per premises item: whether its latest check says present (None: never checked)."""
    return {
        f"premises_{item}": Subquery(
            checks.filter(item=item).order_by("-checked_on", "-id").values("present")[:1]
        )
        for item in rules.PREMISES_ITEMS
    }


def _row(federation: Any, today: date, target_date: date) -> CoverageRow:
    region = federation.region
    active_group = federation.group_since is not None and federation.group_dissolved_on is None
    filed_until = federation.filed_person_until
    facts = rules.Facts(
        has_group=active_group,
        has_office=active_group
        and bool((federation.group_office or "").strip() or (federation.group_office_head or "")),
        station_status=federation.station_status,
        premises_present=frozenset(
            item for item in rules.PREMISES_ITEMS if getattr(federation, f"premises_{item}")
        ),
        funding=Decimal(federation.funding or 0),
        legal_workers=federation.legal_workers or 0,
        manager_filed=None
        if region.level == Level.PROVINCE
        else federation.has_accepted_filing and (filed_until is None or filed_until >= today),
        duty_day_last_month=federation.duty_day_last_month,
    )
    established_on = federation.station_established_on or federation.station_approved_on
    if federation.station_status is None:
        established_on = None
    in_place_on = rules.body_in_place_on(
        federation.group_since if active_group else None, established_on
    )
    return CoverageRow(
        code=region.code,
        name=region.name,
        level=region.level,
        group_since=federation.group_since if active_group else None,
        station_established_on=established_on,
        in_place_on=in_place_on,
        facts=facts,
        gaps=rules.gaps(facts),
        deadline=rules.deadline_status(
            has_body=facts.has_body, in_place_on=in_place_on, today=today, target=target_date
        ),
    )
