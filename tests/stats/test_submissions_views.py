"""The period-report pages: the overview of who has submitted, a report with its figures and
history, and the POST steps with their errors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEntry
from regions.models import Federation, Level
from regions.scoping import unscoped
from stats.models import PeriodReport, ReopenRequest
from tests.cases.helpers import make_case
from tests.factories import make_region
from tests.stats.submissions_helpers import (
    ON_TIME,
    accept,
    accept_counties,
    fresh,
    submit,
    submit_accepted,
)

pytestmark = pytest.mark.django_db
LIST = reverse("submissions:list")
Status = PeriodReport.Status


@pytest.fixture(autouse=True)
def _today(time_machine, english):
    time_machine.move_to(ON_TIME, tick=False)


def page(client, user, url=LIST):
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_city_sees_its_own_report_and_each_county_in_words(client, cast):
    submit_accepted(cast, "340102")
    html = page(client, cast.user("340100", Role.CLERK))
    assert "<h1>Statistical reports for 2026-Q3</h1>" in html  # the last ended quarter
    assert "Not submitted, due in 10 days" in html  # the city's own, due 2026-10-15
    assert "瑶海区残疾人联合会</a>" in html
    assert "Accepted" in html
    assert "Not submitted, due in 5 days" in html  # 庐阳区, due 2026-10-10
    assert (
        "Directly below: 2 federations. Accepted 1; awaiting a decision 0; returned 0; "
        "reopened 0; not submitted 1, of which overdue 0. Submitted late: 0." in html
    )
    assert "Submit the report for 2026-Q3" in html


def test_the_province_sees_cities_and_the_counties_under_each(client, cast, time_machine):
    time_machine.move_to(datetime(2026, 10, 12, 2, 0, tzinfo=UTC), tick=False)
    submit(cast, "340202")  # late: due 2026-10-10
    html = page(client, cast.user("340000", Role.LEADER), LIST + "?period=2026-Q3")
    for name in ("合肥市", "瑶海区", "庐阳区", "芜湖市", "镜湖区", "鸠江区"):
        assert f"{name}残疾人联合会" in html
    assert "2 days late" in html
    assert "Not submitted: overdue by 2 days" in html  # the other counties
    assert "Directly below: 2 federations." in html  # the summary counts the cities
    # The indentation under the city is visual; a screen reader hears which city a county is in.
    assert '<span class="visually-hidden">Below 合肥市残疾人联合会: </span>' in html
    assert "Submit the report" not in html  # a leader does not submit


def test_a_period_that_is_not_a_report_period_is_explained(client, cast):
    html = page(client, cast.user("340102", Role.CLERK), LIST + "?period=2026-H1")
    assert "not for a half-year or a range of dates" in html
    assert "<h1>Statistical reports for 2026-Q3</h1>" in html


def test_submitting_through_the_page(client, cast):
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.post(reverse("submissions:submit"), {"period": "2026-Q3", "version": 0})
    report = PeriodReport.all_objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("submissions:detail", args=[report.pk])
    response = client.post(reverse("submissions:submit"), {"period": "2026-Q5", "version": 0})
    assert response.status_code == 200
    assert "A quarter is Q1 to Q4." in response.content.decode()
    response = client.post(reverse("submissions:submit"), {"period": "2026-Q4", "version": 0})
    assert "The period 2026-Q4 has not ended yet" in response.content.decode()
    assert PeriodReport.all_objects.count() == 1


def test_a_submission_with_data_quality_errors_links_to_the_list(client, cast):
    registered = datetime(2026, 8, 1, 2, 0, tzinfo=UTC)
    make_case(cast, "340102", status="accepted", registered_at=registered)  # no sex, no birth
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.post(reverse("submissions:submit"), {"period": "2026-Q3", "version": 0})
    html = response.content.decode()
    assert "Applicant without sex or date of birth: 1" in html
    assert f'href="{reverse("quality:list")}?period=2026-Q3"' in html
    assert not PeriodReport.all_objects.exists()


def test_a_city_submitting_too_early_is_told_which_counties_are_missing(client, cast):
    client.force_login(cast.user("340100", Role.CLERK))
    response = client.post(reverse("submissions:submit"), {"period": "2026-Q3", "version": 0})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert "Not accepted yet: 瑶海区残疾人联合会, 庐阳区残疾人联合会." in html
    assert not PeriodReport.all_objects.exists()


def test_the_level_above_returns_and_accepts_on_the_report_page(client, cast):
    report = submit(cast, "340102")
    url = reverse("submissions:detail", args=[report.pk])
    html = page(client, cast.user("340100", Role.LEADER), url)
    assert "Accept the report" in html
    assert "Figures as submitted" in html
    response = client.post(
        reverse("submissions:return", args=[report.pk]), {"reason": "", "version": report.version}
    )
    assert response.status_code == 200
    assert "Say why the report is returned" in response.content.decode()
    assert fresh(report).status == Status.SUBMITTED
    response = client.post(
        reverse("submissions:return", args=[report.pk]),
        {"reason": "八月数字不对", "version": report.version},
    )
    assert response.status_code == 302
    assert fresh(report).status == Status.RETURNED
    html = page(client, cast.user("340102", Role.CLERK), url)
    assert "八月数字不对" in html
    assert "Submit the report again" in html
    assert "Accept the report" not in html
    with unscoped("test"):
        assert AuditEntry.all_objects.filter(action="statistics.viewed").count() == 2


def test_the_county_asks_to_reopen_and_the_city_decides_on_the_page(client, cast):
    report = submit_accepted(cast, "340102")
    client.force_login(cast.user("340102", Role.CLERK))
    reopen_url = reverse("submissions:reopen", args=[report.pk])
    response = client.post(reopen_url, {"reason": "", "version": report.version})
    assert "Say why the figures must change." in response.content.decode()
    response = client.post(reopen_url, {"reason": "漏登一件", "version": report.version})
    assert response.status_code == 302
    url = reverse("submissions:detail", args=[report.pk])
    html = page(client, cast.user("340100", Role.CLERK), url)
    assert "漏登一件" in html
    assert "Record the decision" in html
    decide = reverse("submissions:reopen_decide", args=[report.pk])
    version = fresh(report).version
    response = client.post(decide, {"decision": "refuse", "note": "", "version": version})
    assert "Say why the reopening is refused." in response.content.decode()
    response = client.post(decide, {"decision": "accept", "note": "", "version": version})
    assert response.status_code == 302
    assert fresh(report).status == Status.REOPENED
    assert ReopenRequest.all_objects.get().status == "accepted"


def test_the_list_page_runs_in_constant_queries(client, cast, django_assert_max_num_queries):
    clerk = cast.user("340100", Role.CLERK)
    page(client, clerk)
    with django_assert_max_num_queries(8) as few:
        page(client, None)
    city = cast.regions["340100"]
    for n in range(4, 10):  # six more counties, all submitted
        code = f"34011{n}"
        region = make_region(code, f"测试{n}区", Level.COUNTY, city)
        cast.federations[code] = Federation.objects.create(region=region, name=f"测试{n}区残联")
    for code in ("340102", "340103"):
        accept(cast, submit(cast, code))
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = page(client, None)
    assert "Directly below: 8 federations. Accepted 2;" in html


def test_the_province_list_stays_at_constant_queries_too(
    client, cast, django_assert_max_num_queries
):
    leader = cast.user("340000", Role.LEADER)
    page(client, leader)
    with django_assert_max_num_queries(8) as few:
        page(client, None)
    for city in ("340100", "340200"):
        accept_counties(cast, city)
        submit(cast, city)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page(client, None)
