"""The counter and the case page's own pages in a real browser: axe (WCAG 2.2 AA) and 320 px
reflow, also with errors announced. The demo seeds cases and their intakes; the provincial clerk
sees every Anhui case, so case 1 and intake 1 are always in scope."""

from __future__ import annotations

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_triage_accessibility import reflows, violations

pytestmark = pytest.mark.browser

PAGES = [
    "/staff/intake/",
    "/staff/intake/new/",
    "/staff/intake/new/?q=%E7%8E%8B",
    "/staff/intake/1/",
    "/staff/cases/1/",
    "/staff/cases/1/transfer/",
    "/staff/cases/1/handler/",
]


@pytest.mark.parametrize("path", PAGES)
def test_counter_and_case_pages_pass_axe_and_reflow(page, path):
    log_in(page, "clerk-340000")
    response = page.goto(path)
    assert response.status == 200
    assert not violations(page)
    assert reflows(page)


def test_a_refused_request_is_announced_and_accessible(page):
    log_in(page, "clerk-340000")
    page.goto("/staff/intake/new/")
    page.check("#id_is_oral")
    with page.expect_navigation():
        page.click("button[value=case]")
    assert page.locator("#error-summary").count() == 1
    assert page.locator(".field-error").count() >= 3
    assert not violations(page)
    assert reflows(page)


def test_a_refused_transfer_is_announced_and_accessible(page):
    log_in(page, "clerk-340000")
    page.goto("/staff/cases/1/transfer/")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("#error-summary").count() == 1
    assert not violations(page)
    assert reflows(page)
