"""Small-cell suppression of exported statistics (issue 7, item 6).

A count about persons can identify someone where it is small and the area is small. Exported
figures (the ``statistics`` report in every format) therefore hide them; the statistics page shows
staff of the region the exact figures. Pure rules: values in, values out.

The rules, for a table ``values[indicator key][area code]`` and its areas (``stats.selectors.
figures.Area``: code, kind ``sub``/``own``/``total``, region level):

1. **Primary.** A count (``kind == "count"``) of an indicator with ``suppress=True``, from 1 to
   ``threshold - 1``, in an area whose level is one of ``levels``, shows as ``"<5"`` (the threshold
   in the text). 0 stays 0: it identifies nobody. A county's own table is covered too: its only
   column, the total, is a county-level area. Defaults: ``STATS_SMALL_CELL_THRESHOLD = 5``,
   ``STATS_SMALL_CELL_LEVELS = [3]`` (county); a threshold of 0 (or 1) switches suppression off.
2. **Secondary.** Figures add up in two directions: along a row (total = the areas below + own
   federation) and down a column (a headline = its breakdown: cases registered = men + women +
   sex not recorded; ``stats.indicators.ADDS_UP``). In each such sum, a hidden figure must not be
   recoverable from the shown ones: one more figure of the sum is hidden, shown as ``"x"``, when

   - exactly one part is hidden and the whole is shown (the whole minus the others gives it);
   - the whole is hidden and every part is shown (the parts add up to it);
   - several parts are hidden but what is known of them pins one down: a ``<5`` cell is 1 to 4
     and an ``x`` cell of a county at least 5, so "<5" and "x" with 6 between them must be 1 and
     5. Each ``<5`` cell must keep at least two possible values.

   The figure hidden is the smallest non-zero shown part (a county's first, ties by area code or
   row order); when no part is left, the whole. Hiding it can expose another sum, so the rule
   runs until no sum needs more.
3. **Money** follows the count it sums over (``stats.indicators.HIDDEN_WITH``): where few cases
   closed, the money they recovered is one person's award, hidden (``x``) with that count.
4. **Ratios** whose numerator or denominator is hidden in an area show as ``"–"`` there: a
   percentage or average cannot be worked back into the hidden count.
5. **Never suppressed:** coverage counts (groups, workstations, filings, lawyers) and any
   indicator marked ``suppress=False`` in ``stats.indicators``: public facts, not persons.

Limits (documented in ``docs/statistics.md``): each sum is checked on its own, not the whole
system of sums at once (a linear-programming audit), and not across tables: a city's total in
the province's form is the same figure as in the city's own form, where the city's staff see
the exact figures anyway.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from stats.indicators import ADDS_UP, BY_KEY, HIDDEN_WITH, Indicator

SECONDARY = "x"
RATIO_HIDDEN = "–"
DEFAULT_THRESHOLD = 5
DEFAULT_LEVELS = (3,)

Cell = int | Decimal | str | None
Place = tuple[str, str]  # (indicator key, area code)


class AreaLike(Protocol):
    @property
    def code(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def level(self) -> int: ...


@dataclass(frozen=True)
class Policy:
    """The configured rule: counts from 1 to ``threshold - 1`` at these region levels are hidden."""

    threshold: int = DEFAULT_THRESHOLD
    levels: frozenset[int] = frozenset(DEFAULT_LEVELS)

    @property
    def active(self) -> bool:
        return self.threshold > 1 and bool(self.levels)

    @property
    def marker(self) -> str:
        return f"<{self.threshold}"

    def is_small(self, value: Any) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and 0 < value < self.threshold


def policy_from_settings() -> Policy:
    """The policy of ``STATS_SMALL_CELL_THRESHOLD`` and ``STATS_SMALL_CELL_LEVELS``."""
    from django.conf import settings

    threshold = getattr(settings, "STATS_SMALL_CELL_THRESHOLD", DEFAULT_THRESHOLD)
    levels = getattr(settings, "STATS_SMALL_CELL_LEVELS", DEFAULT_LEVELS)
    return Policy(threshold=int(threshold), levels=frozenset(int(level) for level in levels))


@dataclass(frozen=True)
class Sum:
    """``whole`` = the sum of ``parts``: one row's total, or one column's headline."""

    whole: Place
    parts: tuple[Place, ...]


def suppress(
    values: Mapping[str, Mapping[str, Any]],
    areas: Sequence[AreaLike],
    *,
    policy: Policy | None = None,
    indicators: Mapping[str, Indicator] | None = None,
) -> dict[str, dict[str, Cell]]:
    """A copy of ``values`` with the hidden cells replaced by their text (rules above)."""
    policy = policy if policy is not None else policy_from_settings()
    indicators = indicators if indicators is not None else BY_KEY
    result: dict[str, dict[str, Cell]] = {key: dict(row) for key, row in values.items()}
    if not policy.active:
        return result
    protected = [
        key
        for key in values
        if (indicator := indicators.get(key)) is not None
        and indicator.suppress
        and indicator.kind == "count"
    ]
    primary = {
        (key, code) for key in protected for code in primary_cells(values[key], areas, policy)
    }
    if not primary:
        return result
    table = _Table(values, areas, policy)
    dependent = [(money, count) for money, count in HIDDEN_WITH.items() if money in values]
    sums = sums_of(values, areas, [*protected, *(money for money, _count in dependent)])
    secondary = table.close(primary, sums, dependent)
    for key, code in primary:
        result[key][code] = policy.marker
    for key, code in secondary:
        result[key][code] = SECONDARY
    hidden = primary | secondary
    for key, row in values.items():
        indicator = indicators.get(key)
        if indicator is None or indicator.kind != "ratio":
            continue
        for code in row:
            if (indicator.numerator, code) in hidden or (indicator.denominator, code) in hidden:
                result[key][code] = RATIO_HIDDEN
    return result


def primary_cells(row: Mapping[str, Any], areas: Sequence[AreaLike], policy: Policy) -> set[str]:
    """The areas of a suppressed level whose count in ``row`` is small (rule 1)."""
    return {
        area.code
        for area in areas
        if area.level in policy.levels and policy.is_small(row.get(area.code))
    }


def sums_of(
    values: Mapping[str, Mapping[str, Any]], areas: Sequence[AreaLike], keys: Sequence[str]
) -> list[Sum]:
    """The sums the table holds among the rows ``keys``: each row's total over its areas, and
    each column's headlines over their breakdowns (``ADDS_UP``)."""
    total = next((area for area in areas if area.kind == "total"), None)
    addends = [area.code for area in areas if area.kind != "total"]
    sums: list[Sum] = []
    if total is not None and addends:
        sums += [Sum((key, total.code), tuple((key, code) for code in addends)) for key in keys]
    wanted = set(keys)
    for headline, breakdown in ADDS_UP:
        parts = [key for key in breakdown if key in wanted]
        if headline not in wanted or not parts:
            continue
        sums += [
            Sum((headline, area.code), tuple((key, area.code) for key in parts)) for area in areas
        ]
    return sums


class _Table:
    """The figures and what is known of a hidden one, for rule 2."""

    def __init__(
        self, values: Mapping[str, Mapping[str, Any]], areas: Sequence[AreaLike], policy: Policy
    ):
        self.values = values
        self.policy = policy
        self.level = {area.code: area.level for area in areas}
        self.order = {area.code: index for index, area in enumerate(areas)}
        self.rows = {key: index for index, key in enumerate(values)}

    def value(self, place: Place) -> Any:
        return self.values.get(place[0], {}).get(place[1])

    def close(
        self, primary: set[Place], sums: list[Sum], dependent: list[tuple[str, str]]
    ) -> set[Place]:
        """The secondary cells: hide one more figure of an exposed sum until none is."""
        secondary: set[Place] = set()
        changed = True
        while changed:
            changed = False
            hidden = primary | secondary
            for money, count in dependent:
                for key, code in list(hidden):
                    place = (money, code)
                    if key == count and place not in hidden and _is_positive(self.value(place)):
                        secondary.add(place)
                        hidden.add(place)
                        changed = True
            for one in sums:
                if self.exposed(one, primary, hidden):
                    extra = self.next_to_hide(one, hidden)
                    if extra is not None:
                        secondary.add(extra)
                        hidden.add(extra)
                        changed = True
        return secondary

    def exposed(self, one: Sum, primary: set[Place], hidden: set[Place]) -> bool:
        hidden_parts = [place for place in one.parts if place in hidden]
        if one.whole in hidden:
            return not hidden_parts
        if not hidden_parts:
            return False
        if len(hidden_parts) == 1:
            return True
        return self.pinned(one, primary, hidden_parts)

    def pinned(self, one: Sum, primary: set[Place], hidden_parts: list[Place]) -> bool:
        """Whether the shown figures and what "<5" and "x" say leave a ``<5`` cell one value."""
        whole = self.value(one.whole)
        if not _is_number(whole) or not all(_is_number(self.value(p)) for p in one.parts):
            return False
        rest = whole - sum(self.value(place) for place in one.parts if place not in hidden_parts)
        bounds = {place: self.bounds(place, primary, rest) for place in hidden_parts}
        for place in hidden_parts:
            if place not in primary:
                continue
            others = [bounds[other] for other in hidden_parts if other != place]
            low = max(bounds[place][0], rest - sum(high for _low, high in others))
            high = min(bounds[place][1], rest - sum(low for low, _high in others))
            if high <= low:
                return True
        return False

    def bounds(self, place: Place, primary: set[Place], rest: Any) -> tuple[Any, Any]:
        """What a reader knows of a hidden cell: a ``<5`` is 1 to 4; an ``x`` is non-zero, and
        at a suppressed level not small either."""
        if place in primary:
            return 1, self.policy.threshold - 1
        if self.level.get(place[1]) in self.policy.levels:
            return self.policy.threshold, max(rest, self.policy.threshold)
        return 1, max(rest, 1)

    def next_to_hide(self, one: Sum, hidden: set[Place]) -> Place | None:
        shown = [place for place in one.parts if place not in hidden]
        candidates = [place for place in shown if _is_positive(self.value(place))]
        if candidates:
            return min(
                candidates,
                key=lambda place: (
                    self.level.get(place[1]) not in self.policy.levels,
                    self.value(place),
                    self.rows.get(place[0], 0),
                    self.order.get(place[1], 0),
                ),
            )
        if one.whole not in hidden:
            return one.whole
        return None


def is_hidden(cell: Cell) -> bool:
    """Whether a cell of a suppressed table holds a text that stands for a hidden figure."""
    return isinstance(cell, str)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _is_positive(value: Any) -> bool:
    return _is_number(value) and value > 0
