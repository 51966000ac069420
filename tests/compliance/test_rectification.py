"""Rectification (整改) tasks: made from unmet final items or by hand, the lifecycle, overdue,
the list with its filters, stale edits, audit."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from audit.models import AuditEntry
from compliance.models import Criterion, RectificationTask
from compliance.services.assessments import submit_assessment
from compliance.services.rectification import (
    TRANSITIONS,
    create_task,
    is_overdue,
    update_task,
)
from compliance.services.reviews import Decision
from lawstation.errors import DomainError
from tests.compliance.assessment_helpers import (
    TODAY,
    agree_all,
    answer_all,
    clerk,
    framework,
    items_of,
    review,
    started,
)
from tests.compliance.factories import person, station

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _setup(english):
    with time_machine.travel(datetime(2026, 11, 15, 4, 0, tzinfo=UTC), tick=False):
        yield


def a_task(cast, *, deadline=TODAY + timedelta(days=30), code="340102") -> RectificationTask:
    framework()
    workstation = station(cast, code)
    return create_task(
        workstation,
        actor=clerk(cast, code),
        criterion=Criterion.objects.filter(province=None).first(),
        description="补齐无障碍设施",
        owner=person(workstation),
        deadline=deadline,
        today=TODAY,
    )


def change(cast, task, **fields):
    values = {
        "description": task.description,
        "owner": task.owner,
        "deadline": task.deadline,
        "status": task.status,
        **fields,
    }
    return update_task(
        task,
        actor=clerk(cast, "340102"),
        expected_version=RectificationTask.all_objects.get(pk=task.pk).version,
        today=TODAY,
        **values,
    )


def test_a_task_made_by_hand_is_audited(cast):
    task = a_task(cast)
    assert task.status == RectificationTask.Status.OPEN
    assert task.county_code == "340102"
    entry = AuditEntry.all_objects.get(action="rectification.created")
    assert entry.changes["deadline"] == [None, (TODAY + timedelta(days=30)).isoformat()]


def test_a_task_from_an_unmet_final_item_takes_its_criterion(cast):
    assessment = started(cast)
    saved = answer_all(cast, assessment)
    submit_assessment(saved, actor=clerk(cast, "340102"), expected_version=saved.version)
    first = items_of(assessment)[0]
    decisions = agree_all(assessment)
    decisions[first.pk] = Decision("disagree", "未达标", "not_met")
    review(cast, assessment, decisions, "final")
    workstation = station(cast, "340102")
    task = create_task(
        workstation,
        actor=clerk(cast, "340102"),
        criterion=None,
        item=items_of(assessment)[0],
        description="整改",
        owner=person(workstation),
        deadline=TODAY,
        today=TODAY,
    )
    assert (task.item_id, task.criterion_id) == (first.pk, first.criterion_id)
    # A met item is no ground for a task.
    with pytest.raises(DomainError):
        create_task(
            workstation,
            actor=clerk(cast, "340102"),
            criterion=None,
            item=items_of(assessment)[1],
            description="整改",
            owner=person(workstation),
            deadline=TODAY,
            today=TODAY,
        )


def test_a_deadline_in_the_past_is_refused(cast):
    with pytest.raises(DomainError) as error:
        a_task(cast, deadline=TODAY - timedelta(days=1))
    assert "cannot be in the past" in str(error.value)


def test_the_owner_must_be_an_active_person_of_the_federation(cast):
    framework()
    workstation = station(cast, "340102")
    other = person(station(cast, "340103"))
    gone = person(workstation, active_until=date(2025, 1, 1))
    for owner in (other, gone):
        with pytest.raises(DomainError) as error:
            create_task(
                workstation,
                actor=clerk(cast, "340102"),
                criterion=Criterion.objects.first(),
                description="x",
                owner=owner,
                deadline=TODAY,
                today=TODAY,
            )
        assert "active person" in str(error.value)


def test_the_city_cannot_manage_a_countys_tasks(cast):
    framework()
    workstation = station(cast, "340102")
    with pytest.raises(DomainError) as error:
        create_task(
            workstation,
            actor=clerk(cast, "340100"),
            criterion=Criterion.objects.first(),
            description="x",
            owner=person(workstation),
            deadline=TODAY,
            today=TODAY,
        )
    assert "own federation" in str(error.value)


def test_lifecycle_open_in_progress_done_needs_date_and_evidence(cast):
    task = a_task(cast)
    task = change(cast, task, status="in_progress")
    assert task.status == "in_progress"
    with pytest.raises(DomainError) as error:
        change(cast, task, status="done")
    assert set(error.value.error_dict) == {"completed_on", "completion_note"}
    with pytest.raises(DomainError) as error:
        change(
            cast, task, status="done", completed_on=TODAY + timedelta(days=1), completion_note="x"
        )
    assert "cannot be in the future" in str(error.value)
    done = change(cast, task, status="done", completed_on=TODAY, completion_note="验收照片已存档")
    assert (done.status, done.completed_on) == ("done", TODAY)
    entry = AuditEntry.all_objects.get(action="rectification.completed")
    assert entry.changes["status"] == ["in_progress", "done"]
    with pytest.raises(DomainError) as error:
        change(cast, done, status="open")
    assert "can no longer be changed" in str(error.value)


def test_cancelling_needs_a_reason(cast):
    task = a_task(cast)
    with pytest.raises(DomainError) as error:
        change(cast, task, status="cancelled")
    assert "reason for cancelling" in str(error.value)
    cancelled = change(cast, task, status="cancelled", completion_note="标准已修订")
    assert cancelled.status == "cancelled"
    assert AuditEntry.all_objects.filter(action="rectification.updated").count() == 1


def test_a_stale_update_is_refused(cast):
    task = a_task(cast)
    with pytest.raises(DomainError) as error:
        update_task(
            task,
            actor=clerk(cast, "340102"),
            expected_version=task.version - 1,
            description="x",
            owner=task.owner,
            deadline=task.deadline,
            status="in_progress",
            today=TODAY,
        )
    assert "Someone else changed" in str(error.value)


def test_the_transition_table_ends_in_done_or_cancelled():
    assert TRANSITIONS["done"] == TRANSITIONS["cancelled"] == ()
    assert "done" in TRANSITIONS["open"]
    assert "done" in TRANSITIONS["in_progress"]


def test_overdue_is_past_the_deadline_and_not_closed(cast):
    task = a_task(cast, deadline=TODAY)
    assert not is_overdue(task, TODAY)
    assert is_overdue(task, TODAY + timedelta(days=1))
    task.status = "done"
    assert not is_overdue(task, TODAY + timedelta(days=1))


def test_the_list_filters_and_marks_overdue_in_text(cast, client):
    late = a_task(cast, deadline=TODAY)
    RectificationTask.all_objects.filter(pk=late.pk).update(deadline=TODAY - timedelta(days=3))
    later = a_task(cast)
    done = change(cast, a_task(cast), status="done", completed_on=TODAY, completion_note="已完成")
    client.force_login(clerk(cast, "340100"))
    url = reverse("rectification:list")

    def shown(show):
        response = client.get(url, {"show": show})
        assert response.status_code == 200
        return {task.pk for task in response.context["tasks"]}, response.content.decode()

    pks, html = shown("overdue")
    assert pks == {late.pk}
    assert "Overdue" in html
    assert shown("open")[0] == {late.pk, later.pk}
    assert shown("done")[0] == {done.pk}
    assert shown("all")[0] == {late.pk, later.pk, done.pk}
    # A sibling county sees none of them.
    client.force_login(clerk(cast, "340103"))
    assert shown("all")[0] == set()


def test_the_list_query_count_does_not_grow_with_tasks(cast, client, django_assert_max_num_queries):
    client.force_login(clerk(cast, "340100"))
    a_task(cast)
    url = reverse("rectification:list") + "?show=all"
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for _ in range(6):
        a_task(cast)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_creating_and_updating_through_the_pages(cast, client):
    framework()
    workstation = station(cast, "340102")
    owner = person(workstation)
    criterion = Criterion.objects.filter(province=None).first()
    client.force_login(clerk(cast, "340102"))
    response = client.post(
        reverse("rectification:create"),
        {
            "criterion": criterion.pk,
            "description": "",
            "owner": owner.pk,
            "deadline": "2026-12-31",
        },
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not RectificationTask.all_objects.exists()
    response = client.post(
        reverse("rectification:create"),
        {
            "criterion": criterion.pk,
            "description": "补齐",
            "owner": owner.pk,
            "deadline": "2026-12-31",
        },
    )
    assert response.status_code == 302
    task = RectificationTask.all_objects.get()
    url = reverse("rectification:detail", args=[task.pk])
    stale = {
        "version": task.version + 5,
        "status": "in_progress",
        "description": "补齐",
        "owner": owner.pk,
        "deadline": "2026-12-31",
    }
    response = client.post(url, stale)
    assert response.status_code == 200
    assert "Someone else changed" in response.content.decode()
    response = client.post(url, {**stale, "version": task.version})
    assert response.status_code == 302
    assert RectificationTask.all_objects.get().status == "in_progress"
