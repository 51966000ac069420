"""The staff home's dashboards in a real browser, on the demo data: axe (WCAG 2.2 AA) for a county
clerk's open work and a provincial leader's overview, the latter also in the high-contrast display
mode, with the volumes chart's title, description and table."""

from __future__ import annotations

from datetime import date

import pytest

from lawstation.context_processors import DISPLAY_COOKIE
from stats.selectors.work_lists import last_ended_quarter
from tests.browser.conftest import log_in
from tests.browser.public import assert_no_horizontal_scroll, axe_violations

pytestmark = pytest.mark.browser


def test_a_county_clerks_open_work_has_no_axe_violations(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "clerk-340102")
    assert page.locator("h1").count() == 1
    cards = page.locator(".work-card")
    assert cards.count() >= 6
    assert page.locator("#work-referrals .work-count").inner_text().strip().isdigit()
    assert page.locator("svg.chart-svg").count() == 0  # a county clerk's home is their work
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    page.set_viewport_size({"width": 360, "height": 740})
    assert_no_horizontal_scroll(page)


def test_a_leaders_overview_has_no_axe_violations_in_either_display_mode(page, server):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "leader-340000")
    chart = page.locator("svg.chart-svg")
    assert chart.get_attribute("role") == "img"
    assert chart.get_attribute("aria-labelledby") == "volumes-title"
    assert chart.get_attribute("aria-describedby") == "volumes-desc"
    assert (page.locator("#volumes-title").text_content() or "").strip()
    last = last_ended_quarter(date.today()).key  # noqa: DTZ011 - the server's own today
    assert last in (page.locator("#volumes-desc").text_content() or "")
    assert page.locator("table.chart-table tbody tr").count() == 4
    assert page.locator("svg.chart-svg rect.bar").count() == 16
    assert page.locator("svg.chart-svg text.value").count() == 16
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)

    page.context.add_cookies([{"name": DISPLAY_COOKIE, "value": "contrast", "url": server}])
    page.goto("/staff/")
    assert "mode-contrast" in (page.locator("html").get_attribute("class") or "")
    fills = page.evaluate(
        "() => [...document.querySelectorAll('svg.chart-svg rect.bar')]"
        ".map(e => getComputedStyle(e).fill)"
    )
    assert any(fill.startswith("url(") for fill in fills)  # the patterns stay
    assert "rgb(255, 255, 255)" in fills  # the solid series turns white on black
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
