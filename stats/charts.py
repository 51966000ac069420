"""Charts as data: grouped bars or lines over a few categories (periods), every coordinate
computed here, so ``templates/stats/_chart.html`` only draws what it is given (inline SVG, no
JavaScript, no library) and the geometry is tested.

Pure: plain values in, plain values out; no database. Values are whole numbers or ``Decimal``
(never negative: these are counts and amounts); ``None`` is a figure that does not exist (a ratio
with a zero denominator): no bar, a gap in the line, "–" in the table.

Colour is never the only sign: each series also has a fill pattern (bars) or a marker shape and a
dash (lines), every bar and point carries its value as text, and the page shows the same figures
as a table right after the chart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

Number = int | Decimal
Kind = Literal["bar", "line"]

WIDTH = 640
HEIGHT = 300
TOP = 38  # room for the value above the tallest bar, on two lines when bars are narrow
BOTTOM = 40  # room for the category labels
LEFT = 56  # room for the tick labels
RIGHT = 16
GROUP_GAP = 0.25  # share of each category's slot left empty between groups of bars
TICKS = 4  # about this many steps from zero to the top of the scale
# Per series, in order (cycled): the bar fill and the line's marker and dash.
PATTERNS = ("solid", "stripes", "crosshatch", "dots")
MARKERS = ("circle", "square", "triangle", "diamond")
DASHES = ("", "8 4", "2 4", "12 4 2 4")
MISSING = "–"
MARKER_SIZE = 5


@dataclass(frozen=True)
class Series:
    """What the caller gives: one value per category."""

    key: str
    label: str
    values: Sequence[Number | None]


@dataclass(frozen=True)
class Style:
    """How one series is told apart without colour."""

    key: str
    label: str
    index: int
    pattern: str
    marker: str
    dash: str

    @property
    def swatch_marker(self) -> str:
        """The marker drawn in the legend's 24×16 swatch."""
        return marker_path(self.marker, 12, 8, 4)


@dataclass(frozen=True)
class Tick:
    value: Number
    y: int
    text: str


# A value label: 12 px bold digits are about 7 px wide; a second line 14 px above the first.
VALUE_CHAR_WIDTH = 7
VALUE_LINE = 14


@dataclass(frozen=True)
class Bar:
    series: str
    index: int  # of the series (its colour and pattern)
    pattern: str
    value: Number
    text: str
    x: int
    y: int
    width: int
    height: int

    @property
    def text_x(self) -> int:
        return self.x + self.width // 2

    @property
    def text_y(self) -> int:
        """Above the bar; a label wider than its bar would touch its neighbour's, so every
        other bar's label goes one line higher."""
        if len(self.text) * VALUE_CHAR_WIDTH > self.width and self.index % 2:
            return self.y - 4 - VALUE_LINE
        return self.y - 4


@dataclass(frozen=True)
class Group:
    label: str
    x: int  # the middle of the group, where its label goes
    bars: list[Bar]


@dataclass(frozen=True)
class Point:
    value: Number
    text: str
    x: int
    y: int
    marker: str

    @property
    def text_y(self) -> int:
        return self.y - 10

    @property
    def marker_path(self) -> str:
        return marker_path(self.marker, self.x, self.y)


@dataclass(frozen=True)
class Line:
    series: str
    index: int
    marker: str
    dash: str
    points: list[Point]
    # Polylines' ``points`` attributes; a missing value breaks the line in two.
    paths: list[str]


@dataclass(frozen=True)
class Cell:
    label: str
    text: str


@dataclass(frozen=True)
class Row:
    """One category of the data table (and of the description)."""

    category: str
    cells: list[Cell]


@dataclass(frozen=True)
class Chart:
    id: str
    kind: Kind
    title: str
    summary: str
    width: int
    height: int
    left: int
    right: int
    top: int
    baseline: int
    maximum: Number  # the top of the scale
    ticks: list[Tick]
    styles: list[Style]
    categories: list[str]
    category_x: list[int]
    groups: list[Group]
    lines: list[Line]
    rows: list[Row]

    @property
    def label_y(self) -> int:
        return self.baseline + 20

    @property
    def category_labels(self) -> list[tuple[str, int]]:
        return list(zip(self.categories, self.category_x, strict=True))


def bar_chart(
    id: str, title: str, summary: str, categories: Sequence[str], series: Sequence[Series]
) -> Chart:
    """A grouped bar chart: per category, one bar per series, side by side."""
    frame = _frame(id, "bar", title, summary, categories, series)
    slot = _slot(len(categories))
    bar_width = int(slot * (1 - GROUP_GAP)) // max(len(series), 1)
    offset = (slot - bar_width * len(series)) // 2
    groups = []
    for at, category in enumerate(categories):
        start = LEFT + at * slot + offset
        bars = []
        for style, one in zip(frame.styles, series, strict=True):
            value = one.values[at]
            if value is None:
                continue
            y = _y(value, frame.maximum)
            bars.append(
                Bar(
                    series=style.key,
                    index=style.index,
                    pattern=style.pattern,
                    value=value,
                    text=format_value(value),
                    x=start + style.index * bar_width,
                    y=y,
                    width=bar_width,
                    height=frame.baseline - y,
                )
            )
        groups.append(Group(category, frame.category_x[at], bars))
    return replace(frame, groups=groups)


def line_chart(
    id: str, title: str, summary: str, categories: Sequence[str], series: Sequence[Series]
) -> Chart:
    """A line per series through the middle of each category's slot, a marker on each value."""
    frame = _frame(id, "line", title, summary, categories, series)
    lines = []
    for style, one in zip(frame.styles, series, strict=True):
        points: list[Point] = []
        paths: list[str] = []
        run: list[Point] = []
        for at, value in enumerate(one.values):
            if value is None:
                paths += [_path(run)] if len(run) > 1 else []
                run = []
                continue
            x, y = frame.category_x[at], _y(value, frame.maximum)
            point = Point(value, format_value(value), x, y, style.marker)
            points.append(point)
            run.append(point)
        paths += [_path(run)] if len(run) > 1 else []
        lines.append(Line(style.key, style.index, style.marker, style.dash, points, paths))
    return replace(frame, lines=lines)


def nice_scale(largest: Number, *, whole: bool = True) -> tuple[Number, Number]:
    """``(top, step)``: a round top of the scale at or above ``largest`` and the step between
    ticks (1, 2 or 5 times a power of ten, about :data:`TICKS` steps); whole numbers keep a
    step of at least 1. An empty chart gets a scale from 0 to 1."""
    if largest < 0:
        raise ValueError("charts draw counts and amounts: no negative values")
    if largest == 0:
        return 1, 1
    raw = Decimal(largest) / TICKS
    power = Decimal(10) ** math.floor(math.log10(raw))
    step = next(power * m for m in (1, 2, 5, 10) if power * m >= raw)
    if whole:
        step = max(step, Decimal(1))
    top = step * math.ceil(Decimal(largest) / step)
    if whole or (step == step.to_integral_value() and top == top.to_integral_value()):
        return int(top), int(step)
    return top.normalize(), step.normalize()


def marker_path(marker: str, x: int, y: int, size: int = MARKER_SIZE) -> str:
    """An SVG path drawing ``marker`` (circle, square, triangle, diamond) centred on (x, y)."""
    r, big = size, size + 1
    if marker == "circle":
        return f"M{x - r},{y} a{r},{r} 0 1,0 {2 * r},0 a{r},{r} 0 1,0 {-2 * r},0 Z"
    if marker == "square":
        return f"M{x - r},{y - r} h{2 * r} v{2 * r} h{-2 * r} Z"
    if marker == "triangle":
        return f"M{x},{y - big} L{x + big},{y + r} L{x - big},{y + r} Z"
    if marker == "diamond":
        return f"M{x},{y - big} L{x + big},{y} L{x},{y + big} L{x - big},{y} Z"
    raise ValueError(f"no marker called {marker!r}")


def format_value(value: Number | None) -> str:
    if value is None:
        return MISSING
    if isinstance(value, Decimal):
        return f"{value:,.2f}" if value != value.to_integral_value() else f"{int(value):,}"
    return f"{value:,}"


# --- helpers --------------------------------------------------------------------------------


def _frame(
    id: str,
    kind: Kind,
    title: str,
    summary: str,
    categories: Sequence[str],
    series: Sequence[Series],
) -> Chart:
    """Everything but the bars and lines: scale, ticks, styles, category positions, table."""
    for one in series:
        if len(one.values) != len(categories):
            raise ValueError(
                f"series {one.key!r} has {len(one.values)} values, not {len(categories)}"
            )
    present = [value for one in series for value in one.values if value is not None]
    if any(value < 0 for value in present):
        raise ValueError("charts draw counts and amounts: no negative values")
    whole = all(isinstance(value, int) for value in present)
    top, step = nice_scale(max(present, default=0), whole=whole)
    styles = [
        Style(
            key=one.key,
            label=one.label,
            index=index,
            pattern=PATTERNS[index % len(PATTERNS)],
            marker=MARKERS[index % len(MARKERS)],
            dash=DASHES[index % len(DASHES)],
        )
        for index, one in enumerate(series)
    ]
    slot = _slot(len(categories))
    rows = [
        Row(category, [Cell(one.label, format_value(one.values[at])) for one in series])
        for at, category in enumerate(categories)
    ]
    return Chart(
        id=id,
        kind=kind,
        title=title,
        summary=summary,
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=WIDTH - RIGHT,
        top=TOP,
        baseline=HEIGHT - BOTTOM,
        maximum=top,
        ticks=_ticks(top, step),
        styles=styles,
        categories=list(categories),
        category_x=[LEFT + at * slot + slot // 2 for at in range(len(categories))],
        groups=[],
        lines=[],
        rows=rows,
    )


def _ticks(top: Number, step: Number) -> list[Tick]:
    """A tick at zero and at every step up to the top of the scale."""
    ticks = []
    value: Number = 0
    while value <= top:
        ticks.append(Tick(value, _y(value, top), format_value(value)))
        value += step
    return ticks


def _slot(categories: int) -> int:
    return (WIDTH - LEFT - RIGHT) // max(categories, 1)


def _y(value: Number, top: Number) -> int:
    plot_height = HEIGHT - BOTTOM - TOP
    return HEIGHT - BOTTOM - round(Decimal(plot_height) * Decimal(value) / Decimal(top))


def _path(points: Sequence[Point]) -> str:
    return " ".join(f"{point.x},{point.y}" for point in points)
