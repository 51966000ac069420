"""Scope-matrix rows for the portal's public content pages and the display switch.

``portal:home`` has its row in tests/test_scope_matrix.py (the foundation's). Everyone, signed in
or not, reads the same public pages; the display switch answers every press with a redirect."""

from django.urls import reverse

from tests.scope import Row, everyone

ROWS: dict[str, Row] = {
    "portal:easy_read": Row(lambda c, r: reverse("portal:easy_read"), everyone(200), anonymous=200),
    "portal:accessibility": Row(
        lambda c, r: reverse("portal:accessibility"), everyone(200), anonymous=200
    ),
    "portal:display": Row(
        lambda c, r: reverse("portal:display"),
        everyone(302),
        anonymous=302,
        method="post",
        data={"large": "on", "next": "/"},
    ),
}
