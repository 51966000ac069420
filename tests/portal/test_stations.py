"""The public workstation finder (/stations/) and each workstation's page (/stations/<code>/):
public data only, bad input answered plainly, a constant number of queries."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from portal.selectors.channels import channels_of
from portal.selectors.stations import (
    choose,
    next_duty_days,
    search_stations,
    station_page,
)
from regions.models import Level
from reports.exporters.poster import station_url
from tests.factories import make_region
from tests.portal.stations_helpers import (
    LAWYER_NAME,
    LAWYER_PHONE,
    duty_days,
    establish,
    more_counties,
    premises,
    suspend,
)
from tests.workstations.stations_helpers import make_notice, make_station
from workstations.models import PublicNotice, Workstation

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)
NOW = "2026-06-01 10:00 +0800"
FULL = {
    "sms_number": "10659-1234",
    "email": "help@example.cn",
    "sign_language_video": "https://video.example.cn/yaohai",
}


def index(client, **params):
    return client.get(reverse("finder:index"), params)


def page_of(client, code):
    return client.get(reverse("finder:station", args=[code]))


def text(response) -> str:
    return response.content.decode()


# --- choose(): the finder's steps ---------------------------------------------------------------


def test_choose_returns_the_deepest_region_and_the_path_down_to_it(cast):
    choice = choose(county="340102")
    assert choice.error == ""
    assert [r.code for r in choice.trail] == ["340000", "340100", "340102"]
    assert choose(province="340000", city="340100").region.code == "340100"
    assert choose().region is None
    assert choose().error == ""


def test_choose_accepts_a_county_directly_under_a_province(cast):
    make_region("349001", "测试市", Level.COUNTY, cast.regions["340000"])
    assert [r.code for r in choose(county="349001").trail] == ["340000", "349001"]


@pytest.mark.parametrize(
    "params",
    [
        {"province": "999999"},
        {"city": "abc"},
        {"province": "34000"},
        {"province": "340000 OR 1=1"},
        {"county": "710000"},
        {"province": "340100"},
        {"city": "340102"},
        {"province": "340000", "city": "320100"},
        {"city": "340200", "county": "340102"},
    ],
)
def test_choose_refuses_bad_codes_with_a_message(cast, params):
    choice = choose(**params)
    assert choice.region is None
    assert choice.error


def test_choose_refuses_a_city_outside_the_chosen_province(cast, english):
    jiangsu = make_region("320000", "江苏省", Level.PROVINCE, None)
    make_region("320100", "南京市", Level.CITY, jiangsu)
    choice = choose(province="340000", city="320100")
    assert choice.region is None
    assert "南京市 is not in 安徽省" in choice.error


# --- The finder page ----------------------------------------------------------------------------


def test_finder_lists_the_provinces_in_a_select_with_a_show_button(client, cast, english):
    html = text(index(client))
    assert '<select name="province" id="id_province">' in html
    assert '<option value="340000">安徽省</option>' in html
    assert "Show</button>" in html


def test_finder_province_step_links_its_cities_and_lists_its_workstations(client, cast, english):
    establish(cast, "340102")
    html = text(index(client, province="340000"))
    assert 'href="/stations/?city=340100"' in html
    assert 'href="/stations/?city=340200"' in html
    assert "Choose a city in 安徽省" in html
    assert 'href="/stations/340102/"' in html
    assert "Status: Open" in html
    assert 'aria-current="location">安徽省' in html


def test_finder_city_step_links_its_counties(client, cast, english):
    html = text(index(client, city="340100"))
    assert 'href="/stations/?county=340102"' in html
    assert 'href="/stations/?county=340103"' in html
    assert 'href="/stations/?province=340000">安徽省</a>' in html


def test_a_county_without_its_own_workstation_says_which_one_serves_it(client, cast, english):
    establish(cast, "340100")
    make_station(cast, "340103")  # planned, not in service
    html = text(index(client, county="340103"))
    assert "庐阳区 has no workstation of its own in service" in html
    assert 'href="/stations/340100/"' in html
    assert "Status: Not open yet" in html


def test_a_county_with_its_own_workstation_lists_only_it(client, cast, english):
    establish(cast, "340102")
    html = text(index(client, county="340102"))
    assert "has no workstation of its own" not in html
    assert 'href="/stations/340102/"' in html


def test_a_county_served_by_nobody_says_so(client, cast, english):
    html = text(index(client, county="340202"))
    assert "No workstation serves 镜湖区 yet" in html


@pytest.mark.parametrize(
    "params",
    [
        {"province": "999999"},
        {"city": "abc"},
        {"county": "x' OR 1=1 --"},
        {"province": "340000", "city": "340200", "county": "340102"},
        {"province": "8" * 5000},
        {"q": "x" * 101},
        {"province": ["340000", "340100"]},
    ],
)
def test_finder_answers_bad_input_with_a_message_never_an_error(client, cast, english, params):
    response = index(client, **params)
    assert response.status_code == 200
    html = text(response)
    assert 'class="error-summary" role="alert"' in html


def test_finder_message_names_the_unknown_code(client, cast, english):
    html = text(index(client, province="999999"))
    assert "There is no region with the code 999999 in China." in html
    assert "Start again with the list of provinces" in html


def test_search_finds_workstations_by_name_address_or_region(client, cast, english):
    establish(cast, "340102")
    html = text(index(client, q="瑶海"))
    assert 'href="/stations/340102/"' in html
    assert "Results for “瑶海”" in html
    assert 'href="/stations/340102/"' in text(index(client, q="某路1"))


@pytest.mark.parametrize("wildcard", ["%", "_", "%%", "\\"])
def test_search_treats_like_wildcards_literally(cast, wildcard):
    establish(cast, "340102")
    assert search_stations(wildcard).stations == []


def test_search_shows_a_limited_number_of_results(cast):
    more_counties(cast, "340100", 4)
    result = search_stations("测试", limit=3)
    assert len(result.stations) == 3
    assert result.more
    assert not search_stations("测试", limit=10).more


def test_a_failed_search_says_so(client, cast, english):
    html = text(index(client, q="zzzz"))
    assert "No workstation matches “zzzz”" in html


def test_finder_escapes_what_it_echoes(client, cast):
    html = text(index(client, q="<script>alert(1)</script>"))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


# --- A workstation's page -----------------------------------------------------------------------


@pytest.fixture
def full_station(cast):
    """瑶海区: established, a full notice (and a later version announced), premises checks and
    duty days before, on and after today."""
    with time_machine.travel(NOW, tick=False):
        establish(cast, "340102")
        make_notice(cast, "340102", **FULL)
        make_notice(
            cast, "340102", effective_from=date(2026, 7, 1), scope_of_cases="下一版的受案范围"
        )
        premises(cast, "340102", "barrier_free", True, date(2026, 3, 10))
        premises(cast, "340102", "barrier_free", False, date(2026, 4, 2))
        premises(cast, "340102", "ground_floor", True, date(2026, 3, 5))
        days = [date(2026, 5, 20), TODAY] + [date(2026, 6, d) for d in (3, 8, 10, 15, 17, 22)]
        duty_days(cast, "340102", days)
    return cast


@time_machine.travel(NOW, tick=False)
def test_station_page_shows_the_five_items_of_the_current_notice(client, full_station, english):
    response = page_of(client, "340102")
    assert response.status_code == 200
    html = text(response)
    for label in ("Scope of cases accepted", "Workflow", "Working hours", "Office address"):
        assert f"<dt>{label}</dt>" in html
    assert "<dt>Contact details</dt>" in html
    assert "残疾人权益受侵害的案件" in html
    assert "周一至周五 8:30-12:00" in html
    assert "<address>合肥市某路1号一楼</address>" in html
    assert "下一版的受案范围" not in html  # the announced version is not in force yet
    assert '<time datetime="2020-01-01">' in html


@time_machine.travel(NOW, tick=False)
def test_station_page_offers_every_channel_and_always_the_online_form(client, full_station):
    html = text(page_of(client, "340102"))
    assert 'href="/help/?region=340102"' in html
    assert 'href="tel:0551-12345678"' not in html
    assert 'href="tel:055112345678"' in html
    assert 'href="sms:106591234"' in html
    assert 'href="mailto:help@example.cn"' in html
    assert 'href="https://video.example.cn/yaohai"' in html
    assert html.index("channel-form") < html.index("channel-phone")
    assert 'href="/status/"' in html or "/status/" in html


def test_channels_leave_out_those_without_a_value_but_never_the_form(cast):
    notice = PublicNotice(phone="0551-1", sms_number="", email="", sign_language_video="微信 abc")
    kinds = [c.kind for c in channels_of(notice, "/help/?region=340102")]
    assert kinds == ["form", "video", "phone"]
    video = channels_of(notice, "/help/")[1]
    assert video.href == ""  # not a web address: shown as text, not a link
    assert [c.kind for c in channels_of(None, "/help/")] == ["form"]


@time_machine.travel(NOW, tick=False)
def test_station_page_states_the_premises_in_words(client, full_station, english):
    html = text(page_of(client, "340102"))
    assert '<dt>Barrier-free access</dt>\n      <dd>No, checked <time datetime="2026-04">' in html
    assert '<dt>Ground floor</dt>\n      <dd>Yes, checked <time datetime="2026-03">' in html
    assert "<dt>Accessible toilet</dt>\n      <dd>Not recorded</dd>" in html
    assert "Fixed site" not in html  # only what a visitor needs


@time_machine.travel(NOW, tick=False)
def test_station_page_shows_the_next_duty_days_without_the_lawyer(client, full_station, english):
    html = text(page_of(client, "340102"))
    assert '<time datetime="2026-05-20">' not in html
    assert '<time datetime="2026-06-01">2026-06-01</time> (Monday)' in html
    assert '<time datetime="09:00">09:00</time> to <time datetime="11:30">11:30</time>' in html
    assert '<time datetime="2026-06-15">' in html
    assert '<time datetime="2026-06-17">' not in html  # five at most
    assert LAWYER_NAME not in html
    assert LAWYER_PHONE not in html


@time_machine.travel(NOW, tick=False)
def test_next_duty_days_are_from_today_on(full_station):
    station = Workstation.all_objects.get(federation__region_id="340102")
    assert [s.day for s in next_duty_days(station, date(2026, 6, 16))] == [
        date(2026, 6, 17),
        date(2026, 6, 22),
    ]


@time_machine.travel(NOW, tick=False)
def test_station_page_selector_has_only_public_fields(full_station):
    page = station_page("340102")
    assert page.station.name.endswith("法律救助工作站")
    assert not hasattr(page.duty_days[0], "person")
    assert page.serving is None


def test_a_station_without_a_notice_still_offers_the_online_form(client, cast, english):
    establish(cast, "340102")
    html = text(page_of(client, "340102"))
    assert "has not published its notice on this site yet" in html
    assert 'href="/help/?region=340102"' in html
    assert "No days with a lawyer on site are planned yet" in html


def test_a_suspended_station_says_so_and_points_to_the_serving_one(client, cast, english):
    establish(cast, "340100")
    suspend(cast, "340102")
    html = text(page_of(client, "340102"))
    assert "This workstation is temporarily closed" in html
    assert 'href="/stations/340100/"' in html
    assert "Status: Temporarily closed" in html


def test_a_planned_station_without_anyone_serving_says_so(client, cast, english):
    make_station(cast, "340202")
    html = text(page_of(client, "340202"))
    assert "This workstation is not open yet" in html
    assert "No other workstation serves this area yet" in html


@pytest.mark.parametrize("code", ["abc", "3401021", "34010", "349999", "340103", "0x1234"])
def test_station_page_is_404_for_a_bad_code_or_no_workstation(client, cast, code):
    establish(cast, "340102")
    assert page_of(client, code).status_code == 404


def test_station_page_404_is_the_portal_404_page(client, cast, english):
    response = client.get("/stations/340103/")
    assert response.status_code == 404
    assert "Not found" in text(response)


def test_pages_may_be_kept_a_few_minutes(client, cast):
    establish(cast, "340102")
    for response in (index(client, province="340000"), page_of(client, "340102")):
        assert "max-age=300" in response["Cache-Control"]
        assert "Cookie" in response["Vary"]
        assert "Accept-Language" in response["Vary"]


def test_pages_are_chinese_by_default_and_english_on_request(client, cast):
    establish(cast, "340102")
    chinese = text(page_of(client, "340102"))
    assert 'lang="zh-Hans"' in chinese
    assert "瑶海区残疾人联合会法律救助工作站" in chinese
    english_page = client.get(reverse("finder:station", args=["340102"]), HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="en"' in text(english_page)
    assert "Ways to get in touch" in text(english_page)


def test_anonymous_visitors_need_no_login(client, cast):
    establish(cast, "340102")
    assert index(client).status_code == 200
    assert page_of(client, "340102").status_code == 200


def test_the_poster_qr_target_is_this_page(settings):
    settings.PUBLIC_BASE_URL = "https://help.example.cn"
    url = station_url("340102")
    assert url == "https://help.example.cn/stations/340102/"
    match = resolve(url.removeprefix("https://help.example.cn"))
    assert match.view_name == "finder:station"
    assert match.kwargs == {"code": "340102"}


# --- Query counts -------------------------------------------------------------------------------


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_finder_query_count_does_not_grow_with_regions_or_workstations(client, cast):
    establish(cast, "340100")
    urls = [
        "/stations/",
        "/stations/?province=340000",
        "/stations/?city=340100",
        "/stations/?county=340103",
        "/stations/?q=测试",
    ]
    more_counties(cast, "340100", 2)
    small = [queries(client, url) for url in urls]
    more_counties(cast, "340100", 12, start=70)
    large = [queries(client, url) for url in urls]
    assert small == large
    assert max(large) <= 10


def test_station_query_count_does_not_grow_with_histories(client, cast):
    with time_machine.travel(NOW, tick=False):
        establish(cast, "340102")
        make_notice(cast, "340102", **FULL)
        premises(cast, "340102", "barrier_free", True, date(2026, 3, 10))
        duty_days(cast, "340102", [date(2026, 6, 3)])
        small = queries(client, "/stations/340102/")
        make_notice(cast, "340102", effective_from=date(2026, 5, 1))
        for month in (1, 2, 4, 5):
            premises(cast, "340102", "barrier_free", True, date(2026, month, 10))
            premises(cast, "340102", "signage", False, date(2026, month, 10))
        duty_days(cast, "340102", [date(2026, 6, d) for d in range(4, 25)])
        large = queries(client, "/stations/340102/")
    assert small == large
    assert large <= 12
