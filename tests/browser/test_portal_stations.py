"""The public workstation finder and a workstation's page in a real browser: axe (WCAG 2.2 AA)
in the three variants, the finder without JavaScript, and 320 px reflow.

The demo seeds workstations but no public notices: a module fixture publishes a full notice for
瑶海区 (340102) and schedules duty days through the staff pages, as a clerk would, so the page is
audited with every section filled in."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.browser.conftest import DEMO_PASSWORD
from tests.browser.public import (
    VARIANTS,
    apply_variant,
    assert_no_horizontal_scroll,
    axe_violations,
)

pytestmark = pytest.mark.browser

STATION = "340102"
PAGES = [
    "/stations/",
    "/stations/?province=340000",
    "/stations/?city=340100",
    f"/stations/?county={STATION}",
    f"/stations/{STATION}/",
    "/stations/?q=zzzz",
    "/stations/?province=999999",
]
NOTICE = {
    "#id_scope_of_cases": "残疾人权益受到侵害的法律咨询、调解和代理",
    "#id_workflow": "来访或在线申请 → 登记 → 审查 → 提供服务或转介 → 结案回访",
    "#id_working_hours": "周一至周五 8:30-12:00, 14:30-17:30",
    "#id_office_address": "合肥市瑶海区某某路88号残联一楼",
    "#id_phone": "0551-00000000",
    "#id_sms_number": "10659000000",
    "#id_email": "yaohai@example.cn",
    "#id_sign_language_video": "https://video.example.cn/yaohai",
}


def _today() -> datetime:
    return datetime.now(ZoneInfo("Asia/Shanghai"))


@pytest.fixture(scope="module")
def full_station(browser, server) -> str:
    """瑶海区's notice published today and two duty days ahead, through the staff pages."""
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", base_url=server)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", f"clerk-{STATION}")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/staff/")
    page.goto(f"/staff/federations/{STATION}/workstation/notice/new/")
    page.fill("#id_effective_from", _today().date().isoformat())
    for selector, value in NOTICE.items():
        page.fill(selector, value)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("#error-summary").count() == 0, page.content()[:2000]
    for days_ahead in (2, 9):
        page.goto(f"/staff/federations/{STATION}/duty/")
        options = page.locator("#id_person option:not([value=''])")
        if options.count() == 0:
            break
        page.select_option("#id_person", options.first.get_attribute("value"))
        page.fill("#id_day", (_today().date() + timedelta(days=days_ahead)).isoformat())
        page.fill("#id_starts_at", "09:00")
        page.fill("#id_ends_at", "11:30")
        with page.expect_navigation():
            page.click("form[action*='/duty/schedule/'] button[type=submit]")
    context.close()
    return STATION


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("path", PAGES)
def test_finder_and_station_pages_pass_axe(page, server, full_station, path, variant):
    apply_variant(page, variant, server)
    response = page.goto(path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_404_for_an_unknown_station_passes_axe(page, server, variant):
    apply_variant(page, variant, server)
    response = page.goto("/stations/349999/")
    assert response.status == 404
    assert axe_violations(page) == []


def test_the_station_page_shows_the_published_notice(page, full_station):
    page.goto(f"/stations/{full_station}/")
    assert page.locator("dl.notice-items dt").count() == 5
    assert page.locator("a[href='/help/?region=340102']").count() >= 1
    assert page.locator("a[href^='tel:']").count() == 1
    assert page.locator("a[href^='sms:']").count() == 1
    assert page.locator("a[href^='mailto:']").count() == 1
    assert page.locator(".duty-days li time").count() >= 2  # the days scheduled above


@pytest.mark.parametrize("path", PAGES)
def test_finder_and_station_pages_reflow_at_320_px(page, full_station, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(path)
    assert_no_horizontal_scroll(page)


def test_the_finder_works_without_javascript(browser, server):
    context = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", base_url=server, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto("/stations/")
        page.select_option("#id_province", "340000")
        with page.expect_navigation():
            page.click("form.finder-step button[type=submit]")
        assert "province=340000" in page.url
        with page.expect_navigation():
            page.click(".region-list a[href='/stations/?city=340100']")
        with page.expect_navigation():
            page.click(f".region-list a[href='/stations/?county={STATION}']")
        with page.expect_navigation():
            page.click(f".station-list a[href='/stations/{STATION}/']")
        assert page.url.endswith(f"/stations/{STATION}/")
        assert "瑶海区" in page.locator("h1").inner_text()
    finally:
        context.close()
