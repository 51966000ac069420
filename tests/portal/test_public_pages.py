"""The portal's content pages, the display switch, caching and the CSP (issue 5, items 1, 2, 5)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from accounts.roles import Role
from lawstation.context_processors import DISPLAY_COOKIE
from lawstation.http import no_store
from lawstation.middleware import NoStoreMiddleware
from portal.views.public import chosen_modes

pytestmark = pytest.mark.django_db

CONTENT_PAGES = ("portal:home", "portal:easy_read", "portal:accessibility")


def html_of(client, name: str) -> str:
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def html_class(html: str) -> str:
    match = re.search(r'<html lang="[^"]+"(?: class="([^"]*)")?>', html)
    return match.group(1) or ""


# --- Pages and language ---------------------------------------------------------------------


@pytest.mark.parametrize("name", CONTENT_PAGES)
def test_content_pages_answer_anonymously_in_chinese_by_default(client, name):
    html = html_of(client, name)
    assert html_lang(html) == "zh-Hans"
    assert html.count("<h1") == 1
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html


@pytest.mark.parametrize("name", CONTENT_PAGES)
def test_content_pages_in_english(client, english, name):
    html = html_of(client, name)
    assert html_lang(html) == "en"


def test_language_switch_turns_the_front_page_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert html_lang(response.content.decode()) == "en"


def test_front_page_says_what_who_how_and_every_way_to_make_contact(client, english):
    html = html_of(client, "portal:home")
    for words in (
        "What is legal assistance?",
        "Who can get it?",
        "Article 25",
        "Article 31",
        "Article 42",
        "Consultation",
        "Document drafting",
        "Mediation",
        "Coordination",
        "Representation",
        "Criminal defence",
        "Legal aid and judicial aid",
        "Online form",
        "SMS (text message)",
        "E-mail",
        "Sign-language video",
        "Phone",
    ):
        assert words in html, words
    assert "you never have to phone" in html
    assert f'href="{reverse("portal:easy_read")}"' in html
    for address in ("/stations/", "/help/", "/status/"):
        assert f'href="{address}' in html, address


def test_contact_ways_are_side_by_side_with_phone_not_first(client, english):
    html = html_of(client, "portal:home")
    ways = re.search(r'<ul class="contact-ways">(.*?)</ul>', html, re.S).group(1)
    headings = re.findall(r"<h3>([^<]+)</h3>", ways)
    assert len(headings) >= 5
    assert headings[0] != "Phone"


def test_easy_read_uses_questions_as_headings(client, english):
    html = html_of(client, "portal:easy_read")
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", html)
    assert len(headings) >= 5
    assert all(heading.strip().endswith("?") for heading in headings), headings
    assert f'href="{reverse("portal:home")}"' in html


def test_accessibility_statement_covers_target_tests_limits_and_reporting(client, english):
    html = html_of(client, "portal:accessibility")
    for words in (
        "WCAG",
        "2.2",
        "axe",
        "keyboard",
        "320 pixels",
        "Known limits",
        "Using a screen reader",
        "Large text",
        "High contrast",
        "Reading a page aloud",
        "Report a problem or ask for another format",
    ):
        assert words in html, words


def test_public_nav_marks_the_current_page(client):
    html = html_of(client, "portal:accessibility")
    assert re.search(rf'<a href="{reverse("portal:accessibility")}" aria-current="page">', html), (
        "the current page is not marked"
    )


@pytest.mark.parametrize("name", CONTENT_PAGES)
def test_content_pages_carry_the_read_aloud_placeholder_and_its_deferred_script(client, name):
    html = html_of(client, name)
    assert re.search(r"<div[^>]*data-read-aloud[^>]*hidden", html)
    assert re.search(r'<script src="[^"]*/js/read-aloud\.js" defer>', html)
    assert "aria-live" not in html


def test_staff_pages_keep_their_own_layout(client, cast, login):
    login(cast.user("340102", Role.CLERK))
    html = client.get(reverse("home")).content.decode()
    assert "data-read-aloud" not in html
    assert f'action="{reverse("portal:display")}"' not in html


# --- Display modes --------------------------------------------------------------------------


def press(client, **data):
    return client.post(reverse("portal:display"), data)


def test_display_switch_sets_the_cookie_and_returns_to_the_page(client):
    response = press(client, large="on", next="/accessibility/?x=1")
    assert response.status_code == 302
    assert response["Location"] == "/accessibility/?x=1"
    cookie = response.cookies[DISPLAY_COOKIE]
    assert cookie.value == "large"
    assert int(cookie["max-age"]) >= 365 * 24 * 60 * 60 - 1
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"


def test_display_modes_combine_and_clear(client):
    press(client, large="on", next="/")
    response = press(client, contrast="on", next="/")
    assert response.cookies[DISPLAY_COOKIE].value == "contrast.large"
    response = press(client, large="off", next="/")
    assert response.cookies[DISPLAY_COOKIE].value == "contrast"
    response = press(client, contrast="off", next="/")
    assert response.cookies[DISPLAY_COOKIE].value == ""
    assert response.cookies[DISPLAY_COOKIE]["max-age"] == 0


def test_html_carries_the_mode_classes_and_the_buttons_their_state(client):
    html = html_of(client, "portal:home")
    assert html_class(html) == ""
    assert 'name="large" value="on" aria-pressed="false"' in html
    client.cookies[DISPLAY_COOKIE] = "large.contrast"
    html = html_of(client, "portal:home")
    assert html_class(html) == "mode-contrast mode-large"
    assert 'name="large" value="off" aria-pressed="true"' in html
    assert 'name="contrast" value="off" aria-pressed="true"' in html


def test_unknown_display_tokens_are_ignored(client):
    client.cookies[DISPLAY_COOKIE] = 'large.<script>."onload=x'
    html = html_of(client, "portal:home")
    assert html_class(html) == "mode-large"
    assert "<script>." not in html


def test_display_classes_apply_on_staff_pages_too(client, cast, login):
    login(cast.user("340102", Role.CLERK))
    client.cookies[DISPLAY_COOKIE] = "large"
    html = client.get(reverse("home")).content.decode()
    assert html_class(html) == "mode-large"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "http://testserver.evil.example/",
        "",
    ],
)
def test_display_switch_redirects_only_to_this_site(client, target):
    response = press(client, large="on", next=target)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")


def test_display_switch_refuses_get_and_ignores_nonsense(client):
    assert client.get(reverse("portal:display")).status_code == 405
    response = press(client, large="maybe", bogus="on", next="/")
    assert response.status_code == 302
    assert response.cookies[DISPLAY_COOKIE].value == ""


def test_display_switch_needs_the_csrf_token():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("portal:display"), {"large": "on"}).status_code == 403


def test_display_switch_works_for_signed_in_staff(client, cast, login):
    login(cast.user("340102", Role.CLERK))
    response = press(client, contrast="on", next=reverse("home"))
    assert response["Location"] == reverse("home")
    assert response.cookies[DISPLAY_COOKIE].value == "contrast"


def test_chosen_modes_rule():
    assert chosen_modes(frozenset(), {"large": "on"}) == {"large"}
    assert chosen_modes(frozenset({"large"}), {"large": "off"}) == frozenset()
    assert chosen_modes(frozenset({"large"}), {"contrast": "on"}) == {"large", "contrast"}
    assert chosen_modes(frozenset({"large"}), {"large": "yes", "motion": "on"}) == {"large"}


# --- Caching --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CONTENT_PAGES)
def test_public_content_pages_may_be_cached_briefly_and_vary(client, name):
    response = client.get(reverse(name))
    cache_control = response["Cache-Control"]
    assert "max-age=300" in cache_control
    assert "no-store" not in cache_control
    vary = {part.strip().lower() for part in response["Vary"].split(",")}
    assert {"cookie", "accept-language"} <= vary


@pytest.mark.parametrize("name", [*CONTENT_PAGES, "home"])
def test_every_page_for_a_signed_in_user_is_no_store(client, cast, login, name):
    login(cast.user("340102", Role.CLERK))
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Pragma"] == "no-cache"


def test_a_staff_404_is_no_store_too(client, cast, login):
    login(cast.user("340102", Role.CLERK))
    response = client.get("/staff/no-such-page/")
    assert response.status_code == 404
    assert response["Cache-Control"] == "no-store"


def _marked_view(request):
    response = HttpResponse("personal")
    response["Cache-Control"] = "public, max-age=600"
    return response


def test_no_store_decorator_marks_the_view_and_keeps_its_attributes():
    view = no_store(login_not_required(_marked_view))
    assert view.no_store is True
    assert view.login_required is False
    response = view(RequestFactory().get("/"))
    assert response["Cache-Control"] == "no-store"
    assert response["Pragma"] == "no-cache"


def test_no_store_middleware_for_marked_views_and_anonymous_requests():
    def downstream(request):
        return _marked_view(request)

    middleware = NoStoreMiddleware(downstream)
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    middleware.process_view(request, _marked_view, (), {})
    assert middleware(request)["Cache-Control"] == "public, max-age=600"

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    middleware.process_view(request, no_store(_marked_view), (), {})
    assert middleware(request)["Cache-Control"] == "no-store"


def test_no_store_middleware_survives_requests_without_a_user():
    middleware = NoStoreMiddleware(_marked_view)
    response = middleware(RequestFactory().get("/"))
    assert response["Cache-Control"] == "public, max-age=600"


def test_no_store_middleware_is_installed_early():
    from django.conf import settings

    names = settings.MIDDLEWARE
    position = names.index("lawstation.middleware.NoStoreMiddleware")
    assert position < names.index("django.contrib.auth.middleware.AuthenticationMiddleware")


# --- CSP and no inline script or style ------------------------------------------------------


class _InlineFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = {name.lower() for name, _ in attrs}
        if tag == "script" and "src" not in names:
            self.problems.append("<script> without src")
        if tag == "style":
            self.problems.append("<style> element")
        for name in names:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name == "style":
                self.problems.append(f"{tag} style=")


def inline_problems(html: str) -> list[str]:
    finder = _InlineFinder()
    finder.feed(html)
    return finder.problems


@pytest.mark.parametrize("modes", ["", "large.contrast"])
@pytest.mark.parametrize("url", ["/", "/easy-read/", "/accessibility/", "/no-such-page/"])
def test_portal_pages_have_a_csp_and_no_inline_script_or_style(client, url, modes):
    client.cookies[DISPLAY_COOKIE] = modes
    response = client.get(url)
    assert response.status_code in (200, 404)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert inline_problems(response.content.decode()) == []


def test_the_inline_finder_finds_what_it_should():
    assert inline_problems('<script>alert(1)</script><p style="x" onclick="y"></p><style></style>')
    assert inline_problems('<script src="/a.js" defer></script><p class="x"></p>') == []
