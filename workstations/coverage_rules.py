"""Where full coverage (the notice's first demand) is not yet true: the gaps of one federation,
its standing against the deadline, and totals per level. Plain values in and out; no database.

The notice (preamble) names four gaps: some places have **no coordination body or workstation**,
some **lack facilities**, some **lack funding**, some **lack full-time legal workers**. Its part 4
and standard 5 add two more that the level above checks: the daily-management person **filed**
with the level above, and **at least one on-site duty day a month**.

Rules, as :func:`gaps` applies them to a :class:`Facts`:

- ``no_body``: no active coordination group (none, or dissolved), or no workstation, or a
  workstation that is not ESTABLISHED (planned, suspended or closed).
- ``no_facilities``: one of the **required** premises items of standard 2 is not present by its
  latest check (a never-checked item counts as absent). Standard 2 requires a fixed,
  barrier-free site with conspicuous signage and basic office equipment; street front, ground
  floor, public transport and an accessible toilet are "preferably" (or come from other
  provinces' practice), so they are shown in the premises count but do not make a gap.
- ``no_funding``: no budget (a total of zero) for the current year.
- ``no_legal_workers``: no lawyer or legal worker engaged at the workstation today.
- ``manager_not_filed``: no accepted filing whose person is still active. A provincial
  federation files with the CDPF, outside this system: ``manager_filed`` is ``None`` there and
  never makes a gap.
- ``no_duty_day``: no checked-in duty day in the previous calendar month.

A federation without a workstation has none of the things a workstation brings, so it shows
those gaps too: each is true, and the level above sees the whole of what is missing.

Deadline (:func:`deadline_status`): the body is in place from the later of the day the group was
set up and the day the workstation was first established. Met by the target date → "met on
time"; met after it → "met late"; not in place now → "not met, overdue" once the target date has
passed, else "not met yet".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

ESTABLISHED = "established"  # Workstation.Status.ESTABLISHED

# Standard 2, in the order of PremisesItem; the first four are required.
PREMISES_ITEMS: tuple[str, ...] = (
    "fixed_site",
    "barrier_free",
    "street_facing",
    "ground_floor",
    "public_transport",
    "signage",
    "office_equipment",
    "accessible_toilet",
)
REQUIRED_PREMISES: tuple[str, ...] = ("fixed_site", "barrier_free", "signage", "office_equipment")

NO_BODY = "no_body"
NO_FACILITIES = "no_facilities"
NO_FUNDING = "no_funding"
NO_LEGAL_WORKERS = "no_legal_workers"
MANAGER_NOT_FILED = "manager_not_filed"
NO_DUTY_DAY = "no_duty_day"
GAPS: tuple[str, ...] = (
    NO_BODY,
    NO_FACILITIES,
    NO_FUNDING,
    NO_LEGAL_WORKERS,
    MANAGER_NOT_FILED,
    NO_DUTY_DAY,
)
GAP_LABELS = {
    NO_BODY: _("No coordination body or workstation"),
    NO_FACILITIES: _("No facilities"),
    NO_FUNDING: _("No funding"),
    NO_LEGAL_WORKERS: _("No full-time legal workers"),
    MANAGER_NOT_FILED: _("Daily manager not filed"),
    NO_DUTY_DAY: _("No duty day last month"),
}

MET_ON_TIME = "met_on_time"
MET_LATE = "met_late"
OVERDUE = "overdue"
NOT_YET_DUE = "not_yet_due"
DEADLINE_LABELS = {
    MET_ON_TIME: _("Met on time"),
    MET_LATE: _("Met late"),
    OVERDUE: _("Not met, overdue"),
    NOT_YET_DUE: _("Not met yet"),
}

# What the totals per level count: how many federations have each.
GROUP = "group"
OFFICE = "office"
WORKSTATION = "workstation"
MANAGER_FILED = "manager_filed"
LEGAL_WORKERS = "legal_workers"
FUNDING = "funding"
DUTY_DAY = "duty_day"
FACILITIES = "facilities"
ON_TIME = "on_time"
TOTAL_ITEMS: tuple[str, ...] = (
    GROUP,
    OFFICE,
    WORKSTATION,
    MANAGER_FILED,
    LEGAL_WORKERS,
    FUNDING,
    DUTY_DAY,
    FACILITIES,
    ON_TIME,
)
TOTAL_ITEM_LABELS = {
    GROUP: _("Coordination group"),
    OFFICE: _("Office"),
    WORKSTATION: _("Workstation established"),
    MANAGER_FILED: _("Daily manager filed"),
    LEGAL_WORKERS: _("Lawyers or legal workers engaged"),
    FUNDING: _("Funding this year"),
    DUTY_DAY: _("Duty day last month"),
    FACILITIES: _("Required premises present"),
    ON_TIME: _("Met the deadline on time"),
}


@dataclass(frozen=True)
class Facts:
    """What is known of one federation, as plain values."""

    has_group: bool  # an active (not dissolved) coordination group
    has_office: bool
    station_status: str | None  # None: no workstation
    premises_present: frozenset[str] = frozenset()
    funding: Decimal = Decimal(0)
    legal_workers: int = 0
    manager_filed: bool | None = False  # None: not applicable (the province)
    duty_day_last_month: bool = False

    @property
    def has_workstation(self) -> bool:
        return self.station_status == ESTABLISHED

    @property
    def has_body(self) -> bool:
        return self.has_group and self.has_workstation

    @property
    def has_facilities(self) -> bool:
        return all(item in self.premises_present for item in REQUIRED_PREMISES)

    @property
    def premises_count(self) -> int:
        return sum(item in self.premises_present for item in PREMISES_ITEMS)


def gaps(facts: Facts) -> tuple[str, ...]:
    """The gaps of one federation, in the order of :data:`GAPS`."""
    found = {
        NO_BODY: not facts.has_body,
        NO_FACILITIES: not facts.has_facilities,
        NO_FUNDING: facts.funding <= 0,
        NO_LEGAL_WORKERS: facts.legal_workers <= 0,
        MANAGER_NOT_FILED: facts.manager_filed is False,
        NO_DUTY_DAY: not facts.duty_day_last_month,
    }
    return tuple(gap for gap in GAPS if found[gap])


def body_in_place_on(group_since: date | None, station_established_on: date | None) -> date | None:
    """The day both the group and the workstation existed: the later of the two, or ``None``."""
    if group_since is None or station_established_on is None:
        return None
    return max(group_since, station_established_on)


def deadline_status(*, has_body: bool, in_place_on: date | None, today: date, target: date) -> str:
    """One of :data:`DEADLINE_LABELS`' keys; see the module's rules.

    A body in place with no known date (no establishment on record) counts as met late: it
    cannot be shown to have been in place by the target date."""
    if has_body:
        return MET_ON_TIME if in_place_on is not None and in_place_on <= target else MET_LATE
    return OVERDUE if today > target else NOT_YET_DUE


def previous_month(today: date) -> tuple[date, date]:
    """The first day of the month before ``today``'s, and the first day of ``today``'s month."""
    first_of_this = today.replace(day=1)
    return (first_of_this - timedelta(days=1)).replace(day=1), first_of_this


def has_items(facts: Facts, *, on_time: bool) -> dict[str, bool]:
    """Which of :data:`TOTAL_ITEMS` the federation has."""
    return {
        GROUP: facts.has_group,
        OFFICE: facts.has_office,
        WORKSTATION: facts.has_workstation,
        MANAGER_FILED: bool(facts.manager_filed),
        LEGAL_WORKERS: facts.legal_workers > 0,
        FUNDING: facts.funding > 0,
        DUTY_DAY: facts.duty_day_last_month,
        FACILITIES: facts.has_facilities,
        ON_TIME: on_time,
    }


@dataclass(frozen=True)
class LevelTotal:
    level: int
    federations: int
    counts: dict[str, int] = field(default_factory=dict)
    with_gaps: int = 0

    def count(self, item: str) -> int:
        return self.counts.get(item, 0)

    @property
    def ordered(self) -> list[int]:
        """The counts in the order of :data:`TOTAL_ITEMS`."""
        return [self.count(item) for item in TOTAL_ITEMS]


def totals_per_level(rows: Iterable[tuple[int, dict[str, bool], bool]]) -> list[LevelTotal]:
    """From ``(level, has_items(...), has_gaps)`` per federation: one total per level present,
    in level order."""
    federations: Counter[int] = Counter()
    counts: dict[int, Counter[str]] = {}
    with_gaps: Counter[int] = Counter()
    for level, items, has_gaps in rows:
        federations[level] += 1
        counts.setdefault(level, Counter()).update(k for k, v in items.items() if v)
        with_gaps[level] += bool(has_gaps)
    return [
        LevelTotal(
            level=level,
            federations=federations[level],
            counts={item: counts[level][item] for item in TOTAL_ITEMS},
            with_gaps=with_gaps[level],
        )
        for level in sorted(federations)
    ]
