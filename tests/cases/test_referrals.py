"""Referrals: the services (prepare, consent, send, decide, withdraw, conclude, letter), the
overdue selector, and the pages. Assertions on wording run in English."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEntry
from cases.models import Case, Referral
from cases.selectors.referrals import referrals_of, referrals_overdue, referrals_prefetch
from cases.services.referral_letters import referral_letter_pdf
from cases.services.referrals import (
    prepare_referral,
    record_consent,
    record_referral_decision,
    record_referral_outcome,
    send_referral,
    withdraw_referral,
)
from lawstation.errors import DomainError
from people.models import Person
from regions.middleware import scope_for_membership
from regions.scoping import activate, unscoped
from tests.cases.helpers import make_applicant, make_case
from tests.people.helpers import make_person
from tests.scope_rows.cases_referrals import make_referral
from tests.scope_rows.partners import partner
from workstations.models import PartnerUnit

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 16)  # a Monday


@pytest.fixture(autouse=True)
def frozen_today(english):
    with time_machine.travel(datetime(2026, 11, 16, 4, 0, tzinfo=UTC), tick=False):
        yield


def clerk(cast, code="340102"):
    return cast.user(code, Role.CLERK)


def scope_of(user):
    return scope_for_membership(user.membership)


def entries(action):
    return list(AuditEntry.all_objects.filter(action=action))


@pytest.fixture
def agencies(cast):
    """The directory: legal aid at 瑶海区, 庐阳区 (a sibling) and 合肥市; a court at 瑶海区."""
    return {
        "yaohai_aid": partner(cast, "340102", PartnerUnit.LEGAL_AID, "瑶海区法律援助中心"),
        "luyang_aid": partner(cast, "340103", PartnerUnit.LEGAL_AID, "庐阳区法律援助中心"),
        "hefei_aid": partner(cast, "340100", PartnerUnit.LEGAL_AID, "合肥市法律援助中心"),
        "yaohai_court": partner(cast, "340102", PartnerUnit.COURT, "瑶海区人民法院"),
    }


@pytest.fixture
def case(cast):
    applicant = make_applicant(
        cast,
        "340102",
        name="张三",
        id_number_masked="3401**********1234",
        disability_category="2",
        disability_grade=2,
        phone="13800000000",
    )
    return make_case(cast, "340102", applicant=applicant, status="accepted")


def prepared(cast, case, agencies, **fields):
    values = {
        "kind": "legal_aid",
        "is_litigation": True,
        "organ_region": cast.regions["340102"],
        "materials": ["identity"],
    }
    return prepare_referral(case, actor=clerk(cast), **{**values, **fields})


def sent(cast, case, agencies, sent_on=date(2026, 11, 2), **fields):
    referral = prepared(cast, case, agencies, **fields)
    referral = record_consent(referral, actor=clerk(cast), consented_on=date(2026, 11, 1))
    return send_referral(referral, actor=clerk(cast), sent_on=sent_on)


# --- prepare_referral -----------------------------------------------------------------------


def test_a_referral_goes_to_the_suggested_institution_and_is_audited(cast, case, agencies):
    referral = prepared(cast, case, agencies)
    assert referral.partner == agencies["yaohai_aid"]
    assert referral.status == "prepared"
    assert "LAL Art. 38" in referral.routing_basis
    assert (referral.province_code, referral.city_code, referral.county_code) == (
        "340000",
        "340100",
        "340102",
    )
    (entry,) = entries("referral.prepared")
    assert entry.target_id == str(referral.pk)
    assert entry.changes["partner"] == [None, "瑶海区法律援助中心"]
    assert entry.changes["materials"] == [None, ["identity"]]
    assert entry.county_code == "340102"


def test_the_city_institution_is_suggested_when_the_court_sits_at_the_city(cast, case, agencies):
    referral = prepared(cast, case, agencies, organ_region=cast.regions["340100"])
    assert referral.partner == agencies["hefei_aid"]


def test_choosing_another_agency_than_the_suggestion_is_noted(cast, case, agencies):
    referral = prepared(cast, case, agencies, partner=agencies["hefei_aid"])
    assert referral.partner == agencies["hefei_aid"]
    assert "Another agency than the suggested 瑶海区法律援助中心 was chosen." in (
        referral.routing_basis
    )


def test_an_agency_of_the_wrong_kind_is_refused(cast, case, agencies):
    with pytest.raises(DomainError) as error:
        prepared(cast, case, agencies, partner=agencies["yaohai_court"])
    assert error.value.code == "partner_kind"
    assert not entries("referral.prepared")


def test_a_sibling_countys_agency_is_out_of_reach(cast, case, agencies):
    with pytest.raises(DomainError) as error:
        prepared(cast, case, agencies, partner=agencies["luyang_aid"])
    assert error.value.code == "partner_scope"


def test_a_sibling_county_court_routes_to_the_nearest_institution_within_reach(
    cast, case, agencies
):
    referral = prepared(cast, case, agencies, organ_region=cast.regions["340103"])
    assert referral.partner == agencies["hefei_aid"]
    assert "nearest level up" in referral.routing_basis


def test_litigation_without_the_organ_and_without_an_agency_is_refused(cast, case, agencies):
    with pytest.raises(DomainError) as error:
        prepared(cast, case, agencies, organ_region=None)
    assert error.value.code == "routing"
    assert "organ handling the matter" in error.value.messages[0]


def test_no_agency_in_the_directory_asks_to_add_one(cast, case):
    with pytest.raises(DomainError) as error:
        prepared(cast, case, {})
    assert error.value.code == "partner"


def test_a_mandatory_defence_is_a_litigation_legal_aid_referral(cast, case, agencies):
    referral = prepared(cast, case, agencies, is_litigation=False, is_mandatory_defence=True)
    assert referral.is_litigation is True
    assert "LAL Arts. 25, 36" in referral.routing_basis
    with pytest.raises(DomainError) as error:
        prepared(cast, case, agencies, kind="fee_relief", is_mandatory_defence=True, materials=[])
    assert error.value.code == "defence"


def test_fee_relief_goes_to_the_court(cast, case, agencies):
    referral = prepared(cast, case, agencies, kind="fee_relief", materials=["no_fixed_income"])
    assert referral.partner == agencies["yaohai_court"]


def test_one_open_referral_of_a_kind_per_case(cast, case, agencies):
    first = prepared(cast, case, agencies)
    with pytest.raises(DomainError) as error:
        prepared(cast, case, agencies)
    assert error.value.code == "duplicate"
    withdraw_referral(first, actor=clerk(cast), reason="改为直接服务", withdrawn_on=TODAY)
    assert prepared(cast, case, agencies).pk != first.pk


def test_a_closed_case_cannot_be_referred(cast, agencies):
    closed = make_case(cast, "340102", status="closed")
    with pytest.raises(DomainError) as error:
        prepared(cast, closed, agencies)
    assert error.value.code == "case_status"


def test_materials_off_the_checklist_are_refused(cast, case, agencies):
    with pytest.raises(DomainError) as error:
        prepared(cast, case, agencies, materials=["judgment"])
    assert error.value.code == "materials"


# --- consent and sending --------------------------------------------------------------------


def test_consent_is_recorded_and_audited(cast, case, agencies):
    referral = record_consent(
        prepared(cast, case, agencies), actor=clerk(cast), consented_on=date(2026, 11, 10)
    )
    assert referral.consented_on == date(2026, 11, 10)
    assert referral.consent_recorded_at is not None
    (entry,) = entries("referral.consent_recorded")
    assert entry.changes == {"consented_on": [None, "2026-11-10"]}


def test_consent_in_the_future_is_refused(cast, case, agencies):
    with pytest.raises(DomainError) as error:
        record_consent(
            prepared(cast, case, agencies), actor=clerk(cast), consented_on=date(2026, 11, 17)
        )
    assert error.value.code == "future"


def test_sending_without_consent_is_refused_and_nothing_changes(cast, case, agencies):
    referral = prepared(cast, case, agencies)
    with pytest.raises(DomainError) as error:
        send_referral(referral, actor=clerk(cast), sent_on=TODAY)
    assert error.value.code == "no_consent"
    referral.refresh_from_db()
    assert referral.status == "prepared"
    assert Case.all_objects.get(pk=case.pk).status == "accepted"
    assert not entries("referral.sent")


def test_sending_starts_the_art_43_deadlines_and_refers_the_case(cast, case, agencies):
    referral = sent(cast, case, agencies)
    assert referral.status == "sent"
    assert referral.sent_on == date(2026, 11, 2)
    assert referral.decision_due_on == date(2026, 11, 9)
    assert referral.assignment_due_on == date(2026, 11, 12)
    case.refresh_from_db()
    assert case.status == "referred"
    assert case.referred_at is not None
    (entry,) = entries("referral.sent")
    assert entry.changes["decision_due_on"] == [None, "2026-11-09"]
    assert entries("case.status_changed")[0].changes["status"] == ["accepted", "referred"]


def test_a_mandatory_defence_gets_the_art_36_three_day_limits(cast, case, agencies):
    referral = sent(cast, case, agencies, is_mandatory_defence=True)
    assert referral.decision_due_on == date(2026, 11, 5)
    assert referral.assignment_due_on == date(2026, 11, 8)


def test_a_case_in_service_becomes_referred_and_a_referred_one_stays(cast, agencies):
    in_service = make_case(cast, "340102", status="in_service")
    sent(cast, in_service, agencies)
    assert Case.all_objects.get(pk=in_service.pk).status == "referred"
    already = make_case(cast, "340102", status="referred")
    sent(cast, already, agencies)
    assert Case.all_objects.get(pk=already.pk).status == "referred"
    assert len(entries("case.status_changed")) == 1


def test_a_registered_case_must_be_accepted_before_a_referral_is_sent(cast, agencies):
    registered = make_case(cast, "340102", status="registered")
    with pytest.raises(DomainError) as error:
        sent(cast, registered, agencies)
    assert error.value.code == "case_status"
    assert Referral.all_objects.get().status == "prepared"


def test_sending_before_the_consent_day_is_refused(cast, case, agencies):
    with pytest.raises(DomainError) as error:
        sent(cast, case, agencies, sent_on=date(2026, 10, 31))
    assert error.value.code == "sent_on"


def test_a_stale_form_cannot_send(cast, case, agencies):
    referral = record_consent(
        prepared(cast, case, agencies), actor=clerk(cast), consented_on=date(2026, 11, 1)
    )
    with pytest.raises(DomainError) as error:
        send_referral(referral, actor=clerk(cast), sent_on=TODAY, expected_version=1)
    assert error.value.code == "stale"


def test_a_sent_referral_cannot_be_sent_again(cast, case, agencies):
    referral = sent(cast, case, agencies)
    with pytest.raises(DomainError) as error:
        send_referral(referral, actor=clerk(cast), sent_on=TODAY)
    assert error.value.code == "transition"


# --- decisions, withdrawal, outcome ---------------------------------------------------------


def test_acceptance_with_the_assigned_lawyer_is_recorded_and_audited(cast, case, agencies):
    referral = record_referral_decision(
        sent(cast, case, agencies),
        actor=clerk(cast),
        accepted=True,
        decided_on=date(2026, 11, 4),
        assigned_lawyer="李律师",
        assigned_on=date(2026, 11, 5),
    )
    assert referral.status == "accepted"
    assert referral.assignment_due_on == date(2026, 11, 7)
    assert (referral.assigned_lawyer, referral.assigned_on) == ("李律师", date(2026, 11, 5))
    assert entries("referral.accepted")[0].changes["decided_on"] == [None, "2026-11-04"]
    assert entries("referral.lawyer_assigned")[0].changes["assigned_lawyer"] == [None, "李律师"]


def test_the_lawyer_can_be_recorded_after_the_acceptance(cast, case, agencies):
    referral = record_referral_decision(
        sent(cast, case, agencies), actor=clerk(cast), accepted=True, decided_on=date(2026, 11, 4)
    )
    assert referral.due.step == "assignment"
    referral = record_referral_decision(
        referral,
        actor=clerk(cast),
        accepted=True,
        decided_on=referral.decided_on,
        assigned_lawyer="李律师",
        assigned_on=date(2026, 11, 6),
    )
    assert referral.assigned_on == date(2026, 11, 6)
    assert referral.due is None
    assert len(entries("referral.lawyer_assigned")) == 1


def test_a_lawyer_assigned_before_the_decision_is_refused(cast, case, agencies):
    with pytest.raises(DomainError) as error:
        record_referral_decision(
            sent(cast, case, agencies),
            actor=clerk(cast),
            accepted=True,
            decided_on=date(2026, 11, 4),
            assigned_lawyer="李律师",
            assigned_on=date(2026, 11, 3),
        )
    assert error.value.code == "assigned_on"
    assert not entries("referral.accepted")  # the whole step rolled back


def test_only_legal_aid_assigns_a_lawyer(cast, case, agencies):
    referral = sent(cast, case, agencies, kind="fee_relief", materials=[])
    with pytest.raises(DomainError) as error:
        record_referral_decision(
            referral,
            actor=clerk(cast),
            accepted=True,
            decided_on=date(2026, 11, 4),
            assigned_lawyer="李律师",
            assigned_on=date(2026, 11, 5),
        )
    assert error.value.code == "assignment"


def test_a_refusal_needs_its_written_reasons(cast, case, agencies):
    referral = sent(cast, case, agencies)
    with pytest.raises(DomainError) as error:
        record_referral_decision(
            referral, actor=clerk(cast), accepted=False, decided_on=date(2026, 11, 4)
        )
    assert error.value.code == "refusal_reason"
    referral = record_referral_decision(
        referral,
        actor=clerk(cast),
        accepted=False,
        decided_on=date(2026, 11, 4),
        refusal_reason=" 不符合经济困难标准 ",
    )
    assert (referral.status, referral.refusal_reason) == ("refused", "不符合经济困难标准")
    assert entries("referral.refused")[0].changes["refusal_reason"] == [None, "不符合经济困难标准"]


@pytest.mark.parametrize(
    ("day", "code"), [(date(2026, 11, 1), "decided_on"), (date(2026, 11, 17), "future")]
)
def test_a_decision_before_sending_or_in_the_future_is_refused(cast, case, agencies, day, code):
    with pytest.raises(DomainError) as error:
        record_referral_decision(
            sent(cast, case, agencies), actor=clerk(cast), accepted=True, decided_on=day
        )
    assert error.value.code == code


def test_a_prepared_referral_has_no_decision(cast, case, agencies):
    with pytest.raises(DomainError) as error:
        record_referral_decision(
            prepared(cast, case, agencies), actor=clerk(cast), accepted=True, decided_on=TODAY
        )
    assert error.value.code == "transition"


def test_withdrawal_needs_a_reason_and_is_final(cast, case, agencies):
    referral = sent(cast, case, agencies)
    with pytest.raises(DomainError) as error:
        withdraw_referral(referral, actor=clerk(cast), reason=" ", withdrawn_on=TODAY)
    assert error.value.code == "reason"
    referral = withdraw_referral(
        referral, actor=clerk(cast), reason="申请人自行委托律师", withdrawn_on=TODAY
    )
    assert referral.status == "withdrawn"
    assert entries("referral.withdrawn")[0].changes["status"] == ["sent", "withdrawn"]
    with pytest.raises(DomainError) as error:
        record_referral_outcome(referral, actor=clerk(cast), outcome="x", concluded_on=TODAY)
    assert error.value.code == "transition"


def test_the_outcome_concludes_an_accepted_or_refused_referral(cast, case, agencies):
    referral = record_referral_decision(
        sent(cast, case, agencies), actor=clerk(cast), accepted=True, decided_on=date(2026, 11, 4)
    )
    with pytest.raises(DomainError) as error:
        record_referral_outcome(
            referral, actor=clerk(cast), outcome="调解结案", concluded_on=date(2026, 11, 3)
        )
    assert error.value.code == "concluded_on"
    referral = record_referral_outcome(
        referral, actor=clerk(cast), outcome=" 调解结案 ", concluded_on=TODAY
    )
    assert (referral.status, referral.outcome, referral.concluded_on) == (
        "concluded",
        "调解结案",
        TODAY,
    )
    assert entries("referral.concluded")[0].changes["outcome"] == [None, "调解结案"]


def test_an_outcome_before_sending_is_an_illegal_move(cast, case, agencies):
    with pytest.raises(DomainError) as error:
        record_referral_outcome(
            prepared(cast, case, agencies), actor=clerk(cast), outcome="x", concluded_on=TODAY
        )
    assert error.value.code == "transition"


# --- the letter -----------------------------------------------------------------------------


def pdf_text(tmp_path, content):
    path = tmp_path / "letter.pdf"
    path.write_bytes(content)
    fonts = subprocess.run(  # noqa: S603
        ["pdffonts", str(path)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    text = subprocess.run(  # noqa: S603
        ["pdftotext", "-layout", str(path), "-"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return fonts, text


def test_the_letter_is_a_pdf_with_an_embedded_cjk_font_and_is_audited(
    cast, case, agencies, tmp_path
):
    referral = sent(cast, case, agencies)
    content = referral_letter_pdf(referral, actor=clerk(cast))
    assert content.startswith(b"%PDF")
    (entry,) = entries("referral.letter_generated")
    assert entry.target_id == str(referral.pk)
    if shutil.which("pdffonts") is None or shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed: font and text checks skipped")
    fonts, text = pdf_text(tmp_path, content)
    embedded_cjk = [
        line
        for line in fonts.splitlines()[2:]
        if ("CJK" in line or "SC" in line or "Hei" in line) and " yes " in line
    ]
    assert embedded_cjk, fonts
    for expected in [
        "瑶海区残疾人联合会",
        "瑶海区法律援助中心",
        "张三",
        "3401**********1234",
        "13800000000",
        "Hearing",
        "2026-11-09",
        "2026-11-12",
        "LAL Art. 43",
        "Identity document",
        "(enclosed)",
        "(not enclosed)",
        "2026-11-01",
    ]:
        assert expected in text, expected


def test_a_draft_letter_says_it_has_not_been_sent(cast, case, agencies, tmp_path):
    content = referral_letter_pdf(prepared(cast, case, agencies), actor=clerk(cast))
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    _fonts, text = pdf_text(tmp_path, content)
    assert "Draft: this referral has not been sent yet." in text
    assert "consent has not been recorded yet" in text


# --- overdue --------------------------------------------------------------------------------


def test_overdue_referrals_are_those_past_their_decision_or_assignment_date(cast, agencies):
    late_decision = make_referral(
        cast,
        "340102",
        status="sent",
        consented_on=date(2026, 11, 1),
        sent_on=date(2026, 11, 2),
        decision_due_on=date(2026, 11, 9),
    )
    make_referral(  # due today: not yet overdue
        cast,
        "340102",
        status="sent",
        consented_on=date(2026, 11, 1),
        sent_on=date(2026, 11, 9),
        decision_due_on=TODAY,
    )
    late_assignment = make_referral(
        cast,
        "340102",
        status="accepted",
        consented_on=date(2026, 11, 1),
        sent_on=date(2026, 11, 2),
        decided_on=date(2026, 11, 5),
        assignment_due_on=date(2026, 11, 8),
    )
    make_referral(  # assigned: nothing owed
        cast,
        "340102",
        status="accepted",
        consented_on=date(2026, 11, 1),
        sent_on=date(2026, 11, 2),
        decided_on=date(2026, 11, 5),
        assignment_due_on=date(2026, 11, 8),
        assigned_on=date(2026, 11, 6),
        assigned_lawyer="李",
    )
    make_referral(  # a sibling county's
        cast,
        "340103",
        status="sent",
        consented_on=date(2026, 11, 1),
        sent_on=date(2026, 11, 2),
        decision_due_on=date(2026, 11, 9),
    )
    overdue = list(referrals_overdue(scope_of(clerk(cast)), TODAY))
    assert overdue == [late_assignment, late_decision]  # the longest overdue first
    assert late_decision.is_overdue
    assert late_decision.days_overdue == 7
    assert late_assignment.due.step == "assignment"
    city = list(referrals_overdue(scope_of(clerk(cast, "340100")), TODAY))
    assert len(city) == 3


def test_a_lawyer_sees_only_the_overdue_referrals_of_cases_they_handle(cast, agencies):
    lawyer = cast.user("340102", Role.LAWYER)
    person = make_person(cast, "340102")
    with unscoped("test fixture"):
        Person.all_objects.filter(pk=person.pk).update(user=lawyer)
    handled = make_case(cast, "340102", status="referred", handler=person)
    values = {
        "status": "sent",
        "consented_on": date(2026, 11, 1),
        "sent_on": date(2026, 11, 2),
        "decision_due_on": date(2026, 11, 9),
    }
    mine = make_referral(cast, "340102", case=handled, **values)
    make_referral(cast, "340102", **values)
    assert list(referrals_overdue(scope_of(lawyer), TODAY)) == [mine]


# --- pages ----------------------------------------------------------------------------------


def test_new_referral_asks_first_where_to(client, cast, case):
    client.force_login(clerk(cast))
    response = client.get(reverse("referrals:new", args=[case.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Legal aid institution" in html
    assert "National judicial aid" in html


def test_the_routing_suggestion_is_shown_with_its_basis(client, cast, case, agencies):
    client.force_login(clerk(cast))
    response = client.post(
        reverse("referrals:new", args=[case.pk]),
        {"kind": "legal_aid", "is_litigation": "on", "organ_region": "340100", "suggest": "1"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "合肥市法律援助中心" in html
    assert "LAL Art. 38" in html
    assert not Referral.all_objects.exists()


def test_a_clerk_prepares_a_referral_through_the_page(client, cast, case, agencies):
    client.force_login(clerk(cast))
    response = client.post(
        reverse("referrals:new", args=[case.pk]),
        {
            "kind": "legal_aid",
            "is_litigation": "on",
            "organ_region": "340102",
            "materials": ["identity", "evidence"],
        },
    )
    referral = Referral.all_objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:detail", args=[case.pk, referral.pk])
    assert referral.partner == agencies["yaohai_aid"]
    assert referral.materials == ["identity", "evidence"]
    assert entries("referral.prepared")


def test_a_referral_that_cannot_be_routed_shows_why_and_keeps_what_was_typed(
    client, cast, case, agencies
):
    client.force_login(clerk(cast))
    response = client.post(
        reverse("referrals:new", args=[case.pk]),
        {"kind": "legal_aid", "is_litigation": "on", "materials": ["evidence"]},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert "organ handling the matter sits" in html
    assert 'value="evidence" id="id_materials_4" checked' in html
    assert not Referral.all_objects.exists()


def test_an_agency_outside_the_directory_of_the_case_is_not_a_choice(client, cast, case, agencies):
    client.force_login(clerk(cast))
    response = client.post(
        reverse("referrals:new", args=[case.pk]),
        {
            "kind": "legal_aid",
            "is_litigation": "on",
            "organ_region": "340102",
            "partner": agencies["luyang_aid"].pk,
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Referral.all_objects.exists()


def test_the_detail_page_offers_consent_first_then_sending(client, cast, case, agencies):
    referral = prepared(cast, case, agencies)
    client.force_login(clerk(cast))
    url = reverse("referrals:detail", args=[case.pk, referral.pk])
    html = client.get(url).content.decode()
    assert reverse("referrals:consent", args=[case.pk, referral.pk]) in html
    assert reverse("referrals:send", args=[case.pk, referral.pk]) not in html
    assert "A referral is sent only after the applicant" in html
    response = client.post(
        reverse("referrals:consent", args=[case.pk, referral.pk]),
        {"version": referral.version, "consented_on": "2026-11-15"},
    )
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert reverse("referrals:send", args=[case.pk, referral.pk]) in html
    assert reverse("referrals:consent", args=[case.pk, referral.pk]) not in html


def test_a_mistake_in_a_step_is_shown_with_the_typed_values(client, cast, case, agencies):
    referral = record_consent(
        prepared(cast, case, agencies), actor=clerk(cast), consented_on=date(2026, 11, 10)
    )
    client.force_login(clerk(cast))
    response = client.post(
        reverse("referrals:send", args=[case.pk, referral.pk]),
        {"version": referral.version, "sent_on": "2026-11-05"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "sent on or after the day the applicant consented" in html
    assert 'value="2026-11-05"' in html
    assert Referral.all_objects.get().status == "prepared"


def test_a_stale_step_asks_to_reload(client, cast, case, agencies):
    referral = prepared(cast, case, agencies)
    client.force_login(clerk(cast))
    response = client.post(
        reverse("referrals:consent", args=[case.pk, referral.pk]),
        {"version": referral.version + 5, "consented_on": "2026-11-15"},
    )
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()


def test_the_decision_and_assignment_go_through_the_pages(client, cast, case, agencies):
    referral = sent(cast, case, agencies)
    client.force_login(clerk(cast))
    response = client.post(
        reverse("referrals:decision", args=[case.pk, referral.pk]),
        {"version": referral.version, "accepted": "yes", "decided_on": "2026-11-04"},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    html = client.get(reverse("referrals:detail", args=[case.pk, referral.pk])).content.decode()
    assert reverse("referrals:assignment", args=[case.pk, referral.pk]) in html
    assert "Assignment overdue by 9 days (due 2026-11-07)" in html
    response = client.post(
        reverse("referrals:assignment", args=[case.pk, referral.pk]),
        {
            "version": referral.version,
            "accepted": "yes",
            "assigned_lawyer": "李律师",
            "assigned_on": "2026-11-06",
        },
    )
    assert response.status_code == 302
    assert Referral.all_objects.get().assigned_lawyer == "李律师"


def test_a_leader_reads_the_referral_but_gets_no_step_forms(client, cast, case, agencies):
    referral = prepared(cast, case, agencies)
    client.force_login(cast.user("340100", Role.LEADER))
    response = client.get(reverse("referrals:detail", args=[case.pk, referral.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form method="post" action="/staff/cases' not in html


def test_the_lawyer_handling_the_case_reads_its_referral_and_its_letter(client, cast, agencies):
    lawyer = cast.user("340102", Role.LAWYER)
    person = make_person(cast, "340102")
    with unscoped("test fixture"):
        Person.all_objects.filter(pk=person.pk).update(user=lawyer)
    handled = make_case(cast, "340102", status="accepted", handler=person)
    referral = make_referral(cast, "340102", case=handled)
    client.force_login(lawyer)
    assert (
        client.get(reverse("referrals:detail", args=[handled.pk, referral.pk])).status_code == 200
    )
    letter = client.get(reverse("referrals:letter", args=[handled.pk, referral.pk]))
    assert letter.status_code == 200


def test_the_letter_is_downloaded_as_a_pdf(client, cast, case, agencies):
    referral = prepared(cast, case, agencies)
    client.force_login(clerk(cast))
    response = client.get(reverse("referrals:letter", args=[case.pk, referral.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"referral-{case.number}-{referral.pk}.pdf" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    assert entries("referral.letter_generated")


def test_a_referral_of_another_case_answers_404(client, cast, case, agencies):
    referral = prepared(cast, case, agencies)
    other = make_case(cast, "340102", status="accepted")
    client.force_login(clerk(cast))
    assert client.get(reverse("referrals:detail", args=[other.pk, referral.pk])).status_code == 404


def test_the_detail_page_needs_constant_queries(
    client, cast, case, agencies, django_assert_max_num_queries
):
    referral = sent(cast, case, agencies)
    client.force_login(clerk(cast))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("referrals:detail", args=[case.pk, referral.pk]))
    assert "Decision due 2026-11-09" not in response.content.decode()  # it is overdue
    assert "Decision overdue by 7 days (due 2026-11-09)" in response.content.decode()


def overdue_referral(cast, code="340102"):
    return make_referral(
        cast,
        code,
        status="sent",
        consented_on=date(2026, 11, 1),
        sent_on=date(2026, 11, 2),
        decision_due_on=date(2026, 11, 9),
    )


def test_the_overdue_page_lists_them_in_text_and_in_constant_queries(
    client, cast, django_assert_max_num_queries
):
    referral = overdue_referral(cast)
    client.force_login(clerk(cast, "340100"))
    url = reverse("referrals_overview:overdue")
    with django_assert_max_num_queries(14) as few:
        response = client.get(url)
    html = response.content.decode()
    assert referral.case.number in html
    assert "Decision overdue by 7 days (due 2026-11-09)" in html
    for code in ["340102", "340103", "340100", "340103"]:
        overdue_referral(cast, code)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "5 overdue referrals" in response.content.decode()


def test_the_overdue_page_says_when_nothing_is_overdue(client, cast):
    client.force_login(clerk(cast))
    response = client.get(reverse("referrals_overview:overdue"))
    assert "No referral is overdue." in response.content.decode()


# --- the case page partial ------------------------------------------------------------------


def test_the_case_page_partial_lists_referrals_without_a_query_each(
    cast, case, agencies, django_assert_num_queries
):
    user = clerk(cast)
    scope = scope_of(user)
    overdue = sent(cast, case, agencies)
    prepared(cast, case, agencies, kind="fee_relief", materials=[])
    request = RequestFactory().get("/")
    request.user = user
    with activate(scope):
        loaded = Case.objects.prefetch_related(referrals_prefetch(scope)).get(pk=case.pk)
    with django_assert_num_queries(0):
        html = render_to_string(
            "cases/_detail_referrals.html", {"case": loaded, "scope": scope}, request=request
        )
    assert reverse("referrals:detail", args=[case.pk, overdue.pk]) in html
    assert "Decision overdue by 7 days" in html
    assert "Court: litigation-fee relief" in html
    assert reverse("referrals:new", args=[case.pk]) in html


def test_referrals_of_a_case_come_oldest_first_with_their_agency(cast, case, agencies):
    first = prepared(cast, case, agencies)
    second = prepared(cast, case, agencies, kind="fee_relief", materials=[])
    assert list(referrals_of(scope_of(clerk(cast)), case)) == [first, second]
    assert isinstance(referrals_prefetch(scope_of(clerk(cast))), Prefetch)


def test_only_a_legal_aid_decision_asks_for_the_assigned_lawyer(client, cast, case, agencies):
    legal_aid = sent(cast, case, agencies)
    fee_relief = sent(cast, case, agencies, kind="fee_relief", materials=[])
    client.force_login(clerk(cast))
    detail = reverse("referrals:detail", args=[case.pk, legal_aid.pk])
    assert "id_decision_assigned_lawyer" in client.get(detail).content.decode()
    detail = reverse("referrals:detail", args=[case.pk, fee_relief.pk])
    assert "id_decision_assigned_lawyer" not in client.get(detail).content.decode()


def test_an_unknown_kind_asks_again_where_to(client, cast, case):
    client.force_login(clerk(cast))
    response = client.get(reverse("referrals:new", args=[case.pk]), {"kind": "bank"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
