"""The geometry of the roll-up's trend chart, drawn as server-side SVG (no JavaScript library).

One stacked bar per period: how many workstations meet the standards overall, partly meet them,
do not meet them, or have nothing applicable. The template draws the rectangles; each segment
also carries its count and label as text, and the page has the same figures as a data table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from compliance.indicators import Status
from compliance.scoring import RESULT_LABELS, RESULT_SYMBOLS, Tally

WIDTH = 640
HEIGHT = 280
TOP = 16
BOTTOM = 56  # room for the period labels
LEFT = 48
BAR_GAP = 0.4  # share of each slot left empty
ORDER = (Status.MET, Status.PARTLY, Status.NOT_MET, Status.NOT_APPLICABLE)
FIELD = {Status.MET: "met", Status.PARTLY: "partly", Status.NOT_MET: "not_met"}
FIELD[Status.NOT_APPLICABLE] = "na"


class Point(Protocol):
    @property
    def period(self) -> object: ...

    @property
    def so_far(self) -> bool: ...

    @property
    def overall(self) -> Tally: ...


@dataclass(frozen=True)
class Segment:
    status: str
    label: str
    symbol: str
    count: int
    x: int
    y: int
    width: int
    height: int

    @property
    def text_y(self) -> int:
        return self.y + self.height // 2 + 5


@dataclass(frozen=True)
class Bar:
    label: str
    so_far: bool
    total: int
    x: int
    label_x: int
    segments: list[Segment]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: int
    left: int
    maximum: int
    bars: list[Bar]
    ticks: list[tuple[int, int]]  # (value, y)


def trend_chart(points: Sequence[Point]) -> Chart:
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = HEIGHT - BOTTOM
    maximum = max([point.overall.total for point in points] + [1])
    slot = (WIDTH - LEFT) // max(len(points), 1)
    bar_width = int(slot * (1 - BAR_GAP))
    bars = []
    for index, point in enumerate(points):
        x = LEFT + index * slot + (slot - bar_width) // 2
        y = baseline
        segments = []
        for status in ORDER:
            count = getattr(point.overall, FIELD[status])
            height = round(plot_height * count / maximum)
            if count:
                y -= height
                segments.append(
                    Segment(
                        status=status.value,
                        label=str(RESULT_LABELS[status]),
                        symbol=RESULT_SYMBOLS[status],
                        count=count,
                        x=x,
                        y=y,
                        width=bar_width,
                        height=height,
                    )
                )
        key = getattr(point.period, "key", str(point.period))
        bars.append(Bar(key, point.so_far, point.overall.total, x, x + bar_width // 2, segments))
    ticks = [(value, baseline - round(plot_height * value / maximum)) for value in (0, maximum)]
    return Chart(WIDTH, HEIGHT, baseline, LEFT, maximum, bars, ticks)
