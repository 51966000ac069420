"""SEC-AUTH-01/02: passwords, lockout, idle and absolute session limits, login auditing."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import User
from accounts.passwords import character_classes
from accounts.roles import Role
from audit.models import AuditEntry
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

WEAK = [
    "Short-Pw-1",  # 10 characters
    "Abcdefg-12",  # 10 characters
    "abcdefghijklmnop",  # one class
    "ABCDEFGHIJKLMNOP",
    "1234567890123456",  # numeric, one class
    "abcdefghij123456",  # two classes
    "ABCDEFGHabcdefgh",
    "password1234",  # common
    "Password1234",  # in the common list once lowered? still two classes at most
    "qwertyuiopasdf",
    "iloveyou123456",
    "clerk-340100",  # the username
    "Clerk-340100!",  # too like the username
    "            ",  # spaces
    "aaaaaaaaaaaa",
    "111111111111",
    "abc",
    "",
    "zhangsan2026",
    "PASSWORDPASS",
]


@pytest.mark.parametrize("password", WEAK)
def test_weak_passwords_are_refused(password):
    user = User(username="clerk-340100", full_name="")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_strong_password_is_accepted():
    validate_password("Orange-Kite-Harbour-7", User(username="clerk-340100"))


@pytest.mark.parametrize(
    ("password", "classes"),
    [("abc", 1), ("abcABC", 2), ("abcABC123", 3), ("abcABC123!", 4), ("密码Abc1", 4)],
)
def test_character_classes(password, classes):
    assert character_classes(password) == classes


def actions(*names):
    return list(
        AuditEntry.all_objects.filter(action__in=names)
        .order_by("id")
        .values_list("action", flat=True)
    )


def attempt(client, username, password, address="192.0.2.10"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_lockout_refuses_even_the_right_password_until_the_cool_off_ends(client, cast):
    user = cast.user("340102", Role.CLERK)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, user.username, "wrong-password").status_code == 200
    # The fifth failure locks the pair at once; then even the right password is refused.
    assert attempt(client, user.username, "wrong-password").status_code == 429
    locked = attempt(client, user.username, PASSWORD)
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode() or "15" in locked.content.decode()
    assert actions("auth.locked_out")
    # Another address is not locked out for the same username (username + address pair).
    assert attempt(client, user.username, PASSWORD, address="198.51.100.4").status_code == 302
    client.logout()
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)):
        assert attempt(client, user.username, PASSWORD).status_code == 302


def test_lockout_page_speaks_english_to_english_users(client, cast):
    user = cast.user("340102", Role.CLERK)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, user.username, "wrong-password")
    response = client.post(
        "/accounts/login/",
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="192.0.2.10",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 429
    assert "Too many failed login attempts" in response.content.decode()


def test_failed_logins_are_audited_without_the_password(client, cast):
    user = cast.user("340102", Role.CLERK)
    attempt(client, user.username, "Secret-Guess-123")
    attempt(client, "no-such-user", "Secret-Guess-456")
    entries = AuditEntry.all_objects.filter(action="auth.login_failed").order_by("id")
    assert [e.actor_label for e in entries] == [user.username, "no-such-user"]
    assert entries[0].county_code == "340102"
    assert all(e.outcome == "failure" and e.ip == "192.0.2.10" for e in entries)
    assert not any("Secret-Guess" in str(e.changes) + e.target_label for e in entries)


def test_unknown_user_and_wrong_password_get_the_same_message(client, cast):
    user = cast.user("340102", Role.CLERK)
    wrong = attempt(client, user.username, "wrong-password").content.decode()
    unknown = attempt(client, "nobody-here", "wrong-password").content.decode()

    def error(html):
        return html[html.index('class="error-summary"') : html.index("</ul>")]

    assert error(wrong) == error(unknown)


def test_successful_login_is_audited_with_address_and_request(client, cast):
    user = cast.user("340100", Role.CLERK)
    response = attempt(client, user.username, PASSWORD)
    assert response.status_code == 302
    entry = AuditEntry.all_objects.get(action="auth.logged_in")
    assert (entry.actor, entry.ip, entry.city_code) == (user, "192.0.2.10", "340100")
    assert len(entry.request_id) == 32


def test_disabled_account_is_refused_and_audited(client, cast):
    user = cast.user("340100", Role.CLERK)
    User.objects.filter(pk=user.pk).update(is_active=False)
    response = attempt(client, user.username, PASSWORD)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert actions("auth.login_failed") == ["auth.login_failed"]


def test_user_without_membership_sees_a_clear_page_not_data(client, db):
    user = User.objects.create_user("orphan", password=PASSWORD)
    assert attempt(client, "orphan", PASSWORD).status_code == 302
    for url in ("/staff/", "/staff/regions/340100/", "/staff/audit/", "/staff/reports/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "残联" in response.content.decode()
    assert actions("auth.no_membership")
    assert user.pk


def test_idle_session_expires(client, cast):
    user = cast.user("340100", Role.CLERK)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        attempt(client, user.username, PASSWORD)
    idle = settings.SESSION_IDLE_SECONDS
    with time_machine.travel(start + timedelta(seconds=idle - 1), tick=False):
        assert client.get("/staff/").status_code == 200
    with time_machine.travel(start + timedelta(seconds=2 * idle - 2), tick=False):
        assert client.get("/staff/").status_code == 200  # activity renewed it
    with time_machine.travel(start + timedelta(seconds=3 * idle - 1), tick=False):
        response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_session_ends_at_its_absolute_lifetime_however_active(client, cast):
    user = cast.user("340100", Role.CLERK)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        attempt(client, user.username, PASSWORD)
    for minutes in range(20, settings.SESSION_ABSOLUTE_SECONDS // 60, 20):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get("/staff/").status_code == 200, minutes
    with time_machine.travel(
        start + timedelta(seconds=settings.SESSION_ABSOLUTE_SECONDS + 60), tick=False
    ):
        response = client.get("/staff/")
    assert response.status_code == 302
    assert actions("auth.session_expired") == ["auth.session_expired"]


def test_tampered_session_cookie_is_a_redirect_not_an_error(client, cast):
    attempt(client, cast.user("340100", Role.CLERK).username, PASSWORD)
    cookie = settings.SESSION_COOKIE_NAME
    client.cookies[cookie] = client.cookies[cookie].value[:-4] + "abcd"
    response = client.get("/staff/")
    assert response.status_code == 302
    client.cookies[cookie] = "\x00garbage'\"<>"
    assert client.get("/staff/").status_code == 302


def test_logout_is_post_only_and_audited(client, cast):
    attempt(client, cast.user("340100", Role.CLERK).username, PASSWORD)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert actions("auth.logged_out") == ["auth.logged_out"]
    assert client.get("/staff/").status_code == 302
