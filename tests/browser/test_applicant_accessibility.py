"""Applicant pages in a real browser: axe (WCAG 2.2 AA) and 320 px reflow, also with a number
shown in full, a search result and an announced error. The demo seeds applicants; the
provincial clerk sees every Anhui applicant, so applicant 1 is always in scope."""

from __future__ import annotations

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_triage_accessibility import reflows, violations

pytestmark = pytest.mark.browser

PAGES = [
    "/staff/applicants/",
    "/staff/applicants/new/",
    "/staff/applicants/1/",
    "/staff/applicants/1/edit/",
]


def fits_320(page) -> bool:
    """Reflow of a page that was the answer to a POST (reloading would post again)."""
    page.set_viewport_size({"width": 320, "height": 640})
    return page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("path", PAGES)
def test_applicant_pages_pass_axe_and_reflow(page, path):
    log_in(page, "clerk-340000")
    response = page.goto(path)
    assert response.status == 200
    assert not violations(page)
    assert reflows(page)


def test_a_number_shown_in_full_is_accessible(page):
    log_in(page, "clerk-340000")
    page.goto("/staff/applicants/1/")
    with page.expect_navigation():
        page.locator("form[action$='/reveal/'] button").first.click()
    assert page.locator("#revealed-number").count() == 1
    assert not violations(page)
    assert fits_320(page)


def test_a_search_by_number_and_a_refused_registration_are_accessible(page):
    log_in(page, "clerk-340000")
    page.goto("/staff/applicants/")
    page.fill("#id_number", "340102198001011230")
    with page.expect_navigation():
        page.locator("#id_number").evaluate("e => e.form.submit()")
    assert page.locator("#found-title").count() == 1
    assert not violations(page)
    assert fits_320(page)
    page.goto("/staff/applicants/new/")
    page.fill("#id_name", "王小明")
    page.fill("#id_id_number", "360426199101010072")
    with page.expect_navigation():
        page.locator("#id_name").evaluate("e => e.form.submit()")
    assert page.locator("#error-summary").count() == 1
    assert not violations(page)
    assert fits_320(page)
