"""The self-assessment, its review and the rectification list in a real browser: axe (WCAG 2.2 AA)
finds nothing, with a validation error shown; the error summary takes the focus.

A county clerk starts a self-assessment for a past period in the test itself, first submits it
unanswered (the error shows), then answers and submits it; the city clerk opens the review."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "preload": False,
}
PERIOD = "2025-H2"


def violations_on(page) -> list[str]:
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


def test_assessment_review_and_rectification_pages_pass_axe(page):
    log_in(page, "clerk-340102")
    page.goto("/staff/compliance/assessments/new/")
    page.fill("#id_period", PERIOD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/staff/compliance/assessments/*/")
    detail = page.url

    # Submitting with nothing answered: the draft page with its errors, focus on the summary.
    page.click("button[value=submit]")
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.locator(".error-message").count() > 0
    assert not violations_on(page), "\n".join(violations_on(page))

    # Answer every item (with a statement) and submit.
    for select in page.locator("select[name^=self_result_]").all():
        select.select_option("met")
    for statement in page.locator("textarea[name^=statement_]").all():
        statement.fill("台账齐全，见附件。")
    page.click("button[value=submit]")
    page.wait_for_selector(".messages")
    assert page.locator("#error-summary").count() == 0

    page.context.clear_cookies()
    log_in(page, "clerk-340100")
    page.goto(detail.rstrip("/") + "/review/")
    assert page.locator("button[value=final]").count() == 1
    assert not violations_on(page), "\n".join(violations_on(page))

    page.goto("/staff/compliance/rectification/?show=all")
    assert not violations_on(page), "\n".join(violations_on(page))
