"""The compliance roll-up and a scorecard in a real browser: axe (WCAG 2.2 AA) for a province and
a city clerk, and the region table legible in the high-contrast display mode (symbols, words and
patterns, not colour alone)."""

from __future__ import annotations

import pytest

from lawstation.context_processors import DISPLAY_COOKIE
from tests.browser.conftest import log_in
from tests.browser.public import axe_violations

pytestmark = pytest.mark.browser

ROLLUP = "/staff/compliance/scorecards/"
PAGES = [
    ("clerk-340000", ROLLUP),
    ("clerk-340000", ROLLUP + "340102/"),
    ("clerk-340000", ROLLUP + "?region=340100&period=2026"),
    ("clerk-340100", ROLLUP),
    ("clerk-340100", ROLLUP + "340102/?period=2026-Q3"),
    ("clerk-340100", ROLLUP + "340102/?period=2026-Q5"),  # the period error
]


@pytest.mark.parametrize(("who", "path"), PAGES)
def test_compliance_pages_have_no_axe_violations(page, who, path):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, who)
    page.goto(path)
    assert page.locator("h1").count() == 1
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


def test_the_region_table_is_legible_in_high_contrast_mode(page, server):
    page.context.add_cookies([{"name": DISPLAY_COOKIE, "value": "contrast", "url": server}])
    log_in(page, "clerk-340000")
    page.goto(ROLLUP)
    assert "mode-contrast" in (page.locator("html").get_attribute("class") or "")
    cells = page.locator(".region-table .region-cell")
    assert cells.count() > 100
    symbols = set(page.locator(".region-table .grade-icon").all_inner_texts())
    assert symbols <= {"✓", "◐", "✗", "–", "○"}
    assert len(symbols) >= 2
    for index in range(min(cells.count(), 30)):
        assert cells.nth(index).locator(".grade-text").inner_text().strip()
    patterned = page.evaluate(
        "() => [...document.querySelectorAll('.region-table .grade-partly, "
        ".region-table .grade-not_met')].map(e => getComputedStyle(e).backgroundImage)"
    )
    assert patterned
    assert all(image != "none" for image in patterned), (
        patterned[:3],
        page.evaluate("() => [...document.styleSheets].map(s => s.href)"),
    )
    assert page.locator(".region-legend li").count() == 5
    assert page.locator("table.region-data tbody tr").count() == cells.count()
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


def test_the_trend_chart_has_a_title_a_description_and_a_table(page):
    log_in(page, "clerk-340000")
    page.goto(ROLLUP)
    chart = page.locator("svg.trend-chart")
    assert chart.get_attribute("role") == "img"
    assert (chart.locator("title").first.text_content() or "").strip()
    assert page.locator("#trend-desc").count() == 1
    assert page.locator("table.trend-table tbody tr").count() == 4
