"""The workstation: created, edited (head, daily manager), its statuses and premises; its page."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEntry
from lawstation.errors import DomainError
from people.models import Person
from tests.workstations.stations_helpers import clerk, make_group, make_staff, make_station
from workstations.models import PremisesCheck, StatusChange, Workstation
from workstations.services.stations import (
    TRANSITIONS,
    change_status,
    create_workstation,
    record_premises_check,
    update_workstation,
)

pytestmark = pytest.mark.django_db


def tomorrow() -> date:
    return timezone.localdate() + timedelta(days=1)


def audited(action: str) -> int:
    return AuditEntry.all_objects.filter(action=action).count()


def edit(workstation, **overrides):
    values = {
        "name": workstation.name,
        "address": workstation.address,
        "approved_on": workstation.approved_on,
        "approval_document": workstation.approval_document,
        "head": None,
        "daily_manager": None,
        "expected_version": workstation.version,
    }
    return update_workstation(workstation, actor=None, **(values | overrides))


def approved(cast, code="340102"):
    make_group(cast, "340100")
    workstation = make_station(cast, code)
    return edit(workstation, approved_on=date(2020, 1, 10), approval_document="合残联〔2020〕2号")


# --- create ----------------------------------------------------------------------------------


def test_a_new_workstation_is_planned_with_a_status_row(cast):
    workstation = create_workstation(
        cast.federations["340102"], actor=clerk(cast, "340102"), name="瑶海区工作站"
    )
    assert workstation.status == Workstation.Status.PLANNED
    assert workstation.county_code == "340102"
    change = StatusChange.all_objects.get(workstation=workstation)
    assert change.status == "planned"
    assert change.effective_on == timezone.localdate()
    assert audited("workstation.created") == 1


def test_a_second_workstation_for_a_federation_is_refused(cast):
    make_station(cast, "340102")
    with pytest.raises(DomainError, match="already has a workstation"):
        create_workstation(cast.federations["340102"], actor=None, name="又一个")
    assert audited("workstation.created") == 1


@pytest.mark.parametrize(
    ("values", "message"),
    [({"name": "  "}, "name"), ({"name": "站", "planned_on": "future"}, "cannot be in the future")],
)
def test_bad_new_workstations_are_refused(cast, values, message):
    if values.get("planned_on") == "future":
        values = {**values, "planned_on": tomorrow()}
    with pytest.raises(DomainError, match=message):
        create_workstation(cast.federations["340102"], actor=None, **values)
    assert not Workstation.all_objects.exists()
    assert audited("workstation.created") == 0


# --- edit: head and daily manager ------------------------------------------------------------


def test_a_formal_staff_member_can_be_head_and_anyone_active_daily_manager(cast):
    workstation = make_station(cast, "340102")
    head = make_staff(cast, "340102", name="张主任")
    manager = make_staff(cast, "340102", formal=False, kind=Person.Kind.OTHER, name="刘干事")
    saved = edit(workstation, head=head, daily_manager=manager, address="新址")
    assert (saved.head, saved.daily_manager, saved.version) == (head, manager, 2)
    entry = AuditEntry.all_objects.get(action="workstation.updated")
    assert entry.changes["head"] == [None, "张主任"]
    assert entry.changes["address"] == ["某路1号", "新址"]


@pytest.mark.parametrize(
    "person_kind", ["not_formal", "lawyer", "other_federation", "left"], ids=str
)
def test_a_head_who_is_not_active_formal_staff_of_this_federation_is_refused(cast, person_kind):
    workstation = make_station(cast, "340102")
    person = {
        "not_formal": lambda: make_staff(cast, "340102", formal=False, name="张三"),
        "lawyer": lambda: make_staff(
            cast,
            "340102",
            formal=False,
            name="张三",
            kind=Person.Kind.LAWYER,
            licence_number="134012019",
        ),
        "other_federation": lambda: make_staff(cast, "340103", name="张三"),
        "left": lambda: _left(make_staff(cast, "340102", name="张三")),
    }[person_kind]()
    with pytest.raises(DomainError) as refused:
        edit(workstation, head=person)
    message = refused.value.messages[0]
    if person_kind == "left":
        assert message == "张三 is not active today and cannot be the head."
    else:
        assert (
            message == "The head must be a formal staff member of 瑶海区残疾人联合会; 张三 is not."
        )
    workstation.refresh_from_db()
    assert workstation.head is None
    assert audited("workstation.updated") == 0


def _left(person):
    Person.all_objects.filter(pk=person.pk).update(active_until=date(2020, 1, 1))
    person.refresh_from_db()
    return person


def test_a_daily_manager_of_another_federation_or_inactive_is_refused(cast):
    workstation = make_station(cast, "340102")
    with pytest.raises(DomainError, match="must be someone of 瑶海区残疾人联合会"):
        edit(workstation, daily_manager=make_staff(cast, "340103", formal=False))
    with pytest.raises(DomainError, match="cannot be the daily manager"):
        edit(workstation, daily_manager=_left(make_staff(cast, "340102")))
    assert audited("workstation.updated") == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"approved_on": date(2020, 1, 1)}, "both the approval date and the approval document"),
        ({"approval_document": "文号"}, "both the approval date and the approval document"),
        ({"approved_on": "future", "approval_document": "文号"}, "cannot be in the future"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_edits_are_refused(cast, overrides, message):
    workstation = make_station(cast, "340102")
    if overrides.get("approved_on") == "future":
        overrides = {**overrides, "approved_on": tomorrow()}
    with pytest.raises(DomainError, match=message):
        edit(workstation, **overrides)
    assert audited("workstation.updated") == 0


def test_a_stale_edit_is_refused(cast):
    workstation = make_station(cast, "340102")
    edit(workstation, address="一")
    with pytest.raises(DomainError, match="Someone else changed"):
        edit(workstation, address="二", expected_version=1)
    assert audited("workstation.updated") == 1


# --- status ----------------------------------------------------------------------------------


def test_establishing_needs_approval_recorded(cast):
    make_group(cast, "340100")
    workstation = make_station(cast, "340102")
    with pytest.raises(DomainError, match="record the approval date and document first"):
        change_status(workstation, actor=None, status="established", effective_on=date(2020, 2, 1))
    assert audited("workstation.status_changed") == 0


def test_establishing_needs_a_coordination_group_one_level_up(cast):
    workstation = edit(
        make_station(cast, "340102"), approved_on=date(2020, 1, 10), approval_document="文号"
    )
    with pytest.raises(DomainError, match="合肥市残疾人联合会 has no coordination group on record"):
        change_status(workstation, actor=None, status="established", effective_on=date(2020, 2, 1))
    make_group(cast, "340100", established_on=date(2020, 1, 11))  # set up after the approval
    with pytest.raises(DomainError, match="no coordination group on record on 2020-01-10"):
        change_status(workstation, actor=None, status="established", effective_on=date(2020, 2, 1))
    assert audited("workstation.status_changed") == 0


def test_establishing_not_before_approval(cast):
    workstation = approved(cast)
    with pytest.raises(DomainError, match="before its approval"):
        change_status(workstation, actor=None, status="established", effective_on=date(2020, 1, 9))


def test_the_status_walk_records_every_change(cast):
    workstation = approved(cast)
    change_status(workstation, actor=None, status="established", effective_on=date(2020, 2, 1))
    change_status(
        workstation, actor=None, status="suspended", effective_on=date(2020, 5, 1), note="装修"
    )
    change_status(workstation, actor=None, status="established", effective_on=date(2020, 6, 1))
    workstation.refresh_from_db()
    assert workstation.status == "established"
    history = StatusChange.all_objects.filter(workstation=workstation)
    assert [c.status for c in history] == ["established", "suspended", "established", "planned"]
    assert history[1].document_number == ""  # suspending names no approval
    assert history[0].document_number == "合残联〔2020〕2号"
    assert audited("workstation.status_changed") == 3


@pytest.mark.parametrize(("old", "new"), [(o, n) for o in TRANSITIONS for n in TRANSITIONS])
def test_only_the_transitions_in_the_table_are_allowed(cast, old, new):
    workstation = approved(cast)
    Workstation.all_objects.filter(pk=workstation.pk).update(status=old)
    workstation.refresh_from_db()
    call = lambda: change_status(  # noqa: E731
        workstation, actor=None, status=new, effective_on=date(2020, 2, 1), note="原因"
    )
    if new in TRANSITIONS[old]:
        call()
        assert audited("workstation.status_changed") == 1
    else:
        with pytest.raises(DomainError, match="cannot become"):
            call()
        assert audited("workstation.status_changed") == 0


@pytest.mark.parametrize("status", ["suspended", "closed"])
def test_suspending_or_closing_needs_a_note(cast, status):
    workstation = approved(cast)
    change_status(workstation, actor=None, status="established", effective_on=date(2020, 2, 1))
    with pytest.raises(DomainError, match="Say why"):
        change_status(workstation, actor=None, status=status, effective_on=date(2020, 3, 1))
    assert audited("workstation.status_changed") == 1


def test_a_status_change_in_the_future_or_before_the_last_is_refused(cast):
    workstation = make_station(cast, "340102", planned_on=date(2020, 1, 1))
    with pytest.raises(DomainError, match="cannot be in the future"):
        change_status(workstation, actor=None, status="closed", effective_on=tomorrow(), note="x")
    with pytest.raises(DomainError, match="before the last one"):
        change_status(
            workstation, actor=None, status="closed", effective_on=date(2019, 12, 1), note="x"
        )
    assert audited("workstation.status_changed") == 0


def test_an_established_workstation_keeps_its_approval(cast):
    workstation = approved(cast)
    change_status(workstation, actor=None, status="established", effective_on=date(2020, 2, 1))
    with pytest.raises(DomainError, match="keeps its approval"):
        edit(workstation, approved_on=None, approval_document="")


# --- premises --------------------------------------------------------------------------------


def test_a_premises_check_is_recorded_and_audited(cast):
    workstation = make_station(cast, "340102")
    check = record_premises_check(
        workstation,
        actor=None,
        item="barrier_free",
        present=True,
        evidence="照片 2020-05-01",
        checked_on=date(2020, 5, 1),
    )
    assert check.county_code == "340102"
    entry = AuditEntry.all_objects.get(action="premises.checked")
    assert entry.changes["present"] == [None, True]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"item": "swimming_pool"}, "premises item"),
        ({"present": True, "evidence": ""}, "photo or a document"),
        ({"checked_on": "future"}, "cannot be in the future"),
    ],
)
def test_bad_premises_checks_are_refused(cast, values, message):
    workstation = make_station(cast, "340102")
    base = {"item": "signage", "present": False, "evidence": "", "checked_on": date(2020, 5, 1)}
    values = base | values
    if values["checked_on"] == "future":
        values["checked_on"] = tomorrow()
    with pytest.raises(DomainError, match=message):
        record_premises_check(workstation, actor=None, **values)
    assert not PremisesCheck.all_objects.exists()
    assert audited("premises.checked") == 0


# --- pages -----------------------------------------------------------------------------------


def url(name, code="340102"):
    return reverse(f"stations:{name}", args=[code])


def test_clerk_creates_the_workstation_from_the_empty_page(client, cast):
    client.force_login(cast.user("340102", Role.CLERK))
    html = client.get(url("workstation")).content.decode()
    assert "No workstation is on record" in html
    response = client.post(url("workstation_create"), {"name": "瑶海区工作站", "address": "某路"})
    assert response.status_code == 302
    assert Workstation.all_objects.get().name == "瑶海区工作站"


def test_a_refused_create_keeps_what_was_typed(client, cast):
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.post(
        url("workstation_create"),
        {"name": "瑶海区工作站", "address": "某路", "planned_on": tomorrow().isoformat()},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "cannot be in the future" in html
    assert "瑶海区工作站" in html
    assert not Workstation.all_objects.exists()


def test_editing_with_a_non_formal_head_shows_the_clear_message(client, cast):
    workstation = make_station(cast, "340102")
    person = make_staff(cast, "340102", formal=False, name="张三")
    client.force_login(cast.user("340102", Role.CLERK))
    data = {"name": "新名称", "address": "新址", "head": person.pk, "version": workstation.version}
    response = client.post(url("workstation_edit"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "The head must be a formal staff member of 瑶海区残疾人联合会; 张三 is not." in html
    assert "新名称" in html
    response = client.post(url("workstation_edit"), {**data, "head": ""})
    assert response.status_code == 302
    workstation.refresh_from_db()
    assert workstation.name == "新名称"


def test_status_and_premises_through_the_page(client, cast):
    workstation = make_station(cast, "340102")
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.post(
        url("workstation_status"),
        {"status": "closed", "effective_on": "2020-01-01", "note": "", "version": 1},
    )
    assert "Say why" in response.content.decode()
    response = client.post(
        url("workstation_status"),
        {"status": "closed", "effective_on": "2020-01-01", "note": "撤销", "version": 1},
    )
    assert response.status_code == 302
    data = {"item": "signage", "present": "yes", "evidence": "", "checked_on": "2020-01-02"}
    response = client.post(url("premises_check"), data)
    assert "photo or a document" in response.content.decode()
    response = client.post(url("premises_check"), {**data, "evidence": "照片1"})
    assert response.status_code == 302
    workstation.refresh_from_db()
    assert workstation.status == "closed"


def test_the_page_shows_all_eight_items_latest_check_first(client, cast):
    workstation = make_station(cast, "340102")
    for day, present in ((1, False), (9, True)):
        record_premises_check(
            workstation,
            actor=None,
            item="ground_floor",
            present=present,
            evidence="照片" if present else "",
            checked_on=date(2020, 3, day),
        )
    client.force_login(cast.user("340102", Role.LAWYER))
    response = client.get(url("workstation"))
    premises = response.context["premises"]
    assert len(premises) == 8
    ground = next(state for state in premises if state.item == "ground_floor")
    assert ground.check.present is True
    assert ground.check.checked_on == date(2020, 3, 9)
    assert response.content.decode().count("Not checked") == 7


def test_workstation_page_queries_do_not_grow(client, cast, django_assert_max_num_queries):
    workstation = approved(cast)
    client.force_login(cast.user("340102", Role.CLERK))
    with django_assert_max_num_queries(20) as few:
        client.get(url("workstation"))
    change_status(workstation, actor=None, status="established", effective_on=date(2020, 2, 1))
    edit(workstation, head=make_staff(cast, "340102"), daily_manager=make_staff(cast, "340102"))
    for item in ("signage", "fixed_site", "signage", "ground_floor"):
        record_premises_check(
            workstation, actor=None, item=item, present=False, checked_on=date(2020, 3, 1)
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("workstation"))
    assert response.status_code == 200


def test_edit_page_is_404_without_a_workstation(client, cast):
    client.force_login(cast.user("340102", Role.CLERK))
    assert client.get(url("workstation_edit")).status_code == 404
