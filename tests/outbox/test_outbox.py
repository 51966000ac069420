"""The outbox: queued on commit, refused when the address is wrong, kept when sending fails."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from audit.models import AuditEntry
from lawstation.errors import DomainError
from outbox.backends import FileBackend, MemoryBackend
from outbox.models import MAX_ATTEMPTS, Message
from outbox.recipients import mask_email, normalise_mobile
from outbox.services import deliver, deliver_pending, queue_message
from regions.models import Level
from regions.scoping import unscoped
from tests.factories import make_region

FAILING = "tests.outbox.test_outbox.FailingBackend"


class FailingBackend:
    def send(self, message: Message) -> None:
        raise ConnectionError(f"gateway refused {message.recipient}")


@pytest.fixture(autouse=True)
def empty_memory_backend():
    MemoryBackend.sent.clear()
    yield
    MemoryBackend.sent.clear()


@pytest.fixture
def county(db):
    province = make_region("340000", "安徽省", Level.PROVINCE, None)
    city = make_region("340100", "合肥市", Level.CITY, province)
    return make_region("340102", "瑶海区", Level.COUNTY, city)


def queue_sms(**overrides) -> Message:
    values = {
        "channel": "sms",
        "recipient": "13812345678",
        "subject": "",
        "body": "Your reference is K7Q-2M4P.",
        "purpose": "portal.receipt",
    }
    return queue_message(**(values | overrides))


def stored(message: Message) -> Message:
    return Message.all_objects.get(pk=message.pk)


@pytest.mark.parametrize(
    "raw",
    [
        "13812345678",
        "138 1234 5678",
        "+86 138-1234-5678",
        "008613812345678",
        "１３８１２３４５６７８",
    ],
)
def test_mobile_numbers_are_normalised(raw):
    assert normalise_mobile(raw) == "13812345678"


@pytest.mark.parametrize("raw", ["", "12812345678", "1381234567", "138123456789", "abc", "٣٨"])
def test_what_is_not_a_mainland_mobile_number_is_refused_by_the_rules(raw):
    assert normalise_mobile(raw) is None


def test_queued_message_is_sent_after_commit(county, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = queue_sms(recipient="+86 138 1234 5678", region=county)
        assert MemoryBackend.sent == []
    assert len(callbacks) == 1
    assert [sent.pk for sent in MemoryBackend.sent] == [message.pk]
    message = stored(message)
    assert message.recipient == "13812345678"
    assert message.status == Message.Status.SENT
    assert message.attempts == 1
    assert message.sent_at is not None
    assert (message.province_code, message.city_code, message.county_code) == (
        "340000",
        "340100",
        "340102",
    )


def test_rolled_back_transaction_sends_and_keeps_nothing(db, django_capture_on_commit_callbacks):
    def queue_then_fail() -> None:
        with transaction.atomic():
            queue_sms()
            raise RuntimeError("the request failed after queueing")

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        queue_then_fail()
    assert callbacks == []
    assert MemoryBackend.sent == []
    assert not Message.all_objects.exists()


@pytest.mark.parametrize("recipient", ["", "1381234567", "23812345678", "138-1234-567x"])
def test_invalid_phone_is_refused_with_a_clear_message(db, english, recipient):
    with pytest.raises(DomainError) as error:
        queue_sms(recipient=recipient)
    assert error.value.messages == [
        "Enter a mainland China mobile number of 11 digits, starting with 1."
    ]
    assert not Message.all_objects.exists()


@pytest.mark.parametrize("recipient", ["", "not-an-address", "a@b", "someone@@example.com"])
def test_invalid_email_is_refused_with_a_clear_message(db, english, recipient):
    with pytest.raises(DomainError) as error:
        queue_sms(channel="email", recipient=recipient)
    assert error.value.messages == ["Enter a valid e-mail address."]
    assert not Message.all_objects.exists()


@pytest.mark.parametrize("body", ["", "   \n"])
def test_empty_body_is_refused(db, english, body):
    with pytest.raises(DomainError) as error:
        queue_sms(body=body)
    assert error.value.messages == ["The message is empty."]


def test_email_is_sent_to_the_trimmed_address(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_sms(channel="email", recipient=" zhang.san@example.com ", subject="Hi")
    assert stored(message).recipient == "zhang.san@example.com"
    assert stored(message).status == Message.Status.SENT


@override_settings(OUTBOX_BACKEND=FAILING)
def test_failing_backend_marks_the_message_failed_and_keeps_it(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_sms()  # no exception reaches the caller
    message = stored(message)
    assert message.status == Message.Status.FAILED
    assert message.attempts == 1
    assert message.sent_at is None
    assert message.last_error == "ConnectionError: gateway refused 138****5678"


def test_the_command_retries_failed_messages_until_they_are_sent(db, capsys):
    with override_settings(OUTBOX_BACKEND=FAILING):
        message = queue_sms()
        deliver(message)
    assert stored(message).status == Message.Status.FAILED

    call_command("send_outbox")

    message = stored(message)
    assert message.status == Message.Status.SENT
    assert message.attempts == 2
    assert message.last_error == ""
    assert [sent.pk for sent in MemoryBackend.sent] == [message.pk]
    assert "1 sent, 0 failed." in capsys.readouterr().out
    call_command("send_outbox")
    assert len(MemoryBackend.sent) == 1  # a sent message is never sent again


def test_two_deliverers_holding_the_same_message_send_it_once(db):
    message = queue_sms()  # captured on_commit never runs: the message stays queued
    first, second = stored(message), stored(message)  # the on-commit hook and send_outbox
    deliver(first)
    again = deliver(second)
    assert [sent.pk for sent in MemoryBackend.sent] == [message.pk]
    assert (again.status, again.attempts) == (Message.Status.SENT, 1)
    assert stored(message).attempts == 1


@override_settings(OUTBOX_BACKEND=FAILING)
def test_the_command_gives_up_after_the_maximum_attempts(db):
    message = queue_sms()  # captured on_commit never runs: the message stays queued
    for _attempt in range(MAX_ATTEMPTS + 2):
        deliver_pending(limit=10)
    message = stored(message)
    assert message.status == Message.Status.FAILED
    assert message.attempts == MAX_ATTEMPTS


def test_pending_messages_are_read_unscoped_only_by_the_service(db):
    queue_sms()
    with pytest.raises(RuntimeError):  # ScopeError: the plain manager refuses without a scope
        list(Message.objects.all())
    with unscoped("test"):
        assert Message.objects.count() == 1


def test_file_backend_appends_json_lines(db, tmp_path):
    first = queue_sms()
    second = queue_sms(channel="email", recipient="li.si@example.com", body="第二条")
    backend = FileBackend(tmp_path)
    backend.send(first)
    backend.send(second)
    [path] = tmp_path.glob("*.jsonl")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [(line["id"], line["channel"], line["recipient"]) for line in lines] == [
        (first.pk, "sms", "13812345678"),
        (second.pk, "email", "li.si@example.com"),
    ]
    assert lines[1]["body"] == "第二条"
    assert path.stat().st_mode & 0o077 == 0


def test_file_backend_directory_comes_from_settings(
    db, tmp_path, django_capture_on_commit_callbacks
):
    file_backend = override_settings(
        OUTBOX_BACKEND="outbox.backends.FileBackend", OUTBOX_DIR=tmp_path
    )
    with file_backend, django_capture_on_commit_callbacks(execute=True):
        message = queue_sms()
    assert stored(message).status == Message.Status.SENT
    assert len(list(tmp_path.glob("*.jsonl"))) == 1


def test_queueing_is_audited_with_the_recipient_masked(county):
    sms = queue_sms(region=county)
    email = queue_sms(channel="email", recipient="zhang.san@example.com")
    entries = {
        entry.target_id: entry
        for entry in AuditEntry.all_objects.filter(
            action="outbox.queued", target_type="outbox.message"
        )
    }
    assert entries[str(sms.pk)].changes == {
        "channel": [None, "sms"],
        "recipient": [None, "138****5678"],
        "purpose": [None, "portal.receipt"],
    }
    assert entries[str(sms.pk)].county_code == "340102"
    assert "13812345678" not in entries[str(sms.pk)].target_label
    assert entries[str(email.pk)].changes["recipient"] == [None, "z***@example.com"]
    assert "zhang.san" not in entries[str(email.pk)].target_label
    assert mask_email("zhang.san@example.com") == "z***@example.com"
