"""The figure table of a region for a period: every indicator of ``stats.indicators`` for each
area directly below the region, the region's own federation, and the total (issue 7, item 1).

CONTRACT (shared by the report form, the page, submissions, dashboards and the bench):

- ``figure_table(region, period) -> FigureTable``; the caller has checked that ``region`` is
  inside the user's scope. Rows are read with ``all_objects`` filtered on the region's own
  column (``province_code``/``city_code``/``county_code``), grouped in SQL by the column of the
  level below; a fixed number of queries whatever the number of areas or rows.
- ``FigureTable.areas``: the areas directly below in code order (cities and counties directly
  under a province; counties of a city; none for a county), then ``own`` (the region's own
  federation: records filed under the region with no code at the level below), then ``total``.
  A county's table has only ``total`` (all of its records; nothing lies below it). Each level's
  own workstation is counted once: in ``own`` of its own region, and inside its area's column
  one level up.
- ``FigureTable.values[indicator key][area code]``: ``int`` for counts, ``Decimal`` for money,
  ``Decimal`` rounded to one place (or ``None`` with a zero denominator) for ratios. Every shown
  and hidden indicator is present for every area.
- ``to_snapshot()`` / ``from_snapshot()``: the JSON form stored on a submission (money and
  ratios as strings).

DEFINITIONS (what each figure counts; the SQL is in ``stats.selectors.figure_sources``). "In the
period" means on a local day (Asia/Shanghai) from the period's first to its last day, both
included; a date and time is compared from 00:00 of the first day to 00:00 after the last.

- ``consultations.*``: requests for help (``cases.Intake``) received in the period, in total and
  by channel; ``consultations.on_the_spot``: those closed on the spot as a consultation.
- ``cases.registered`` and its breakdowns: cases registered in the period, by channel, matter
  category, the case's disability category (blank: ``unknown``), the applicant's disability
  grade (none: ``unknown``), the applicant's sex (blank: ``unknown``) and the applicant's age
  on the period's last day (``indicators.AGE_BANDS``: someone born on that day 18 years earlier
  is 18; born on 29 February, a person comes of age on 1 March in a common year (on 28 February
  they are still 17); no date of birth: ``unknown``).
- ``cases.served``: distinct cases with at least one service (``cases.Service``) provided in the
  period; ``cases.service.<kind>``: distinct cases with a service of that kind in the period.
- ``referrals.sent``: referrals sent in the period (``sent_on``), by target (``kind``) and by
  where they stood on the period's last day, read from their dates: ``withdrawn`` (withdrawn
  on or before that day), else ``accepted`` or ``refused`` (decided on or before that day; a
  refusal keeps its reasons, also once concluded), else ``pending``; the four add up to
  ``referrals.sent``, and a decision recorded later never changes a past period.
  ``referrals.decided``: referrals whose
  decision day (``decided_on``) is in the period, whenever they were sent;
  ``decided_within_norm``: those decided at most ``indicators.DECISION_NORM_DAYS`` days after
  ``sent_on``; ``decision_days_total``: the sum of those days (hidden; feeds the average).
- ``cases.closed``: cases closed in the period (``closed_at``), by outcome; ``money.recovered``:
  the sum of their ``money_recovered`` (yuan, two places, 0.00 when none);
  ``cases.archived``: cases archived in the period (``archived_at``).
- ``return_visits.done``: return visits done in the period (``done_on``); ``rated``: those with
  a satisfaction; ``satisfied``: satisfaction at least ``indicators.SATISFIED_FROM``.
- ``duty.days_held``: duty days (``workstations.DutyDay`` rows) in the period that were checked
  in. ``accommodations.arranged``: access arrangements (``cases.Accommodation``) provided in the
  period; ``accommodations.sign_language``: those of sign-language interpreting.
- ``coverage.*``, as at the period's last day: coordination groups set up on or before it and
  not dissolved on or before it; workstations whose latest status change (``StatusChange``)
  effective on or before it is "established"; federations whose latest filing (by version
  number) decided on or before it was accepted; lawyers, legal workers and other legal
  professionals (``people.Person``) active on it.
- Ratios: ``numerator / denominator × scale`` (``indicators.Indicator``), a ``Decimal`` rounded
  half up to one place, ``None`` when the denominator is 0. Each area's ratio comes from that
  area's components, and the total's from the summed components, never from averaged ratios.

Areas: a province's records group by their city code, or by their county code for a county
directly under the province (no city); a city's by their county code. Records with no code at
the level below are the region's ``own``. Every child region is an area, zeros included. The
total is the sum of the areas and ``own`` (counts and money) and ratios are recomputed from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from django.utils.translation import pgettext

from lawstation.periods import Period
from regions.models import Level, Region

AreaKind = Literal["sub", "own", "total"]
OWN = "own"
TOTAL = "total"
Value = int | Decimal | None


@dataclass(frozen=True)
class Area:
    """One column of the table: a region below (``code`` is its region code), the region's own
    federation (``code`` = ``OWN``) or the total (``code`` = ``TOTAL``)."""

    code: str
    name: str
    kind: AreaKind
    level: int  # the region level of the area (own and total: the table's region's level)


@dataclass
class FigureTable:
    region: Region
    period: Period
    areas: list[Area]
    values: dict[str, dict[str, Value]] = field(default_factory=dict)

    def value(self, key: str, area: str = TOTAL) -> Value:
        return self.values[key][area]

    def to_snapshot(self) -> dict[str, Any]:
        def plain(value: Value) -> int | str | None:
            return str(value) if isinstance(value, Decimal) else value

        return {
            "region": self.region.code,
            "period": self.period.key,
            "areas": [[a.code, a.name, a.kind, a.level] for a in self.areas],
            "values": {
                key: {area: plain(value) for area, value in row.items()}
                for key, row in self.values.items()
            },
        }


def from_snapshot(region: Region, period: Period, data: dict[str, Any]) -> FigureTable:
    """The table a submission froze (money and ratios back to ``Decimal``)."""
    from stats.indicators import BY_KEY

    def typed(key: str, value: Any) -> Value:
        indicator = BY_KEY.get(key)
        if value is None or indicator is None or indicator.kind == "count":
            return value
        return Decimal(value)

    areas = [Area(code, name, kind, level) for code, name, kind, level in data["areas"]]
    values = {
        key: {area: typed(key, value) for area, value in row.items()}
        for key, row in data["values"].items()
    }
    return FigureTable(region, period, areas, values)


def figure_table(region: Region, period: Period) -> FigureTable:
    """Every indicator for every area of ``region`` in ``period`` (see the module docstring);
    the caller checked that ``region`` is in the user's scope."""
    from stats.indicators import INDICATORS
    from stats.selectors.figure_sources import SOURCES

    areas = _areas(region)
    below = {area.code for area in areas if area.kind == "sub"}
    home = TOTAL if region.level == Level.COUNTY else OWN
    values: dict[str, dict[str, Value]] = {}
    for source in SOURCES:
        for group, figures in source(region, period).items():
            column = group if group in below else home
            for key, figure in figures.items():
                row = values.setdefault(key, {area.code: 0 for area in areas})
                row[column] += figure or 0
    table = FigureTable(region, period, areas)
    for indicator in INDICATORS:
        if indicator.kind == "ratio":
            continue
        if indicator.key not in values:
            raise LookupError(f"no source computes the indicator {indicator.key}")
        row = values[indicator.key]
        if home == OWN:
            row[TOTAL] = sum(row[area.code] for area in areas if area.kind != "total")
        if indicator.kind == "money":
            row = {code: Decimal(figure).quantize(CENTS) for code, figure in row.items()}
        table.values[indicator.key] = row
    for indicator in INDICATORS:
        if indicator.kind == "ratio":
            numerators = values[indicator.numerator]
            denominators = values[indicator.denominator]
            table.values[indicator.key] = {
                area.code: ratio(numerators[area.code], denominators[area.code], indicator.scale)
                for area in areas
            }
    return table


CENTS = Decimal("0.01")
TENTHS = Decimal("0.1")


def ratio(numerator: int | Decimal, denominator: int | Decimal, scale: int = 1) -> Decimal | None:
    """``numerator / denominator × scale`` to one decimal place (half up); None over zero."""
    if not denominator:
        return None
    return (Decimal(numerator) * scale / Decimal(denominator)).quantize(TENTHS, ROUND_HALF_UP)


def _areas(region: Region) -> list[Area]:
    """The regions directly below (in code order), the region's own federation, the total; a
    county has only its total."""
    total = Area(TOTAL, pgettext("statistics area", "Total"), "total", region.level)
    if region.level == Level.COUNTY:
        return [total]
    below = [
        Area(child.code, child.name, "sub", child.level)
        for child in Region.objects.filter(parent=region).order_by("code")
    ]
    own = Area(OWN, pgettext("statistics area", "Own level"), "own", region.level)
    return [*below, own, total]
