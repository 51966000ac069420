"""The pure rule: at least one on-site duty day a month."""

from datetime import date

import pytest

from workstations.duty_rules import last_months, month_of, monthly_duty_met, shift_month


def test_last_months_are_the_full_months_before_today_oldest_first():
    assert last_months(date(2026, 11, 15), 3) == [(2026, 8), (2026, 9), (2026, 10)]


def test_last_months_cross_the_year_boundary():
    months = last_months(date(2026, 2, 1))
    assert len(months) == 12
    assert months[0] == (2025, 2)
    assert months[-1] == (2026, 1)
    assert (2025, 12) in months


def test_last_months_of_zero_is_empty_and_negative_is_refused():
    assert last_months(date(2026, 1, 1), 0) == []
    with pytest.raises(ValueError, match="negative"):
        last_months(date(2026, 1, 1), -1)


def test_a_month_with_one_held_day_is_met_and_one_without_is_not():
    months = [(2026, 9), (2026, 10)]
    assert monthly_duty_met([date(2026, 10, 3)], months) == {(2026, 9): False, (2026, 10): True}


def test_several_days_in_one_month_count_once_and_days_outside_are_ignored():
    held = [date(2026, 10, 3), date(2026, 10, 17), date(2025, 10, 3), date(2026, 12, 1)]
    assert monthly_duty_met(iter(held), [(2026, 10), (2026, 11)]) == {
        (2026, 10): True,
        (2026, 11): False,
    }


def test_no_held_days_means_no_month_is_met():
    assert monthly_duty_met([], last_months(date(2026, 11, 1))) == dict.fromkeys(
        last_months(date(2026, 11, 1)), False
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11", (2026, 11)),
        ("2026-1", (2026, 1)),
        ("2026-13", (2020, 5)),
        ("2026-00", (2020, 5)),
        ("26-11", (2020, 5)),
        ("", (2020, 5)),
        ("x' OR 1=1", (2020, 5)),
    ],
)
def test_month_of_parses_year_and_month_or_falls_back(text, expected):
    assert month_of(text, date(2020, 5, 9)) == expected


def test_shift_month_moves_across_years():
    assert shift_month((2026, 12), 1) == (2027, 1)
    assert shift_month((2026, 1), -1) == (2025, 12)
    assert shift_month((2026, 5), -12) == (2025, 5)
