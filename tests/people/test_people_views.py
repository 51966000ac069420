"""The people pages: list, add, detail, edit, left, engage, end an engagement."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEntry
from people.models import Engagement, Person
from tests.people.helpers import make_engagement, make_person, make_workstation

pytestmark = pytest.mark.django_db

PERSON = {
    "name": "李律师",
    "kind": "lawyer",
    "licence_number": "13401201910000009",
    "law_firm": "安徽某律师事务所",
    "certificate_number": "",
    "phone": "",
    "areas_of_law": "劳动争议",
    "signs": "on",
    "active_from": "2020-01-01",
}


def test_clerk_adds_a_lawyer(client, cast):
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.post(reverse("people:new", args=["340102"]), PERSON)
    person = Person.all_objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=["340102", person.pk])
    assert person.signs is True
    assert AuditEntry.all_objects.filter(action="person.added").exists()


def test_a_lawyer_without_a_licence_is_shown_again_with_what_was_typed(client, cast):
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.post(reverse("people:new", args=["340102"]), {**PERSON, "licence_number": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "A lawyer must have a licence number." in html
    assert 'role="alert"' in html
    assert "安徽某律师事务所" in html
    assert not Person.all_objects.exists()


def test_people_list_shows_kind_skills_and_engagement_in_constant_queries(
    client, cast, django_assert_max_num_queries
):
    client.force_login(cast.user("340100", Role.LEADER))
    make_engagement(cast, "340102")
    url = reverse("people:list", args=["340102"])
    with django_assert_max_num_queries(10) as few:
        client.get(url)
    for _ in range(4):
        make_engagement(cast, "340102", make_person(cast, "340102", signs=True))
    make_person(cast, "340102", kind=Person.Kind.STAFF, is_formal_staff=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    people = response.context["page"].object_list
    assert sum(len(person.current_engagements) for person in people) == 5
    response = client.get(url, {"kind": "staff"})
    assert response.context["page"].paginator.count == 1


def test_person_detail_in_constant_queries(client, cast, django_assert_max_num_queries):
    client.force_login(cast.user("340102", Role.CLERK))
    engagement = make_engagement(cast, "340102")
    url = reverse("people:detail", args=["340102", engagement.person.pk])
    with django_assert_max_num_queries(10) as few:
        client.get(url)
    workstation = engagement.workstation
    from people.services import end_engagement, engage

    end_engagement(engagement, actor=None, on=date(2020, 3, 1))
    for year in (2021, 2022, 2023):
        engage(
            engagement.person,
            workstation,
            actor=None,
            kind=Engagement.Kind.SECONDED,
            starts_on=date(year, 1, 1),
            ends_on=date(year, 6, 30),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["engagements"]) == 4


def test_edit_refuses_a_stale_version_and_keeps_the_input(client, cast):
    person = make_person(cast, "340102", kind=Person.Kind.STAFF)
    client.force_login(cast.user("340102", Role.CLERK))
    url = reverse("people:edit", args=["340102", person.pk])
    assert client.get(url).status_code == 200
    data = {**PERSON, "kind": "staff", "licence_number": "", "name": "新名字", "version": 1}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "name": "另一个名字"})
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    assert "另一个名字" in response.content.decode()
    assert Person.all_objects.get().name == "新名字"


def test_marking_left_and_ending_engagements_by_post(client, cast):
    engagement = make_engagement(cast, "340102")
    other = make_engagement(cast, "340102")
    client.force_login(cast.user("340102", Role.CLERK))
    end_url = reverse("people:end_engagement", args=["340102", other.person.pk, other.pk])
    assert client.post(end_url, {"on": "2020-05-01"}).status_code == 302
    assert Engagement.all_objects.get(pk=other.pk).ends_on == date(2020, 5, 1)
    left_url = reverse("people:left", args=["340102", engagement.person.pk])
    response = client.post(left_url, {"on": "2099-01-01"}, follow=True)
    assert "cannot be in the future" in response.content.decode()
    assert Person.all_objects.get(pk=engagement.person.pk).active_until is None
    client.post(left_url, {"on": "2020-06-30"})
    assert Person.all_objects.get(pk=engagement.person.pk).active_until == date(2020, 6, 30)


def test_engaging_by_form_and_the_no_workstation_message(client, cast):
    person = make_person(cast, "340102")
    client.force_login(cast.user("340102", Role.CLERK))
    url = reverse("people:engage", args=["340102", person.pk])
    data = {"kind": "contract", "starts_on": "2020-01-01", "ends_on": "", "fee_terms": "按件"}
    response = client.post(url, data)
    assert "no workstation yet" in response.content.decode()
    make_workstation(cast, "340102")
    response = client.post(url, data)
    assert "needs an end date" in response.content.decode()
    assert 'value="按件"' in response.content.decode()
    response = client.post(url, {**data, "ends_on": "2020-12-31"})
    assert response.status_code == 302
    assert Engagement.all_objects.get().kind == "contract"


def test_a_county_clerk_cannot_see_a_sibling_countys_people(client, cast):
    person = make_person(cast, "340103")
    client.force_login(cast.user("340102", Role.CLERK))
    assert client.get(reverse("people:list", args=["340103"])).status_code == 404
    assert client.get(reverse("people:detail", args=["340103", person.pk])).status_code == 404
    # nor through their own federation's address
    assert client.get(reverse("people:detail", args=["340102", person.pk])).status_code == 404
