"""The coordination group: set up, adjusted, members; its page."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEntry
from lawstation.errors import DomainError
from tests.workstations.stations_helpers import clerk, make_group, make_member
from workstations.models import CoordinationGroup, GroupAdjustment, GroupMember
from workstations.services.groups import (
    add_group_member,
    adjust_group,
    record_member_left,
    set_up_group,
)

pytestmark = pytest.mark.django_db

SET_UP = {
    "established_on": date(2019, 6, 1),
    "document_number": "皖残联〔2019〕56号",
    "document_date": date(2019, 5, 28),
    "office_location": "三楼",
    "office_head": "王主任",
}


def tomorrow() -> date:
    return timezone.localdate() + timedelta(days=1)


def audited(action: str) -> int:
    return AuditEntry.all_objects.filter(action=action).count()


# --- set up ----------------------------------------------------------------------------------


def test_setting_up_creates_the_group_and_its_set_up_adjustment(cast):
    group = set_up_group(cast.federations["340102"], actor=clerk(cast, "340102"), **SET_UP)
    assert group.county_code == "340102"
    adjustment = GroupAdjustment.all_objects.get(group=group)
    assert adjustment.kind == GroupAdjustment.Kind.SET_UP
    assert adjustment.document_number == "皖残联〔2019〕56号"
    assert adjustment.county_code == "340102"
    entry = AuditEntry.all_objects.get(action="coordination_group.set_up")
    assert entry.changes["document_number"] == [None, "皖残联〔2019〕56号"]


def test_a_second_group_for_the_same_federation_is_refused(cast):
    make_group(cast, "340102")
    with pytest.raises(DomainError, match="already has a coordination group"):
        set_up_group(cast.federations["340102"], actor=clerk(cast, "340102"), **SET_UP)
    assert CoordinationGroup.all_objects.count() == 1
    assert audited("coordination_group.set_up") == 1


@pytest.mark.parametrize("field", ["established_on", "document_date"])
def test_set_up_dates_in_the_future_are_refused(cast, field):
    values = {**SET_UP, field: tomorrow()}
    if field == "established_on":
        values["document_date"] = date(2019, 5, 28)
    with pytest.raises(DomainError, match="cannot be in the future"):
        set_up_group(cast.federations["340102"], actor=None, **values)
    assert not CoordinationGroup.all_objects.exists()
    assert audited("coordination_group.set_up") == 0


def test_a_document_dated_after_the_set_up_is_refused(cast):
    with pytest.raises(DomainError, match="cannot take effect before it was issued"):
        set_up_group(
            cast.federations["340102"], actor=None, **{**SET_UP, "document_date": date(2019, 6, 2)}
        )
    assert not CoordinationGroup.all_objects.exists()
    assert audited("coordination_group.set_up") == 0


def test_a_blank_document_number_is_refused(cast):
    with pytest.raises(DomainError, match="document number"):
        set_up_group(cast.federations["340102"], actor=None, **{**SET_UP, "document_number": " "})
    assert audited("coordination_group.set_up") == 0


# --- adjustments -----------------------------------------------------------------------------


def adjust(group, **overrides):
    values = {
        "kind": GroupAdjustment.Kind.REFORMED,
        "effective_on": date(2020, 3, 1),
        "document_number": "合残联〔2020〕3号",
        "document_date": date(2020, 2, 20),
    }
    return adjust_group(group, actor=None, **(values | overrides))


def test_reforming_records_a_dated_adjustment_and_may_move_the_office(cast):
    group = make_group(cast, "340102")
    adjust(group, office_location="一楼", office_head="李主任", expected_version=group.version)
    group.refresh_from_db()
    assert group.office_location == "一楼"
    assert group.version == 2
    kinds = list(GroupAdjustment.all_objects.filter(group=group).values_list("kind", flat=True))
    assert kinds == ["reformed", "set_up"]  # newest first
    entry = AuditEntry.all_objects.get(action="coordination_group.adjusted")
    assert entry.changes["office_head"] == ["王主任", "李主任"]


def test_dissolving_sets_dissolved_on_and_then_refuses_more(cast):
    group = make_group(cast, "340102")
    adjust(group, kind=GroupAdjustment.Kind.DISSOLVED)
    group.refresh_from_db()
    assert group.dissolved_on == date(2020, 3, 1)
    assert not group.is_active
    with pytest.raises(DomainError, match="dissolved"):
        adjust(group, effective_on=date(2020, 4, 1))
    with pytest.raises(DomainError, match="dissolved"):
        make_member(cast, "340102")
    assert audited("coordination_group.adjusted") == 1
    assert audited("group_member.added") == 0


def test_a_second_set_up_adjustment_is_refused(cast):
    group = make_group(cast, "340102")
    with pytest.raises(DomainError, match="Choose"):
        adjust(group, kind=GroupAdjustment.Kind.SET_UP)
    assert audited("coordination_group.adjusted") == 0


def test_an_adjustment_before_the_set_up_is_refused(cast):
    group = make_group(cast, "340102")
    with pytest.raises(DomainError, match="before the group was set up"):
        adjust(group, effective_on=date(2019, 5, 1), document_date=date(2019, 5, 1))
    assert audited("coordination_group.adjusted") == 0


def test_an_adjustment_in_the_future_is_refused(cast):
    group = make_group(cast, "340102")
    with pytest.raises(DomainError, match="cannot be in the future"):
        adjust(group, effective_on=tomorrow())
    assert GroupAdjustment.all_objects.filter(group=group).count() == 1
    assert audited("coordination_group.adjusted") == 0


def test_an_adjustment_on_a_stale_version_is_refused(cast):
    group = make_group(cast, "340102")
    adjust(group, expected_version=1)
    with pytest.raises(DomainError, match="Someone else changed"):
        adjust(group, expected_version=1, effective_on=date(2020, 4, 1))
    assert audited("coordination_group.adjusted") == 1


# --- members ---------------------------------------------------------------------------------


def test_adding_a_member_files_it_under_the_group_region(cast):
    member = make_member(cast, "340102", name="赵法官")
    assert member.county_code == "340102"
    assert member.until is None
    entry = AuditEntry.all_objects.get(action="group_member.added")
    assert entry.changes["unit"] == [None, "court"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"unit": "church"}, "member unit"),
        ({"name": " "}, "member's name"),
        ({"post": ""}, "member's post"),
        ({"since": date(2019, 1, 1)}, "before the group was set up"),
    ],
)
def test_bad_members_are_refused(cast, overrides, message):
    make_group(cast, "340102")
    with pytest.raises(DomainError, match=message):
        make_member(cast, "340102", **overrides)
    assert not GroupMember.all_objects.exists()
    assert audited("group_member.added") == 0


def test_a_member_joining_in_the_future_is_refused(cast):
    group = make_group(cast, "340102")
    with pytest.raises(DomainError, match="cannot be in the future"):
        add_group_member(
            group,
            actor=None,
            unit="court",
            unit_name="法院",
            name="甲",
            post="院长",
            since=tomorrow(),
        )
    assert audited("group_member.added") == 0


def test_a_member_leaves_once_and_not_before_joining_nor_in_the_future(cast):
    member = make_member(cast, "340102", since=date(2019, 7, 1))
    with pytest.raises(DomainError, match="before the date they joined"):
        record_member_left(member, actor=None, until=date(2019, 6, 30))
    with pytest.raises(DomainError, match="cannot be in the future"):
        record_member_left(member, actor=None, until=tomorrow())
    record_member_left(member, actor=None, until=date(2020, 1, 31))
    with pytest.raises(DomainError, match="already left"):
        record_member_left(member, actor=None, until=date(2020, 2, 1))
    member.refresh_from_db()
    assert member.until == date(2020, 1, 31)
    entry = AuditEntry.all_objects.get(action="group_member.left")
    assert entry.changes == {"until": [None, "2020-01-31"]}


# --- pages -----------------------------------------------------------------------------------


def url(name, code="340102", *args):
    return reverse(f"stations:{name}", args=[code, *args])


def test_page_without_a_group_offers_the_set_up_form_to_the_clerk(client, cast):
    client.force_login(cast.user("340102", Role.CLERK))
    html = client.get(url("group")).content.decode()
    assert "No coordination group is on record" in html
    assert 'action="' + url("group_set_up") in html


def test_the_leader_sees_the_group_without_forms(client, cast):
    make_member(cast, "340102")
    client.force_login(cast.user("340102", Role.LEADER))
    html = client.get(url("group")).content.decode()
    assert "皖残联〔2019〕56号" in html
    assert url("member_add") not in html


def test_clerk_sets_up_the_group_through_the_page(client, cast):
    client.force_login(cast.user("340102", Role.CLERK))
    data = {**SET_UP, "established_on": "2019-06-01", "document_date": "2019-05-28"}
    response = client.post(url("group_set_up"), data)
    assert response.status_code == 302
    assert response["Location"] == url("group")
    assert CoordinationGroup.all_objects.get().office_head == "王主任"
    assert audited("coordination_group.set_up") == 1


def test_a_refused_set_up_shows_the_form_again_with_what_was_typed(client, cast):
    client.force_login(cast.user("340102", Role.CLERK))
    data = {**SET_UP, "established_on": "2019-06-01", "document_date": "2019-06-09"}
    response = client.post(url("group_set_up"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert "cannot take effect before it was issued" in html
    assert "三楼" in html
    assert "王主任" in html
    assert not CoordinationGroup.all_objects.exists()


def test_clerk_adjusts_adds_and_marks_a_member_left_through_the_page(client, cast):
    group = make_group(cast, "340102")
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.post(
        url("group_adjust"),
        {
            "kind": "member_changed",
            "effective_on": "2020-03-01",
            "document_number": "瑶残联〔2020〕1号",
            "document_date": "2020-03-01",
            "office_location": "三楼",
            "office_head": "王主任",
            "version": group.version,
        },
    )
    assert response.status_code == 302
    member_data = {
        "unit": "justice",
        "unit_name": "瑶海区司法局",
        "name": "钱局长",
        "post": "局长",
        "since": "2020-03-01",
    }
    assert client.post(url("member_add"), member_data).status_code == 302
    member = GroupMember.all_objects.get()
    response = client.post(url("member_left", "340102", member.pk), {"until": "2020-12-31"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.until == date(2020, 12, 31)
    assert audited("coordination_group.adjusted") == audited("group_member.left") == 1


def test_a_refused_member_left_shows_the_error_next_to_that_member(client, cast):
    member = make_member(cast, "340102", since=date(2019, 7, 1))
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.post(url("member_left", "340102", member.pk), {"until": "2019-01-01"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "before the date they joined" in html
    assert 'value="2019-01-01"' in html


def test_a_stale_adjustment_keeps_what_was_typed(client, cast):
    group = make_group(cast, "340102")
    adjust(group)
    client.force_login(cast.user("340102", Role.CLERK))
    data = {
        "kind": "reformed",
        "effective_on": "2020-05-01",
        "document_number": "瑶残联〔2020〕9号",
        "document_date": "2020-05-01",
        "version": 1,
    }
    html = client.post(url("group_adjust"), data).content.decode()
    assert "Someone else changed" in html
    assert "瑶残联〔2020〕9号" in html


def test_city_clerk_sees_a_county_group_but_a_sibling_county_does_not(client, cast):
    make_group(cast, "340102")
    client.force_login(cast.user("340100", Role.CLERK))
    assert client.get(url("group")).status_code == 200
    client.force_login(cast.user("340103", Role.CLERK))
    assert client.get(url("group")).status_code == 404


def test_group_page_queries_do_not_grow_with_history(client, cast, django_assert_max_num_queries):
    group = make_group(cast, "340102")
    make_member(cast, "340102")
    client.force_login(cast.user("340102", Role.CLERK))
    with django_assert_max_num_queries(20) as few:
        client.get(url("group"))
    for month in range(2, 8):
        adjust(group, effective_on=date(2020, month, 1), document_date=date(2020, month, 1))
        make_member(cast, "340102")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("group"))
    assert len(response.context["group"].members.all()) == 7
