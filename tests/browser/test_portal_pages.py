"""The portal's content pages in a real browser (issue 5): axe in three variants, display modes
without JavaScript, 320 px reflow, language, keyboard walk and the read-aloud enhancement."""

from __future__ import annotations

import re

import pytest

from lawstation.context_processors import DISPLAY_COOKIE
from tests.browser.conftest import log_in
from tests.browser.public import (
    VARIANTS,
    apply_variant,
    assert_no_horizontal_scroll,
    axe_violations,
)

pytestmark = pytest.mark.browser

CONTENT = ["/", "/easy-read/", "/accessibility/"]
NOT_FOUND = ["/no-such-page/", "/stations/999999/"]

FOCUS_INFO = """() => {
    const el = document.activeElement, style = getComputedStyle(el);
    return {key: el.outerHTML.slice(0, 120), tag: el.tagName,
            outline: style.outlineStyle, shadow: style.boxShadow};
}"""
INTERACTIVE = """() => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea')]
    .filter(el => el.offsetParent !== null || el.classList.contains('skip-link'))
    .map(el => el.outerHTML.slice(0, 120))"""
ROOT_FONT = "() => parseFloat(getComputedStyle(document.documentElement).fontSize)"


def collect_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("path", CONTENT + NOT_FOUND)
def test_portal_page_has_no_axe_violations(page, server, path, variant):
    apply_variant(page, variant, server)
    response = page.goto(path)
    assert response.status == (404 if path in NOT_FOUND else 200)
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("path", CONTENT)
def test_high_contrast_mode_has_no_axe_violations(page, server, path):
    page.context.add_cookies([{"name": DISPLAY_COOKIE, "value": "contrast.large", "url": server}])
    page.goto(path)
    assert "mode-contrast" in page.get_attribute("html", "class")
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


def test_display_switch_works_without_javascript(browser, server):
    context = browser.new_context(
        locale="zh-CN", base_url=server, java_script_enabled=False, timezone_id="Asia/Shanghai"
    )
    try:
        page = context.new_page()
        page.goto("/accessibility/")
        assert (page.get_attribute("html", "class") or "") == ""
        normal = page.evaluate(ROOT_FONT)
        large = page.locator(".display-switch button[name=large]")
        assert large.get_attribute("aria-pressed") == "false"
        large.click()
        page.wait_for_url("**/accessibility/")
        assert "mode-large" in page.get_attribute("html", "class")
        assert page.evaluate(ROOT_FONT) >= 1.5 * normal
        assert large.get_attribute("aria-pressed") == "true"
        page.goto("/easy-read/")
        assert "mode-large" in page.get_attribute("html", "class")
        page.locator(".display-switch button[name=contrast]").click()
        page.wait_for_url("**/easy-read/")
        assert set(page.get_attribute("html", "class").split()) == {"mode-large", "mode-contrast"}
        background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(0, 0, 0)"
        page.locator(".display-switch button[name=large]").click()
        page.locator(".display-switch button[name=contrast]").click()
        page.goto("/")
        assert (page.get_attribute("html", "class") or "") == ""
        assert page.evaluate(ROOT_FONT) == normal
    finally:
        context.close()


@pytest.mark.parametrize("modes", ["", "large", "large.contrast"])
@pytest.mark.parametrize("path", CONTENT + NOT_FOUND[:1])
def test_portal_page_reflows_at_320_px(page, server, path, modes):
    if modes:
        page.context.add_cookies([{"name": DISPLAY_COOKIE, "value": modes, "url": server}])
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(path)
    assert_no_horizontal_scroll(page)


def test_language_is_chinese_by_default_and_english_after_switching(page):
    page.goto("/")
    assert page.get_attribute("html", "lang") == "zh-Hans"
    page.select_option("#language-select", "en")
    page.click(".language-switcher button")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("h1") == "Legal assistance for persons with disabilities"
    page.goto("/easy-read/")
    assert page.get_attribute("html", "lang") == "en"


@pytest.mark.parametrize("path", CONTENT)
def test_keyboard_walk_reaches_every_control_with_visible_focus(page, path):
    page.goto(path)
    expected = set(page.evaluate(INTERACTIVE))
    seen = set()
    for _ in range(len(expected) * 3):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_INFO)
        if info["tag"] == "BODY" or (info["key"] in seen and len(seen) >= len(expected)):
            break
        assert info["outline"] != "none" or info["shadow"] != "none", info["key"]
        seen.add(info["key"])
    assert expected <= seen, expected - seen


def test_skip_link_comes_first_on_the_portal(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert "skip-link" in page.evaluate("document.activeElement.className")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("path", CONTENT)
def test_read_aloud_appears_only_with_speech_synthesis_and_without_errors(page, path):
    errors = collect_errors(page)
    page.goto(path)
    page.wait_for_load_state("load")
    has_speech = page.evaluate("() => 'speechSynthesis' in window")
    button = page.locator("[data-read-aloud] button")
    if has_speech:
        assert button.count() == 1
        assert button.is_visible()
        assert button.get_attribute("type") == "button"
        assert button.get_attribute("aria-pressed") == "false"
        # After the page heading, not before it; not a live region.
        after_heading = "() => document.querySelector('main h1').nextElementSibling"
        assert page.evaluate(f"{after_heading}.hasAttribute('data-read-aloud')")
        assert page.locator("[data-read-aloud][aria-live]").count() == 0
    else:
        assert button.count() == 0
        assert page.locator("[data-read-aloud]").is_hidden()
    assert errors == [], errors


def test_read_aloud_toggles_and_stops_with_a_fake_voice(page):
    """A stand-in speechSynthesis (installed before the page's script) shows the button reads
    <main> in Chinese, stops on the second press and on Escape, and never starts by itself."""
    page.add_init_script(
        """
        window.__spoken = []; window.__cancelled = 0;
        const fake = {speaking: false, pending: false,
            speak(u) { window.__spoken.push({text: u.text, lang: u.lang}); this.speaking = true; },
            cancel() { window.__cancelled += 1; this.speaking = false; },
            getVoices() { return []; }};
        Object.defineProperty(window, 'speechSynthesis', {value: fake, configurable: true});
        window.SpeechSynthesisUtterance = function (text) { this.text = text; };
        """
    )
    errors = collect_errors(page)
    page.goto("/")
    button = page.locator("[data-read-aloud] button")
    assert page.evaluate("() => window.__spoken.length") == 0
    button.click()
    spoken = page.evaluate("() => window.__spoken")
    assert spoken
    assert all(part["lang"] == "zh-CN" for part in spoken)
    text = "".join(part["text"] for part in spoken)
    assert page.inner_text("main h1").strip() in text
    assert button.get_attribute("aria-pressed") == "true"
    cancelled = page.evaluate("() => window.__cancelled")
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    assert page.evaluate("() => window.__cancelled") > cancelled
    button.click()
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-pressed") == "false"
    assert errors == [], errors


def test_display_switch_on_a_page_with_a_query_keeps_the_query(page):
    page.goto("/accessibility/?from=poster")
    page.locator(".display-switch button[name=large]").click()
    page.wait_for_load_state()
    assert re.search(r"/accessibility/\?from=poster$", page.url)
    assert "mode-large" in page.get_attribute("html", "class")


@pytest.mark.parametrize("path", ["/staff/", "/staff/intake/new/", "/staff/cases/"])
def test_display_modes_work_on_staff_pages_and_still_reflow(page, server, path):
    log_in(page, "clerk-340100")
    page.context.add_cookies([{"name": DISPLAY_COOKIE, "value": "contrast.large", "url": server}])
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(path)
    assert set(page.get_attribute("html", "class").split()) == {"mode-contrast", "mode-large"}
    assert page.evaluate(ROOT_FONT) >= 24
    assert_no_horizontal_scroll(page)
