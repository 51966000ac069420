"""SEC-AC-02 (三员分立) through the web: what each role may open, stated as a table written
out by hand (not derived from accounts/roles.py, so a change there must be made here too)."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from accounts.models import Membership
from accounts.roles import Role
from audit.models import AuditEntry
from audit.services import record
from tests.accounts.helpers import entries
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

CLERK, LEADER, LAWYER = Role.CLERK, Role.LEADER, Role.LAWYER
SYSTEM, SECURITY, AUDIT = Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN

# page → {role: status} for members of 340100 acting inside their own region.
TABLE = {
    "audit list": {CLERK: 403, LEADER: 403, LAWYER: 403, SYSTEM: 403, SECURITY: 403, AUDIT: 200},
    "audit entry": {CLERK: 403, LEADER: 403, LAWYER: 403, SYSTEM: 403, SECURITY: 403, AUDIT: 200},
    "audit export": {CLERK: 404, LEADER: 404, LAWYER: 404, SYSTEM: 404, SECURITY: 404, AUDIT: 200},
    "account list": {CLERK: 403, LEADER: 403, LAWYER: 403, SYSTEM: 200, SECURITY: 200, AUDIT: 403},
    "account create": {
        CLERK: 403,
        LEADER: 403,
        LAWYER: 403,
        SYSTEM: 200,
        SECURITY: 403,
        AUDIT: 403,
    },
    "role edit": {CLERK: 403, LEADER: 403, LAWYER: 403, SYSTEM: 403, SECURITY: 302, AUDIT: 403},
    "deactivate": {CLERK: 403, LEADER: 403, LAWYER: 403, SYSTEM: 302, SECURITY: 403, AUDIT: 403},
    "people": {CLERK: 200, LEADER: 200, LAWYER: 200, SYSTEM: 403, SECURITY: 403, AUDIT: 403},
}


def request_page(client, cast, page: str):
    target = cast.user("340102", Role.LAWYER)
    if page == "audit list":
        return client.get(reverse("audit:list"))
    if page == "audit entry":
        entry = record("seed.loaded", cast.regions["340102"], actor=None)
        return client.get(reverse("audit:detail", args=[entry.pk]))
    if page == "audit export":
        return client.get(reverse("reports:run", args=["audit"]))
    if page == "account list":
        return client.get(reverse("users:list"))
    if page == "account create":
        return client.get(reverse("users:create"))
    if page == "role edit":
        return client.post(
            reverse("users:role", args=[target.pk]), {"role": "leader", "expected_role": "lawyer"}
        )
    if page == "deactivate":
        return client.post(reverse("users:deactivate", args=[target.pk]))
    if page == "people":
        return client.get(reverse("people:list", args=["340100"]))
    raise AssertionError(page)


@pytest.mark.parametrize("page", sorted(TABLE))
@pytest.mark.parametrize("role", Role.values)
def test_role_and_page_table(client, cast, role, page):
    client.force_login(cast.user("340100", role))
    assert request_page(client, cast, page).status_code == TABLE[page][role]


def test_the_table_covers_every_role():
    assert all(set(row) == set(Role.values) for row in TABLE.values())


def test_the_system_administrator_cannot_read_the_audit_log_and_is_recorded(client, cast):
    sysadmin = cast.user("340100", SYSTEM)
    client.force_login(sysadmin)
    response = client.get(reverse("audit:list"))
    assert response.status_code == 403
    assert "<table" not in response.content.decode()
    (entry,) = entries("auth.permission_denied")
    assert (entry.actor, entry.outcome) == (sysadmin, "failure")
    assert entry.changes == {"capability": [None, "audit.view"], "path": [None, "/staff/audit/"]}
    assert entries("audit.viewed") == []


def test_nobody_can_delete_an_audit_entry_through_the_web(client, cast):
    entry = record("seed.loaded", cast.regions["340100"], actor=None)
    url = reverse("audit:detail", args=[entry.pk])
    for role in Role.values:
        client.force_login(cast.user("340100", role))
        for method in (client.post, client.delete, client.put):
            method(url)
    assert AuditEntry.all_objects.filter(pk=entry.pk, action="seed.loaded").exists()


def test_the_role_form_refuses_a_second_administrator_post_and_says_why(client, cast):
    sysadmin = cast.user("340102", SYSTEM)
    client.force_login(cast.user("340100", SECURITY))
    url = reverse("users:role", args=[sysadmin.pk])
    response = client.post(url, {"role": AUDIT, "expected_role": SYSTEM}, follow=True)
    html = response.content.decode()
    assert sysadmin.username in html
    assert "三人分别担任" in html
    assert Membership.all_objects.get(user=sysadmin).role == SYSTEM
    assert entries("membership.role_changed") == []


def test_the_role_form_says_why_in_english_too(client, cast):
    sysadmin = cast.user("340102", SYSTEM)
    client.force_login(cast.user("340100", SECURITY))
    response = client.post(
        reverse("users:role", args=[sysadmin.pk]),
        {"role": SECURITY, "expected_role": SYSTEM},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "must be three different people" in response.content.decode()
    assert sysadmin.username in response.content.decode()


def test_deactivation_through_the_web_logs_the_user_out_at_once(client, cast):
    target = cast.user("340102", CLERK)
    victim = client.__class__()
    assert (
        victim.post(
            "/accounts/login/", {"username": target.username, "password": PASSWORD}
        ).status_code
        == 302
    )
    sysadmin = cast.user("340100", SYSTEM)
    client.force_login(sysadmin)
    response = client.post(reverse("users:deactivate", args=[target.pk]))
    assert response.status_code == 302
    assert victim.get("/staff/").status_code == 302
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(target.pk) for s in Session.objects.all()
    )
    (entry,) = entries("user.deactivated")
    assert (entry.actor, entry.target_id, entry.changes) == (
        sysadmin,
        str(target.pk),
        {"is_active": [True, False]},
    )
