"""Return visits after closure and complaints about the service."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from cases.models import Case, Complaint, ReturnVisit, RiskFlag
from cases.services.followups import (
    record_complaint,
    record_return_visit,
    resolve_complaint,
    schedule_return_visit,
)
from lawstation.errors import DomainError
from tests.cases.closure_helpers import closed_case, entries, served_case

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def clerk(cast):
    return cast.user("340102", Role.CLERK)


def visit_of(case):
    return ReturnVisit.all_objects.filter(case=case).order_by("pk").first()


def test_recording_the_return_visit(cast):
    case = closed_case(cast)
    visit = record_return_visit(
        visit_of(case),
        actor=clerk(cast),
        done_on=TODAY(),
        method="phone",
        satisfaction=4,
        comments="对服务满意",
    )
    assert visit.done_by == clerk(cast)
    assert ReturnVisit.all_objects.get(pk=visit.pk).satisfaction == 4
    entry = entries("return_visit.recorded").get()
    assert entry.changes["satisfaction"] == [None, 4]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"done_on": "tomorrow"}, "cannot be in the future"),
        ({"done_on": "before"}, "after the case was closed"),
        ({"satisfaction": 6}, "from 1 to 5"),
        ({"satisfaction": 0}, "from 1 to 5"),
        ({"method": "telepathy"}, "how the visit was made"),
    ],
)
def test_a_return_visit_refuses_bad_input(cast, english, values, message):
    case = closed_case(cast)
    days = {"tomorrow": TODAY() + timedelta(days=1), "before": TODAY() - timedelta(days=1)}
    data = {"done_on": TODAY(), "method": "visit", "satisfaction": 5} | values
    data["done_on"] = days.get(data["done_on"], data["done_on"])
    with pytest.raises(DomainError) as excinfo:
        record_return_visit(visit_of(case), actor=clerk(cast), **data)
    assert message in excinfo.value.messages[0]
    assert visit_of(case).done_on is None
    assert not entries("return_visit.recorded").exists()


def test_a_return_visit_is_recorded_once(cast):
    visit = visit_of(closed_case(cast))
    record_return_visit(visit, actor=clerk(cast), done_on=TODAY(), method="sms", satisfaction=3)
    with pytest.raises(DomainError):
        record_return_visit(visit, actor=clerk(cast), done_on=TODAY(), method="sms", satisfaction=3)


def test_scheduling_another_visit_needs_a_closed_case_and_a_date_ahead(cast):
    case = closed_case(cast)
    visit = schedule_return_visit(case, actor=clerk(cast), due_on=TODAY() + timedelta(days=7))
    assert visit.county_code == "340102"
    assert entries("return_visit.scheduled").count() == 2
    with pytest.raises(DomainError):
        schedule_return_visit(case, actor=clerk(cast), due_on=TODAY() - timedelta(days=1))
    with pytest.raises(DomainError):
        schedule_return_visit(served_case(cast), actor=clerk(cast), due_on=TODAY())


def test_a_complaint_raises_a_risk_for_review(cast):
    case = closed_case(cast)
    complaint = record_complaint(
        case,
        actor=clerk(cast),
        received_on=TODAY(),
        content="律师态度不好",
        return_visit=visit_of(case),
    )
    assert complaint.return_visit == visit_of(case)
    flag = RiskFlag.all_objects.get(case=case)
    assert flag.kind == "complaint"
    assert Case.all_objects.get(pk=case.pk).has_open_risk
    assert entries("complaint.recorded").get().changes["content"] == [None, "律师态度不好"]
    assert entries("risk.raised").count() == 1


def test_a_complaint_refuses_a_future_date_an_empty_text_and_another_cases_visit(cast):
    case, other = closed_case(cast), closed_case(cast)
    bad = [
        {"received_on": TODAY() + timedelta(days=2), "content": "x"},
        {"received_on": TODAY(), "content": "  "},
        {"received_on": TODAY(), "content": "x", "return_visit": visit_of(other)},
    ]
    for values in bad:
        with pytest.raises(DomainError):
            record_complaint(case, actor=clerk(cast), **values)
    assert not Complaint.all_objects.exists()
    assert not RiskFlag.all_objects.exists()


def test_resolving_a_complaint(cast, english):
    case = closed_case(cast)
    complaint = record_complaint(case, actor=clerk(cast), received_on=TODAY(), content="投诉")
    with pytest.raises(DomainError) as excinfo:
        resolve_complaint(
            complaint, actor=clerk(cast), resolved_on=TODAY() - timedelta(days=1), handling="x"
        )
    assert "before it was received" in excinfo.value.messages[0]
    resolved = resolve_complaint(
        complaint, actor=clerk(cast), resolved_on=TODAY(), handling="更换承办律师"
    )
    assert resolved.handling == "更换承办律师"
    assert entries("complaint.resolved").get().changes["handling"] == [None, "更换承办律师"]
    with pytest.raises(DomainError):
        resolve_complaint(complaint, actor=clerk(cast), resolved_on=TODAY(), handling="again")


# --- pages ------------------------------------------------------------------------------------


def test_the_clerk_records_the_visit_by_form(client, cast):
    case = closed_case(cast)
    visit = visit_of(case)
    client.force_login(clerk(cast))
    response = client.post(
        reverse("closure:visit_record", args=[case.pk, visit.pk]),
        {"done_on": TODAY().isoformat(), "method": "visit", "satisfaction": "5"},
    )
    assert response.status_code == 302
    assert visit_of(case).satisfaction == 5


def test_a_visit_dated_tomorrow_is_shown_again_with_a_message(client, cast, english):
    case = closed_case(cast)
    client.force_login(clerk(cast))
    tomorrow = (TODAY() + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("closure:visit_record", args=[case.pk, visit_of(case).pk]),
        {"done_on": tomorrow, "method": "visit", "satisfaction": "5", "comments": "我的记录"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "cannot be in the future" in html
    assert "我的记录" in html


def test_complaint_and_resolution_by_form(client, cast):
    case = closed_case(cast)
    client.force_login(clerk(cast))
    response = client.post(
        reverse("closure:complaint_new", args=[case.pk]),
        {"received_on": TODAY().isoformat(), "content": "办理拖延", "return_visit": ""},
    )
    assert response.status_code == 302
    complaint = Complaint.all_objects.get()
    response = client.post(
        reverse("closure:complaint_resolve", args=[case.pk, complaint.pk]),
        {"resolved_on": TODAY().isoformat(), "handling": "已道歉并加快办理"},
    )
    assert response.status_code == 302
    assert Complaint.all_objects.get().resolved_on == TODAY()


def test_a_visit_of_another_case_is_not_found(client, cast):
    case, other = closed_case(cast), closed_case(cast)
    client.force_login(clerk(cast))
    url = reverse("closure:visit_record", args=[case.pk, visit_of(other).pk])
    assert client.get(url).status_code == 404


def test_a_lawyer_cannot_record_follow_ups(client, cast):
    case = closed_case(cast)
    client.force_login(cast.user("340102", Role.LAWYER))
    assert client.get(reverse("closure:complaint_new", args=[case.pk])).status_code == 403
