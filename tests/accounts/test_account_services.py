"""accounts.services: every write is atomic and audited; 三员分立 (SEC-AC-02); a failed audit
write undoes the change (SEC-AU-04)."""

from __future__ import annotations

import itertools

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.test import Client

from accounts.models import Membership, User
from accounts.roles import ADMIN_ROLES, Role
from accounts.services import (
    change_password,
    change_role,
    create_user,
    deactivate_user,
    grant_membership,
)
from audit.models import AuditEntry
from lawstation.errors import DomainError
from tests.accounts.helpers import entries
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ADMIN_PAIRS = list(itertools.permutations(sorted(ADMIN_ROLES), 2))
ORDINARY = [Role.CLERK, Role.LEADER, Role.LAWYER]
NEW_PASSWORD = "Fresh-Lantern-Quay-58"


def membership_of(user: User) -> Membership:
    return Membership.all_objects.get(user=user)


def latest(action: str) -> AuditEntry:
    return AuditEntry.all_objects.filter(action=action).latest("id")


def count(action: str) -> int:
    return AuditEntry.all_objects.filter(action=action).count()


# --- create_user and grant_membership ----------------------------------------------------------


def test_create_user_opens_an_account_with_its_membership_and_audits_both(cast):
    sysadmin = cast.user("340100", Role.SYSTEM_ADMIN)
    user = create_user(
        "new-clerk",
        actor=sysadmin,
        password=PASSWORD,
        full_name="王小明",
        federation=cast.federations["340103"],
        role=Role.CLERK,
    )
    assert user.check_password(PASSWORD)
    assert user.password_changed_at is not None
    membership = membership_of(user)
    assert (membership.role, membership.county_code) == (Role.CLERK, "340103")
    created, granted = entries("user.created")[-1], entries("membership.granted")[-1]
    assert (created.actor, created.target_id) == (sysadmin, str(user.pk))
    assert created.changes == {"username": [None, "new-clerk"]}
    assert created.county_code == "340103"
    assert (granted.actor, granted.target_id) == (sysadmin, str(membership.pk))
    assert granted.changes == {"federation": [None, "庐阳区残疾人联合会"], "role": [None, "clerk"]}
    assert granted.county_code == "340103"
    assert created.id < granted.id


@pytest.mark.parametrize("username", ["clerk-340100", "CLERK-340100"])
def test_create_user_refuses_a_taken_username_whatever_its_case(cast, username):
    before = (User.objects.count(), count("user.created"))
    with pytest.raises(DomainError, match=username):
        create_user(
            username,
            actor=None,
            password=PASSWORD,
            federation=cast.federations["340100"],
            role=Role.CLERK,
        )
    assert (User.objects.count(), count("user.created")) == before


def test_create_user_refuses_a_weak_password_and_creates_nothing(cast):
    before = (User.objects.count(), count("user.created"))
    with pytest.raises(ValidationError):
        create_user(
            "new-clerk",
            actor=None,
            password="abcdefghijklmnop",
            federation=cast.federations["340100"],
            role=Role.CLERK,
        )
    assert (User.objects.count(), count("user.created")) == before


def test_grant_membership_ties_a_user_to_a_federation_and_audits_it(cast):
    security_admin = cast.user("340000", Role.SECURITY_ADMIN)
    user = User.objects.create_user("loner", password=PASSWORD)
    membership = grant_membership(
        user, actor=security_admin, federation=cast.federations["340200"], role=Role.LEADER
    )
    assert (membership.role, membership.city_code, membership.county_code) == (
        Role.LEADER,
        "340200",
        None,
    )
    entry = latest("membership.granted")
    assert (entry.actor, entry.target_id) == (security_admin, str(membership.pk))
    assert entry.changes == {"federation": [None, "芜湖市残疾人联合会"], "role": [None, "leader"]}
    assert entry.city_code == "340200"


@pytest.mark.parametrize("role", sorted(ADMIN_ROLES))
def test_a_second_membership_is_refused_naming_the_user(cast, role):
    user = cast.user("340100", Role.AUDIT_ADMIN)
    before = count("membership.granted")
    with pytest.raises(DomainError) as refused:
        grant_membership(user, actor=None, federation=cast.federations["340102"], role=role)
    assert user.username in " ".join(refused.value.messages)
    assert Membership.all_objects.filter(user=user).count() == 1
    assert membership_of(user).role == Role.AUDIT_ADMIN
    assert count("membership.granted") == before


def test_the_database_itself_refuses_a_second_membership(cast):
    user = cast.user("340100", Role.SYSTEM_ADMIN)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.all_objects.create(
            user=user, federation=cast.federations["340100"], role=Role.AUDIT_ADMIN
        )


def test_the_database_refuses_an_unknown_role(cast):
    user = User.objects.create_user("loner", password=PASSWORD)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.all_objects.create(
            user=user, federation=cast.federations["340100"], role="superuser"
        )


def test_grant_membership_refuses_an_unknown_role(cast):
    user = User.objects.create_user("loner", password=PASSWORD)
    with pytest.raises(DomainError, match="superuser"):
        grant_membership(user, actor=None, federation=cast.federations["340100"], role="superuser")
    assert not Membership.all_objects.filter(user=user).exists()
    assert count("membership.granted") == Membership.all_objects.count()


# --- change_role: 三员分立 ------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new"), ADMIN_PAIRS)
def test_nobody_moves_from_one_administrator_post_to_another(cast, old, new):
    user = cast.user("340100", old)
    security_admin = cast.user("340000", Role.SECURITY_ADMIN)
    before = count("membership.role_changed")
    with pytest.raises(DomainError) as refused:
        change_role(membership_of(user), actor=security_admin, role=new)
    assert user.username in " ".join(refused.value.messages)
    assert membership_of(user).role == old
    assert count("membership.role_changed") == before


def test_all_six_ordered_administrator_pairs_are_covered():
    assert len(ADMIN_PAIRS) == 6
    assert {role for pair in ADMIN_PAIRS for role in pair} == set(ADMIN_ROLES)


@pytest.mark.parametrize("old", sorted(ADMIN_ROLES))
@pytest.mark.parametrize("new", ORDINARY)
def test_an_administrator_may_step_down_to_an_ordinary_role(cast, old, new):
    user = cast.user("340100", old)
    security_admin = cast.user("340100", Role.SECURITY_ADMIN)
    if user == security_admin:
        security_admin = cast.user("340000", Role.SECURITY_ADMIN)
    changed = change_role(membership_of(user), actor=security_admin, role=new)
    assert changed.role == new == membership_of(user).role
    entry = latest("membership.role_changed")
    assert (entry.actor, entry.target_id) == (security_admin, str(changed.pk))
    assert entry.changes == {"role": [old, str(new)]}
    assert (entry.city_code, entry.county_code) == ("340100", None)


@pytest.mark.parametrize("new", sorted(ADMIN_ROLES))
def test_a_clerk_may_be_given_an_administrator_post(cast, new):
    user = cast.user("340102", Role.CLERK)
    security_admin = cast.user("340100", Role.SECURITY_ADMIN)
    change_role(membership_of(user), actor=security_admin, role=new)
    assert membership_of(user).role == new
    entry = latest("membership.role_changed")
    assert (entry.actor, entry.changes) == (security_admin, {"role": ["clerk", new]})
    assert entry.county_code == "340102"


def test_nobody_changes_their_own_role(cast):
    security_admin = cast.user("340100", Role.SECURITY_ADMIN)
    with pytest.raises(DomainError):
        change_role(membership_of(security_admin), actor=security_admin, role=Role.CLERK)
    assert membership_of(security_admin).role == Role.SECURITY_ADMIN
    assert count("membership.role_changed") == 0


def test_a_stale_role_edit_is_refused(cast):
    user = cast.user("340100", Role.CLERK)
    first, second = (
        cast.user("340100", Role.SECURITY_ADMIN),
        cast.user("340000", Role.SECURITY_ADMIN),
    )
    change_role(membership_of(user), actor=first, role=Role.LEADER, expected_role=Role.CLERK)
    with pytest.raises(DomainError):
        change_role(membership_of(user), actor=second, role=Role.LAWYER, expected_role=Role.CLERK)
    assert membership_of(user).role == Role.LEADER
    (entry,) = entries("membership.role_changed")
    assert (entry.actor, entry.changes) == (first, {"role": ["clerk", "leader"]})


def test_changing_to_the_same_role_changes_and_records_nothing(cast):
    user = cast.user("340100", Role.AUDIT_ADMIN)
    change_role(membership_of(user), actor=None, role=Role.AUDIT_ADMIN)
    assert count("membership.role_changed") == 0


def test_change_role_refuses_an_unknown_role(cast):
    user = cast.user("340100", Role.CLERK)
    with pytest.raises(DomainError, match="superuser"):
        change_role(membership_of(user), actor=None, role="superuser")
    assert membership_of(user).role == Role.CLERK
    assert count("membership.role_changed") == 0


# --- deactivate_user ---------------------------------------------------------------------------


def logged_in_client(user: User) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_deactivation_ends_every_session_of_that_user_and_no_other(cast):
    user, colleague = cast.user("340102", Role.CLERK), cast.user("340102", Role.LEADER)
    office, home, other = (
        logged_in_client(user),
        logged_in_client(user),
        logged_in_client(colleague),
    )
    sysadmin = cast.user("340100", Role.SYSTEM_ADMIN)
    assert Session.objects.count() == 3

    deactivate_user(user, actor=sysadmin)

    assert Session.objects.count() == 1
    for client in (office, home):
        response = client.get("/staff/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert other.get("/staff/").status_code == 200
    user.refresh_from_db()
    assert user.is_active is False
    (entry,) = entries("user.deactivated")
    assert (entry.actor, entry.target_id) == (sysadmin, str(user.pk))
    assert entry.changes == {"is_active": [True, False]}
    assert entry.county_code == "340102"


def test_deactivating_an_inactive_account_records_nothing_more(cast):
    user = cast.user("340102", Role.CLERK)
    deactivate_user(user, actor=None)
    deactivate_user(user, actor=None)
    assert count("user.deactivated") == 1


# --- change_password ---------------------------------------------------------------------------


def test_change_password_sets_a_valid_password_and_audits_without_it(cast):
    user = cast.user("340102", Role.CLERK)
    before = user.password_changed_at
    change_password(user, actor=user, new_password=NEW_PASSWORD)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert user.password_changed_at > before
    (entry,) = entries("auth.password_changed")
    assert (entry.actor, entry.target_id, entry.county_code) == (user, str(user.pk), "340102")
    assert NEW_PASSWORD not in repr(entry.changes) + entry.target_label


def test_change_password_refuses_a_weak_password(cast):
    user = cast.user("340102", Role.CLERK)
    with pytest.raises(ValidationError):
        change_password(user, actor=user, new_password=user.username)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert count("auth.password_changed") == 0


# --- SEC-AU-04: no audit entry, no change -------------------------------------------------------


def refuse_audit(monkeypatch) -> None:
    """Every audit insert fails from now on."""

    def refuse(self, *args, **kwargs):
        raise DatabaseError("audit storage unavailable")

    monkeypatch.setattr(AuditEntry, "save", refuse)


def test_a_failed_audit_write_undoes_a_role_change(cast, monkeypatch):
    user = cast.user("340102", Role.CLERK)
    refuse_audit(monkeypatch)
    with pytest.raises(DatabaseError):
        change_role(membership_of(user), actor=None, role=Role.LEADER)
    assert membership_of(user).role == Role.CLERK


def test_a_failed_audit_write_undoes_an_account_creation(cast, monkeypatch):
    users, memberships = User.objects.count(), Membership.all_objects.count()
    refuse_audit(monkeypatch)
    with pytest.raises(DatabaseError):
        create_user(
            "new-clerk",
            actor=None,
            password=PASSWORD,
            federation=cast.federations["340100"],
            role=Role.CLERK,
        )
    assert (User.objects.count(), Membership.all_objects.count()) == (users, memberships)


def test_a_failed_audit_write_undoes_a_membership(cast, monkeypatch):
    user = User.objects.create_user("loner", password=PASSWORD)
    refuse_audit(monkeypatch)
    with pytest.raises(DatabaseError):
        grant_membership(user, actor=None, federation=cast.federations["340100"], role=Role.CLERK)
    assert not Membership.all_objects.filter(user=user).exists()


def test_a_failed_audit_write_undoes_a_deactivation_and_keeps_its_sessions(cast, monkeypatch):
    user = cast.user("340102", Role.CLERK)
    client = logged_in_client(user)
    refuse_audit(monkeypatch)
    with pytest.raises(DatabaseError):
        deactivate_user(user, actor=None)
    user.refresh_from_db()
    assert user.is_active is True
    assert Session.objects.count() == 1
    monkeypatch.undo()
    assert client.get("/staff/").status_code == 200


def test_a_failed_audit_write_undoes_a_password_change(cast, monkeypatch):
    user = cast.user("340102", Role.CLERK)
    refuse_audit(monkeypatch)
    with pytest.raises(DatabaseError):
        change_password(user, actor=user, new_password=NEW_PASSWORD)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_role_change_whose_audit_fails_shows_an_error_page_and_changes_nothing(
    client, cast, monkeypatch
):
    user = cast.user("340102", Role.CLERK)
    client.force_login(cast.user("340100", Role.SECURITY_ADMIN))
    refuse_audit(monkeypatch)
    client.raise_request_exception = False
    response = client.post(
        f"/staff/users/{user.pk}/role/", {"role": "leader", "expected_role": "clerk"}
    )
    assert response.status_code == 500
    assert membership_of(user).role == Role.CLERK
