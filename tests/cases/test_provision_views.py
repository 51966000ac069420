"""The service pages: record, see, edit, add a session or an arrangement, draft a document."""

from datetime import timedelta

import pytest
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEntry
from cases.models import Service
from cases.services.provision import record_accommodation, record_mediation_session
from people.models import Person
from regions.scoping import unscoped
from tests.cases.provision_helpers import make_document, make_service, open_case, today
from tests.cases.test_provision import lawyer_with_account
from tests.people.helpers import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _setup(settings, tmp_path, english):
    settings.DOCUMENT_ROOT = tmp_path / "documents"


def form_data(provider, **values):
    data = {
        "kind": "consultation",
        "provider": provider.pk,
        "provided_on": today().isoformat(),
        "channel": "phone",
        "duration_minutes": "20",
        "result": "解答劳动争议程序",
    }
    return {**data, **values}


def test_clerk_records_a_consultation_and_other_groups_are_ignored(client, cast):
    case = open_case(cast, "340102")
    provider = make_person(cast, "340102")
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.post(
        reverse("case_services:new", args=[case.pk]),
        # Junk in the mediation group is ignored: the chosen kind is a consultation.
        form_data(provider, performance_followed_up_on="not a date", parties="甲"),
    )
    with unscoped("test"):
        service = Service.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("case_services:detail", args=[case.pk, service.pk])
    assert service.parties == ""
    assert service.duration_minutes == 20


def test_the_new_service_page_shows_every_group_with_a_legend(client, cast):
    case = open_case(cast, "340102")
    client.force_login(cast.user("340102", Role.CLERK))
    html = client.get(reverse("case_services:new", args=[case.pk])).content.decode()
    for legend in ("Mediation", "Coordination", "Document drafting", "Representation or"):
        assert f"<legend>{legend}" in html
    assert 'type="radio"' in html


def test_a_defence_by_a_legal_worker_is_shown_again_with_what_was_typed(client, cast):
    case = open_case(cast, "340102")
    worker = make_person(cast, "340102", kind=Person.Kind.LEGAL_WORKER)
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.post(
        reverse("case_services:new", args=[case.pk]),
        form_data(worker, kind="defence", court="瑶海区人民法院", result="会见犯罪嫌疑人"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "must be given by a lawyer with a licence" in html
    assert 'role="alert"' in html
    assert "会见犯罪嫌疑人" in html
    assert "瑶海区人民法院" in html
    with unscoped("test"):
        assert not Service.objects.exists()


def test_the_chosen_kind_fields_are_validated(client, cast):
    case = open_case(cast, "340102")
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.post(
        reverse("case_services:new", args=[case.pk]),
        form_data(make_person(cast, "340102"), kind="mediation", parties=""),
    )
    assert response.status_code == 200
    assert "Name the parties to the mediation." in response.content.decode()


def test_a_future_date_gets_a_field_error(client, cast):
    case = open_case(cast, "340102")
    client.force_login(cast.user("340102", Role.CLERK))
    tomorrow = (today() + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("case_services:new", args=[case.pk]),
        form_data(make_person(cast, "340102"), provided_on=tomorrow),
    )
    assert "The date cannot be in the future." in response.content.decode()


def test_a_lawyer_may_choose_only_themselves(client, cast):
    own = lawyer_with_account(cast)
    case = open_case(cast, "340102", handler=own)
    other = make_person(cast, "340102")
    client.force_login(cast.user("340102", Role.LAWYER))
    url = reverse("case_services:new", args=[case.pk])
    response = client.get(url)
    assert list(response.context["form"].fields["provider"].queryset) == [own]
    response = client.post(url, form_data(other))
    assert response.status_code == 200
    response = client.post(url, form_data(own))
    assert response.status_code == 302


def test_service_detail_is_audited_and_in_constant_queries(
    client, cast, django_assert_max_num_queries
):
    service = make_service(cast, "340102", kind=Service.Kind.MEDIATION)
    clerk = cast.user("340102", Role.CLERK)
    client.force_login(clerk)
    url = reverse("case_services:detail", args=[service.case_id, service.pk])
    with django_assert_max_num_queries(30) as few:
        assert client.get(url).status_code == 200
    for days in range(3):
        record_mediation_session(service, actor=clerk, held_on=today() - timedelta(days=days))
        record_accommodation(service, actor=clerk, kind="large_print", provided_on=today())
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["service"].sessions.all()) == 3
    with unscoped("test"):
        viewed = AuditEntry.all_objects.filter(action="case.viewed", target_id=str(service.pk))
        assert viewed.count() == 2


def test_edit_keeps_the_kind_and_refuses_a_stale_form(client, cast):
    service = make_service(cast, "340102")
    client.force_login(cast.user("340102", Role.CLERK))
    url = reverse("case_services:edit", args=[service.case_id, service.pk])
    response = client.get(url)
    assert "kind" not in response.context["form"].fields
    data = form_data(service.provider, result="更新", version="1")
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "result": "旧页面"})
    assert "Someone else changed this record" in response.content.decode()


def test_session_and_arrangement_pages_record_and_return(client, cast):
    service = make_service(cast, "340102", kind=Service.Kind.MEDIATION)
    client.force_login(cast.user("340102", Role.CLERK))
    detail = reverse("case_services:detail", args=[service.case_id, service.pk])
    response = client.post(
        reverse("case_services:add_session", args=[service.case_id, service.pk]),
        {"held_on": today().isoformat(), "note": "双方到场"},
    )
    assert response["Location"] == detail
    response = client.post(
        reverse("case_services:add_accommodation", args=[service.case_id, service.pk]),
        {"kind": "sign_language", "provided_by": "", "provided_on": today().isoformat()},
    )
    assert "Name the sign-language interpreter." in response.content.decode()
    response = client.post(
        reverse("case_services:add_accommodation", args=[service.case_id, service.pk]),
        {
            "kind": "sign_language",
            "provided_by": "李",
            "provided_on": today().isoformat(),
            "cost": "-5",
        },
    )
    assert "The cost cannot be negative." in response.content.decode()


def test_the_session_page_exists_only_for_a_mediation(client, cast):
    service = make_service(cast, "340102")
    client.force_login(cast.user("340102", Role.CLERK))
    url = reverse("case_services:add_session", args=[service.case_id, service.pk])
    assert client.get(url).status_code == 404


def test_draft_page_generates_the_document(client, cast):
    service = make_service(cast, "340102", kind=Service.Kind.DRAFTING)
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.post(
        reverse("case_services:draft", args=[service.case_id, service.pk]),
        {
            "template": "fee_relief",
            "addressee": "合肥市瑶海区人民法院",
            "requests": "免交诉讼费",
            "facts": "申请人系残疾人，无固定生活来源。",
        },
    )
    assert response.status_code == 302
    with unscoped("test"):
        service.refresh_from_db()
    assert service.drafted_document.content_type == "application/pdf"


def test_case_page_lists_services_and_documents_in_constant_queries(
    client, cast, django_assert_max_num_queries
):
    service = make_service(cast, "340102", kind=Service.Kind.MEDIATION)
    case = service.case
    client.force_login(cast.user("340102", Role.CLERK))
    url = reverse("cases:detail", args=[case.pk])
    with django_assert_max_num_queries(60) as few:
        assert client.get(url).status_code == 200
    for kind in (Service.Kind.CONSULTATION, Service.Kind.DRAFTING):
        make_service(cast, "340102", case=case, kind=kind)
    documents = [make_document(cast, "340102", case=case) for _ in range(2)]
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    for document in documents:
        assert reverse("documents:download", args=[case.pk, document.pk]) in html
    assert "Record a service" in html


def test_an_error_on_a_field_the_form_lacks_is_shown_at_the_top(cast):
    from cases.forms.provision import SessionForm
    from cases.views.provision import show_error
    from lawstation.errors import DomainError

    form = SessionForm({"held_on": today().isoformat()})
    assert form.is_valid()
    show_error(form, DomainError({"court": "Name the court."}))
    assert form.non_field_errors() == ["Name the court."]
