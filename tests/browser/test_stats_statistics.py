"""The statistics page in a real browser, on the demo data: axe (WCAG 2.2 AA) for a province and a
city clerk and for a refused period; drill-down from the province to a city; the period chooser
and the download buttons working with JavaScript switched off."""

from __future__ import annotations

import pytest

from tests.browser.conftest import log_in
from tests.browser.public import axe_violations

pytestmark = pytest.mark.browser

PAGE = "/staff/statistics/"


PAGES = [
    ("clerk-340000", PAGE + "?period=2025"),
    ("clerk-340100", PAGE + "?region=340102&period=2025-Q3"),
    ("clerk-340100", PAGE + "?period=2026-Q5"),  # the period error
]


def test_the_statistics_pages_have_no_axe_violations(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    failures = []
    for who, path in PAGES:
        page.context.clear_cookies()
        log_in(page, who)
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        failures += [f"{who} {path}: {line}" for line in axe_violations(page)]
    assert not failures, "\n".join(failures)


def test_the_province_drills_down_to_a_city_table(page):
    log_in(page, "clerk-340000")
    page.goto(PAGE + "?period=2025")
    table = page.locator("table.figure-table")
    assert table.locator("caption").inner_text().strip()
    areas = table.locator("thead tr").nth(1).locator("th a")
    assert areas.count() >= 2
    name = areas.first.inner_text().strip()
    areas.first.click()
    page.wait_for_url("**region=34*")
    assert name in page.locator("h1").inner_text()
    assert "period=2025" in page.url
    assert page.locator("nav.breadcrumb a").count() == 1


def test_the_chooser_and_the_downloads_work_without_javascript(browser, server):
    context = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", base_url=server, java_script_enabled=False
    )
    page = context.new_page()
    try:
        log_in(page, "clerk-340100")
        page.goto(PAGE)
        page.check("input[name=kind][value=month]")
        page.fill("#id_year", "2025")
        page.select_option("#id_month", "8")
        page.click("form.period-form button[type=submit]")
        assert "2025-08-01" in page.locator("main").inner_text()
        with page.expect_download() as download:
            page.click("form.download-form button[value=xlsx]")
        assert download.value.suggested_filename.startswith("statistics-340100")
        assert download.value.suggested_filename.endswith(".xlsx")
    finally:
        context.close()
