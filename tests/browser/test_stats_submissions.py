"""The period-report pages in a real browser, on the demo data (the last ended quarter): axe
(WCAG 2.2 AA) for the province and a city, and a return whose missing reason is announced."""

from __future__ import annotations

import pytest

from tests.browser.conftest import log_in
from tests.browser.public import axe_violations

pytestmark = pytest.mark.browser

LIST = "/staff/statistics/reports/"


def no_violations(page) -> None:
    assert page.locator("h1").count() == 1
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


def test_report_pages_have_no_axe_violations(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    for who, path in (
        ("leader-340000", LIST),
        ("clerk-340100", LIST + "?period=2026-Q5"),  # the period error
        ("clerk-340100", LIST),
    ):
        page.context.clear_cookies()
        log_in(page, who)
        page.goto(path)
        no_violations(page)
    assert page.locator("table.submissions tbody tr").count() == 9  # 合肥市's counties
    page.locator("table.submissions tbody th a").first.click()
    page.wait_for_url("**/staff/statistics/reports/*/")
    assert page.locator("table.figure-table").count() == 1
    assert page.locator("table.report-history tbody tr").count() >= 2
    no_violations(page)


def test_a_return_without_a_reason_is_announced_then_made(page):
    log_in(page, "clerk-340200")
    page.goto(LIST)
    page.locator("a[href$='#decide']").first.click()
    page.wait_for_url("**/staff/statistics/reports/*/#decide")
    page.locator("form[action$='/return/'] button[type=submit]").click()
    summary = page.locator(".error-summary[role=alert]")
    assert summary.count() == 1
    assert page.locator("#return_reason").get_attribute("aria-invalid") == "true"
    no_violations(page)
    page.fill("#return_reason", "九月的转介数字与台账不一致，请核对。")
    page.locator("form[action$='/return/'] button[type=submit]").click()
    page.wait_for_selector(".messages")
    assert page.locator("form[action$='/return/']").count() == 0
    assert "九月的转介数字与台账不一致" in page.locator("dl.report-facts").inner_text()
