"""Risk, closure and follow-up pages in a real browser: axe (WCAG 2.2 AA) and 320 px reflow,
also with errors announced. The demo seeds cases; the provincial clerk sees case 1."""

from __future__ import annotations

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_triage_accessibility import reflows, violations

pytestmark = pytest.mark.browser

CASE = "/staff/cases/1/"
PAGES = [
    "/staff/risks/",
    "/staff/risks/cases/1/raise/",
    CASE,
    f"{CASE}closure/close/",
    f"{CASE}closure/archive/",
    f"{CASE}closure/complaints/new/",
    f"{CASE}closure/return-visits/new/",
]


@pytest.mark.parametrize("path", PAGES)
def test_risk_and_closure_pages_pass_axe_and_reflow(page, path):
    log_in(page, "clerk-340000")
    response = page.goto(path)
    assert response.status == 200
    assert not violations(page)
    assert reflows(page)


def test_a_refused_closing_is_announced_and_accessible(page):
    log_in(page, "clerk-340000")
    page.goto(f"{CASE}closure/close/")
    with page.expect_navigation():
        page.locator("#close_closing_summary").evaluate("e => e.form.submit()")
    assert page.locator("#error-summary").count() == 1
    assert not violations(page)
    assert reflows(page)
