"""The applicant pages: list and search, register, detail, edit, show in full, link."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEntry
from cases.models import Applicant, ApplicantLink
from tests.cases.identity import certificate, id_number, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NUMBER = id_number("340102", "19800101", "123")
CERTIFICATE = certificate(NUMBER, 2, 3)
FORM = {
    "name": "王小明",
    "id_number": NUMBER,
    "certificate_number": CERTIFICATE,
    "disability_category": "",
    "disability_grade": "",
    "social_assistance": "none",
    "phone": "0551-1234567",
    "sms_phone": "13812345678",
    "communication_needs": ["written"],
    "guardian_name": "",
}


def clerk_client(client, cast, code="340102", role=Role.CLERK):
    client.force_login(cast.user(code, role))
    return client


def test_clerk_registers_an_applicant_and_sees_the_masked_numbers(client, cast):
    clerk_client(client, cast)
    response = client.post(reverse("applicants:new"), FORM)
    applicant = Applicant.all_objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("applicants:detail", args=[applicant.pk])
    assert applicant.federation == cast.federations["340102"]
    assert (applicant.disability_category, applicant.disability_grade) == ("2", 3)
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "was registered" in html
    assert applicant.id_number_masked in html
    assert NUMBER not in html
    assert "no-store" in page["Cache-Control"]


def test_a_refused_registration_keeps_what_was_typed(client, cast):
    clerk_client(client, cast)
    bad = {**FORM, "certificate_number": certificate(NUMBER, 4, 2), "disability_category": "2"}
    response = client.post(reverse("applicants:new"), bad)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert "says Physical, grade 2, but Hearing, grade 2 was entered" in html
    assert "0551-1234567" in html
    assert not Applicant.all_objects.exists()


def test_an_unknown_area_code_is_shown_as_a_warning(client, cast):
    clerk_client(client, cast)
    response = client.post(
        reverse("applicants:new"),
        {**FORM, "id_number": id_number("340199"), "certificate_number": ""},
        follow=True,
    )
    assert "340199 is not in the current region table" in response.content.decode()


def test_detail_is_audited_and_flags_possible_duplicates(client, cast):
    applicant = register(cast, id_number=NUMBER)
    register(cast, name="王晓明", id_number=NUMBER)
    clerk_client(client, cast)
    response = client.get(reverse("applicants:detail", args=[applicant.pk]))
    html = response.content.decode()
    assert "1 other record may be the same person" in html
    assert "Link the records" in html
    entry = AuditEntry.all_objects.get(action="applicant.viewed")
    assert entry.target_id == str(applicant.pk)


def test_show_in_full_is_a_post_that_shows_the_number_once_and_is_audited(client, cast):
    applicant = register(cast, id_number=NUMBER, certificate_number=CERTIFICATE)
    clerk_client(client, cast)
    url = reverse("applicants:reveal", args=[applicant.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"which": "certificate"})
    html = response.content.decode()
    assert CERTIFICATE in html
    assert NUMBER + "\n" not in html
    assert html.count(NUMBER) == 1  # inside the certificate only
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.all_objects.get(action="applicant.identifier_revealed")
    assert entry.changes == {"certificate": [None, applicant.certificate_masked]}
    again = client.get(reverse("applicants:detail", args=[applicant.pk])).content.decode()
    assert CERTIFICATE not in again


def test_a_leader_sees_masked_numbers_and_the_birth_year_only(client, cast):
    applicant = register(cast, id_number=NUMBER)
    clerk_client(client, cast, "340100", Role.LEADER)
    html = client.get(reverse("applicants:detail", args=[applicant.pk])).content.decode()
    assert "Show in full" not in html
    assert "1980-01-01" not in html
    assert "Year of birth" in html
    refused = client.post(reverse("applicants:reveal", args=[applicant.pk]), {"which": "id_number"})
    assert refused.status_code == 403
    assert not AuditEntry.all_objects.filter(action="applicant.identifier_revealed").exists()


def test_search_by_number_is_posted_found_in_scope_and_audited(client, cast):
    own = register(cast, id_number=NUMBER)
    register(cast, "340103", name="李四", id_number=NUMBER)
    clerk_client(client, cast)
    typed = NUMBER[:6] + " " + NUMBER[6:].lower()
    response = client.post(reverse("applicants:list"), {"number": typed})
    found = response.context["found"]
    assert found == [own]
    assert NUMBER not in response.content.decode()
    entry = AuditEntry.all_objects.get(action="applicant.searched")
    assert entry.changes == {"id_number": [None, own.id_number_masked], "results": [None, 1]}
    empty = client.post(reverse("applicants:list"), {"number": id_number(sequence="125")})
    assert "No applicant with this number" in empty.content.decode()
    blank = client.post(reverse("applicants:list"), {"number": ""})
    assert blank.status_code == 200
    assert 'role="alert"' in blank.content.decode()


def test_list_by_name_in_constant_queries(client, cast, django_assert_max_num_queries):
    register(cast, name="王一")
    clerk_client(client, cast, "340100")
    url = reverse("applicants:list")
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for serial in range(8):
        register(cast, "340103" if serial % 2 else "340102", name=f"王{serial}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.context["page"].paginator.count == 9
    assert client.get(url, {"q": "王1"}).context["page"].paginator.count == 1


def test_detail_in_constant_queries(client, cast, django_assert_max_num_queries):
    applicant = register(cast, id_number=NUMBER)
    clerk_client(client, cast)
    url = reverse("applicants:detail", args=[applicant.pk])
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    clerk = cast.user("340102", Role.CLERK)
    from cases.services.applicants import link_applicants

    for serial in range(4):
        other = register(cast, name=f"王{serial}", id_number=NUMBER)
        if serial % 2:
            link_applicants(applicant, other, actor=clerk)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["duplicates"]) == 4
    assert len(response.context["links"]) == 2


def test_edit_keeps_numbers_left_empty_and_refuses_a_stale_edit(client, cast):
    applicant = register(cast, id_number=NUMBER, certificate_number=CERTIFICATE)
    clerk_client(client, cast)
    url = reverse("applicants:edit", args=[applicant.pk])
    page = client.get(url).content.decode()
    assert applicant.id_number_masked in page
    assert NUMBER not in page
    data = {
        **FORM,
        "id_number": "",
        "certificate_number": "",
        "disability_category": "2",
        "disability_grade": "3",
        "name": "王大明",
        "version": applicant.version,
    }
    assert client.post(url, data).status_code == 302
    saved = Applicant.all_objects.get()
    assert saved.name == "王大明"
    assert saved.id_number_hash == applicant.id_number_hash
    assert saved.certificate_hash == applicant.certificate_hash
    stale = client.post(url, {**data, "name": "王二明"})
    assert "Someone else changed this record" in stale.content.decode()
    assert "王二明" in stale.content.decode()
    assert Applicant.all_objects.get().name == "王大明"


def test_edit_can_remove_a_stored_number(client, cast):
    applicant = register(cast, id_number=NUMBER, certificate_number=CERTIFICATE)
    clerk_client(client, cast)
    data = {
        **FORM,
        "id_number": "",
        "certificate_number": "",
        "remove_certificate": "on",
        "version": applicant.version,
    }
    assert client.post(reverse("applicants:edit", args=[applicant.pk]), data).status_code == 302
    saved = Applicant.all_objects.get()
    assert saved.certificate_hash == ""
    assert saved.id_number_hash == applicant.id_number_hash


def test_linking_from_the_detail_page(client, cast):
    first = register(cast, id_number=NUMBER)
    second = register(cast, name="王晓明", id_number=NUMBER)
    clerk_client(client, cast)
    url = reverse("applicants:link", args=[first.pk])
    response = client.post(url, {"same_as": second.pk, "note": "同一身份证"}, follow=True)
    assert "is now linked as the same person" in response.content.decode()
    assert ApplicantLink.all_objects.count() == 1
    again = client.post(url, {"same_as": second.pk}, follow=True)
    assert "already linked" in again.content.decode()
    sibling = register(cast, "340103", id_number=NUMBER)
    assert client.post(url, {"same_as": sibling.pk}).status_code == 404
    assert ApplicantLink.all_objects.count() == 1


def test_a_lawyer_cannot_open_applicant_pages(client, cast):
    applicant = register(cast)
    clerk_client(client, cast, "340102", Role.LAWYER)
    assert client.get(reverse("applicants:list")).status_code == 403
    assert client.get(reverse("applicants:detail", args=[applicant.pk])).status_code == 403
