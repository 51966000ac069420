"""Triage and case-policy pages in a real browser: axe (WCAG 2.2 AA) and 320 px reflow, with
the suggestions shown and with errors announced. The demo seeds cases; the provincial clerk sees
every Anhui case, so case 1 is always in scope."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import log_in
from tests.browser.test_staff_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.browser

TRIAGE = "/staff/cases/1/triage/"
PAGES = [TRIAGE, "/staff/case-policy/", "/staff/case-policy/edit/"]


def violations(page) -> list[str]:
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


def reflows(page) -> bool:
    page.set_viewport_size({"width": 320, "height": 640})
    page.reload()
    return page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("path", PAGES)
def test_triage_and_policy_pages_pass_axe_and_reflow(page, path):
    log_in(page, "clerk-340000")
    response = page.goto(path)
    assert response.status == 200
    assert not violations(page)
    assert reflows(page)


def open_case_triage(page) -> None:
    """The triage page of a registered (open) demo case, found through the case list."""
    page.goto("/staff/cases/?status=registered")
    href = page.locator("main table a[href^='/staff/cases/']").first.get_attribute("href")
    page.goto(f"{href}triage/")


def test_suggestions_and_an_error_are_accessible(page):
    log_in(page, "clerk-340000")
    open_case_triage(page)
    page.select_option("#id_disability_category", "2")
    page.check("#id_is_criminal_suspect")
    page.fill("#id_time_limit_on", "2020-01-01")
    with page.expect_navigation():
        page.locator("#id_disability_category").evaluate("e => e.form.submit()")
    assert page.locator(".triage-suggestion").count() >= 2, (
        page.inner_text("#error-summary") if page.locator("#error-summary").count() else "no errors"
    )
    assert not violations(page)
    assert reflows(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.fill("#id_monthly_income", "-5")
    with page.expect_navigation():
        page.locator("#id_monthly_income").evaluate("e => e.form.submit()")
    assert page.locator("#error-summary").count() == 1
    assert not violations(page)
    assert reflows(page)
