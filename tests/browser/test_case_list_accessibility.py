"""The case list in a real browser: axe (WCAG 2.2 AA) and 320 px reflow, with demo cases, with
filters, on a later page and with errors announced."""

from __future__ import annotations

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_triage_accessibility import reflows, violations

pytestmark = pytest.mark.browser

PAGES = [
    ("clerk-340000", "/staff/cases/"),
    ("clerk-340000", "/staff/cases/?overdue=on&status=closed"),
    ("clerk-340100", "/staff/cases/?q=%E7%8E%8B"),
    (
        "clerk-340000",
        "/staff/cases/?q=110101202311012177&registered_to=2020-01-01&registered_from=2021-01-01",
    ),
]


@pytest.mark.parametrize(("who", "path"), PAGES)
def test_case_list_passes_axe_and_reflows(page, who, path):
    log_in(page, who)
    response = page.goto(path)
    assert response.status == 200
    assert page.locator("main table, main .error-summary, main p").count() > 0
    assert not violations(page)
    assert reflows(page)


def test_the_next_page_is_reachable_and_accessible(page):
    log_in(page, "clerk-340000")
    page.goto("/staff/cases/")
    with page.expect_navigation():
        page.locator("main nav.pagination a").last.click()
    assert page.locator("main table tbody tr").count() > 0
    assert page.locator("main nav.pagination a").first.inner_text()
    assert not violations(page)
