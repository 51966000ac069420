"""The demo period reports (lawstation/demo_stats.py) for the last quarter that has ended."""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from lawstation.demo import seed_demo
from lawstation.demo_stats import Step, complete_plan, partial_plan
from stats.models import PeriodReport, ReportEvent

pytestmark = pytest.mark.django_db


def test_the_demo_city_has_its_counties_accepted_one_after_a_return_and_its_own_submitted():
    with time_machine.travel("2026-12-02 10:00 +0800", tick=False):
        seed_demo()
    reports = {
        report.region_id: report
        for report in PeriodReport.all_objects.filter(period_key="2026-Q3").select_related("region")
    }
    hefei = [r for r in reports.values() if r.region.parent_id == "340100"]
    assert len(hefei) == 9
    assert {r.status for r in hefei} == {"accepted"}
    assert [r.region_id for r in hefei if r.number == 2] == ["340103"]
    assert ReportEvent.all_objects.filter(report__region_id="340103", action="returned").exists()
    assert sum(r.is_late for r in hefei) == 2
    assert reports["340100"].status == "submitted"
    assert not reports["340100"].is_late
    wuhu = [r for r in reports.values() if r.region.parent_id == "340200"]
    assert wuhu
    assert any(r.is_late for r in wuhu)
    assert "340200" not in reports
    wuhu_counties = 7  # 镜湖 弋江 鸠江 湾沚 繁昌 南陵 无为
    assert len(wuhu) < wuhu_counties


@pytest.mark.parametrize(
    "now",
    [
        "2026-10-01 07:00 +0800",  # the morning after the quarter: seven hours for every step
        "2026-10-09 12:00 +0800",  # before the counties' reports are due (2026-10-10)
    ],
)
def test_seeded_soon_after_the_quarter_no_step_is_in_the_future_and_steps_keep_their_order(now):
    with time_machine.travel(now, tick=False):
        seed_demo()
        moment = timezone.now()
    quarter_over = datetime(2026, 10, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
    reports = list(PeriodReport.all_objects.filter(period_key="2026-Q3"))
    assert len(reports) > 10
    events: dict[int, list[ReportEvent]] = {}
    for step in ReportEvent.all_objects.filter(report__in=reports).order_by("pk"):
        events.setdefault(step.report_id, []).append(step)
    for report in reports:
        steps = events[report.pk]
        times = [step.at for step in steps]
        assert all(a < b for a, b in pairwise(times)), report.region_id  # in order, distinct
        assert quarter_over <= times[0], report.region_id
        assert times[-1] <= moment, report.region_id  # nothing in the future
        actions = [step.action for step in steps]
        assert actions[0] == "submitted"
        assert all(
            after == "submitted" for before, after in pairwise(actions) if before == "returned"
        )
        assert report.submitted_at == max(s.at for s in steps if s.action == "submitted")
        if report.decided_at is not None:
            assert report.submitted_at < report.decided_at <= moment
        assert not report.is_late  # nothing is due yet
    by_region = {report.region_id: report for report in reports}
    city = by_region["340100"]
    counties = [r for r in reports if r.region_id.startswith("3401") and r != city]
    assert {r.status for r in counties} == {"accepted"}
    assert city.submitted_at > max(r.decided_at for r in counties)
    assert ReportEvent.all_objects.filter(report__region_id="340103", action="returned").exists()


@pytest.mark.parametrize("counties", range(13))
def test_the_planned_steps_of_every_report_are_in_order_whatever_the_number_of_counties(counties):
    def moments(steps: list[Step]) -> list[tuple[int, int]]:
        return [(step.days, step.hour) for step in steps]

    plans, city = complete_plan(counties)
    assert len(plans) == counties
    for steps in plans:
        assert all(a < b for a, b in pairwise(moments(steps)))
        assert (steps[0].action, steps[-1].action) == ("submit", "accept")
    assert all(moments(city)[0] > moments(steps)[-1] for steps in plans)
    returned = [steps for steps in plans if "return" in {step.action for step in steps}]
    assert len(returned) == (counties > 1)
    late = [steps for steps in plans if steps[0].days > 10]  # due ten days after the quarter
    assert len(late) == min(2, counties - len(returned))
    for steps in partial_plan(counties):
        assert all(a < b for a, b in pairwise(moments(steps)))
        assert steps[0].action == "submit"
