"""Staff decisions on online requests: take up, register, decline (portal.services.handling)."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from audit.models import AuditEntry
from cases.models import Case, Channel, Intake
from lawstation.errors import DomainError
from outbox.models import Message
from portal.models import HelpRequest
from portal.services.handling import (
    decline_help_request,
    declined_reason_parts,
    register_help_request,
    take_up_help_request,
)
from regions.scoping import unscoped
from tests.cases.helpers import make_applicant
from tests.portal.inbox_helpers import make_help_request

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


def messages() -> list[Message]:
    with unscoped("test: the outbox"):
        return list(Message.objects.order_by("pk"))


def intakes() -> int:
    with unscoped("test: count intakes"):
        return Intake.objects.count()


def reloaded(help_request: HelpRequest) -> HelpRequest:
    return HelpRequest.all_objects.get(pk=help_request.pk)


def assert_no_personal_data(message: Message, help_request: HelpRequest) -> None:
    text = f"{message.subject} {message.body}"
    for secret in (help_request.name, help_request.matter, PHONE, "欠薪", "工资"):
        assert secret not in text
    assert help_request.reference[:4] in text.replace("-", "")


def test_taking_up_makes_a_web_intake_tells_the_requester_by_sms_and_is_audited(cast):
    clerk = cast.user("340102", Role.CLERK)
    help_request = make_help_request(cast, "340102", needs_other="请慢慢说")

    intake = take_up_help_request(help_request, actor=clerk, version=1)

    assert intake.channel == Channel.WEB
    assert intake.federation == cast.federations["340102"]
    assert intake.received_at == help_request.submitted_at
    assert intake.in_own_words == help_request.matter
    assert intake.contact_name == "李明"
    assert PHONE in intake.contact_details
    assert "请慢慢说" in intake.contact_details
    assert intake.submission_key == f"web-{help_request.pk}"
    assert intake.outcome == Intake.Outcome.PENDING
    after = reloaded(help_request)
    assert (after.status, after.intake, after.handled_by, after.version) == (
        HelpRequest.Status.INTAKE,
        intake,
        clerk,
        2,
    )
    entry = AuditEntry.all_objects.get(action="help_request.taken_up")
    assert entry.actor == clerk
    assert entry.county_code == "340102"
    assert entry.changes["status"] == ["new", "intake"]
    [message] = messages()
    assert (message.channel, message.recipient, message.purpose) == (
        Message.Channel.SMS,
        PHONE,
        "portal.help_request.taken_up",
    )
    assert_no_personal_data(message, help_request)


def test_a_request_made_for_someone_names_both_on_the_intake(cast, english):
    help_request = make_help_request(
        cast, "340102", requester="on_behalf", name="张华", person_name="张伟", relationship="儿子"
    )
    intake = take_up_help_request(help_request, actor=cast.user("340102", Role.CLERK), version=1)
    assert intake.contact_name == "张华 for 张伟"
    assert "Sign-language interpreter" in intake.contact_details


def test_registering_makes_a_case_in_one_step_and_tells_the_requester_by_email(cast):
    clerk = cast.user("340102", Role.CLERK)
    applicant = make_applicant(cast, "340102", name="李明")
    help_request = make_help_request(
        cast, "340102", phone="", email="li@example.com", contact_preference="email"
    )

    case = register_help_request(
        help_request, actor=clerk, version=1, applicant=applicant, matter_category="employment"
    )

    assert case.applicant == applicant
    assert case.channel == Channel.WEB
    assert case.matter == help_request.matter
    after = reloaded(help_request)
    assert after.status == HelpRequest.Status.CASE
    assert after.intake.outcome == Intake.Outcome.CASE
    assert after.intake.case == case
    assert AuditEntry.all_objects.filter(action="help_request.registered").count() == 1
    assert AuditEntry.all_objects.filter(action="case.registered").count() == 1
    [message] = messages()
    assert (message.channel, message.recipient, message.purpose) == (
        Message.Channel.EMAIL,
        "li@example.com",
        "portal.help_request.registered",
    )
    assert_no_personal_data(message, help_request)


@pytest.mark.parametrize("problem", ["sibling_applicant", "no_applicant", "bad_category"])
def test_a_refused_registration_leaves_the_request_new_and_no_intake(cast, problem):
    clerk = cast.user("340102", Role.CLERK)
    applicant = {
        "sibling_applicant": make_applicant(cast, "340103"),
        "no_applicant": None,
        "bad_category": make_applicant(cast, "340102"),
    }[problem]
    category = "nonsense" if problem == "bad_category" else "employment"
    help_request = make_help_request(cast, "340102")

    with pytest.raises(DomainError):
        register_help_request(
            help_request, actor=clerk, version=1, applicant=applicant, matter_category=category
        )

    after = reloaded(help_request)
    assert (after.status, after.intake_id, after.version) == (HelpRequest.Status.NEW, None, 1)
    assert intakes() == 0
    with unscoped("test: count cases"):
        assert Case.objects.count() == 0
    assert messages() == []
    assert not AuditEntry.all_objects.filter(action__startswith="help_request.").exists()


def test_declining_stores_the_reason_and_tells_the_requester(cast):
    clerk = cast.user("340102", Role.CLERK)
    help_request = make_help_request(cast, "340102")

    decline_help_request(
        help_request, actor=clerk, version=1, reason="outside_area", detail=" 芜湖市  镜湖区 "
    )

    after = reloaded(help_request)
    assert after.status == HelpRequest.Status.DECLINED
    assert after.declined_reason == "outside_area: 芜湖市 镜湖区"
    assert after.intake is None
    assert after.handled_by == clerk
    entry = AuditEntry.all_objects.get(action="help_request.declined")
    assert entry.changes["reason"] == [None, "outside_area"]
    [message] = messages()
    assert message.purpose == "portal.help_request.declined"
    assert_no_personal_data(message, help_request)


def test_the_declined_reason_reads_back_as_label_and_words(english):
    assert declined_reason_parts("outside_area: 芜湖市") == ("Outside our area", "芜湖市")
    assert declined_reason_parts("duplicate") == ("A duplicate of another request", "")


@pytest.mark.parametrize(
    ("reason", "detail", "code"),
    [
        ("", "", "reason"),
        ("nonsense", "", "reason"),
        ("outside_area", "  ", "detail"),
        ("other", "", "detail"),
        ("other", "长" * 201, "detail"),
    ],
)
def test_a_decline_without_a_proper_reason_is_refused(cast, reason, detail, code):
    help_request = make_help_request(cast, "340102")
    with pytest.raises(DomainError) as refused:
        decline_help_request(
            help_request,
            actor=cast.user("340102", Role.CLERK),
            version=1,
            reason=reason,
            detail=detail,
        )
    assert refused.value.code == code
    assert reloaded(help_request).status == HelpRequest.Status.NEW


def test_spam_is_declined_without_a_message_to_the_contact_given(cast):
    help_request = make_help_request(cast, "340102")
    decline_help_request(
        help_request, actor=cast.user("340102", Role.CLERK), version=1, reason="spam"
    )
    assert reloaded(help_request).status == HelpRequest.Status.DECLINED
    assert messages() == []


def test_nothing_is_sent_when_only_a_landline_was_given(cast):
    help_request = make_help_request(
        cast, "340102", phone="0551-62345678", contact_preference="phone"
    )
    take_up_help_request(help_request, actor=cast.user("340102", Role.CLERK), version=1)
    assert reloaded(help_request).status == HelpRequest.Status.INTAKE
    assert messages() == []


@pytest.mark.parametrize("action", ["take_up", "register", "decline"])
def test_a_stale_form_is_refused_and_changes_nothing(cast, action):
    clerk = cast.user("340102", Role.CLERK)
    help_request = make_help_request(cast, "340102")
    HelpRequest.all_objects.filter(pk=help_request.pk).update(version=2)
    with pytest.raises(DomainError) as refused:
        decide(action, help_request, clerk, make_applicant(cast, "340102"))
    assert refused.value.code == "stale"
    after = reloaded(help_request)
    assert (after.status, after.version, after.intake_id) == ("new", 2, None)
    assert intakes() == 0
    assert messages() == []


@pytest.mark.parametrize("second", ["take_up", "register", "decline"])
def test_a_second_decision_on_a_handled_request_is_refused_clearly(cast, english, second):
    clerk = cast.user("340102", Role.CLERK)
    help_request = make_help_request(cast, "340102")
    take_up_help_request(help_request, actor=clerk, version=1)
    with pytest.raises(DomainError) as refused:
        decide(second, reloaded(help_request), clerk, make_applicant(cast, "340102"))
    assert refused.value.code == "handled"
    assert "already handled" in refused.value.message
    assert reloaded(help_request).status == HelpRequest.Status.INTAKE
    assert intakes() == 1
    assert len(messages()) == 1


def test_a_city_clerk_may_decide_for_a_county_below(cast):
    city_clerk = cast.user("340100", Role.CLERK)
    help_request = make_help_request(cast, "340102")
    intake = take_up_help_request(help_request, actor=city_clerk, version=1)
    assert intake.federation == cast.federations["340102"]
    assert intake.county_code == "340102"


def decide(action, help_request, actor, applicant):
    if action == "take_up":
        return take_up_help_request(help_request, actor=actor, version=1)
    if action == "register":
        return register_help_request(
            help_request, actor=actor, version=1, applicant=applicant, matter_category="employment"
        )
    return decline_help_request(help_request, actor=actor, version=1, reason="duplicate")
