"""Requests for help on every channel, consultations on the spot and registering cases."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEntry
from cases.models import Case, Channel, Intake, Transition
from cases.services import intake as intake_services
from cases.services.intake import (
    close_as_consultation,
    receive_and_decide,
    register_case,
)
from lawstation.errors import DomainError
from tests.cases.helpers import make_applicant, make_case
from tests.cases.intake_helpers import make_intake
from tests.people.helpers import make_workstation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language(english) -> None:
    """Messages are asserted in English."""


def clerk(cast, code="340102"):
    return cast.user(code, Role.CLERK)


def register(cast, intake, code="340102", **fields):
    values = {
        "actor": clerk(cast, code),
        "applicant": make_applicant(cast, code, disability_category="2"),
        "matter": "单位拖欠工资",
        "matter_category": "employment",
    }
    values.update(fields)
    return register_case(intake, **values)


# --- Receiving ------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", Channel.values)
def test_a_request_is_received_on_every_channel_and_audited(cast, channel):
    oral = channel in ("in_person", "phone")
    intake = make_intake(cast, "340102", channel=channel, is_oral=oral, read_back=oral)
    stored = Intake.all_objects.get(pk=intake.pk)
    assert (stored.channel, stored.outcome, stored.received_by) == (
        channel,
        "pending",
        clerk(cast),
    )
    assert (stored.province_code, stored.city_code, stored.county_code) == (
        "340000",
        "340100",
        "340102",
    )
    assert (stored.read_back_at is not None) is oral
    entry = AuditEntry.all_objects.get(action="intake.received")
    assert entry.target_id == str(intake.pk)
    assert entry.county_code == "340102"
    assert entry.changes["channel"] == [None, channel]


def test_the_portal_submits_with_no_actor(cast):
    intake = make_intake(cast, "340102", channel="web", is_oral=False, read_back=False, actor=None)
    assert intake.received_by is None
    assert AuditEntry.all_objects.get(action="intake.received").actor is None


def test_an_oral_request_not_read_back_is_refused(cast):
    with pytest.raises(DomainError, match="must be read back to the person and confirmed"):
        make_intake(cast, "340102", is_oral=True, read_back=False)
    assert not Intake.all_objects.exists()
    assert not AuditEntry.all_objects.filter(action="intake.received").exists()


@pytest.mark.parametrize("channel", ["sms", "email", "web", "letter"])
def test_only_face_to_face_and_phone_requests_can_be_oral(cast, channel):
    with pytest.raises(DomainError, match="Only a request made face to face or by phone"):
        make_intake(cast, "340102", channel=channel, is_oral=True, read_back=True)


def test_a_request_received_in_the_future_is_refused(cast):
    with pytest.raises(DomainError, match="cannot be in the future"):
        make_intake(cast, "340102", received_at=timezone.now() + timedelta(days=1))
    assert not Intake.all_objects.exists()


def test_a_slightly_fast_clock_is_tolerated(cast):
    intake = make_intake(cast, "340102", received_at=timezone.now() + timedelta(minutes=2))
    assert intake.pk


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"in_own_words": "  "}, "Write down the matter in the person's own words."),
        ({"channel": "pigeon"}, "Choose how the request arrived."),
        ({"contact_name": "名" * 65}, "The name or contact given is too long."),
        ({"submission_key": ""}, "This form has expired"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(cast, fields, message):
    with pytest.raises(DomainError, match=message):
        make_intake(cast, "340102", **fields)


def test_a_double_submission_returns_the_first_record(cast):
    first = make_intake(cast, "340102", submission_key="same-key")
    second = make_intake(cast, "340102", submission_key="same-key", in_own_words="再次提交")
    assert second.pk == first.pk
    assert second.is_repeat is True
    assert Intake.all_objects.count() == 1
    assert AuditEntry.all_objects.filter(action="intake.received").count() == 1


def test_a_racing_double_submission_still_makes_one_record(cast, monkeypatch):
    first = make_intake(cast, "340102", submission_key="raced")
    real = intake_services._submitted
    calls = []

    def missed_once(federation, key):
        # The second request looked before the first one had committed.
        calls.append(key)
        return None if len(calls) == 1 else real(federation, key)

    monkeypatch.setattr(intake_services, "_submitted", missed_once)
    second = make_intake(cast, "340102", submission_key="raced")
    assert second.pk == first.pk
    assert len(calls) == 2
    assert Intake.all_objects.count() == 1


def test_a_key_used_at_another_federation_is_refused(cast):
    make_intake(cast, "340102", submission_key="used")
    with pytest.raises(DomainError, match="This form has expired"):
        make_intake(cast, "340103", submission_key="used")


def test_an_applicant_from_outside_the_federation_is_refused(cast):
    stranger = make_applicant(cast, "340103")
    with pytest.raises(DomainError, match="outside this federation's area"):
        make_intake(cast, "340102", applicant=stranger)


# --- Consultation ---------------------------------------------------------------------------


def test_a_request_is_closed_on_the_spot_as_a_consultation(cast):
    intake = make_intake(cast, "340102")
    closed = close_as_consultation(intake, actor=clerk(cast), answer="告知可申请劳动仲裁。")
    stored = Intake.all_objects.get(pk=intake.pk)
    assert (stored.outcome, stored.answer) == ("consultation", "告知可申请劳动仲裁。")
    assert closed.outcome == "consultation"
    entry = AuditEntry.all_objects.get(action="intake.consultation_closed")
    assert entry.changes == {"outcome": ["pending", "consultation"]}


def test_a_consultation_needs_the_answer_given(cast):
    intake = make_intake(cast, "340102")
    with pytest.raises(DomainError, match="Write down the answer"):
        close_as_consultation(intake, actor=clerk(cast), answer=" ")
    assert Intake.all_objects.get(pk=intake.pk).outcome == "pending"


def test_a_decided_request_cannot_be_decided_again(cast):
    intake = make_intake(cast, "340102")
    close_as_consultation(intake, actor=clerk(cast), answer="已解答")
    with pytest.raises(DomainError, match="already dealt with"):
        register(cast, intake)
    with pytest.raises(DomainError, match="already dealt with"):
        close_as_consultation(intake, actor=clerk(cast), answer="再答")
    assert not Case.all_objects.exists()


# --- Registering ----------------------------------------------------------------------------


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_registering_gives_the_next_number_and_copies_what_the_case_needs(cast):
    workstation = make_workstation(cast, "340102")
    intake = make_intake(cast, "340102", channel="phone")
    case = register(cast, intake)
    stored = Case.all_objects.get(pk=case.pk)
    assert (stored.number, stored.year, stored.serial) == ("340102-2026-0001", 2026, 1)
    assert (stored.province_code, stored.city_code, stored.county_code) == (
        "340000",
        "340100",
        "340102",
    )
    assert (stored.channel, stored.disability_category, stored.status) == (
        "phone",
        "2",
        "registered",
    )
    assert (stored.workstation, stored.intake, stored.federation) == (
        workstation,
        Intake.all_objects.get(pk=intake.pk),
        cast.federations["340102"],
    )
    step = Transition.all_objects.get(case=case)
    assert (step.from_status, step.to_status, step.county_code) == ("", "registered", "340102")
    stored_intake = Intake.all_objects.get(pk=intake.pk)
    assert (stored_intake.outcome, stored_intake.applicant) == ("case", stored.applicant)
    entry = AuditEntry.all_objects.get(action="case.registered")
    assert entry.changes["number"] == [None, "340102-2026-0001"]
    assert entry.county_code == "340102"


@time_machine.travel("2026-05-01 09:00 +0800", tick=False)
def test_numbers_run_per_federation_and_follow_the_highest_serial(cast):
    make_case(cast, "340102", serial=7, number="340102-2026-0007", year=2026)
    first = register(cast, make_intake(cast, "340102"))
    other = register(cast, make_intake(cast, "340103"), code="340103")
    city = register(cast, make_intake(cast, "340100"), code="340100")
    assert first.number == "340102-2026-0008"
    assert other.number == "340103-2026-0001"
    assert city.number == "340100-2026-0001"


def test_numbers_start_again_in_a_new_local_year(cast):
    with time_machine.travel("2026-12-31 23:30 +0800", tick=False):
        last = register(cast, make_intake(cast, "340102"))
    # 2027-01-01 00:30 in China is still 2026 in UTC.
    with time_machine.travel("2027-01-01 00:30 +0800", tick=False):
        first = register(cast, make_intake(cast, "340102"))
    assert (last.number, first.number) == ("340102-2026-0001", "340102-2027-0001")


def test_a_city_federation_may_register_an_applicant_of_its_counties(cast):
    applicant = make_applicant(cast, "340102")
    case = register(cast, make_intake(cast, "340100"), code="340100", applicant=applicant)
    assert case.county_code is None
    assert case.city_code == "340100"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"applicant": None}, "Choose the applicant"),
        ({"matter": "  "}, "Describe the matter."),
        ({"matter_category": "astrology"}, "Choose the kind of matter from the list."),
    ],
)
def test_registering_refuses_bad_input_with_nothing_saved(cast, fields, message):
    intake = make_intake(cast, "340102")
    with pytest.raises(DomainError, match=message):
        register(cast, intake, **fields)
    assert not Case.all_objects.exists()
    assert Intake.all_objects.get(pk=intake.pk).outcome == "pending"


def test_registering_refuses_an_applicant_of_a_sibling_county(cast):
    intake = make_intake(cast, "340102")
    with pytest.raises(DomainError, match="outside this federation's area"):
        register(cast, intake, applicant=make_applicant(cast, "340103"))
    assert not AuditEntry.all_objects.filter(action="case.registered").exists()


def test_registering_refuses_another_federations_workstation(cast):
    intake = make_intake(cast, "340102")
    with pytest.raises(DomainError, match="this federation's own workstation"):
        register(cast, intake, workstation=make_workstation(cast, "340103"))


def test_a_request_is_registered_once(cast):
    intake = make_intake(cast, "340102")
    register(cast, intake)
    with pytest.raises(DomainError, match="already dealt with"):
        register(cast, intake)
    assert Case.all_objects.count() == 1


# --- The counter's form in one step ---------------------------------------------------------


def counter(cast, **fields):
    values = {
        "actor": clerk(cast),
        "channel": "in_person",
        "received_at": timezone.now(),
        "in_own_words": "工伤赔偿被拒",
        "is_oral": True,
        "read_back": True,
        "submission_key": "counter-key",
    }
    values.update(fields)
    return receive_and_decide(cast.federations["340102"], **values)


def test_receive_and_register_in_one_step(cast):
    applicant = make_applicant(cast, "340102")
    intake = counter(cast, decision="case", applicant=applicant, matter_category="tort")
    assert intake.outcome == "case"
    assert intake.case.matter == "工伤赔偿被拒"
    assert {e.action for e in AuditEntry.all_objects.all()} >= {
        "intake.received",
        "case.registered",
    }


def test_receive_and_close_in_one_step(cast):
    intake = counter(cast, decision="consultation", answer="已解答")
    assert (intake.outcome, intake.answer) == ("consultation", "已解答")


def test_a_refused_decision_saves_nothing_at_all(cast):
    with pytest.raises(DomainError, match="Choose the kind of matter"):
        counter(cast, decision="case", applicant=make_applicant(cast, "340102"))
    assert not Intake.all_objects.exists()
    assert not AuditEntry.all_objects.filter(action="intake.received").exists()


def test_a_repeated_counter_form_is_not_decided_twice(cast):
    applicant = make_applicant(cast, "340102")
    first = counter(cast, decision="case", applicant=applicant, matter_category="tort")
    again = counter(cast, decision="case", applicant=applicant, matter_category="tort")
    assert again.pk == first.pk
    assert again.is_repeat
    assert Case.all_objects.count() == 1
