"""The staff layout: language, landmarks, skip link, labels, security headers."""

import re

import pytest

from accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_default_language_is_simplified_chinese(client):
    response = client.get("/accounts/login/")
    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "登录" in html


def test_english_is_available_through_the_switcher(client):
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/accounts/login/"}, follow=True
    )
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Staff login" in html


def test_login_page_has_skip_link_landmarks_and_labels(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert "<header" in html
    assert "<footer" in html
    for control_id in re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html):
        assert f'for="{control_id}"' in html, f"control {control_id} has no label"


def test_error_summary_is_announced(client):
    html = client.post("/accounts/login/", {"username": "", "password": ""}).content.decode()
    assert 'role="alert"' in html
    assert 'class="error-summary"' in html


def test_security_headers_on_every_page(client, cast):
    client.force_login(cast.user("340100", Role.CLERK))
    for url in ("/", "/accounts/login/", "/staff/", "/staff/regions/340100/"):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
            assert directive in csp, (url, csp)
        assert "cdn" not in csp.lower()
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Request-ID"]


def test_no_resource_loads_from_another_host(client, cast):
    client.force_login(cast.user("340100", Role.CLERK))
    html = client.get("/staff/").content.decode()
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)
    assert "django_htmx/htmx" in html


def test_staff_home_shows_who_and_where(client, cast):
    client.force_login(cast.user("340100", Role.CLERK))
    html = client.get("/staff/").content.decode()
    assert "clerk-340100" in html
    assert "合肥市残疾人联合会" in html
    assert "瑶海区" in html
    assert "庐阳区" in html
    assert "芜湖市" not in html


def test_home_query_count_does_not_grow_with_regions(client, cast, django_assert_max_num_queries):
    client.force_login(cast.user("340000", Role.CLERK))
    with django_assert_max_num_queries(100):  # with the dashboards (tests/stats/test_dashboard*)
        client.get("/staff/")
    with django_assert_max_num_queries(12):
        client.get("/staff/regions/340100/")


@pytest.mark.parametrize(
    "url",
    ["/staff/audit/?actor=a%00b", "/staff/users/?q=%00", "/accounts/login/?next=%00"],
)
def test_nul_bytes_get_a_clear_400_not_a_500(client, cast, url):
    client.force_login(cast.user("340100", Role.SYSTEM_ADMIN))
    response = client.get(url)
    assert response.status_code == 400
    assert "<h1>" in response.content.decode()  # the 400 page in the user's language


def test_nul_byte_in_a_login_form_is_a_400(client, db):
    response = client.post("/accounts/login/", {"username": "a\x00b", "password": "x"})
    assert response.status_code == 400
