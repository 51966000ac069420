"""/help/: choosing the place, the form, the receipt, and every kind of bad input."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone

from audit.models import AuditEntry
from outbox.models import Message
from portal.models import HelpRequest
from regions.scoping import unscoped
from tests.portal.help_helpers import (
    HELP_URL,
    RECEIPT_URL,
    reference_on,
    served,
    valid_post,
)

pytestmark = pytest.mark.django_db
__all__ = ["served"]

TEXT_FIELDS = ["name", "relationship", "person_name", "phone", "email", "needs_other", "matter"]
ON_BEHALF = {"requester": "on_behalf", "relationship": "女儿", "person_name": "王芳"}


def stored() -> int:
    with unscoped("test"):
        return HelpRequest.objects.count()


def page(response) -> str:
    return response.content.decode()


# --- Step 1: the place ------------------------------------------------------------------------


def test_step_one_lists_provinces_then_cities_then_counties(client, served, english):
    response = client.get(HELP_URL)
    assert response.status_code == 200
    assert 'name="province"' in page(response)
    assert "安徽省" in page(response)
    response = client.get(HELP_URL, {"province": "340000"})
    assert 'name="city"' in page(response)
    assert "合肥市" in page(response)
    response = client.get(HELP_URL, {"province": "340000", "city": "340100"})
    body = page(response)
    assert 'name="region"' in body
    assert "瑶海区" in body
    assert "庐阳区" in body
    assert response["Cache-Control"] == "no-store"


def test_step_one_ignores_a_city_of_another_province(client, served):
    response = client.get(HELP_URL, {"province": "710000", "city": "340100"})
    assert 'name="region"' not in page(response)


def test_step_one_query_count_does_not_grow_with_regions(
    client, served, django_assert_max_num_queries
):
    from regions.models import Level
    from tests.factories import make_region

    params = {"province": "340000", "city": "340100"}
    with django_assert_max_num_queries(8):
        client.get(HELP_URL, params)
    for n in range(30):
        make_region(f"3401{n + 30:02d}", f"区{n}", Level.COUNTY, served.regions["340100"])
    with django_assert_max_num_queries(8):
        client.get(HELP_URL, params)


@pytest.mark.parametrize("code", ["710000", "999999", "abc", "", "34010", "<script>"])
def test_region_outside_reach_is_a_clear_error(client, served, english, code):
    response = client.get(HELP_URL, {"region": code})
    assert response.status_code == 200
    body = page(response)
    assert 'id="error-summary"' in body
    assert 'role="alert"' in body
    assert 'name="matter"' not in body


def test_county_without_station_still_gets_the_form(client, served):
    response = client.get(HELP_URL, {"region": "340103"})
    assert 'name="matter"' in page(response)


# --- Step 2: the form -------------------------------------------------------------------------


def test_form_has_consent_unticked_and_a_hidden_honeypot(client, served, english):
    body = page(client.get(HELP_URL, {"region": "340102"}))
    assert 'name="consent_disability"' in body
    consent = body[
        body.index('name="consent_disability"') - 200 : body.index('name="consent_disability"')
        + 200
    ]
    assert "checked" not in consent
    assert 'class="hp-field"' in body
    honeypot = body[body.index('name="homepage"') - 80 : body.index('name="homepage"') + 120]
    assert 'tabindex="-1"' in honeypot
    assert 'autocomplete="off"' in honeypot
    assert "Leave this field empty" in body
    assert str(settings.PORTAL_MATTER_MAX_LENGTH) in body
    assert "How long we keep it" in body
    assert "How to withdraw" in body
    assert "no_phone" not in body  # the do-not-phone box stands for that need


def test_submission_redirects_to_a_receipt_without_the_reference_in_the_url(
    client, served, english
):
    response = client.post(HELP_URL, valid_post())
    assert response.status_code == 302
    assert response["Location"] == RECEIPT_URL
    receipt = client.get(RECEIPT_URL)
    assert receipt["Cache-Control"] == "no-store"
    body = page(receipt)
    reference = reference_on(body)
    with unscoped("test"):
        request = HelpRequest.objects.get()
    assert reference.replace("-", "") == request.reference
    assert 'role="status"' in body
    assert "What happens next" in body
    assert "last four digits" in body
    assert request.phone == "13912345678"
    assert request.name == "李明"


def test_email_only_receipt_shows_the_code(client, served, english):
    data = valid_post(phone="", email="li@example.com", contact_preference="email")
    client.post(HELP_URL, data)
    body = page(client.get(RECEIPT_URL))
    assert "code for checking" in body


def test_receipt_without_a_submission(client, served, english):
    response = client.get(RECEIPT_URL)
    assert response.status_code == 200
    assert "No request to show" in page(response)


def test_receipt_is_forgotten_after_an_hour(client, served, english):
    client.post(HELP_URL, valid_post())
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        response = client.get(RECEIPT_URL)
    assert "No request to show" in page(response)
    assert "No request to show" in page(client.get(RECEIPT_URL))


def test_on_behalf_with_needs_and_consent_is_stored(client, served):
    data = valid_post(
        **ON_BEHALF,
        disability_categories=["1", "2"],
        communication_needs=["sign_language", "large_print"],
        needs_other="需要盲文材料",
        consent_disability="on",
        do_not_phone="on",
    )
    assert client.post(HELP_URL, data).status_code == 302
    with unscoped("test"):
        request = HelpRequest.objects.get()
    assert request.requester == "on_behalf"
    assert request.person_name == "王芳"
    assert request.disability_categories == ["1", "2"]
    assert request.communication_needs == ["sign_language", "large_print"]
    assert request.consent_disability
    assert request.consent_notice_version == "2026-12"
    assert request.do_not_phone


def test_double_submit_creates_one_request_and_shows_the_first_receipt(client, served):
    data = valid_post()
    client.post(HELP_URL, data)
    first = reference_on(page(client.get(RECEIPT_URL)))
    response = client.post(HELP_URL, data)
    assert response.status_code == 302
    assert reference_on(page(client.get(RECEIPT_URL))) == first
    other_browser = Client()
    assert other_browser.post(HELP_URL, data).status_code == 302
    assert reference_on(page(other_browser.get(RECEIPT_URL))) == first
    assert stored() == 1


def test_honeypot_shows_a_normal_receipt_and_stores_nothing(client, served):
    with unscoped("test"):
        audits = AuditEntry.objects.count()
    response = client.post(HELP_URL, valid_post(homepage="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == RECEIPT_URL
    reference_on(page(client.get(RECEIPT_URL)))
    assert stored() == 0
    with unscoped("test"):
        assert AuditEntry.objects.count() == audits
        assert not Message.objects.exists()


# --- Bad input --------------------------------------------------------------------------------


def assert_refused(response, field: str | None = None) -> str:
    assert response.status_code == 200
    body = page(response)
    assert 'id="error-summary"' in body
    assert 'role="alert"' in body
    if field:
        assert f'aria-describedby="id_{field}_error' in body, field
        assert f'id="id_{field}_error"' in body
    assert stored() == 0
    return body


def test_empty_form_lists_every_required_field(client, served, english):
    body = assert_refused(client.post(HELP_URL, {"region": "340102"}))
    for text in ("Who is asking?", "Your name", "What do you need help with?"):
        assert text in body
    assert 'aria-invalid="true"' in body


def test_empty_matter(client, served, english):
    body = assert_refused(client.post(HELP_URL, valid_post(matter="   ")), "matter")
    assert "李明" in body  # what was typed is kept


def test_100000_character_matter_is_refused(client, served, english):
    body = assert_refused(client.post(HELP_URL, valid_post(matter="字" * 100_000)), "matter")
    assert "5000" in body
    assert "100000" in body


def test_body_over_the_request_limit_is_a_400_not_a_500(client, served):
    matter = "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    response = client.post(HELP_URL, valid_post(matter=matter))
    assert response.status_code == 400
    assert stored() == 0


@pytest.mark.parametrize("field", TEXT_FIELDS)
@pytest.mark.parametrize(
    ("bad", "words"),
    [("<script>alert(1)</script>", "plain text"), ("abc\u202edef", "direction")],
)
def test_script_and_rlo_are_refused_in_every_text_field(client, served, english, field, bad, words):
    data = valid_post(**(ON_BEHALF | {field: bad}))
    body = assert_refused(client.post(HELP_URL, data), field)
    assert words in body
    assert "<script>alert" not in body


@pytest.mark.parametrize(
    "field", ["requester", "contact_preference", "disability_categories", "communication_needs"]
)
@pytest.mark.parametrize("bad", ["<script>", "\u202e"])
def test_script_and_rlo_in_choice_fields(client, served, field, bad):
    assert_refused(client.post(HELP_URL, valid_post(**{field: bad})), field)


@pytest.mark.parametrize("bad", ["<script>", "\u202e340102"])
def test_script_and_rlo_in_hidden_fields_never_500(client, served, bad):
    response = client.post(HELP_URL, valid_post(region=bad))
    assert response.status_code == 200
    assert stored() == 0
    response = client.post(HELP_URL, valid_post(submission_key=bad))
    assert_refused(response)


def test_tampered_submission_key_gets_a_new_one(client, served, english):
    body = assert_refused(client.post(HELP_URL, valid_post(submission_key="forged")))
    assert "expired" in body
    assert 'value="forged"' not in body


@pytest.mark.parametrize("phone", ["12345", "139123456789", "abc", "+1 415 555 0100"])
def test_invalid_phone(client, served, english, phone):
    body = assert_refused(client.post(HELP_URL, valid_post(phone=phone)), "phone")
    assert "11 digits" in body


def test_invalid_email(client, served, english):
    data = valid_post(email="not-an-address")
    assert "name@example.com" in assert_refused(client.post(HELP_URL, data), "email")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"phone": ""}, "phone"),
        ({"phone": "05516512345"}, "contact_preference"),
        ({"phone": "", "email": "a@example.com"}, "contact_preference"),
        ({"contact_preference": "email"}, "contact_preference"),
        ({"contact_preference": "phone", "do_not_phone": "on"}, "do_not_phone"),
        ({"requester": "on_behalf"}, "relationship"),
        ({"requester": "on_behalf", "relationship": "女儿"}, "person_name"),
        ({"disability_categories": ["2"]}, "consent_disability"),
        ({"communication_needs": ["braille"]}, "consent_disability"),
        ({"needs_other": "轮椅"}, "consent_disability"),
        ({"communication_needs": ["no_phone"]}, "communication_needs"),
        ({"name": "名" * 65}, "name"),
    ],
)
def test_contact_and_consent_rules(client, served, overrides, field):
    assert_refused(client.post(HELP_URL, valid_post(**overrides)), field)


@pytest.mark.parametrize("code", ["710000", "999999", "abc"])
def test_post_for_a_region_outside_reach(client, served, english, code):
    response = client.post(HELP_URL, valid_post(region=code))
    assert response.status_code == 200
    assert 'id="error-summary"' in page(response)
    assert stored() == 0


def test_post_without_csrf_token_is_a_403_page(served):
    client = Client(enforce_csrf_checks=True)
    response = client.post(HELP_URL, valid_post())
    assert response.status_code == 403
    assert b"<html" in response.content
    assert stored() == 0


def test_errors_are_in_the_users_language(client, served):
    response = client.post(HELP_URL, {"region": "340102"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert 'lang="zh-Hans"' in page(response)


def test_flood_from_one_address_is_refused_with_429(client, served, english):
    for n in range(5):
        assert client.post(HELP_URL, valid_post(matter=f"事情 {n}")).status_code == 302
    response = client.post(HELP_URL, valid_post())
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many attempts" in page(response)
    assert 'role="alert"' in page(response)
    assert stored() == 5
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.post(HELP_URL, valid_post()).status_code == 302
