"""The chart builders' geometry (``stats.charts``): pure, no database."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from stats import charts
from stats.charts import Series, bar_chart, format_value, line_chart, nice_scale

QUARTERS = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
BASELINE = charts.HEIGHT - charts.BOTTOM
PLOT_HEIGHT = BASELINE - charts.TOP


def volumes() -> list[Series]:
    return [
        Series("requests", "Requests", [10, 20, 40, 0]),
        Series("registered", "Registered", [5, 8, None, 3]),
    ]


@pytest.mark.parametrize(
    ("largest", "whole", "expected"),
    [
        (0, True, (1, 1)),
        (3, True, (3, 1)),
        (7, True, (8, 2)),
        (40, True, (40, 10)),
        (100, True, (100, 50)),
        (101, True, (150, 50)),
        (1234, True, (1500, 500)),
        (Decimal("0.5"), False, (Decimal("0.6"), Decimal("0.2"))),
        (Decimal("7.5"), False, (8, 2)),
    ],
)
def test_the_scale_is_round_and_covers_the_largest_value(largest, whole, expected):
    assert nice_scale(largest, whole=whole) == expected


def test_a_negative_value_is_refused():
    with pytest.raises(ValueError, match="negative"):
        nice_scale(-1)
    with pytest.raises(ValueError, match="negative"):
        bar_chart("bad", "Bad", "", ["2026"], [Series("a", "A", [5]), Series("b", "B", [-1])])


def test_bars_stand_on_the_baseline_with_heights_in_proportion():
    chart = bar_chart("volumes", "Volumes", "Four quarters", QUARTERS, volumes())
    assert chart.kind == "bar"
    assert chart.maximum == 40
    assert [tick.value for tick in chart.ticks] == [0, 10, 20, 30, 40]
    assert chart.ticks[0].y == BASELINE
    assert chart.ticks[-1].y == charts.TOP
    assert [len(group.bars) for group in chart.groups] == [2, 2, 1, 2]  # None draws no bar
    tallest = chart.groups[2].bars[0]
    assert (tallest.value, tallest.y, tallest.height) == (40, charts.TOP, PLOT_HEIGHT)
    half = chart.groups[1].bars[0]
    assert half.height == PLOT_HEIGHT // 2
    for group in chart.groups:
        for bar in group.bars:
            assert bar.y + bar.height == BASELINE
            assert bar.height == round(PLOT_HEIGHT * bar.value / 40)
    zero = chart.groups[3].bars[0]
    assert (zero.height, zero.text) == (0, "0")


def test_bars_of_a_group_sit_side_by_side_inside_their_slot_and_groups_do_not_overlap():
    chart = bar_chart("volumes", "Volumes", "", QUARTERS, volumes())
    slot = (charts.WIDTH - charts.LEFT - charts.RIGHT) // 4
    first, second = chart.groups[0].bars
    assert second.x == first.x + first.width
    assert first.width == int(slot * (1 - charts.GROUP_GAP)) // 2
    for at, group in enumerate(chart.groups):
        left, right = charts.LEFT + at * slot, charts.LEFT + (at + 1) * slot
        assert all(left <= bar.x and bar.x + bar.width <= right for bar in group.bars)
        assert group.x == left + slot // 2
    assert chart.groups[-1].bars[-1].x + chart.groups[-1].bars[-1].width <= chart.right


def test_each_series_has_its_own_pattern_marker_and_dash():
    series = [Series(f"s{n}", f"S{n}", [n]) for n in range(5)]
    chart = bar_chart("many", "Many", "", ["2026"], series)
    styles = chart.styles
    assert [style.pattern for style in styles[:4]] == list(charts.PATTERNS)
    assert len({style.marker for style in styles[:4]}) == 4
    assert len({style.dash for style in styles[:4]}) == 4
    assert styles[4].pattern == styles[0].pattern  # cycled beyond four
    assert [bar.pattern for bar in chart.groups[0].bars[1:5]] == [
        "stripes",
        "crosshatch",
        "dots",
        "solid",
    ]


def test_every_bar_carries_its_value_as_text_above_it():
    chart = bar_chart(
        "money",
        "Money",
        "",
        ["2025", "2026"],
        [Series("money", "Recovered", [Decimal("1234.50"), Decimal("2000")])],
    )
    bars = [group.bars[0] for group in chart.groups]
    assert [bar.text for bar in bars] == ["1,234.50", "2,000"]
    assert all(bar.text_y == bar.y - 4 and bar.text_x == bar.x + bar.width // 2 for bar in bars)


def test_the_table_rows_repeat_every_figure_with_a_dash_for_a_missing_one():
    chart = bar_chart("volumes", "Volumes", "", QUARTERS, volumes())
    assert [row.category for row in chart.rows] == QUARTERS
    assert [(cell.label, cell.text) for cell in chart.rows[2].cells] == [
        ("Requests", "40"),
        ("Registered", "–"),
    ]


def test_an_empty_chart_still_has_a_scale():
    chart = bar_chart("empty", "Nothing", "", QUARTERS, [Series("a", "A", [0, 0, 0, 0])])
    assert chart.maximum == 1
    assert all(bar.height == 0 for group in chart.groups for bar in group.bars)


def test_a_series_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="3 values, not 4"):
        bar_chart("bad", "Bad", "", QUARTERS, [Series("a", "A", [1, 2, 3])])


def test_lines_pass_through_the_middle_of_each_slot_and_break_at_a_missing_value():
    chart = line_chart("trend", "Trend", "", QUARTERS, volumes())
    assert chart.kind == "line"
    requests, registered = chart.lines
    assert [point.x for point in requests.points] == chart.category_x
    assert [point.y for point in requests.points] == [
        BASELINE - round(PLOT_HEIGHT * value / 40) for value in (10, 20, 40, 0)
    ]
    assert len(requests.paths) == 1
    assert requests.paths[0].split()[0] == f"{chart.category_x[0]},{requests.points[0].y}"
    assert len(registered.points) == 3
    assert len(registered.paths) == 1  # 5, 8 joined; 3 stands alone after the gap
    assert registered.paths[0].count(",") == 2
    assert (requests.marker, registered.marker) == ("circle", "square")
    assert requests.dash == ""
    assert registered.dash


def test_values_are_formatted_for_reading():
    assert format_value(12345) == "12,345"
    assert format_value(None) == "–"
    assert format_value(Decimal("3.0")) == "3"


@pytest.mark.parametrize("marker", charts.MARKERS)
def test_each_marker_is_a_closed_path_centred_on_its_point(marker):
    path = charts.marker_path(marker, 100, 50)
    assert path.startswith("M")
    assert path.endswith("Z")
    expected = {
        "circle": "M95,50 a5,5 0 1,0 10,0 a5,5 0 1,0 -10,0 Z",
        "square": "M95,45 h10 v10 h-10 Z",
        "triangle": "M100,44 L106,55 L94,55 Z",
        "diamond": "M100,44 L106,50 L100,56 L94,50 Z",
    }
    assert path == expected[marker]
    chart = line_chart("trend", "Trend", "", ["2026"], [Series("a", "A", [3])])
    point = chart.lines[0].points[0]
    assert point.marker_path == charts.marker_path("circle", point.x, point.y)


def test_an_unknown_marker_is_refused():
    with pytest.raises(ValueError, match="no marker"):
        charts.marker_path("star", 0, 0)


def render(chart) -> str:
    from django.template.loader import render_to_string

    return render_to_string("stats/_chart.html", {"chart": chart})


def test_the_template_draws_a_bar_chart_with_title_description_legend_and_table():
    html = render(bar_chart("volumes", "Volumes", "Four quarters.", QUARTERS, volumes()))
    assert 'role="img" aria-labelledby="volumes-title" aria-describedby="volumes-desc"' in html
    assert '<title id="volumes-title">Volumes</title>' in html
    with translation.override("en"):
        english = render(bar_chart("volumes", "Volumes", "Four quarters.", QUARTERS, volumes()))
    assert "Four quarters. The figures are in the table below the chart.</desc>" in english
    assert "<td>40</td>" in html
    assert "<td>–</td>" in html
    assert html.count('<rect x="') == 7 + 2  # seven bars, two legend swatches
    assert 'fill="url(#volumes-stripes)"' in html  # the second series is striped
    assert '<pattern id="volumes-stripes"' in html
    assert html.count("<tr>") == 1 + 4
    assert '<th scope="row">2026-Q3</th>' in html
    assert "<polyline" not in html


def test_the_template_draws_a_line_chart_with_markers_and_dashes():
    html = render(line_chart("trend", "Trend", "", QUARTERS, volumes()))
    assert html.count("<polyline") == 2
    assert 'stroke-dasharray="8 4"' in html  # the second series is dashed
    assert html.count('class="marker"') == 4 + 3 + 2  # points, and one per legend swatch
    assert 'class="bar ' not in html


def test_labels_wider_than_their_bars_take_turns_on_two_lines():
    many = [f"2026-{n:02d}" for n in range(1, 13)]
    series = [
        Series("a", "A", [12_345 + n for n in range(12)]),
        Series("b", "B", [12_345 + n for n in range(12)]),
    ]
    chart = bar_chart("wide", "Wide", "", many, series)
    first, second = chart.groups[0].bars
    assert len(first.text) * 7 > first.width  # "12,345" does not fit over its bar
    assert second.text_y == first.text_y - 14
    assert min(bar.text_y for group in chart.groups for bar in group.bars) > 14  # in the frame
    narrow = bar_chart("narrow", "Narrow", "", many[:2], [Series("a", "A", [1, 2])] * 2)
    one, two = narrow.groups[0].bars
    assert one.text_y == two.text_y  # short labels stay on one line
