"""Due dates of period reports by kind and level, lateness and its words (pure rules)."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from stats import deadlines

END = date(2026, 9, 30)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("kind", "level", "due"),
    [
        ("quarter", 3, date(2026, 10, 10)),
        ("quarter", 2, date(2026, 10, 15)),
        ("quarter", 1, date(2026, 10, 20)),
        ("month", 3, date(2026, 10, 5)),
        ("year", 3, date(2026, 10, 20)),
        ("year", 1, date(2026, 10, 30)),
    ],
)
def test_due_dates_follow_the_settings_and_each_level_above_gets_more_days(kind, level, due):
    assert deadlines.due_on(END, kind, level) == due


def test_due_dates_read_changed_settings(settings):
    settings.STATS_DUE_DAYS = {"month": 1, "quarter": 2, "year": 3}
    settings.STATS_DUE_DAYS_PER_LEVEL = 10
    assert deadlines.due_on(END, "quarter", 2) == date(2026, 10, 12)
    assert deadlines.due_on(END, "month", 3, due_days={"month": 7}, per_level=0) == date(
        2026, 10, 7
    )


@pytest.mark.parametrize("kind", ["half", "custom"])
def test_only_months_quarters_and_years_have_due_dates(kind):
    with pytest.raises(ValueError, match=kind):
        deadlines.due_on(END, kind, 3)


def test_a_submission_after_the_due_date_is_late_in_words():
    due = date(2026, 10, 10)
    assert not deadlines.is_late(due, due)
    assert deadlines.is_late(date(2026, 10, 11), due)
    assert deadlines.submitted_in_words(date(2026, 10, 9), due) == "On time"
    assert deadlines.submitted_in_words(date(2026, 10, 11), due) == "1 day late"
    assert deadlines.submitted_in_words(date(2026, 10, 13), due) == "3 days late"


def test_a_missing_report_says_when_it_is_due_or_how_overdue_it_is():
    due = date(2026, 10, 10)
    assert deadlines.not_submitted_in_words(due, date(2026, 10, 6)) == (
        "Not submitted, due in 4 days"
    )
    assert deadlines.not_submitted_in_words(due, due) == "Not submitted, due today"
    assert deadlines.not_submitted_in_words(due, date(2026, 10, 12)) == (
        "Not submitted: overdue by 2 days"
    )
    assert deadlines.is_overdue(due, date(2026, 10, 11))
    assert not deadlines.is_overdue(due, due)
