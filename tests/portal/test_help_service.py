"""portal.services.requests.submit_help_request and portal.notify."""

import pytest
from django.utils import translation

from audit.models import AuditEntry
from lawstation.errors import DomainError
from outbox.backends import MemoryBackend
from outbox.models import Message
from portal.models import HelpRequest
from portal.notify import channel_for, message_text, notify_requester
from portal.references import display_reference, is_valid
from portal.selectors.status import lookup_digest, stage_of
from portal.services.requests import HelpRequestDetails, submit_help_request
from regions.scoping import unscoped
from tests.portal.help_helpers import served

pytestmark = pytest.mark.django_db
__all__ = ["served"]

MATTER = "单位拖欠我三个月工资，不肯支付。"


@pytest.fixture(autouse=True)
def _outbox():
    MemoryBackend.sent.clear()
    yield
    MemoryBackend.sent.clear()


def details(**overrides) -> HelpRequestDetails:
    values = {
        "requester": "self",
        "name": "李明",
        "matter": MATTER,
        "contact_preference": "sms",
        "phone": "13912345678",
    }
    return HelpRequestDetails(**(values | overrides))


def submit(served, code="340102", key="key-1", **overrides):
    return submit_help_request(
        details(**overrides), region=served.regions[code], submission_key=key
    )


def messages():
    with unscoped("test"):
        return list(Message.objects.all())


def test_request_is_filed_to_the_serving_federation(served):
    submission = submit(served)
    request = submission.help_request
    assert submission.created
    assert submission.code == ""
    assert is_valid(request.reference)
    assert request.federation == served.federations["340102"]
    assert request.county_code == "340102"
    assert request.status == HelpRequest.Status.NEW
    assert request.lookup_hash == lookup_digest(request.reference, "5678")
    assert request.consent_notice_version == ""


def test_county_without_station_goes_to_the_city(served):
    request = submit(served, code="340103").help_request
    assert request.federation == served.federations["340100"]
    assert request.chosen_region_id == "340103"
    assert (request.city_code, request.county_code) == ("340100", None)


def test_place_without_any_station_is_refused(served):
    with pytest.raises(DomainError):
        submit(served, code="340202")
    with unscoped("test"):
        assert not HelpRequest.objects.exists()


def test_double_submit_returns_the_first(served):
    first = submit(served)
    second = submit(served, name="别人")
    assert not second.created
    assert second.help_request.pk == first.help_request.pk
    with unscoped("test"):
        assert HelpRequest.objects.count() == 1


def test_submission_is_audited_without_personal_data(served):
    request = submit(served, disability_categories=["2"], consent_disability=True).help_request
    with unscoped("test"):
        entry = AuditEntry.objects.get(action="help_request.submitted")
    assert entry.target_id == str(request.pk)
    text = str(entry.changes) + entry.target_label
    assert "李明" not in text
    assert "1391234" not in text
    assert "工资" not in text
    assert request.consent_notice_version == "2026-12"


def test_needs_without_consent_are_refused(served):
    with pytest.raises(DomainError):
        submit(served, communication_needs=["sign_language"])


def test_receipt_sms_is_queued_with_reference_only(served, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = submit(served).help_request
    [message] = messages()
    assert message.channel == "sms"
    assert message.recipient == "13912345678"
    assert message.purpose == "portal.help_request.received"
    assert display_reference(request.reference) in message.body
    assert "法律救助工作站" in message.body
    assert "李明" not in message.body
    assert "工资" not in message.body
    assert MemoryBackend.sent
    assert MemoryBackend.sent[0].pk == message.pk


def test_email_only_request_gets_a_code(served, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submission = submit(served, phone="", email="li@example.com", contact_preference="email")
    code = submission.code
    assert len(code) == 4
    assert code.isdigit()
    [message] = messages()
    assert message.channel == "email"
    assert code in message.body
    assert message.subject
    reference = submission.help_request.reference
    assert stage_of(reference, code) is not None
    assert stage_of(reference, f"{(int(code) + 1) % 10000:04d}") is None


def test_landline_with_phone_preference_sends_nothing(served):
    submit(served, phone="05516512345", contact_preference="phone")
    assert messages() == []


def test_nothing_is_stored_when_the_transaction_fails(served, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("outbox down")

    monkeypatch.setattr("portal.services.requests.notify_requester", broken)
    with pytest.raises(RuntimeError):
        submit(served)
    with unscoped("test"):
        assert not HelpRequest.objects.exists()
        assert not AuditEntry.objects.filter(action="help_request.submitted").exists()


@pytest.mark.parametrize(
    ("preference", "phone", "email", "expected"),
    [
        ("sms", "13912345678", "", "sms"),
        ("sms", "13912345678", "a@example.com", "sms"),
        ("email", "13912345678", "a@example.com", "email"),
        ("email", "", "a@example.com", "email"),
        ("phone", "13912345678", "a@example.com", "sms"),
        ("phone", "05516512345", "a@example.com", "email"),
        ("phone", "05516512345", "", None),
    ],
)
def test_channel_choice(served, preference, phone, email, expected):
    request = HelpRequest(
        contact_preference=preference,
        phone=phone,
        email=email,
        federation=served.federations["340102"],
    )
    choice = channel_for(request)
    assert (choice[0] if choice else None) == expected


@pytest.mark.parametrize("event", ["taken_up", "registered", "declined"])
def test_later_events_for_the_inbox(served, event, django_capture_on_commit_callbacks):
    request = submit(served).help_request
    with django_capture_on_commit_callbacks(execute=True):
        message = notify_requester(request, event, language="en")
    assert message.purpose == f"portal.help_request.{event}"
    assert display_reference(request.reference) in message.body
    assert "工资" not in message.body
    assert "李明" not in message.body


def test_unknown_event_is_a_programming_error(served):
    request = submit(served).help_request
    with pytest.raises(ValueError, match="Unknown requester event"):
        notify_requester(request, "eaten")


def test_message_texts_exist_in_both_languages():
    for language in ("en", "zh-hans"):
        with translation.override(language):
            for event in ("received", "taken_up", "registered", "declined"):
                subject, body = message_text(event, reference="K7P39XQ2M4C", station="站")
                assert "K7P3-9XQ2-M4C" in body
                assert "站" in body
                assert subject
