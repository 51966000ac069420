"""The staff inbox of online requests in a real browser (issue 5, item 4).

The Done-when test: a help request submitted on the public form at ``/help/?region=340102``
appears in the inbox of 瑶海区 (clerk-340102) and in no other county's (clerk-340103). Also axe
(WCAG 2.2 AA) on the inbox empty and with requests, on one request and on its decline form with
an error. The demo server has no online requests until a test submits one through the form."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_triage_accessibility import reflows, violations

pytestmark = pytest.mark.browser

INBOX = "/staff/web-requests/"
REFERENCE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}\b")


def submit_help_request(page, region: str = "340102") -> str:
    """Fill the public form as a member of the public would; the reference on the receipt."""
    page.context.clear_cookies()
    page.goto(f"/help/?region={region}")
    page.check("#id_requester_0")  # the person who needs help
    page.fill("#id_name", "浏览器测试")
    page.fill("#id_phone", "13912345678")
    page.check("#id_contact_preference_0")  # SMS
    page.fill("#id_matter", "单位拖欠我三个月工资，不肯支付。")
    page.check("#id_communication_needs_0")  # sign-language interpreter
    page.check("#id_consent_disability")
    with page.expect_navigation():
        page.click("form.help-form button[type=submit]")
    found = REFERENCE.search(page.inner_text("main"))
    assert found, page.inner_text("main")[:500]
    return found.group(0)


def log_in_afresh(page, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, username)


def inbox_text(page, query: str = "") -> str:
    response = page.goto(f"{INBOX}{query}")
    assert response.status == 200
    return page.inner_text("main")


def test_a_request_sent_in_the_browser_reaches_its_county_s_inbox_and_no_other(page):
    reference = submit_help_request(page, "340102")

    log_in_afresh(page, "clerk-340102")
    assert reference in inbox_text(page)

    log_in_afresh(page, "clerk-340103")
    assert reference not in inbox_text(page)
    assert reference not in inbox_text(page, "?status=all&area=area")

    log_in_afresh(page, "clerk-340100")  # the city: only when it widens to its whole area
    assert reference not in inbox_text(page)
    assert reference in inbox_text(page, "?area=area")


def test_the_empty_inbox_passes_axe(page):
    log_in(page, "clerk-340102")
    page.goto(f"{INBOX}?status=declined")
    assert page.locator("main table").count() == 0
    assert not violations(page)
    assert reflows(page)


def open_inbox_with_a_request(page) -> str:
    """clerk-340102's inbox holding a new request (sent through the form only when none is
    there yet: the public form is rate-limited per address); the reference of the first row."""
    log_in_afresh(page, "clerk-340102")
    page.goto(INBOX)
    if page.locator("main table tbody tr").count() == 0:
        submit_help_request(page, "340102")
        log_in_afresh(page, "clerk-340102")
        page.goto(INBOX)
    return page.inner_text("main table tbody tr th").strip()


def test_the_inbox_with_requests_and_a_request_pass_axe(page):
    reference = open_inbox_with_a_request(page)
    assert REFERENCE.fullmatch(reference)
    assert not violations(page)
    assert reflows(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(INBOX)
    with page.expect_navigation():
        page.get_by_role("link", name=reference).click()
    assert reference in page.inner_text("h1")
    assert not violations(page)
    assert reflows(page)


def test_the_decline_form_with_an_error_is_announced_and_passes_axe(page):
    reference = open_inbox_with_a_request(page)
    with page.expect_navigation():
        page.get_by_role("link", name=reference).click()
    page.check("#id_reason_3")  # outside our area, without saying which
    with page.expect_navigation():
        page.click("form[action$='/decline/'] button[type=submit]")
    assert page.locator("#error-summary").count() == 1
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.locator("#id_detail[aria-describedby~='id_detail_error']").count() == 1
    assert not violations(page)
    assert reflows(page)
