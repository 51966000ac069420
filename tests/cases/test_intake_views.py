"""The counter's pages: a new request, the list of requests, one request and its decision."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEntry
from cases.models import Case, Intake
from tests.cases import identity
from tests.cases.helpers import make_applicant
from tests.cases.intake_helpers import make_intake

pytestmark = pytest.mark.django_db
NEW = reverse("intake:new")


@pytest.fixture(autouse=True)
def _language(english) -> None:
    """Pages are asserted in English."""


@pytest.fixture
def clerk(client, cast):
    client.force_login(cast.user("340102", Role.CLERK))
    return client


def posted(**fields):
    data = {
        "channel": "in_person",
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "in_own_words": "公司拒绝支付工伤赔偿，我的右腿因此残疾。",
        "is_oral": "on",
        "read_back": "on",
        "contact_name": "",
        "contact_details": "",
        "matter_category": "",
        "answer": "",
        "submission_key": "form-token-1",
        "decision": "pending",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def test_the_new_request_form_carries_a_one_time_token_and_defaults_to_now(clerk):
    response = clerk.get(NEW)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="submission_key"' in html
    assert 'type="datetime-local"' in html
    assert 'value="in_person"' in html
    assert "checked" in html
    assert (
        response.context["form"].initial["submission_key"]
        != clerk.get(NEW).context["form"].initial["submission_key"]
    )


def test_searching_offers_applicants_of_the_scope_only(clerk, cast):
    mine = make_applicant(cast, "340102", name="张三丰")
    make_applicant(cast, "340103", name="张三")
    response = clerk.get(NEW, {"q": "张三"})
    choices = dict(response.context["form"].fields["applicant"].choices)
    assert str(mine.pk) in choices
    assert len(choices) == 2  # "not registered yet" and the one applicant of the scope
    assert "1 applicant found" in response.content.decode()


def test_searching_by_resident_id_finds_the_applicant_and_is_audited(clerk, cast):
    number = identity.id_number()
    applicant = identity.register(cast, "340102", name="钱七", id_number=number)
    response = clerk.get(NEW, {"q": number})
    choices = dict(response.context["form"].fields["applicant"].choices)
    assert str(applicant.pk) in choices
    assert AuditEntry.all_objects.filter(action="applicant.searched").exists()


def test_the_counter_can_start_from_an_applicant(clerk, cast):
    applicant = make_applicant(cast, "340102")
    form = clerk.get(NEW, {"applicant": applicant.pk}).context["form"]
    assert form.initial["applicant"] == str(applicant.pk)
    stranger = make_applicant(cast, "340103")
    assert clerk.get(NEW, {"applicant": stranger.pk}).context["form"].initial["applicant"] == ""


def test_a_request_is_registered_as_a_case_from_the_counter(clerk, cast):
    applicant = make_applicant(cast, "340102")
    response = clerk.post(
        NEW,
        posted(applicant=str(applicant.pk), matter_category="tort", decision="case"),
    )
    case = Case.all_objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert (case.applicant, case.matter_category, case.channel) == (applicant, "tort", "in_person")
    assert Intake.all_objects.get().outcome == "case"


def test_a_request_is_closed_as_a_consultation_from_the_counter(clerk):
    response = clerk.post(NEW, posted(decision="consultation", answer="可申请劳动仲裁。"))
    intake = Intake.all_objects.get()
    assert response["Location"] == reverse("intake:detail", args=[intake.pk])
    assert (intake.outcome, intake.answer) == ("consultation", "可申请劳动仲裁。")


def test_a_request_can_wait_for_a_decision(clerk):
    response = clerk.post(NEW, posted(contact_name="李四", contact_details="0551-1234567"))
    intake = Intake.all_objects.get()
    assert response["Location"] == reverse("intake:detail", args=[intake.pk])
    assert (intake.outcome, intake.contact_name) == ("pending", "李四")


def test_a_double_submitted_form_makes_one_record(clerk, cast):
    applicant = make_applicant(cast, "340102")
    data = posted(applicant=str(applicant.pk), matter_category="tort", decision="case")
    first = clerk.post(NEW, data)
    second = clerk.post(NEW, data, follow=True)
    assert Intake.all_objects.count() == 1
    assert Case.all_objects.count() == 1
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "already been sent" in second.content.decode()


def test_an_oral_request_not_read_back_is_shown_again_with_what_was_typed(clerk):
    response = clerk.post(NEW, posted(read_back=None))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Read the request back to the person" in html
    assert 'role="alert"' in html
    assert "公司拒绝支付工伤赔偿" in html
    assert not Intake.all_objects.exists()


def test_registering_without_applicant_or_kind_is_explained(clerk):
    response = clerk.post(NEW, posted(decision="case"))
    html = response.content.decode()
    assert "Choose the applicant, or register them first." in html
    assert "Choose the kind of matter." in html
    assert not Intake.all_objects.exists()


def test_a_request_received_in_the_future_is_refused(clerk):
    tomorrow = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = clerk.post(NEW, posted(received_at=tomorrow))
    assert "The time received cannot be in the future." in response.content.decode()
    assert not Intake.all_objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"received_at": "2026-13-45T99:99"},
        {"applicant": "99999999999999999999"},
        {"applicant": "x' OR 1=1"},
        {"channel": "pigeon"},
        {"decision": "explode"},
        {"in_own_words": "字" * 30000},
        {"submission_key": "k" * 500},
    ],
)
def test_bad_input_never_breaks_the_counter(clerk, fields):
    response = clerk.post(NEW, posted(**fields))
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not Intake.all_objects.exists()


def test_an_applicant_of_another_county_cannot_be_slipped_in(clerk, cast):
    stranger = make_applicant(cast, "340103")
    response = clerk.post(
        NEW, posted(applicant=str(stranger.pk), matter_category="tort", decision="case")
    )
    assert response.status_code == 200
    assert not Case.all_objects.exists()


def test_the_list_shows_pending_requests_first_in_constant_queries(
    clerk, cast, django_assert_max_num_queries
):
    decided = make_intake(cast, "340102")
    clerk.post(reverse("intake:consultation", args=[decided.pk]), {"answer": "已解答"})
    waiting = make_intake(cast, "340102", received_at=timezone.now() - timedelta(days=3))
    url = reverse("intake:list")
    with django_assert_max_num_queries(12) as few:
        clerk.get(url)
    for _ in range(5):
        make_intake(cast, "340102", applicant=make_applicant(cast, "340102"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = clerk.get(url)
    intakes = list(response.context["page"].object_list)
    assert intakes[-1] == decided
    assert intakes.index(waiting) == 5


def test_a_lawyer_has_no_counter(client, cast):
    client.force_login(cast.user("340102", Role.LAWYER))
    assert client.get(reverse("intake:list")).status_code == 403


def test_the_request_page_is_audited_and_in_constant_queries(
    clerk, cast, django_assert_max_num_queries
):
    intake = make_intake(cast, "340102", applicant=make_applicant(cast, "340102"))
    with django_assert_max_num_queries(16):
        response = clerk.get(reverse("intake:detail", args=[intake.pk]))
    assert response.status_code == 200
    assert "单位拖欠我三个月工资" in response.content.decode()
    assert AuditEntry.all_objects.filter(action="intake.viewed", target_id=str(intake.pk)).exists()


def test_a_waiting_request_is_registered_from_its_page(clerk, cast):
    intake = make_intake(cast, "340102")
    applicant = make_applicant(cast, "340102", name="赵六")
    page = clerk.get(reverse("intake:detail", args=[intake.pk]), {"q": "赵"})
    assert str(applicant.pk) in dict(page.context["register_form"].fields["applicant"].choices)
    response = clerk.post(
        reverse("intake:register", args=[intake.pk]),
        {"applicant": applicant.pk, "matter": "欠薪三个月", "matter_category": "employment"},
    )
    case = Case.all_objects.get()
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert (case.matter, case.applicant) == ("欠薪三个月", applicant)


def test_a_refused_registration_keeps_what_was_typed(clerk, cast):
    intake = make_intake(cast, "340102")
    response = clerk.post(
        reverse("intake:register", args=[intake.pk]),
        {"matter": "我自己写的案情摘要", "matter_category": "employment"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "我自己写的案情摘要" in html
    assert 'role="alert"' in html
    assert not Case.all_objects.exists()


def test_a_waiting_request_is_closed_from_its_page_once(clerk, cast):
    intake = make_intake(cast, "340102")
    url = reverse("intake:consultation", args=[intake.pk])
    assert clerk.post(url, {"answer": "已告知"}).status_code == 302
    again = clerk.post(url, {"answer": "再次解答"})
    assert again.status_code == 200
    assert "already dealt with" in again.content.decode()
    assert Intake.all_objects.get().answer == "已告知"
