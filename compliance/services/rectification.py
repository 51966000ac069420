"""Rectification (整改) tasks: work to bring an unmet or partly met item up to the standard.

A task belongs to a workstation and a criterion (and, when made from a reviewed
self-assessment, to its item). Its owner is an active person of the workstation's federation;
its deadline is not in the past when set. Status: open → in progress → done (a completion date
not in the future and the evidence of completion) or cancelled (with the reason, kept as the
completion note). Only the workstation's own federation writes its tasks.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from compliance.models import Assessment, AssessmentItem, Criterion, RectificationTask, Result
from compliance.services.assessments import federation_of
from lawstation.errors import DomainError
from lawstation.versioning import lock_at_version
from people.models import Person
from workstations.models import Workstation

Status = RectificationTask.Status
# The one table of allowed status changes; the form and the tests read it too.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.OPEN: (Status.IN_PROGRESS, Status.DONE, Status.CANCELLED),
    Status.IN_PROGRESS: (Status.DONE, Status.CANCELLED),
    Status.DONE: (),
    Status.CANCELLED: (),
}
CLOSED = (Status.DONE, Status.CANCELLED)
UNMET = (Result.NOT_MET, Result.PARTLY)
MAX_TEXT = 4000


def is_overdue(task: RectificationTask, today: date) -> bool:
    """Past its deadline and neither done nor cancelled."""
    return task.status not in CLOSED and task.deadline < today


@transaction.atomic
def create_task(
    workstation: Workstation,
    *,
    actor: Any,
    criterion: Criterion,
    description: str,
    owner: Person,
    deadline: date,
    item: AssessmentItem | None = None,
    today: date | None = None,
) -> RectificationTask:
    today = today or timezone.localdate()
    _check_own(workstation, actor)
    if item is not None:
        _check_item(workstation, item)
        criterion = item.criterion
    description = _checked_text(description, "description", _("Say what must be done."))
    _check_owner(workstation, owner, today)
    _check_deadline(deadline, today)
    task = RectificationTask(
        workstation=workstation,
        criterion=criterion,
        item=item,
        description=description,
        owner=owner,
        deadline=deadline,
        created_by=actor,
        province_code=workstation.province_code,
        city_code=workstation.city_code,
        county_code=workstation.county_code,
    )
    task.save()
    record(
        "rectification.created",
        task,
        actor=actor,
        changes={
            "criterion": [None, criterion.code],
            "item": [None, item.pk if item else None],
            "owner": [None, owner.pk],
            "deadline": [None, deadline.isoformat()],
            "description": [None, description],
        },
    )
    return task


@transaction.atomic
def update_task(
    task: RectificationTask,
    *,
    actor: Any,
    expected_version: int | None,
    description: str,
    owner: Person,
    deadline: date,
    status: str,
    completed_on: date | None = None,
    completion_note: str = "",
    today: date | None = None,
) -> RectificationTask:
    """Change a task; ``done`` needs ``completed_on`` and ``completion_note`` (the evidence of
    completion), ``cancelled`` needs ``completion_note`` (the reason)."""
    today = today or timezone.localdate()
    workstation = Workstation.all_objects.get(pk=task.workstation_id)
    _check_own(workstation, actor)
    locked = lock_at_version(task, expected_version)
    if locked.status in CLOSED:
        raise DomainError(
            _("This task is %(status)s; it can no longer be changed.")
            % {"status": locked.get_status_display()},
            code="closed",
        )
    if status != locked.status and status not in TRANSITIONS[locked.status]:
        raise DomainError({"status": _("Choose one of the statuses offered.")}, code="status")
    description = _checked_text(description, "description", _("Say what must be done."))
    if owner.pk != locked.owner_id:
        _check_owner(workstation, owner, today)
    if deadline != locked.deadline:
        _check_deadline(deadline, today)
    note = (completion_note or "").strip()
    if status == Status.DONE:
        _check_done(completed_on, note, today)
    elif status == Status.CANCELLED:
        note = _checked_text(note, "completion_note", _("Give the reason for cancelling."))
        completed_on = None
    else:
        completed_on, note = None, locked.completion_note
    new = {
        "description": description,
        "owner_id": owner.pk,
        "deadline": deadline,
        "status": status,
        "completed_on": completed_on,
        "completion_note": note,
    }
    changes = {
        name: [_plain(getattr(locked, name)), _plain(value)]
        for name, value in new.items()
        if getattr(locked, name) != value
    }
    for name, value in new.items():
        setattr(locked, name, value)
    locked.save()
    if changes:
        action = "rectification.completed" if status == Status.DONE else "rectification.updated"
        record(action, locked, actor=actor, changes=changes)
    return locked


def _check_own(workstation: Workstation, actor: Any) -> None:
    federation = federation_of(actor)
    if federation is None or federation.pk != workstation.federation_id:
        raise DomainError(
            _("Only the workstation's own federation manages its rectification tasks."),
            code="not_own",
        )


def _check_item(workstation: Workstation, item: AssessmentItem) -> None:
    assessment = Assessment.all_objects.get(pk=item.assessment_id)
    if assessment.workstation_id != workstation.pk:
        raise DomainError(_("That item belongs to another workstation."), code="item")
    if assessment.status != Assessment.Status.FINAL or item.final_result not in UNMET:
        raise DomainError(
            _(
                "A task is made from an item whose review is final and which is not met or "
                "only partly met."
            ),
            code="item",
        )


def _check_owner(workstation: Workstation, owner: Person, today: date) -> None:
    if owner.federation_id != workstation.federation_id or not owner.is_active_on(today):
        raise DomainError(
            {"owner": _("Choose an active person of the workstation's federation.")},
            code="owner",
        )


def _check_deadline(deadline: date, today: date) -> None:
    if deadline < today:
        raise DomainError({"deadline": _("The deadline cannot be in the past.")}, code="deadline")


def _check_done(completed_on: date | None, note: str, today: date) -> None:
    errors = {}
    if completed_on is None:
        errors["completed_on"] = _("Give the date the work was completed.")
    elif completed_on > today:
        errors["completed_on"] = _("The completion date cannot be in the future.")
    if not note:
        errors["completion_note"] = _("Describe the evidence that the work is complete.")
    if errors:
        raise DomainError(errors, code="done")


def _checked_text(value: str, field: str, missing: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError({field: missing}, code="required")
    if len(value) > MAX_TEXT:
        message = _("The text is too long (%(limit)s characters at most).")
        raise DomainError({field: message % {"limit": MAX_TEXT}}, code="too_long")
    return value


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
