"""Staff pages in a real browser: axe (WCAG 2.2 AA), language, keyboard, focus, 320 px reflow.

axe misses real problems (TOOLCHAIN.md), so the keyboard walk and the reflow check stand beside it.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "preload": False,
}
# (who, path): every page of the staff side, as the user who would open it.
PAGES = [
    (None, "/"),
    (None, "/accounts/login/"),
    ("clerk-340100", "/staff/"),
    ("clerk-340100", "/staff/regions/340123/"),
    ("clerk-340100", "/staff/reports/"),
    ("clerk-340100", "/accounts/password/"),
    ("auditor", "/staff/audit/"),
    ("auditor", "/staff/reports/audit/"),
    ("sysadmin", "/staff/users/"),
    ("sysadmin", "/staff/users/new/"),
    ("clerk-340000", "/staff/coverage/"),
    ("clerk-340100", "/staff/federations/340100/group/"),
    ("clerk-340100", "/staff/federations/340100/workstation/"),
    ("clerk-340100", "/staff/federations/340100/workstation/notice/"),
    ("clerk-340100", "/staff/federations/340100/people/"),
    ("clerk-340100", "/staff/federations/340100/people/new/"),
    ("clerk-340100", "/staff/federations/340100/funding/"),
    ("clerk-340100", "/staff/federations/340100/duty/"),
    ("clerk-340100", "/staff/federations/340100/contacts/"),
    ("clerk-340100", "/staff/filings/"),
    ("clerk-340100", "/staff/partners/"),
    ("clerk-340100", "/staff/cases/"),
    ("lawyer-340102", "/staff/cases/"),
    ("clerk-340100", "/staff/intake/"),
    ("clerk-340100", "/staff/intake/new/"),
    ("clerk-340100", "/staff/applicants/"),
    ("clerk-340100", "/staff/risks/"),
    ("clerk-340100", "/staff/referrals/overdue/"),
    ("clerk-340000", "/staff/case-policy/"),
    ("clerk-340100", "/staff/regions/340200/"),  # out of scope: the 404 page
]


def open_as(page, who: str | None, path: str) -> None:
    if who:
        log_in(page, who)
    page.goto(path)


@pytest.mark.parametrize(("who", "path"), PAGES)
def test_page_has_no_axe_violations(page, who, path):
    open_as(page, who, path)
    results = Axe().run(page, options=AXE_OPTIONS)
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize(("who", "path"), PAGES)
def test_page_reflows_at_320_px(page, who, path):
    open_as(page, who, path)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_language_is_declared_and_switches(page, server):
    page.goto("/accounts/login/")
    assert page.get_attribute("html", "lang") == "zh-Hans"
    assert "登录" in page.inner_text("h1")
    page.select_option("#language-select", "en")
    page.click(".language-switcher button")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("h1") == "Staff login"


def test_skip_link_comes_first_and_moves_focus_to_main(page):
    log_in(page, "auditor")
    page.goto("/staff/audit/")
    page.keyboard.press("Tab")
    assert "skip-link" in page.evaluate("document.activeElement.className")
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


FOCUS_INFO = """() => {
    const el = document.activeElement, style = getComputedStyle(el);
    return {key: el.outerHTML.slice(0, 100), tag: el.tagName,
            outline: style.outlineStyle, shadow: style.boxShadow};
}"""
INTERACTIVE = """() => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea')]
    .filter(el => el.offsetParent !== null || el.classList.contains('skip-link'))
    .map(el => el.outerHTML.slice(0, 100))"""


@pytest.mark.parametrize(("who", "path"), [("auditor", "/staff/audit/"), (None, "/")])
def test_keyboard_walk_reaches_every_control_with_visible_focus(page, who, path):
    open_as(page, who, path)
    expected = set(page.evaluate(INTERACTIVE))
    seen = set()
    for _ in range(len(expected) * 4):  # a date input takes three stops
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_INFO)
        if info["tag"] == "BODY" or (info["key"] in seen and len(seen) >= len(expected)):
            break
        assert info["outline"] != "none" or info["shadow"] != "none", info["key"]
        seen.add(info["key"])
    assert expected <= seen, expected - seen


def test_error_summary_is_announced_and_links_to_the_field(page):
    page.goto("/accounts/login/")
    page.click("main button[type=submit]")
    summary = page.locator(".error-summary")
    assert summary.get_attribute("role") == "alert"
    assert summary.is_visible()
