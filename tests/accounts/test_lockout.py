"""SEC-AUTH-02 (django-axes): five failures for one username from one address lock that pair
for the cool-off (15 minutes); the lockout and every failure are audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.forms.models import model_to_dict
from django.utils import timezone

from accounts.roles import Role
from accounts.services import unlock_user
from tests.accounts.helpers import ADDRESS, actions, attempt, entries
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

WRONG = "Wrong-Guess-Pw-1"
OTHER_ADDRESS = "198.51.100.4"


@pytest.fixture
def clerk(cast):
    return cast.user("340102", Role.CLERK)


def lock_out(client, user, address=ADDRESS):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, user.username, WRONG, address=address)


def is_logged_in(client) -> bool:
    return client.get("/staff/").status_code == 200


def test_the_policy_is_five_failures_and_fifteen_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_four_failures_still_let_the_right_password_in(client, clerk):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, clerk.username, WRONG).status_code == 200
    assert attempt(client, clerk.username, PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_after_five_failures_the_right_password_is_refused_with_429(client, clerk):
    statuses = [attempt(client, clerk.username, WRONG).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks the pair at once
    sixth = attempt(client, clerk.username, PASSWORD)
    assert sixth.status_code == 429
    assert not is_logged_in(client)


def test_lockout_page_says_to_try_again_later_in_chinese_by_default(client, clerk):
    lock_out(client, clerk)
    html = attempt(client, clerk.username, PASSWORD).content.decode()
    assert 'lang="zh-Hans"' in html
    assert "账号已锁定" in html
    assert "登录失败次数过多。请 15 分钟后重试" in html


def test_lockout_page_speaks_english_by_language_cookie(client, clerk):
    lock_out(client, clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = attempt(client, clerk.username, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed login attempts. Please try again in 15 minutes" in (
        response.content.decode()
    )


def test_lockout_page_speaks_english_by_accept_language(client, clerk):
    lock_out(client, clerk)
    response = attempt(client, clerk.username, PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Account locked" in html
    assert "Please try again in 15 minutes" in html


def test_login_works_again_after_the_cool_off(client, clerk):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        lock_out(client, clerk)
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert attempt(client, clerk.username, PASSWORD).status_code == 302
        assert is_logged_in(client)


def test_the_lock_holds_until_the_cool_off_ends(client, clerk):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        lock_out(client, clerk)
    with time_machine.travel(start + timedelta(minutes=14, seconds=59), tick=False):
        assert attempt(client, clerk.username, PASSWORD).status_code == 429
        assert not is_logged_in(client)


def test_an_attempt_during_the_lock_starts_the_cool_off_again(client, clerk):
    """As the page says: "try again in 15 minutes", counted from the latest refusal."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        lock_out(client, clerk)
    with time_machine.travel(start + timedelta(minutes=10), tick=False):
        assert attempt(client, clerk.username, PASSWORD).status_code == 429
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert attempt(client, clerk.username, PASSWORD).status_code == 429
    with time_machine.travel(start + timedelta(minutes=32), tick=False):
        assert attempt(client, clerk.username, PASSWORD).status_code == 302


def test_another_address_is_not_locked_for_the_same_username(client, clerk):
    lock_out(client, clerk)
    assert attempt(client, clerk.username, PASSWORD, address=OTHER_ADDRESS).status_code == 302
    assert is_logged_in(client)
    client.logout()
    # Success from elsewhere does not lift the lock on the first address.
    assert attempt(client, clerk.username, PASSWORD).status_code == 429


def test_another_username_from_the_same_address_is_not_locked(client, clerk, cast):
    lock_out(client, clerk)
    colleague = cast.user("340102", Role.LEADER)
    assert attempt(client, colleague.username, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    "disguise",
    [
        {"HTTP_X_FORWARDED_FOR": "203.0.113.9"},
        {"HTTP_X_REAL_IP": "203.0.113.9"},
        {"HTTP_CLIENT_IP": "203.0.113.9"},
    ],
)
def test_a_forged_forwarding_header_does_not_escape_the_lock(client, clerk, disguise):
    lock_out(client, clerk)
    assert attempt(client, clerk.username, PASSWORD, **disguise).status_code == 429


@pytest.mark.parametrize("variant", [" {}", "{} ", "\t{}\n"])
def test_padding_the_username_does_not_escape_the_lock(client, clerk, variant):
    lock_out(client, clerk)
    assert attempt(client, variant.format(clerk.username), PASSWORD).status_code == 429


def test_a_successful_login_clears_earlier_failures(client, clerk):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, clerk.username, WRONG)
    assert attempt(client, clerk.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, clerk.username, WRONG).status_code == 200
    assert attempt(client, clerk.username, PASSWORD).status_code == 302


def test_each_failure_and_the_lockout_are_audited(client, clerk):
    lock_out(client, clerk)
    assert actions("auth.login_failed", "auth.locked_out") == [
        "auth.login_failed",
        "auth.login_failed",
        "auth.login_failed",
        "auth.login_failed",
        "auth.locked_out",
        "auth.login_failed",
    ]
    for entry in entries("auth.login_failed", "auth.locked_out"):
        assert entry.outcome == "failure"
        assert entry.actor is None  # nobody was authenticated
        assert entry.actor_label == clerk.username
        assert (entry.target_type, entry.target_id) == ("accounts.user", str(clerk.pk))
        assert (entry.city_code, entry.county_code) == ("340100", "340102")
        assert entry.ip == ADDRESS
        assert entry.channel == "web"
        assert len(entry.request_id) == 32


def test_no_audit_entry_holds_the_password_tried(client, clerk):
    lock_out(client, clerk)
    attempt(client, clerk.username, PASSWORD)  # refused while locked
    attempt(client, "no-such-user", "Guessed-Secret-99")
    stored = [model_to_dict(entry) for entry in entries("auth.login_failed", "auth.locked_out")]
    assert len(stored) == 5 + 1 + 2 + 1  # failures, lockout, refusal while locked, unknown
    text = repr(stored)
    for secret in (WRONG, PASSWORD, "Guessed-Secret-99"):
        assert secret not in text


def test_the_security_administrator_can_lift_a_lockout_at_once(client, clerk, cast):
    lock_out(client, clerk)
    security_admin = cast.user("340100", Role.SECURITY_ADMIN)
    assert unlock_user(clerk, actor=security_admin) == 1
    assert attempt(client, clerk.username, PASSWORD).status_code == 302
    (entry,) = entries("user.unlocked")
    assert (entry.actor, entry.target_id) == (security_admin, str(clerk.pk))
    assert entry.changes == {"attempts_cleared": [None, 1]}
    assert entry.county_code == "340102"
