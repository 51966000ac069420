"""Login and logout are audited; refusals are clear and never tell which part was wrong."""

from __future__ import annotations

import pytest
from django.conf import settings

from accounts.models import User
from accounts.roles import Role
from accounts.services import deactivate_user
from tests.accounts.helpers import (
    ADDRESS,
    actions,
    attempt,
    entries,
    error_summary,
    staff_routes,
)
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_successful_login_is_audited_with_address_and_request_id(client, cast):
    user = cast.user("340102", Role.CLERK)
    response = attempt(client, user.username, PASSWORD, HTTP_USER_AGENT="Firefox/140.0")
    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    (entry,) = entries("auth.logged_in")
    assert entry.actor == user
    assert (entry.actor_label, entry.actor_role) == (user.username, Role.CLERK)
    assert (entry.ip, entry.user_agent, entry.channel) == (ADDRESS, "Firefox/140.0", "web")
    assert entry.request_id == response["X-Request-ID"]
    assert len(entry.request_id) == 32
    assert entry.outcome == "success"
    assert (entry.target_type, entry.target_id) == ("accounts.user", str(user.pk))
    assert (entry.province_code, entry.city_code, entry.county_code) == (
        "340000",
        "340100",
        "340102",
    )
    assert actions("auth.login_failed") == []


def test_each_request_gets_its_own_request_id(client, cast):
    first = attempt(client, "nobody", "Wrong-Guess-Pw-1")
    second = attempt(client, "nobody", "Wrong-Guess-Pw-1")
    assert first["X-Request-ID"] != second["X-Request-ID"]
    assert [e.request_id for e in entries("auth.login_failed")] == [
        first["X-Request-ID"],
        second["X-Request-ID"],
    ]


def test_a_disabled_account_is_refused_with_a_clear_message_and_audited(client, cast):
    user = cast.user("340100", Role.CLERK)
    deactivate_user(user, actor=cast.user("340100", Role.SYSTEM_ADMIN))
    response = attempt(client, user.username, PASSWORD)
    assert response.status_code == 200
    assert "账号已停用" in error_summary(response)
    english = attempt(client, user.username, PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
    assert "the account is disabled" in error_summary(english)
    assert client.get("/staff/").status_code == 302
    failures = entries("auth.login_failed")
    assert len(failures) == 2
    assert all(e.actor_label == user.username and e.outcome == "failure" for e in failures)
    assert all(e.target_id == str(user.pk) and e.city_code == "340100" for e in failures)
    assert actions("auth.logged_in") == []


def test_wrong_password_and_unknown_user_get_the_same_answer(client, cast):
    user = cast.user("340102", Role.CLERK)
    wrong = attempt(client, user.username, "Wrong-Guess-Pw-1")
    unknown = attempt(client, "nobody-here", "Wrong-Guess-Pw-1")
    User.objects.filter(pk=cast.user("340102", Role.LEADER).pk).update(is_active=False)
    disabled = attempt(client, "leader-340102", "Wrong-Guess-Pw-1")
    assert wrong.status_code == unknown.status_code == disabled.status_code == 200
    assert error_summary(wrong) == error_summary(unknown) == error_summary(disabled)
    assert "用户名或密码不正确" in error_summary(wrong)


def test_a_failed_login_for_an_unknown_user_is_filed_nowhere(client, db):
    attempt(client, "nobody-here", "Wrong-Guess-Pw-1")
    (entry,) = entries("auth.login_failed")
    assert (entry.actor, entry.actor_label, entry.target_id) == (None, "nobody-here", "")
    assert (entry.province_code, entry.city_code, entry.county_code) == (None, None, None)


def test_a_very_long_username_is_refused_without_error(client, db):
    response = attempt(client, "x" * 5000, "Wrong-Guess-Pw-1")
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()


# --- Accounts without a membership -------------------------------------------------------------


@pytest.fixture
def orphan(db):
    return User.objects.create_user("orphan", password=PASSWORD)


def test_an_account_without_membership_can_log_in(client, orphan):
    assert attempt(client, orphan.username, PASSWORD).status_code == 302
    assert entries("auth.logged_in")[0].actor == orphan


def test_every_staff_page_refuses_an_account_without_membership(client, orphan, cast):
    attempt(client, orphan.username, PASSWORD)
    routes = staff_routes()
    assert len(routes) > 20
    failures = []
    for url in routes:
        response = client.get(url)
        if response.status_code == 405:  # a POST-only action
            response = client.post(url, {"role": "clerk"})
        html = response.content.decode()
        if response.status_code != 403 or "您的账号未归属任何残联" not in html:
            failures.append(f"{url}: {response.status_code}")
    assert not failures, failures
    refusals = entries("auth.no_membership")
    assert len(refusals) == len(routes)
    assert {(e.actor, e.outcome) for e in refusals} == {(orphan, "failure")}


def test_the_no_membership_page_speaks_english(client, orphan):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    attempt(client, orphan.username, PASSWORD)
    html = client.get("/staff/").content.decode()
    assert "Your account does not belong to a federation" in html
    assert "ask your system administrator" in html


def test_the_login_page_and_logout_still_work_without_membership(client, orphan):
    attempt(client, orphan.username, PASSWORD)
    assert client.post("/accounts/logout/").status_code == 302
    assert actions("auth.logged_out") == ["auth.logged_out"]
