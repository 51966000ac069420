"""Shared checks for the public portal's browser tests (issue 5): axe in three variants.

Variants: ``desktop`` (1280 × 900), ``mobile`` (375 × 812) and ``large`` (desktop with the
portal's large-text mode, set by its cookie exactly as the display switch sets it).
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from lawstation.context_processors import DISPLAY_COOKIE

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "preload": False,
}
VARIANTS = ("desktop", "mobile", "large")
SIZES = {"desktop": (1280, 900), "mobile": (375, 812), "large": (1280, 900)}


def apply_variant(page, variant: str, base_url: str) -> None:
    """Size the viewport and set the display cookie for ``variant`` before the page opens."""
    width, height = SIZES[variant]
    page.set_viewport_size({"width": width, "height": height})
    if variant == "large":
        page.context.add_cookies([{"name": DISPLAY_COOKIE, "value": "large", "url": base_url}])


def axe_violations(page) -> list[str]:
    """axe's WCAG 2.2 AA violations on the page as it is now, one line each (empty when clean)."""
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes: "
        f"{[node['target'] for node in violation['nodes']][:3]})"
        for violation in results.response["violations"]
    ]


def assert_no_horizontal_scroll(page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px"
