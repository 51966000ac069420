"""Filing the daily-management person with the level above: the rules, the round trip of the
issue, the gaps view and the pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEntry
from lawstation.errors import DomainError
from people.models import Person
from people.services import mark_person_left
from tests.factories import make_region
from tests.people.helpers import make_filing, make_person, make_workstation
from workstations.models import Filing
from workstations.services.filings import accept_filing, return_filing, submit_filing

pytestmark = pytest.mark.django_db


def entries(action):
    return AuditEntry.all_objects.filter(action=action)


def submit(cast, code, person=None, **kwargs):
    person = person or make_person(cast, code, kind=Person.Kind.STAFF)
    return submit_filing(
        cast.federations[code], actor=cast.user(code, Role.CLERK), person=person, **kwargs
    )


def test_a_county_files_with_its_city_as_version_one(cast):
    filing = submit(cast, "340102")
    assert filing.filed_with == cast.federations["340100"]
    assert (filing.number, filing.status) == (1, Filing.Status.SUBMITTED)
    assert filing.county_code == "340102"
    entry = entries("filing.submitted").get()
    assert entry.changes["filed_with"] == [None, cast.federations["340100"].name]


def test_a_city_files_with_the_province(cast):
    assert submit(cast, "340100").filed_with == cast.federations["340000"]


def test_a_county_directly_under_the_province_files_with_the_province(cast):
    from regions.models import Federation, Level

    region = make_region("349001", "直管县", Level.COUNTY, cast.regions["340000"])
    cast.federations["349001"] = Federation.objects.create(region=region, name="直管县残联")
    from accounts.services import create_user
    from tests.factories import PASSWORD

    cast.users[("349001", Role.CLERK)] = create_user(
        "clerk-349001",
        actor=None,
        password=PASSWORD,
        federation=cast.federations["349001"],
        role=Role.CLERK,
    )
    assert submit(cast, "349001").filed_with == cast.federations["340000"]


def test_the_province_has_no_level_above(cast):
    with pytest.raises(DomainError, match="no level above"):
        submit(cast, "340000")
    assert not Filing.all_objects.exists()
    assert not entries("filing.submitted").exists()


def test_a_filing_sent_to_the_wrong_level_is_refused(cast):
    for wrong in ("340000", "340103", "340102"):
        with pytest.raises(DomainError, match="one level up"):
            submit(cast, "340102", filed_with=cast.federations[wrong])
    assert not Filing.all_objects.exists()
    assert not entries("filing.submitted").exists()


def test_a_second_filing_while_one_is_pending_is_refused(cast):
    submit(cast, "340102")
    with pytest.raises(DomainError, match="already waiting"):
        submit(cast, "340102")
    assert Filing.all_objects.count() == 1
    assert entries("filing.submitted").count() == 1


def test_only_the_federation_itself_submits_its_filing(cast):
    person = make_person(cast, "340102", kind=Person.Kind.STAFF)
    with pytest.raises(DomainError, match="Only the federation itself"):
        submit_filing(
            cast.federations["340102"], actor=cast.user("340100", Role.CLERK), person=person
        )
    assert not entries("filing.submitted").exists()


@pytest.mark.parametrize("problem", ["other_federation", "left", "not_started"])
def test_the_filed_person_must_be_an_active_member_of_the_federation(cast, problem):
    today = timezone.localdate()
    if problem == "other_federation":
        person = make_person(cast, "340103", kind=Person.Kind.STAFF)
    elif problem == "left":
        person = make_person(cast, "340102", kind=Person.Kind.STAFF)
        mark_person_left(person, actor=None, on=today - timedelta(days=1))
    else:
        person = make_person(
            cast, "340102", kind=Person.Kind.STAFF, active_from=today + timedelta(days=10)
        )
    with pytest.raises(DomainError):
        submit(cast, "340102", person=person)
    assert not entries("filing.submitted").exists()


def test_the_round_trip_county_submits_city_returns_county_resubmits_city_accepts(cast):
    county_clerk = cast.user("340102", Role.CLERK)
    city_clerk = cast.user("340100", Role.CLERK)
    first = submit(cast, "340102")
    returned = return_filing(first, actor=city_clerk, reason="缺少联系电话")
    assert (returned.status, returned.return_reason) == (Filing.Status.RETURNED, "缺少联系电话")
    assert returned.decided_by == city_clerk
    second = submit_filing(cast.federations["340102"], actor=county_clerk, person=first.person)
    assert second.number == 2
    accepted = accept_filing(second, actor=city_clerk)
    assert accepted.status == Filing.Status.ACCEPTED
    actions = list(
        AuditEntry.all_objects.filter(action__startswith="filing.")
        .order_by("id")
        .values_list("action", "actor__username", "county_code")
    )
    assert actions == [
        ("filing.submitted", county_clerk.username, "340102"),
        ("filing.returned", city_clerk.username, "340102"),
        ("filing.submitted", county_clerk.username, "340102"),
        ("filing.accepted", city_clerk.username, "340102"),
    ]
    assert entries("filing.returned").get().changes["return_reason"] == [None, "缺少联系电话"]


@pytest.mark.parametrize("code", ["340000", "340102", "340103", "340200"])
def test_only_the_level_the_filing_went_to_can_decide_it(cast, code):
    filing = submit(cast, "340102")
    with pytest.raises(DomainError, match="the level this filing was sent to"):
        accept_filing(filing, actor=cast.user(code, Role.CLERK))
    with pytest.raises(DomainError, match="the level this filing was sent to"):
        return_filing(filing, actor=cast.user(code, Role.CLERK), reason="不对")
    assert Filing.all_objects.get().status == Filing.Status.SUBMITTED
    assert not entries("filing.accepted").exists()
    assert not entries("filing.returned").exists()


def test_returning_needs_a_reason(cast):
    filing = submit(cast, "340102")
    with pytest.raises(DomainError, match="Give the reason"):
        return_filing(filing, actor=cast.user("340100", Role.CLERK), reason="  ")
    assert not entries("filing.returned").exists()


def test_a_decided_filing_cannot_be_decided_again(cast):
    city_clerk = cast.user("340100", Role.CLERK)
    filing = accept_filing(submit(cast, "340102"), actor=city_clerk)
    with pytest.raises(DomainError, match="already decided"):
        return_filing(filing, actor=city_clerk, reason="晚了")
    assert entries("filing.accepted").count() == 1
    assert not entries("filing.returned").exists()


def test_a_filing_of_a_person_who_left_meanwhile_cannot_be_accepted(cast):
    filing = submit(cast, "340102")
    mark_person_left(filing.person, actor=None, on=timezone.localdate() - timedelta(days=1))
    with pytest.raises(DomainError, match="no longer active"):
        accept_filing(filing, actor=cast.user("340100", Role.CLERK))
    assert not entries("filing.accepted").exists()


# --- Pages ----------------------------------------------------------------------------------


def test_round_trip_through_the_pages(client, cast):
    workstation = make_workstation(cast, "340102")
    manager = make_person(cast, "340102", kind=Person.Kind.STAFF)
    workstation.daily_manager = manager
    workstation.save()
    client.force_login(cast.user("340102", Role.CLERK))
    form = client.get(reverse("filings:submit")).context["form"]
    assert form.initial["person"] == manager.pk
    assert "filed_with" not in form.fields
    # a forged filed_with is ignored: the service computes where the filing goes
    response = client.post(
        reverse("filings:submit"),
        {"person": manager.pk, "filed_with": cast.federations["340000"].pk},
    )
    filing = Filing.all_objects.get()
    assert response["Location"] == reverse("filings:detail", args=[filing.pk])
    assert filing.filed_with == cast.federations["340100"]
    client.force_login(cast.user("340100", Role.CLERK))
    page = client.get(reverse("filings:detail", args=[filing.pk]))
    assert page.context["can_decide"] is True
    response = client.post(reverse("filings:return", args=[filing.pk]), {"reason": ""})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    client.post(reverse("filings:return", args=[filing.pk]), {"reason": "请补充电话"})
    client.force_login(cast.user("340102", Role.CLERK))
    client.post(reverse("filings:submit"), {"person": manager.pk})
    second = Filing.all_objects.get(number=2)
    client.force_login(cast.user("340100", Role.CLERK))
    client.post(reverse("filings:accept", args=[second.pk]))
    assert Filing.all_objects.get(pk=second.pk).status == Filing.Status.ACCEPTED
    assert entries("filing.submitted").count() == 2
    assert entries("filing.returned").count() == entries("filing.accepted").count() == 1


def test_the_province_sees_the_county_filing_but_cannot_accept_it(client, cast):
    filing = submit(cast, "340102")
    client.force_login(cast.user("340000", Role.CLERK))
    page = client.get(reverse("filings:detail", args=[filing.pk]))
    assert page.status_code == 200
    assert page.context["can_decide"] is False
    response = client.post(reverse("filings:accept", args=[filing.pk]), follow=True)
    assert "the level this filing was sent to" in response.content.decode()
    assert Filing.all_objects.get().status == Filing.Status.SUBMITTED


def test_a_sibling_county_cannot_see_the_filing(client, cast):
    filing = submit(cast, "340102")
    client.force_login(cast.user("340103", Role.CLERK))
    assert client.get(reverse("filings:detail", args=[filing.pk])).status_code == 404
    assert client.post(reverse("filings:accept", args=[filing.pk])).status_code == 404
    assert filing not in client.get(reverse("filings:list")).context["page"].object_list


def test_submitting_twice_shows_the_error_and_keeps_the_choice(client, cast):
    person = make_person(cast, "340102", kind=Person.Kind.STAFF)
    client.force_login(cast.user("340102", Role.CLERK))
    client.post(reverse("filings:submit"), {"person": person.pk})
    response = client.post(reverse("filings:submit"), {"person": person.pk})
    assert response.status_code == 200
    assert "already waiting" in response.content.decode()
    assert response.context["form"]["person"].value() == str(person.pk)


def test_filing_list_puts_pending_first_in_constant_queries(
    client, cast, django_assert_max_num_queries
):
    client.force_login(cast.user("340100", Role.CLERK))
    city_clerk = cast.user("340100", Role.CLERK)
    accept_filing(submit(cast, "340103"), actor=city_clerk)
    url = reverse("filings:list")
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    submit(cast, "340102")
    submit(cast, "340100")
    return_filing(submit(cast, "340103"), actor=city_clerk, reason="再核")
    submit(cast, "340202")  # another city's county: received by 340200, not listed here
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    statuses = [filing.status for filing in response.context["page"].object_list]
    assert statuses[:2] == [Filing.Status.SUBMITTED] * 2
    assert len(statuses) == 4


def test_filing_detail_in_constant_queries(client, cast, django_assert_max_num_queries):
    city_clerk = cast.user("340100", Role.CLERK)
    first = submit(cast, "340102")
    client.force_login(city_clerk)
    url = reverse("filings:detail", args=[first.pk])
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for _ in range(3):
        latest = Filing.all_objects.filter(federation=first.federation).order_by("-number")[0]
        return_filing(latest, actor=city_clerk, reason="再核")
        submit(cast, "340102", person=first.person)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["versions"]) == 4


def test_gaps_lists_federations_below_without_a_valid_filing(
    client, cast, django_assert_max_num_queries
):
    city_clerk = cast.user("340100", Role.CLERK)
    client.force_login(city_clerk)
    with django_assert_max_num_queries(10) as few:
        response = client.get(reverse("filings:gaps"))
    assert [gap.federation.region_id for gap in response.context["gaps"]] == [
        "340102",
        "340103",
    ]
    accepted = accept_filing(submit(cast, "340102"), actor=city_clerk)
    accept_filing(submit(cast, "340103"), actor=city_clerk)
    mark_person_left(accepted.person, actor=None, on=timezone.localdate() - timedelta(days=3))
    submit(cast, "340102")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("filings:gaps"))
    gaps = response.context["gaps"]
    assert [gap.federation.region_id for gap in gaps] == ["340102"]
    assert gaps[0].person_left_on == timezone.localdate() - timedelta(days=3)
    assert gaps[0].has_pending is True
    assert gaps[0].never_accepted is False


def test_the_province_gaps_are_its_cities_and_a_county_has_none(client, cast):
    client.force_login(cast.user("340000", Role.LEADER))
    gaps = client.get(reverse("filings:gaps")).context["gaps"]
    assert [gap.federation.region_id for gap in gaps] == ["340100", "340200"]
    client.force_login(cast.user("340102", Role.LAWYER))
    assert client.get(reverse("filings:gaps")).context["gaps"] == []


def test_make_filing_helper_returns_a_pending_filing(cast):
    assert make_filing(cast, "340102") == make_filing(cast, "340102")
