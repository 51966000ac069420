"""Public reads for the workstation finder (``/stations/``) and each workstation's page.

Anonymous code: workstations, notices, premises checks and duty days are region-scoped models,
so every read here goes through ``unscoped(REASON)``, narrowly, and reads only public fields —
the workstation's name, address and status, the notice's texts, whether a premises item is
present and when it was checked, and the dates and times of duty days. Never a person (the
lawyer on duty, the head) nor a staff phone number.

Each function reads a constant number of queries, whatever the number of regions or
workstations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.selectors.routing import serving_federation
from regions.models import Level, Region
from regions.scoping import unscoped
from workstations.models import DutyDay, PremisesCheck, PremisesItem, PublicNotice, Workstation

REASON = "public portal: workstation finder and pages (public fields only, no personal data)"
CODE = re.compile(r"^[0-9]{6}$")
SEARCH_LIMIT = 20
DUTY_DAYS_SHOWN = 5
# The premises items a visitor needs to know before coming, in the order the page lists them.
PUBLIC_PREMISES: tuple[str, ...] = (
    PremisesItem.BARRIER_FREE,
    PremisesItem.GROUND_FLOOR,
    PremisesItem.PUBLIC_TRANSPORT,
    PremisesItem.ACCESSIBLE_TOILET,
    PremisesItem.SIGNAGE,
)
PARAMS: dict[int, str] = {Level.PROVINCE: "province", Level.CITY: "city", Level.COUNTY: "county"}
_COLUMNS = {Level.PROVINCE: "province_code", Level.CITY: "city_code", Level.COUNTY: "county_code"}
_STATION_FIELDS = ("id", "name", "address", "status", "federation__region__name")


@dataclass(frozen=True)
class StationSummary:
    """One workstation as the finder lists it."""

    code: str
    name: str
    address: str
    status: str
    region_name: str

    @property
    def is_open(self) -> bool:
        return self.status == Workstation.Status.ESTABLISHED

    @property
    def status_words(self) -> str:
        """The status in plain words, in the active language."""
        return status_words(self.status)


def status_words(status: str) -> str:
    words = {
        Workstation.Status.ESTABLISHED: _("Open"),
        Workstation.Status.PLANNED: _("Not open yet"),
        Workstation.Status.SUSPENDED: _("Temporarily closed"),
        Workstation.Status.CLOSED: _("Closed for good"),
    }
    return str(words.get(status, _("Not known")))


def _summary(row: dict) -> StationSummary:
    return StationSummary(
        code=row["federation__region_id"],
        name=row["name"],
        address=row["address"],
        status=row["status"],
        region_name=row["federation__region__name"],
    )


def _summaries(**lookup: object) -> list[dict]:
    with unscoped(REASON):
        return list(
            Workstation.objects.filter(**lookup)
            .order_by("federation__region_id")
            .values("federation__region_id", *_STATION_FIELDS)
        )


# --- The finder: choosing a region step by step -------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """The region chosen through the finder's GET steps, with the path down to it."""

    trail: tuple[Region, ...] = ()
    error: str = ""

    @property
    def region(self) -> Region | None:
        return self.trail[-1] if self.trail else None


def provinces() -> list[Region]:
    """Every province-level region, by code. One query."""
    return list(Region.objects.filter(level=Level.PROVINCE).order_by("code"))


def children_of(region: Region) -> list[Region]:
    """The regions directly below ``region`` (cities, or counties), by code. One query."""
    if region.level == Level.COUNTY:
        return []
    return list(Region.objects.filter(parent=region).order_by("code"))


def choose(*, province: str = "", city: str = "", county: str = "") -> Choice:
    """The region the finder's parameters name (the deepest one given), checked: each code has
    six digits, exists at its level, and the codes given lie on one path. Two queries at most.

    Bad input gives a ``Choice`` with no region and a translated ``error``."""
    given = {
        level: value.strip()
        for level, value in ((Level.PROVINCE, province), (Level.CITY, city), (Level.COUNTY, county))
        if value and value.strip()
    }
    if not given:
        return Choice()
    if any(not CODE.match(code) for code in given.values()):
        return Choice(error=_("A region code has six digits, for example 340000."))
    found = Region.objects.in_bulk(list(given.values()))
    for level, code in given.items():
        error = _level_error(found.get(code), level, code)
        if error:
            return Choice(error=error)
    deepest = found[given[max(given)]]
    for level, code in given.items():
        if getattr(deepest, _COLUMNS[level]) != code:
            return Choice(
                error=_("%(place)s is not in %(area)s. Choose again.")
                % {"place": deepest.name, "area": found[code].name}
            )
    return Choice(trail=_trail_of(deepest))


def _level_error(region: Region | None, level: int, code: str) -> str:
    if region is None:
        return _("There is no region with the code %(code)s in China.") % {"code": code}
    if region.level != level:
        names = {
            Level.PROVINCE: _("a province"),
            Level.CITY: _("a city"),
            Level.COUNTY: _("a county or district"),
        }
        return _("%(name)s (%(code)s) is not %(kind)s.") % {
            "name": region.name,
            "code": code,
            "kind": names[level],
        }
    return ""


def _trail_of(region: Region) -> tuple[Region, ...]:
    codes = [region.province_code, region.city_code, region.code]
    above = [code for code in dict.fromkeys(codes) if code and code != region.code]
    regions = Region.objects.in_bulk(above) if above else {}
    return (*(regions[code] for code in above if code in regions), region)


# --- The finder: results ------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaStations:
    """The workstations in the chosen area and, for a county without one in service, the
    workstation that serves it."""

    stations: list[StationSummary]
    serving: StationSummary | None = None
    own_is_open: bool = False


def stations_in(region: Region) -> AreaStations:
    """Every workstation in ``region`` and below it, by code; for a county whose own workstation
    is not in service, the one serving it (``serving_federation``). Four queries at most."""
    stations = [_summary(row) for row in _summaries(**{_COLUMNS[region.level]: region.code})]
    own = next((s for s in stations if s.code == region.code), None)
    own_is_open = own is not None and own.is_open
    serving = None
    if region.level == Level.COUNTY and not own_is_open:
        serving = serving_station(region)
    return AreaStations(stations=stations, serving=serving, own_is_open=own_is_open)


def serving_station(region: Region) -> StationSummary | None:
    """The workstation in service nearest up the tree from ``region`` (its own included)."""
    federation = serving_federation(region)
    if federation is None:
        return None
    rows = _summaries(federation=federation)
    return _summary(rows[0]) if rows else None


@dataclass(frozen=True)
class SearchResult:
    stations: list[StationSummary]
    more: bool  # more matched than are shown


def search_stations(text: str, limit: int = SEARCH_LIMIT) -> SearchResult:
    """Workstations whose name, address or region name contains ``text`` (case-insensitive;
    ``%`` and ``_`` match themselves: Django escapes LIKE wildcards in ``icontains``). At most
    ``limit`` of them, by code. One query."""
    text = text.strip()
    if not text:
        return SearchResult(stations=[], more=False)
    matches = (
        Q(name__icontains=text)
        | Q(address__icontains=text)
        | Q(federation__region__name__icontains=text)
    )
    with unscoped(REASON):
        rows = list(
            Workstation.objects.filter(matches)
            .order_by("federation__region_id")
            .values("federation__region_id", *_STATION_FIELDS)[: limit + 1]
        )
    return SearchResult(stations=[_summary(row) for row in rows[:limit]], more=len(rows) > limit)


# --- A workstation's page -----------------------------------------------------------------------


@dataclass(frozen=True)
class PremisesLine:
    """One accessibility item of the premises: its latest check, or none recorded."""

    item: str
    label: str
    present: bool | None = None
    checked_on: date | None = None


@dataclass(frozen=True)
class DutySlot:
    """An on-site lawyer day: when only, never who."""

    day: date
    starts_at: time
    ends_at: time


@dataclass(frozen=True)
class StationPage:
    code: str
    region: Region
    station: StationSummary
    notice: PublicNotice | None
    premises: list[PremisesLine] = field(default_factory=list)
    duty_days: list[DutySlot] = field(default_factory=list)
    serving: StationSummary | None = None


def station_page(code: str, today: date | None = None) -> StationPage | None:
    """Everything the public page of the workstation of region ``code`` shows; ``None`` when
    the code is not six digits or the region has no workstation. Seven queries at most."""
    if not isinstance(code, str) or not CODE.match(code):
        return None
    today = today or timezone.localdate()
    with unscoped(REASON):
        workstation = (
            Workstation.objects.filter(federation__region_id=code)
            .select_related("federation__region")
            .only("name", "address", "status", "federation__region")
            .first()
        )
        if workstation is None:
            return None
        notice = current_public_notice(workstation, today)
        premises = premises_lines(workstation)
        duty = next_duty_days(workstation, today)
    region = workstation.federation.region
    station = StationSummary(
        code=code,
        name=workstation.name,
        address=workstation.address,
        status=workstation.status,
        region_name=region.name,
    )
    serving = None if station.is_open else serving_station(region)
    return StationPage(
        code=code,
        region=region,
        station=station,
        notice=notice,
        premises=premises,
        duty_days=duty if station.is_open else [],
        serving=serving,
    )


def current_public_notice(workstation: Workstation, today: date) -> PublicNotice | None:
    """The notice version in force on ``today`` (as ``workstations.selectors.stations.
    current_notice`` decides it): the newest one that has started and not ended. One query."""
    with unscoped(REASON):
        return (
            PublicNotice.objects.filter(workstation=workstation, effective_from__lte=today)
            .filter(Q(effective_until__isnull=True) | Q(effective_until__gte=today))
            .order_by("-effective_from", "-id")
            .first()
        )


def premises_lines(workstation: Workstation) -> list[PremisesLine]:
    """The public premises items in order, each from its latest check. One query."""
    with unscoped(REASON):
        latest = PremisesCheck.objects.filter(
            workstation=OuterRef("workstation"), item=OuterRef("item")
        ).order_by("-checked_on", "-id")
        checks = {
            row["item"]: row
            for row in PremisesCheck.objects.filter(
                workstation=workstation,
                item__in=PUBLIC_PREMISES,
                pk=Subquery(latest.values("pk")[:1]),
            ).values("item", "present", "checked_on")
        }
    labels = dict(PremisesItem.choices)
    return [
        PremisesLine(
            item=item,
            label=str(labels[item]),
            present=checks[item]["present"] if item in checks else None,
            checked_on=checks[item]["checked_on"] if item in checks else None,
        )
        for item in PUBLIC_PREMISES
    ]


def next_duty_days(
    workstation: Workstation, today: date, limit: int = DUTY_DAYS_SHOWN
) -> list[DutySlot]:
    """The next on-site lawyer days from ``today`` on: dates and times only. One query."""
    with unscoped(REASON):
        rows = (
            DutyDay.objects.filter(workstation=workstation, day__gte=today)
            .order_by("day", "starts_at", "id")
            .values("day", "starts_at", "ends_at")[:limit]
        )
        return [DutySlot(**row) for row in rows]
