"""Account administration by the system and security administrators, within their region."""

import pytest
from django.urls import reverse

from accounts.models import Membership, User
from accounts.roles import Role
from audit.models import AuditEntry
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def last_entry(action):
    return AuditEntry.all_objects.filter(action=action).order_by("-id").first()


def test_system_admin_opens_an_account_in_a_county_below(client, cast):
    admin = cast.user("340100", Role.SYSTEM_ADMIN)
    client.force_login(admin)
    response = client.post(
        reverse("users:create"),
        {
            "username": "zhang.wei",
            "full_name": "张伟",
            "federation": cast.federations["340102"].pk,
            "role": Role.CLERK,
            "password1": "Strong-Enough-Pass-9",
            "password2": "Strong-Enough-Pass-9",
        },
    )
    user = User.objects.get(username="zhang.wei")
    assert response.status_code == 302
    assert response["Location"] == reverse("users:detail", args=[user.pk])
    membership = Membership.all_objects.get(user=user)
    assert (membership.role, membership.county_code) == (Role.CLERK, "340102")
    entry = last_entry("membership.granted")
    assert entry.actor == admin
    assert entry.county_code == "340102"


def test_system_admin_cannot_pick_a_federation_outside_the_region(client, cast):
    client.force_login(cast.user("340100", Role.SYSTEM_ADMIN))
    response = client.post(
        reverse("users:create"),
        {
            "username": "li.na",
            "full_name": "李娜",
            "federation": cast.federations["340200"].pk,
            "role": Role.CLERK,
            "password1": "Strong-Enough-Pass-9",
            "password2": "Strong-Enough-Pass-9",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="li.na").exists()
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [("username", "a"), ("username", "名字"), ("password1", "short"), ("role", Role.AUDIT_ADMIN)],
)
def test_account_form_refuses_bad_input_without_saving(client, cast, field, value):
    client.force_login(cast.user("340100", Role.SYSTEM_ADMIN))
    data = {
        "username": "wang.fang",
        "full_name": "王芳",
        "federation": cast.federations["340100"].pk,
        "role": Role.CLERK,
        "password1": "Strong-Enough-Pass-9",
        "password2": "Strong-Enough-Pass-9",
    }
    data[field] = value
    if field == "password1":
        data["password2"] = value
    response = client.post(reverse("users:create"), data)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert User.objects.count() == len(cast.users)


def test_taken_username_is_a_clear_error(client, cast):
    client.force_login(cast.user("340100", Role.SYSTEM_ADMIN))
    response = client.post(
        reverse("users:create"),
        {
            "username": "CLERK-340100",
            "full_name": "x",
            "federation": cast.federations["340100"].pk,
            "role": Role.CLERK,
            "password1": "Strong-Enough-Pass-9",
            "password2": "Strong-Enough-Pass-9",
        },
    )
    assert response.status_code == 200
    assert "CLERK-340100" in response.content.decode()


def test_security_admin_changes_a_role_and_a_stale_edit_is_refused(client, cast):
    target = cast.user("340102", Role.CLERK)
    client.force_login(cast.user("340100", Role.SECURITY_ADMIN))
    url = reverse("users:role", args=[target.pk])
    client.post(url, {"role": Role.LEADER, "expected_role": Role.CLERK})
    assert Membership.all_objects.get(user=target).role == Role.LEADER
    assert last_entry("membership.role_changed").changes == {"role": ["clerk", "leader"]}
    # A second form still showing "clerk" must not overwrite the change.
    response = client.post(url, {"role": Role.LAWYER, "expected_role": Role.CLERK}, follow=True)
    assert Membership.all_objects.get(user=target).role == Role.LEADER
    assert "message-error" in response.content.decode()


def test_security_admin_cannot_change_own_role(client, cast):
    admin = cast.user("340100", Role.SECURITY_ADMIN)
    client.force_login(admin)
    client.post(
        reverse("users:role", args=[admin.pk]),
        {"role": Role.CLERK, "expected_role": Role.SECURITY_ADMIN},
    )
    assert Membership.all_objects.get(user=admin).role == Role.SECURITY_ADMIN


def test_security_admin_unlocks_a_locked_account(client, cast):
    target = cast.user("340102", Role.CLERK)
    for _ in range(5):
        client.post("/accounts/login/", {"username": target.username, "password": "wrong-one"})
    assert (
        client.post(
            "/accounts/login/", {"username": target.username, "password": PASSWORD}
        ).status_code
        == 429
    )
    client.force_login(cast.user("340100", Role.SECURITY_ADMIN))
    detail = client.get(reverse("users:detail", args=[target.pk])).content.decode()
    assert reverse("users:unlock", args=[target.pk]) in detail
    client.post(reverse("users:unlock", args=[target.pk]))
    assert last_entry("user.unlocked").target_id == str(target.pk)
    client.logout()
    response = client.post("/accounts/login/", {"username": target.username, "password": PASSWORD})
    assert response.status_code == 302


def test_user_list_query_count_does_not_grow(client, cast, django_assert_max_num_queries):
    client.force_login(cast.user("340000", Role.SYSTEM_ADMIN))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("users:list"))
    assert response.status_code == 200
    assert "clerk-340207" in response.content.decode()
