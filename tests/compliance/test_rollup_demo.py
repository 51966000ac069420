"""The demo province's compliance spread (lawstation/demo_compliance.py): most workstations meet
most standards; some counties fail premises, some staffing, some funding."""

from __future__ import annotations

import statistics
from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from compliance.indicators import Status
from compliance.selectors.rollup import rollup_of
from lawstation.demo import seed_demo
from lawstation.demo_compliance import seed_compliance
from regions.middleware import scope_for_membership
from regions.models import Federation, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def province():
    with time_machine.travel("2026-12-02 10:00 +0800", tick=False):
        seed_demo()
        from django.utils import timezone

        from compliance.scoring import last_complete_year

        user = User.objects.get(username="clerk-340000")
        scope = scope_for_membership(user.membership)
        today = timezone.localdate()
        yield rollup_of(
            scope, Region.objects.get(code="340000"), last_complete_year(today), today=today
        )


def test_most_workstations_meet_most_standards_and_some_counties_fail(province):
    cells = [cell for row in province.table for cell in [row.cell, *row.below] if cell.score]
    met = [cell.score.met_count for cell in cells]
    assert len(cells) > 70
    assert statistics.median(met) >= 6, sorted(met)
    county = [cell for cell in cells if cell.region.level == 3]
    for number in (2, 3, 8):  # premises, staffing, funding
        failing = [c for c in county if c.score.standards[number] != Status.MET]
        assert 0 < len(failing) < len(county) // 2, (number, len(failing))
    assert any(cell.grade == Status.MET for cell in cells) or max(met) >= 8


def test_a_second_run_adds_nothing_in_one_query(province):
    federations = {f.region_id: f for f in Federation.objects.select_related("region")}
    with CaptureQueriesContext(connection) as captured:
        made = seed_compliance(federations, date(2026, 12, 2))
    assert made == {}
    assert len(captured) == 1
