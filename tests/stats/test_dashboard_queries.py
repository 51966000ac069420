"""The home's query count does not grow with the data: measured for a county clerk (open work),
a city clerk (work from below and the overview) and a provincial leader (the overview), on a small
and a larger data set."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from stats.models import PeriodReport
from tests.cases.helpers import make_case
from tests.people.helpers import make_workstation
from tests.portal.inbox_helpers import make_help_request
from tests.stats.dashboard_helpers import build_case_work, build_work, make_report

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)
# Modest: the open work is one query per kind; the overview reads coverage in one query, the
# compliance indicators in their fixed number, and one figure table per quarter (four).
CLERK_LIMIT = 25
OVERVIEW_LIMIT = 120
WHO = [("340102", Role.CLERK), ("340100", Role.CLERK), ("340000", Role.LEADER)]


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel("2026-12-02 10:00 +0800", tick=False):
        yield


def queries(client, cast) -> dict[tuple[str, str], int]:
    counts = {}
    for code, role in WHO:
        client.force_login(cast.user(code, role))
        client.get(reverse("home"))  # the session settles on the first request
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("home"))
        assert response.status_code == 200
        counts[(code, role)] = len(captured.captured_queries)
    return counts


def test_the_home_reads_in_a_fixed_number_of_queries(client, cast):
    make_workstation(cast, "340102")
    build_work(cast, "340102", TODAY)
    make_report(cast, "340103", "2026-Q3", status=PeriodReport.Status.SUBMITTED)
    few = queries(client, cast)
    assert few[("340102", Role.CLERK)] <= CLERK_LIMIT
    assert few[("340100", Role.CLERK)] <= OVERVIEW_LIMIT
    assert few[("340000", Role.LEADER)] <= OVERVIEW_LIMIT

    for code in ("340100", "340103", "340202", "340207"):
        make_workstation(cast, code)
    build_case_work(cast, "340102", TODAY)
    build_case_work(cast, "340103", TODAY)
    build_case_work(cast, "340202", TODAY)
    for code in ("340102", "340102", "340103", "340100"):
        make_help_request(cast, code)
    for code in ("340102", "340202", "340207"):
        make_case(cast, code, status="closed")
    make_report(cast, "340102", "2026-Q3", status=PeriodReport.Status.SUBMITTED)
    make_report(
        cast, "340102", "2026-Q1", status=PeriodReport.Status.RETURNED, return_reason="有误"
    )
    make_report(cast, "340202", "2026-Q3", status=PeriodReport.Status.SUBMITTED)
    many = queries(client, cast)
    assert many == few
