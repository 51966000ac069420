"""Scoring: a workstation's nine standard results and its overall result, and roll-up counting.

Pure rules (no database). A standard's result combines the results of the indicators measuring
it (``compliance.indicators.STANDARD_OF``); the overall result combines the nine standards, so a
workstation meets the standards overall only when every applicable standard is met
(``compliance.indicators.combine``). A roll-up counts, per group of workstations (a sub-region)
and per standard, how many workstations meet it, partly meet it, do not meet it, or have it not
applicable.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from compliance import standards
from compliance.indicators import STANDARD_OF, IndicatorResult, Status, combine
from lawstation import periods
from lawstation.periods import Period

STANDARDS: tuple[int, ...] = tuple(range(1, 10))
STANDARD_TITLES = {number: standards.standard_title(number) for number in STANDARDS}
RESULT_LABELS = {
    Status.MET: _("Met"),
    Status.PARTLY: _("Partly met"),
    Status.NOT_MET: _("Not met"),
    Status.NOT_APPLICABLE: _("Not applicable"),
}
# A symbol per result, so that no result is told by colour alone.
RESULT_SYMBOLS = {
    Status.MET: "✓",
    Status.PARTLY: "◐",
    Status.NOT_MET: "✗",
    Status.NOT_APPLICABLE: "–",
}


def last_complete_year(today: date) -> Period:
    """The default period of the roll-up and the report: the last calendar year that has ended."""
    return periods.year(today.year - 1)


@dataclass(frozen=True)
class Score:
    """One workstation's result: each of the nine standards and the overall result."""

    standards: dict[int, Status]
    overall: Status

    @property
    def met_count(self) -> int:
        return sum(1 for status in self.standards.values() if status == Status.MET)


def standard_results(
    results_by_key: Mapping[str, IndicatorResult | Status | str],
) -> dict[int, Status]:
    """The nine standards' results from indicator results keyed by indicator key.

    A standard with no indicator given is not applicable."""
    by_standard: dict[int, list[Status]] = {number: [] for number in STANDARDS}
    for key, result in results_by_key.items():
        status = result.status if isinstance(result, IndicatorResult) else Status(result)
        by_standard[STANDARD_OF[key]].append(status)
    return {number: combine(statuses) for number, statuses in by_standard.items()}


def score(results_by_key: Mapping[str, IndicatorResult | Status | str]) -> Score:
    standards = standard_results(results_by_key)
    return Score(standards=standards, overall=combine(standards.values()))


def score_from_standards(standards: Mapping[int, Status | str]) -> Score:
    """A score from standard results already decided (a reviewed assessment's)."""
    complete = {
        number: Status(standards.get(number, Status.NOT_APPLICABLE)) for number in STANDARDS
    }
    return Score(standards=complete, overall=combine(complete.values()))


@dataclass
class Tally:
    """How many workstations have each result."""

    met: int = 0
    partly: int = 0
    not_met: int = 0
    na: int = 0

    def add(self, status: Status | str, count: int = 1) -> None:
        name = {
            Status.MET: "met",
            Status.PARTLY: "partly",
            Status.NOT_MET: "not_met",
            Status.NOT_APPLICABLE: "na",
        }[Status(status)]
        setattr(self, name, getattr(self, name) + count)

    def merge(self, other: Tally) -> None:
        self.met += other.met
        self.partly += other.partly
        self.not_met += other.not_met
        self.na += other.na

    @property
    def total(self) -> int:
        return self.met + self.partly + self.not_met + self.na

    @property
    def met_share(self) -> float | None:
        """The share met among the applicable ones; ``None`` when none is applicable."""
        applicable = self.met + self.partly + self.not_met
        return self.met / applicable if applicable else None


@dataclass
class GroupTally:
    """The tallies of one group of workstations: per standard and overall."""

    standards: dict[int, Tally] = field(default_factory=lambda: {n: Tally() for n in STANDARDS})
    overall: Tally = field(default_factory=Tally)
    workstations: int = 0

    def add(self, one: Score) -> None:
        for number in STANDARDS:
            self.standards[number].add(one.standards[number])
        self.overall.add(one.overall)
        self.workstations += 1

    def merge(self, other: GroupTally) -> None:
        for number in STANDARDS:
            self.standards[number].merge(other.standards[number])
        self.overall.merge(other.overall)
        self.workstations += other.workstations


def tally(
    scores: Mapping[int, Score], group_of: Mapping[int, Hashable], groups: Iterable[Hashable]
) -> tuple[dict[Hashable, GroupTally], GroupTally]:
    """Count ``scores`` (by workstation id) into ``groups`` (every group appears, empty ones
    too) by ``group_of`` (workstation id → group); a workstation of no listed group is left out.
    Returns the tallies per group and their total."""
    per_group = {group: GroupTally() for group in groups}
    for station_id, one in scores.items():
        group = group_of.get(station_id)
        if group in per_group:
            per_group[group].add(one)
    total = GroupTally()
    for group_tally in per_group.values():
        total.merge(group_tally)
    return per_group, total


def region_grade(scores: Iterable[Score]) -> Status:
    """The result shown for a region in the region table: the overall result of its own
    workstation, combined over several when a region has more than one; not applicable when it
    has none."""
    return combine(one.overall for one in scores)
