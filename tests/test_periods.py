"""Reporting periods (lawstation/periods.py): parsing, bounds, refusals, trends."""

from datetime import date

import pytest

from lawstation import periods
from lawstation.periods import Period, PeriodError


@pytest.mark.parametrize(
    ("text", "start", "end", "kind"),
    [
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "year"),
        ("2026-H1", date(2026, 1, 1), date(2026, 6, 30), "half"),
        ("2026-h2", date(2026, 7, 1), date(2026, 12, 31), "half"),
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31), "quarter"),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), "quarter"),
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31), "quarter"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
        ("2026-12", date(2026, 12, 1), date(2026, 12, 31), "month"),
        (" 2026-01-05..2026-02-03 ", date(2026, 1, 5), date(2026, 2, 3), "custom"),
    ],
)
def test_written_periods_are_read_and_written_back(text, start, end, kind):
    period = periods.parse(text)
    assert (period.start, period.end, period.kind) == (start, end, kind)
    assert periods.parse(period.key) == period


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2026-Q5", "quarter"),
        ("2026-Q0", "quarter"),
        ("2026-13", "month"),
        ("2026-00", "month"),
        ("1999", "year"),
        ("2101-Q1", "year"),
        ("2026-02-30..2026-03-01", "date"),
        ("2026-03-01..2026-02-01", "order"),
        ("", "format"),
        ("last year", "format"),
        ("2026-H3", "format"),
        ("２０２６", "format"),
    ],
)
def test_what_is_not_a_period_is_refused_with_a_reason(text, code):
    with pytest.raises(PeriodError) as refused:
        periods.parse(text)
    assert refused.value.code == code
    assert str(refused.value)


def test_a_period_knows_its_days_months_and_whether_it_has_ended():
    quarter = periods.parse("2026-Q1")
    assert quarter.days == 90
    assert quarter.months() == [(2026, 1), (2026, 2), (2026, 3)]
    assert quarter.contains(date(2026, 3, 31))
    assert not quarter.contains(date(2026, 4, 1))
    assert quarter.has_ended(date(2026, 4, 1))
    assert not quarter.has_ended(date(2026, 3, 31))


def test_previous_periods_cross_year_boundaries():
    assert periods.parse("2026-Q1").previous() == periods.parse("2025-Q4")
    assert periods.parse("2026-01").previous() == periods.parse("2025-12")
    assert periods.parse("2026-H1").previous() == periods.parse("2025-H2")
    assert periods.parse("2026").previous() == periods.parse("2025")
    custom = Period(date(2026, 3, 1), date(2026, 3, 10))
    assert custom.previous() == Period(date(2026, 2, 19), date(2026, 2, 28))


def test_a_trend_is_oldest_first_and_ends_with_the_given_period():
    assert [p.key for p in periods.trend(periods.parse("2026-Q2"), 4)] == [
        "2025-Q3",
        "2025-Q4",
        "2026-Q1",
        "2026-Q2",
    ]
