"""Every URL × role × {own, sibling, parent, child} region → the expected status.

The test fails when a URL pattern has no row here, so no view ships unreviewed. Out-of-scope
objects answer 404, exactly like missing ones; a missing capability answers 403.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import Capability, Role
from tests.factories import build_cast
from tests.scope import (
    OWN,
    PARENT,
    SIBLING,
    SUBJECTS,
    Row,
    audit_entry_in,
    everyone,
    roles_with,
    user_url,
)

LOGIN = reverse("accounts:login")
MATRIX: dict[str, Row] = {
    "portal:home": Row(lambda c, r: reverse("portal:home"), everyone(200), anonymous=200),
    "healthz": Row(lambda c, r: reverse("healthz"), everyone(200), anonymous=200),
    "set_language": Row(lambda c, r: reverse("set_language"), everyone(302), anonymous=302),
    "accounts:login": Row(lambda c, r: LOGIN, everyone(302), anonymous=200),
    "accounts:logout": Row(lambda c, r: reverse("accounts:logout"), everyone(405), anonymous=302),
    "accounts:password_change": Row(
        lambda c, r: reverse("accounts:password_change"), everyone(200), anonymous=302
    ),
    "home": Row(lambda c, r: reverse("home"), roles_with(Capability.REGION_VIEW), anonymous=302),
    "regions:detail": Row(
        lambda c, r: reverse("regions:detail", args=[r]),
        roles_with(Capability.REGION_VIEW),
        anonymous=302,
        is_object=True,
    ),
    "audit:list": Row(
        lambda c, r: reverse("audit:list"), roles_with(Capability.AUDIT_VIEW), anonymous=302
    ),
    "audit:detail": Row(
        audit_entry_in, roles_with(Capability.AUDIT_VIEW), anonymous=302, is_object=True
    ),
    "users:list": Row(
        lambda c, r: reverse("users:list"), roles_with(Capability.ACCOUNT_VIEW), anonymous=302
    ),
    "users:create": Row(
        lambda c, r: reverse("users:create"), roles_with(Capability.ACCOUNT_MANAGE), anonymous=302
    ),
    "users:detail": Row(
        user_url("users:detail"),
        roles_with(Capability.ACCOUNT_VIEW),
        anonymous=302,
        is_object=True,
    ),
    "users:role": Row(
        user_url("users:role"),
        roles_with(Capability.ROLE_ASSIGN, allowed=302),
        anonymous=302,
        is_object=True,
        method="post",
        data={"role": "leader", "expected_role": "clerk"},
    ),
    "users:unlock": Row(
        user_url("users:unlock"),
        roles_with(Capability.ROLE_ASSIGN, allowed=302),
        anonymous=302,
        is_object=True,
        method="post",
    ),
    "users:deactivate": Row(
        user_url("users:deactivate"),
        roles_with(Capability.ACCOUNT_MANAGE, allowed=302),
        anonymous=302,
        is_object=True,
        method="post",
    ),
    "reports:list": Row(
        lambda c, r: reverse("reports:list"), roles_with(Capability.REGION_VIEW), anonymous=302
    ),
    "reports:run": Row(
        lambda c, r: reverse("reports:run", args=["audit"]),
        roles_with(Capability.AUDIT_EXPORT, refused=404),
        anonymous=302,
    ),
}


for module in sorted((Path(__file__).parent / "scope_rows").glob("*.py")):
    if module.stem != "__init__":
        rows = importlib.import_module(f"tests.scope_rows.{module.stem}").ROWS
        clash = set(rows) & set(MATRIX)
        assert not clash, f"{module.name} repeats rows: {clash}"
        MATRIX.update(rows)


def url_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            names.add(f"{namespace}{pattern.name}" if pattern.name else repr(pattern.pattern))
    return names


def test_every_url_has_a_row_in_the_matrix():
    missing = url_names() - set(MATRIX)
    assert not missing, f"URLs without a scope-matrix row: {sorted(missing)}"
    stale = set(MATRIX) - url_names()
    assert not stale, f"Matrix rows for URLs that no longer exist: {sorted(stale)}"


def expected(row: Row, role: str, relation: str) -> int:
    status = row.expect[role]
    if row.is_object and status in (200, 302) and relation in (SIBLING, PARENT):
        return 404
    return status


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_scope_matrix(name, client):
    cast = build_cast()
    row = MATRIX[name]
    failures = []
    for subject, relations in SUBJECTS.items():
        for role in Role.values:
            client.force_login(cast.user(subject, role))
            for relation, code in (relations if row.is_object else {OWN: subject}).items():
                url = row.url(cast, code)
                status = getattr(client, row.method)(url, row.data or {}).status_code
                want = expected(row, role, relation)
                if status != want:
                    failures.append(f"{role}@{subject} {relation} {url}: {status} != {want}")
            client.logout()
    client.logout()
    status = getattr(client, row.method)(row.url(cast, "340100"), row.data or {}).status_code
    if status != row.anonymous:
        failures.append(f"anonymous: {status} != {row.anonymous}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_out_of_scope_object_and_missing_object_answer_alike(client, cast):
    client.force_login(cast.user("340102", Role.CLERK))
    sibling = client.get(reverse("regions:detail", args=["340103"]))
    missing = client.get(reverse("regions:detail", args=["349999"]))
    garbage = client.get(reverse("regions:detail", args=["x' OR 1=1"]))
    assert sibling.status_code == missing.status_code == garbage.status_code == 404

    def main_of(response):  # the page less its per-request token and its own address
        html = response.content.decode()
        return html[html.index("<main") : html.index("</main>")]

    assert main_of(sibling) == main_of(missing)
