"""The framework page of the nine standards in a real browser: axe (WCAG 2.2 AA) finds nothing,
for a county clerk who reads it and for the provincial clerk who adds a local criterion; a
duplicate is refused with an error summary that takes the focus."""

from __future__ import annotations

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_compliance_assessment import violations_on

pytestmark = pytest.mark.browser


def test_framework_page_and_local_criteria_pass_axe(page):
    log_in(page, "clerk-340102")
    page.goto("/staff/compliance/")
    assert page.locator("main section h2").count() == 9
    assert page.locator("#id_criterion-code").count() == 0
    assert not violations_on(page), "\n".join(violations_on(page))

    page.context.clear_cookies()
    log_in(page, "clerk-340000")
    page.goto("/staff/compliance/")
    page.select_option("#id_criterion-standard", "5")
    page.fill("#id_criterion-code", "5.1")  # a national code: refused
    page.fill("#id_criterion-text", "每季度开展一次普法宣传")
    page.click("form[action$='/local/add/'] button[type=submit]")
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert not violations_on(page), "\n".join(violations_on(page))

    page.fill("#id_criterion-code", "AH-5.9")
    page.click("form[action$='/local/add/'] button[type=submit]")
    page.wait_for_selector(".messages")
    assert page.locator("text=每季度开展一次普法宣传").count() >= 1
    assert not violations_on(page), "\n".join(violations_on(page))
