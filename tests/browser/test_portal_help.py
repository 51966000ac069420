"""The online request for help and the status lookup in a real browser (issue 5).

axe (WCAG 2.2 AA) in the three variants on: the place chooser, the form, the form sent empty
(errors announced, focus on the summary), the receipt of a real request, the lookup form and a
failed lookup; a real request sent with the keyboard only, then looked up by its reference and
the last four digits; 320 px reflow.

The public POSTs are rate-limited per address (5 requests in 10 minutes) and every browser test
shares one server and one address, so the POST-driven states are reached once and the variants
of a state already on screen are applied in place (viewport, and the large-text class the display
cookie would set) rather than by posting again.
"""

from __future__ import annotations

import re

import pytest

from portal.references import display_reference, new_reference
from tests.browser.public import (
    VARIANTS,
    apply_variant,
    assert_no_horizontal_scroll,
    axe_violations,
)

pytestmark = pytest.mark.browser

FORM = "/help/?region=340102"
REFERENCE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}\b")
PHONE = "139 0000 4321"


def variant_in_place(page, variant: str, base_url: str) -> None:
    """The variant applied to the page already shown (no reload, so no second POST)."""
    apply_variant(page, variant, base_url)
    if variant == "large":
        page.evaluate("() => document.documentElement.classList.add('mode-large')")


def focused_id(page) -> str:
    return page.evaluate("() => document.activeElement && document.activeElement.id")


def tab_to(page, selector: str, limit: int = 300) -> None:
    """Press Tab until ``selector`` has the focus (forward only, like a keyboard user)."""
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("path", ["/help/", "/help/?province=340000&city=340100", FORM, "/status/"])
def test_pages_pass_axe(page, server, variant, path):
    apply_variant(page, variant, server)
    response = page.goto(path)
    assert response.status == 200
    assert response.headers["cache-control"] == "no-store"
    assert not axe_violations(page)
    if variant == "mobile":
        page.set_viewport_size({"width": 320, "height": 800})
        assert_no_horizontal_scroll(page)


def test_place_chooser_works_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False, base_url=server)
    page = context.new_page()
    try:
        page.goto("/help/")
        page.select_option("#id_province", "340000")
        with page.expect_navigation():
            page.click("form.place-step button")
        page.select_option("#id_city", "340100")
        with page.expect_navigation():
            page.locator("form.place-step button").nth(1).click()
        page.select_option("#id_region", "340102")
        with page.expect_navigation():
            page.locator("form.place-step button").nth(2).click()
        assert "region=340102" in page.url
        assert page.locator("#id_matter").count() == 1
    finally:
        context.close()


def test_form_sent_empty_announces_errors_with_focus_on_the_summary(page, server):
    page.goto(FORM)
    with page.expect_navigation():
        page.click("form.help-form button[type=submit]")
    page.wait_for_load_state("load")
    summary = page.locator("#error-summary")
    assert summary.get_attribute("role") == "alert"
    assert focused_id(page) == "error-summary"
    assert page.locator(".field-error").count() >= 3
    matter = page.locator("#id_matter")
    assert "id_matter_error" in (matter.get_attribute("aria-describedby") or "")
    for variant in VARIANTS:
        variant_in_place(page, variant, server)
        assert not axe_violations(page), variant
    page.set_viewport_size({"width": 320, "height": 800})
    assert_no_horizontal_scroll(page)


def test_keyboard_only_request_then_receipt_then_status(page, server):
    page.goto(FORM)
    tab_to(page, "#id_requester_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_name")
    page.keyboard.type("键盘测试")
    tab_to(page, "#id_phone")
    page.keyboard.type(PHONE)
    tab_to(page, "#id_contact_preference_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_matter")
    page.keyboard.type("邻居长期占用盲道，社区不处理。")
    tab_to(page, "form.help-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    assert page.url.endswith("/help/receipt/")
    assert focused_id(page) == "receipt-title"
    assert page.locator("[role=status] .reference").count() >= 1
    reference = REFERENCE.search(page.inner_text("main")).group(0)
    assert reference not in page.url

    for variant in VARIANTS:
        apply_variant(page, variant, server)
        page.reload()
        assert REFERENCE.search(page.inner_text("main")).group(0) == reference
        assert not axe_violations(page), variant
    page.set_viewport_size({"width": 320, "height": 800})
    assert_no_horizontal_scroll(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/status/")
    page.fill("#id_reference", reference.lower())
    page.fill("#id_second_factor", PHONE[-4:])
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    result = page.locator(".stage-result")
    assert result.count() == 1
    assert result.get_attribute("role") == "status"
    text = page.inner_text("main")
    assert "键盘测试" not in text
    assert "盲道" not in text
    assert not axe_violations(page)


def test_failed_lookup_is_announced_and_passes_axe(page, server):
    for variant in VARIANTS:
        apply_variant(page, variant, server)
        page.goto("/status/")
        page.fill("#id_reference", display_reference(new_reference()))
        page.fill("#id_second_factor", "0000")
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        page.wait_for_load_state("load")
        assert page.locator("#error-summary").get_attribute("role") == "alert"
        assert focused_id(page) == "error-summary"
        assert not axe_violations(page), variant
        if variant == "mobile":
            page.set_viewport_size({"width": 320, "height": 800})
            assert_no_horizontal_scroll(page)
