"""Linking a lawyer's Person record to their staff account, so they see the cases they handle."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEntry
from lawstation.errors import DomainError
from people.models import Person
from people.services import update_person
from tests.cases.helpers import make_case
from tests.people.helpers import make_person

pytestmark = pytest.mark.django_db

PERSON = {
    "name": "李律师",
    "kind": "lawyer",
    "licence_number": "13401201910000009",
    "law_firm": "",
    "certificate_number": "",
    "phone": "",
    "areas_of_law": "",
    "active_from": "2020-01-01",
}


def link(cast, person, user):
    return update_person(person, actor=cast.user("340102", Role.CLERK), version=None, user=user)


def test_a_clerk_links_a_lawyer_to_their_account_and_the_lawyer_then_sees_their_case(client, cast):
    person = make_person(cast, "340102", name="李律师", licence_number="13401201910000009")
    lawyer = cast.user("340102", Role.LAWYER)
    client.force_login(cast.user("340102", Role.CLERK))
    url = reverse("people:edit", args=["340102", person.pk])
    choices = list(client.get(url).context["form"].fields["user"].queryset)
    assert choices == [lawyer]
    response = client.post(url, {**PERSON, "user": lawyer.pk, "version": person.version})
    assert response.status_code == 302
    assert Person.all_objects.get(pk=person.pk).user == lawyer
    entry = AuditEntry.all_objects.get(action="person.updated")
    assert entry.changes["user"] == [None, lawyer.pk]
    case = make_case(cast, "340102", handler=person)
    client.force_login(lawyer)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200


def test_saving_the_form_without_touching_the_account_keeps_it(client, cast):
    person = make_person(cast, "340102", name="李律师", licence_number="13401201910000009")
    lawyer = cast.user("340102", Role.LAWYER)
    link(cast, person, lawyer)
    client.force_login(cast.user("340102", Role.CLERK))
    url = reverse("people:edit", args=["340102", person.pk])
    client.post(url, {**PERSON, "user": lawyer.pk, "phone": "0551-1", "version": 2})
    assert Person.all_objects.get(pk=person.pk).user == lawyer


@pytest.mark.parametrize(
    ("account", "message"),
    [
        (("340102", Role.CLERK), "Only an account with the lawyer role in this federation"),
        (("340103", Role.LAWYER), "Only an account with the lawyer role in this federation"),
    ],
)
def test_only_a_lawyer_account_of_the_same_federation_can_be_linked(cast, account, message):
    person = make_person(cast, "340102")
    with pytest.raises(DomainError, match=message):
        link(cast, person, cast.user(*account))
    assert Person.all_objects.get(pk=person.pk).user is None


def test_an_account_is_linked_to_one_person_only(cast):
    lawyer = cast.user("340102", Role.LAWYER)
    first = make_person(cast, "340102", name="甲律师")
    link(cast, first, lawyer)
    with pytest.raises(DomainError, match="already linked to 甲律师"):
        link(cast, make_person(cast, "340102"), lawyer)


def test_a_staff_member_is_not_linked_to_a_lawyer_account(cast):
    staff = make_person(cast, "340102", kind=Person.Kind.STAFF)
    with pytest.raises(DomainError, match="Only a lawyer or legal worker"):
        link(cast, staff, cast.user("340102", Role.LAWYER))


def test_an_account_can_be_unlinked(cast):
    person = make_person(cast, "340102")
    link(cast, person, cast.user("340102", Role.LAWYER))
    link(cast, person, None)
    assert Person.all_objects.get(pk=person.pk).user is None
