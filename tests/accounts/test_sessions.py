"""SEC-AUTH-02: idle timeout, absolute session lifetime, tampered cookies, logout."""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from accounts.roles import Role
from tests.accounts.helpers import LOGIN_URL, attempt, entries
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

STAFF_PAGE = "/staff/"


@pytest.fixture
def clerk(cast):
    return cast.user("340100", Role.CLERK)


def redirects_to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN_URL)


def log_in_at(client, user, moment):
    with time_machine.travel(moment, tick=False):
        assert attempt(client, user.username, PASSWORD).status_code == 302


def test_the_policy_is_thirty_idle_minutes_and_eight_hours_at_most():
    assert settings.SESSION_IDLE_SECONDS == 1800
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_SECONDS
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_ABSOLUTE_SECONDS == 8 * 3600


# --- Idle timeout ------------------------------------------------------------------------------


def test_a_request_one_second_before_the_idle_limit_keeps_the_session(client, clerk):
    start = timezone.now()
    log_in_at(client, clerk, start)
    with time_machine.travel(start + timedelta(seconds=settings.SESSION_IDLE_SECONDS - 1)):
        assert client.get(STAFF_PAGE).status_code == 200


def test_a_request_one_second_after_the_idle_limit_goes_to_the_login_page(client, clerk):
    start = timezone.now()
    log_in_at(client, clerk, start)
    with time_machine.travel(
        start + timedelta(seconds=settings.SESSION_IDLE_SECONDS + 1), tick=False
    ):
        response = client.get(STAFF_PAGE)
        assert redirects_to_login(response)
        assert response["Location"] == f"{LOGIN_URL}?next={STAFF_PAGE}"
        assert redirects_to_login(client.get(STAFF_PAGE))  # and it stays logged out


def test_activity_pushes_the_idle_limit_back(client, clerk):
    start = timezone.now()
    idle = timedelta(seconds=settings.SESSION_IDLE_SECONDS)
    log_in_at(client, clerk, start)
    for step in range(1, 5):  # a request every 29 minutes for about two hours
        with time_machine.travel(start + step * (idle - timedelta(minutes=1)), tick=False):
            assert client.get(STAFF_PAGE).status_code == 200, step
    last = start + 4 * (idle - timedelta(minutes=1))
    with time_machine.travel(last + idle - timedelta(seconds=1), tick=False):
        assert client.get(STAFF_PAGE).status_code == 200
    with time_machine.travel(last + 3 * idle, tick=False):
        assert redirects_to_login(client.get(STAFF_PAGE))


# --- Absolute lifetime -------------------------------------------------------------------------


def test_a_session_active_every_twenty_minutes_ends_after_eight_hours(client, clerk):
    start = timezone.now()
    limit = timedelta(seconds=settings.SESSION_ABSOLUTE_SECONDS)
    log_in_at(client, clerk, start)
    moment = start + timedelta(minutes=20)
    while moment < start + limit:
        with time_machine.travel(moment, tick=False):
            assert client.get(STAFF_PAGE).status_code == 200, moment - start
        moment += timedelta(minutes=20)
    with time_machine.travel(start + limit - timedelta(seconds=1), tick=False):
        assert client.get(STAFF_PAGE).status_code == 200
    assert entries("auth.session_expired") == []
    with time_machine.travel(start + limit + timedelta(seconds=1), tick=False):
        response = client.get(STAFF_PAGE)
        assert redirects_to_login(response)
        assert redirects_to_login(client.get(STAFF_PAGE))
    (entry,) = entries("auth.session_expired")
    assert (entry.actor, entry.actor_label, entry.city_code) == (clerk, clerk.username, "340100")
    assert entry.ip == "127.0.0.1"  # the address of the refused request


def keep_active_until_past_the_limit(client, start):
    """Requests every 25 minutes, then one a second past the absolute limit; its response."""
    limit = timedelta(seconds=settings.SESSION_ABSOLUTE_SECONDS)
    moment = start
    while moment + timedelta(minutes=25) < start + limit:
        moment += timedelta(minutes=25)
        with time_machine.travel(moment, tick=False):
            assert client.get(STAFF_PAGE).status_code == 200
    with time_machine.travel(start + limit + timedelta(seconds=1), tick=False):
        return client.get(STAFF_PAGE)


def test_the_end_of_a_session_is_explained_on_the_login_page(client, clerk):
    start = timezone.now()
    log_in_at(client, clerk, start)
    response = keep_active_until_past_the_limit(client, start)
    assert redirects_to_login(response)
    page = client.get(response["Location"]).content.decode()
    assert "登录已失效，请重新登录。" in page


def test_a_new_login_after_the_absolute_limit_starts_a_fresh_session(client, clerk):
    start = timezone.now()
    log_in_at(client, clerk, start)
    assert redirects_to_login(keep_active_until_past_the_limit(client, start))
    later = start + timedelta(seconds=settings.SESSION_ABSOLUTE_SECONDS + 2)
    with time_machine.travel(later, tick=False):
        assert attempt(client, clerk.username, PASSWORD).status_code == 302
        assert client.get(STAFF_PAGE).status_code == 200
    for step in range(1, 6):  # the new session's clock starts at the new login
        with time_machine.travel(later + step * timedelta(minutes=25), tick=False):
            assert client.get(STAFF_PAGE).status_code == 200
    assert len(entries("auth.session_expired")) == 1


# --- Cookies -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cookie",
    [
        "0" * 32,  # well-formed, unknown
        "abcd",
        "x" * 5000,
        "\x00garbage'\"<>",
        "../../etc/passwd",
        "'; DROP TABLE django_session; --",
        "%E9%89%B4%E6%9D%83",
    ],
)
def test_a_tampered_session_cookie_gives_the_login_page_never_an_error(client, clerk, cookie):
    attempt(client, clerk.username, PASSWORD)
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    assert redirects_to_login(client.get(STAFF_PAGE))
    assert client.get(LOGIN_URL).status_code == 200


def test_a_session_key_altered_by_one_character_is_refused(client, clerk):
    attempt(client, clerk.username, PASSWORD)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.cookies[settings.SESSION_COOKIE_NAME] = key[:-1] + ("a" if key[-1] != "a" else "b")
    assert redirects_to_login(client.get(STAFF_PAGE))


def test_login_replaces_a_planted_session_key(client, clerk):
    """Session fixation: a key chosen before login is never the key of the logged-in session."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["planted"] = True
    store.create()
    planted = store.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = planted
    attempt(client, clerk.username, PASSWORD)
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != planted
    assert not Session.objects.filter(session_key=planted).exists()


def test_the_session_cookie_is_http_only_and_same_site(client, clerk):
    response = attempt(client, clerk.username, PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert not cookie["expires"]  # ends with the browser, besides the server-side limits


# --- Logout ------------------------------------------------------------------------------------


def test_logout_by_post_ends_the_session_and_is_audited(client, clerk):
    attempt(client, clerk.username, PASSWORD)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    response = client.post("/accounts/logout/")
    assert redirects_to_login(response)
    assert not Session.objects.filter(session_key=key).exists()
    assert redirects_to_login(client.get(STAFF_PAGE))
    (entry,) = entries("auth.logged_out")
    assert (entry.actor, entry.target_id, entry.outcome) == (clerk, str(clerk.pk), "success")
    assert entry.city_code == "340100"


def test_logout_by_get_is_refused_and_keeps_the_session(client, clerk):
    attempt(client, clerk.username, PASSWORD)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.get(STAFF_PAGE).status_code == 200
    assert entries("auth.logged_out") == []


def test_logout_without_the_csrf_token_is_refused(clerk):
    client = Client(enforce_csrf_checks=True)
    client.force_login(clerk)
    assert client.post("/accounts/logout/").status_code == 403
    assert client.get(STAFF_PAGE).status_code == 200
    assert entries("auth.logged_out") == []
