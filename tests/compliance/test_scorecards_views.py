"""The scorecard and roll-up pages: periods (good, bad, not ended), scope (404 like missing),
the reviewed result beside the measured one, languages, query counts."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from compliance.indicators import INDICATORS, IndicatorResult, Status
from compliance.models import Assessment, AssessmentItem, Criterion, Framework, Standard
from compliance.selectors import indicators as indicator_selectors
from regions.scoping import unscoped
from tests.compliance import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel("2026-12-02 10:00 +0800", tick=False):
        yield


def fake_results(stations, period):
    return {
        station.pk: {
            key: IndicatorResult(
                key,
                number,
                Status.NOT_MET if key == "premises.items" else Status.MET,
                {"present": 6, "required": 8} if key == "premises.items" else {},
            )
            for key, number in INDICATORS
        }
        for station in stations
    }


@pytest.fixture
def stations(cast, monkeypatch):
    monkeypatch.setattr(indicator_selectors, "indicator_results", fake_results)
    return {code: factories.station(cast, code) for code in ("340102", "340103", "340202")}


def get(client, cast, code, url, role=Role.CLERK):
    client.force_login(cast.user(code, role))
    return client.get(url)


def station_url(code, **params):
    url = reverse("scorecards:station", args=[code])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_a_scorecard_shows_the_nine_standards_figures_and_links(client, cast, stations, english):
    response = get(client, cast, "340102", station_url("340102", period="2025"))
    assert response.status_code == 200
    page = response.content.decode()
    card = response.context["card"]
    assert [line.number for line in card.standards] == list(range(1, 10))
    assert card.standards[1].status == Status.NOT_MET
    assert card.score.overall == Status.PARTLY
    assert not card.so_far
    assert "Period 2025 (2025-01-01 to 2025-12-31)" in page
    assert "Present: 6" in page
    assert "Required: 8" in page
    assert reverse("stations:workstation", args=["340102"]) in page
    assert reverse("funding:overview", args=["340102"]) + "?year=2025" in page
    assert reverse("duty:roster", args=["340102"]) + "?month=2025-12" in page
    assert "No reviewed self-assessment of this period." in page


def test_a_period_not_ended_is_shown_so_far(client, cast, stations, english):
    response = get(client, cast, "340102", station_url("340102", period="2026-Q4"))
    assert response.status_code == 200
    assert response.context["card"].so_far
    assert "so far: the period has not ended" in response.content.decode()


def test_the_chooser_fields_make_a_quarter_or_a_custom_period(client, cast, stations):
    response = get(
        client, cast, "340102", station_url("340102", kind="year", year="2026", quarter="3")
    )
    assert response.context["card"].period.key == "2026-Q3"
    response = client.get(
        station_url("340102", kind="custom", start="2026-01-05", end="2026-02-03")
    )
    assert response.context["card"].period.key == "2026-01-05..2026-02-03"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"period": "2026-Q5"}, "A quarter is Q1 to Q4."),
        ({"period": "soon"}, "Write the period as a year"),
        ({"kind": "custom", "start": "2026-03-01", "end": "2026-01-01"}, "ends before it starts"),
        ({"kind": "custom", "start": "2026-03-01"}, "Give both the first and the last day."),
        ({"kind": "year", "year": "1800"}, "The year must be between"),
        ({"kind": "year"}, "Give the year."),
        ({"kind": "year", "year": "abc"}, "Enter a whole number."),
    ],
)
def test_a_bad_period_is_refused_with_a_clear_message(
    client, cast, stations, english, params, message
):
    response = get(client, cast, "340102", station_url("340102", **params))
    assert response.status_code == 200
    assert response.context["card"] is None
    page = response.content.decode()
    assert message in page
    assert 'class="error-summary"' in page


def test_a_bad_period_on_the_rollup_is_refused_too(client, cast, stations, english):
    response = get(client, cast, "340000", reverse("scorecards:rollup") + "?period=2026-13")
    assert response.status_code == 200
    assert response.context["rollup"] is None
    assert "A month is 01 to 12." in response.content.decode()


@pytest.mark.parametrize(("user_code", "target"), [("340102", "340103"), ("340100", "340202")])
def test_a_workstation_outside_the_scope_is_a_404_like_a_missing_one(
    client, cast, stations, user_code, target
):
    assert get(client, cast, user_code, station_url(target)).status_code == 404
    assert client.get(station_url("999999")).status_code == 404
    assert client.get(reverse("scorecards:rollup") + f"?region={target}").status_code == 404


def test_a_federation_without_a_workstation_has_no_scorecard(client, cast, stations):
    assert get(client, cast, "340207", station_url("340207")).status_code == 404


def test_the_reviewed_result_is_shown_beside_the_measured_one(client, cast, stations, english):
    station = stations["340102"]
    with unscoped("test builds a final assessment"):
        framework = Framework.objects.create(
            code="TEST", title="Test", effective_from=date(2020, 1, 1)
        )
        standard = Standard.objects.create(framework=framework, number=2, title="Premises")
        criterion = Criterion.objects.create(
            standard=standard, code="T2.1", text="Premises", added_on=date(2020, 1, 1)
        )
        assessment = Assessment(
            workstation=station,
            framework=framework,
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
            status=Assessment.Status.FINAL,
            reviewer=cast.federations["340100"],
            result="partly",
        )
        assessment.set_region(cast.regions["340102"])
        assessment.save()
        item = AssessmentItem(assessment=assessment, criterion=criterion, final_result="met")
        item.set_region(cast.regions["340102"])
        item.save()
    response = get(client, cast, "340102", station_url("340102", period="2025"))
    card = response.context["card"]
    assert card.reviewed.score.overall == Status.PARTLY
    premises = card.standards[1]
    assert (premises.status, premises.reviewed, premises.differs) == (
        Status.NOT_MET,
        Status.MET,
        True,
    )
    assert "differs from the measured result" in response.content.decode()
    # Another period has no reviewed result.
    assert (
        get(client, cast, "340102", station_url("340102", period="2024")).context["card"].reviewed
        is None
    )


def test_the_rollup_defaults_to_the_users_federation_and_last_complete_year(
    client, cast, stations, english
):
    response = get(client, cast, "340000", reverse("scorecards:rollup"))
    assert response.status_code == 200
    rollup = response.context["rollup"]
    assert rollup.region.code == "340000"
    assert rollup.period.key == "2025"
    page = response.content.decode()
    assert "met 0 / partly 0 / not 3" in page  # the total of premises: every one fails it
    assert "met 3 / partly 0 / not 0" in page  # the total of the other standards
    assert '<title id="trend-title">' in page
    assert '<desc id="trend-desc">' in page
    assert "Region table as data" in page
    assert "✓" in page
    assert "◐" in page


def test_the_pages_render_in_chinese_by_default(client, cast, stations):
    response = get(client, cast, "340000", reverse("scorecards:rollup"))
    assert response.status_code == 200
    assert '<html lang="zh-Hans"' in response.content.decode()
    assert get(client, cast, "340102", station_url("340102")).status_code == 200


def test_a_lawyer_may_see_scorecards_an_audit_admin_may_not(client, cast, stations):
    assert get(client, cast, "340102", station_url("340102"), Role.LAWYER).status_code == 200
    assert get(client, cast, "340102", station_url("340102"), Role.AUDIT_ADMIN).status_code == 403


def page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_rollup_page_reads_a_fixed_number_of_queries(client, cast, stations):
    client.force_login(cast.user("340000", Role.CLERK))
    url = reverse("scorecards:rollup") + "?period=2025"
    few = page_queries(client, url)
    factories.station(cast, "340207")
    factories.station(cast, "340200")
    factories.station(cast, "340100")
    assert page_queries(client, url) == few
