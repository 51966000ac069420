"""The rules of people and engagements, each with its audit entry."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEntry
from lawstation.errors import DomainError
from people.models import Engagement, Person
from people.services import add_person, end_engagement, engage, mark_person_left, update_person
from tests.people.helpers import make_engagement, make_person, make_workstation

pytestmark = pytest.mark.django_db


def entries(action):
    return AuditEntry.all_objects.filter(action=action)


def add(cast, code="340102", **fields):
    values = {"name": "王芳", "kind": Person.Kind.STAFF, "active_from": date(2020, 3, 1)}
    return add_person(
        cast.federations[code], actor=cast.user(code, Role.CLERK), **{**values, **fields}
    )


def test_adding_a_person_files_them_under_the_federation_region_and_audits(cast):
    person = add(cast, is_formal_staff=True, signs=True, areas_of_law="劳动争议")
    assert (person.province_code, person.city_code, person.county_code) == (
        "340000",
        "340100",
        "340102",
    )
    entry = entries("person.added").get()
    assert entry.target_id == str(person.pk)
    assert entry.changes["kind"] == [None, "staff"]
    assert entry.county_code == "340102"


def test_a_lawyer_without_a_licence_number_is_refused(cast):
    with pytest.raises(DomainError, match="A lawyer must have a licence number"):
        add(cast, kind=Person.Kind.LAWYER, licence_number="  ", law_firm="安徽某律师事务所")
    assert not Person.all_objects.exists()
    assert not entries("person.added").exists()


def test_a_legal_worker_without_a_certificate_number_is_refused(cast):
    with pytest.raises(DomainError, match="certificate number"):
        add(cast, kind=Person.Kind.LEGAL_WORKER)
    assert not Person.all_objects.exists()


def test_only_staff_members_can_be_formal_staff(cast):
    with pytest.raises(DomainError, match="formal staff"):
        add(cast, kind=Person.Kind.OTHER, is_formal_staff=True)
    assert not Person.all_objects.exists()


def test_a_blank_name_is_refused(cast):
    with pytest.raises(DomainError, match="name"):
        add(cast, name="   ")


def test_a_start_more_than_a_year_ahead_is_refused_but_a_planned_start_is_accepted(cast):
    today = timezone.localdate()
    with pytest.raises(DomainError, match="more than a year ahead"):
        add(cast, active_from=today + timedelta(days=400))
    person = add(cast, active_from=today + timedelta(days=30))
    assert not person.is_active_on(today)
    assert entries("person.added").count() == 1


def test_the_same_licence_number_twice_in_a_federation_is_refused(cast):
    make_person(cast, "340102", licence_number="13401201910000001")
    with pytest.raises(DomainError, match="13401201910000001"):
        make_person(cast, "340102", licence_number="13401201910000001")
    assert Person.all_objects.count() == 1


def test_updating_a_person_records_only_what_changed(cast):
    person = add(cast)
    updated = update_person(
        person, actor=cast.user("340102", Role.CLERK), version=1, phone="0551-1234567"
    )
    assert updated.version == 2
    assert updated.phone == "0551-1234567"
    assert entries("person.updated").get().changes == {"phone": ["", "0551-1234567"]}


def test_a_stale_edit_is_refused_and_nothing_is_saved(cast):
    person = add(cast)
    clerk = cast.user("340102", Role.CLERK)
    update_person(person, actor=clerk, version=1, phone="1")
    with pytest.raises(DomainError, match="Someone else changed this record"):
        update_person(person, actor=clerk, version=1, phone="2")
    assert Person.all_objects.get().phone == "1"
    assert entries("person.updated").count() == 1


def test_changing_a_person_into_a_lawyer_without_a_licence_is_refused(cast):
    person = add(cast)
    with pytest.raises(DomainError, match="licence number"):
        update_person(
            person, actor=cast.user("340102", Role.CLERK), version=1, kind=Person.Kind.LAWYER
        )
    assert Person.all_objects.get().kind == Person.Kind.STAFF
    assert not entries("person.updated").exists()


def test_an_engaged_provider_cannot_become_staff_until_the_engagement_ends(cast):
    engagement = make_engagement(cast, "340102")
    with pytest.raises(DomainError, match="current engagement"):
        update_person(
            engagement.person,
            actor=cast.user("340102", Role.CLERK),
            version=None,
            kind=Person.Kind.STAFF,
            licence_number="",
        )
    assert not entries("person.updated").exists()


def test_marking_a_person_left_ends_their_open_engagements(cast):
    engagement = make_engagement(cast, "340102")
    day = timezone.localdate() - timedelta(days=1)
    person = mark_person_left(engagement.person, actor=cast.user("340102", Role.CLERK), on=day)
    assert person.active_until == day
    assert Engagement.all_objects.get().ends_on == day
    assert entries("person.left").get().changes == {"active_until": [None, day.isoformat()]}
    assert entries("engagement.ended").count() == 1


@pytest.mark.parametrize(
    ("offset", "message"),
    [(1, "cannot be in the future"), (-5000, "The end is before the start.")],
)
def test_a_left_date_in_the_future_or_before_the_start_is_refused(cast, offset, message):
    person = add(cast)
    with pytest.raises(DomainError, match=message):
        mark_person_left(
            person,
            actor=cast.user("340102", Role.CLERK),
            on=timezone.localdate() + timedelta(days=offset),
        )
    assert Person.all_objects.get().active_until is None
    assert not entries("person.left").exists()


def test_a_person_cannot_leave_twice(cast):
    person = add(cast)
    clerk = cast.user("340102", Role.CLERK)
    mark_person_left(person, actor=clerk, on=date(2021, 1, 1))
    with pytest.raises(DomainError, match="already recorded as having left"):
        mark_person_left(person, actor=clerk, on=date(2021, 2, 1))
    assert entries("person.left").count() == 1


def test_engaging_a_provider_files_the_engagement_and_audits(cast):
    engagement = make_engagement(cast, "340102")
    assert engagement.county_code == "340102"
    entry = entries("engagement.added").get()
    assert entry.changes["kind"] == [None, "volunteer"]


def engage_kwargs(**overrides):
    return {
        "kind": Engagement.Kind.CONTRACT,
        "starts_on": date(2020, 1, 1),
        "ends_on": date(2020, 12, 31),
        "fee_terms": "每次坐班补贴200元",
        **overrides,
    }


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_on": None}, "needs an end date and the fee terms"),
        ({"fee_terms": " "}, "needs an end date and the fee terms"),
        ({"ends_on": date(2019, 12, 1)}, "The end is before the start."),
        ({"starts_on": date(2018, 1, 1)}, "not active"),
        ({"kind": "hired"}, "kind of engagement"),
    ],
)
def test_bad_engagements_are_refused(cast, overrides, message):
    workstation = make_workstation(cast, "340102")
    person = make_person(cast, "340102")
    with pytest.raises(DomainError, match=message):
        engage(
            person,
            workstation,
            actor=cast.user("340102", Role.CLERK),
            **engage_kwargs(**overrides),
        )
    assert not Engagement.all_objects.exists()
    assert not entries("engagement.added").exists()


def test_staff_members_are_not_engaged_as_providers(cast):
    workstation = make_workstation(cast, "340102")
    person = make_person(cast, "340102", kind=Person.Kind.STAFF)
    with pytest.raises(DomainError, match="Only lawyers, legal workers"):
        engage(person, workstation, actor=None, **engage_kwargs())
    assert not entries("engagement.added").exists()


def test_a_person_is_engaged_only_at_their_own_federation_workstation(cast):
    workstation = make_workstation(cast, "340103")
    person = make_person(cast, "340102")
    with pytest.raises(DomainError, match="their own federation"):
        engage(person, workstation, actor=None, **engage_kwargs())
    assert not entries("engagement.added").exists()


def test_engaging_without_a_workstation_is_refused_clearly(cast):
    person = make_person(cast, "340102")
    with pytest.raises(DomainError, match="no workstation yet"):
        engage(person, None, actor=None, **engage_kwargs())
    assert not entries("engagement.added").exists()


def test_a_person_who_left_cannot_be_engaged_after_leaving(cast):
    workstation = make_workstation(cast, "340102")
    person = make_person(cast, "340102")
    mark_person_left(person, actor=None, on=date(2020, 6, 30))
    with pytest.raises(DomainError, match="not active"):
        engage(person, workstation, actor=None, **engage_kwargs())
    assert not entries("engagement.added").exists()


def test_overlapping_engagements_at_the_same_workstation_are_refused(cast):
    workstation = make_workstation(cast, "340102")
    person = make_person(cast, "340102")
    engage(person, workstation, actor=None, **engage_kwargs())
    with pytest.raises(DomainError, match="already has an engagement"):
        engage(
            person,
            workstation,
            actor=None,
            **engage_kwargs(kind=Engagement.Kind.VOLUNTEER, starts_on=date(2020, 12, 31)),
        )
    after = engage(
        person,
        workstation,
        actor=None,
        **engage_kwargs(starts_on=date(2021, 1, 1), ends_on=date(2021, 12, 31)),
    )
    assert after.pk
    assert entries("engagement.added").count() == 2


def test_ending_an_engagement_audits_the_old_and_new_end(cast):
    engagement = make_engagement(cast, "340102")
    ended = end_engagement(engagement, actor=None, on=date(2020, 6, 30))
    assert ended.ends_on == date(2020, 6, 30)
    assert entries("engagement.ended").get().changes == {"ends_on": [None, "2020-06-30"]}


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (date(2019, 12, 31), "The end is before the start."),
        (None, "cannot be in the future"),
    ],
)
def test_bad_engagement_ends_are_refused(cast, day, message):
    engagement = make_engagement(cast, "340102")
    day = day or timezone.localdate() + timedelta(days=1)
    with pytest.raises(DomainError, match=message):
        end_engagement(engagement, actor=None, on=day)
    assert Engagement.all_objects.get().ends_on is None
    assert not entries("engagement.ended").exists()


def test_an_engagement_cannot_end_twice(cast):
    engagement = make_engagement(cast, "340102")
    end_engagement(engagement, actor=None, on=date(2020, 6, 30))
    with pytest.raises(DomainError, match="already ends on 2020-06-30"):
        end_engagement(engagement, actor=None, on=date(2020, 7, 30))
    assert entries("engagement.ended").count() == 1
