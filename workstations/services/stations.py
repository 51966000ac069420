"""The workstation: created, edited, moved through its statuses, and its premises checked.

Status rules (one dict, :data:`TRANSITIONS`; the page's buttons read it too):

- A workstation starts PLANNED. It becomes ESTABLISHED only once it is **approved by the
  coordination group one level up** (Gansu rules Art. 2: the station "经上一级协调领导小组批准",
  located in the same-level federation). So establishing needs the approval date and document on
  the workstation (recorded by editing it), and, below the province, the federation one level up
  must have a coordination group on record that existed on the approval date (set up on or
  before it, not dissolved before it); without it the approval cannot be true. A provincial
  workstation is approved from outside this system (the national level), so only the date and
  document are required there. The station cannot be established before its approval date.
- SUSPENDED and CLOSED need a note saying why. A suspended station may resume (ESTABLISHED) or
  close; a closed one may only be planned again.
- Every status change is a dated StatusChange row, never before the latest one, never in the
  future.

People: the head must be a formal staff member (正式在编) of the same federation, active today
(standard 3); the daily manager must be an active person of the same federation, of any kind.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import record
from lawstation.errors import DomainError
from lawstation.versioning import lock_at_version
from people.models import Person
from regions.models import Federation
from stats.locking import ensure_open_from
from workstations.models import (
    CoordinationGroup,
    PremisesCheck,
    PremisesItem,
    StatusChange,
    Workstation,
)
from workstations.services.groups import refuse_blank, refuse_future

Status = Workstation.Status
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.PLANNED: (Status.ESTABLISHED, Status.CLOSED),
    Status.ESTABLISHED: (Status.SUSPENDED, Status.CLOSED),
    Status.SUSPENDED: (Status.ESTABLISHED, Status.CLOSED),
    Status.CLOSED: (Status.PLANNED,),
}
NEEDS_NOTE = (Status.SUSPENDED, Status.CLOSED)
EDIT_FIELDS = ("name", "address", "approved_on", "approval_document", "head", "daily_manager")


@transaction.atomic
def create_workstation(
    federation: Federation,
    *,
    actor: User | None,
    name: str,
    address: str = "",
    planned_on: date | None = None,
) -> Workstation:
    """Create ``federation``'s workstation, PLANNED since ``planned_on`` (default today)."""
    name = refuse_blank(name, what=_("the workstation's name"))
    planned_on = planned_on or timezone.localdate()
    refuse_future(planned_on, what=_("The date the workstation was planned"))
    Federation.objects.select_for_update().filter(pk=federation.pk).first()  # one at a time
    if Workstation.all_objects.filter(federation=federation).exists():
        raise DomainError(
            _("%(federation)s already has a workstation.") % {"federation": federation.name},
            code="exists",
        )
    workstation = Workstation(federation=federation, name=name, address=address.strip())
    workstation.set_region(federation.region)
    workstation.save()
    _add_status_change(workstation, Status.PLANNED, planned_on)
    record(
        "workstation.created",
        workstation,
        actor=actor,
        changes={
            "name": [None, name],
            "address": [None, workstation.address],
            "status": [None, Status.PLANNED],
        },
    )
    return workstation


@transaction.atomic
def update_workstation(
    workstation: Workstation,
    *,
    actor: User | None,
    expected_version: int | None,
    name: str,
    address: str = "",
    approved_on: date | None = None,
    approval_document: str = "",
    head: Person | None = None,
    daily_manager: Person | None = None,
) -> Workstation:
    """Edit the workstation's particulars; refused if someone changed it meanwhile."""
    values = {
        "name": refuse_blank(name, what=_("the workstation's name")),
        "address": address.strip(),
        "approved_on": approved_on,
        "approval_document": approval_document.strip(),
        "head": head,
        "daily_manager": daily_manager,
    }
    _check_approval(values["approved_on"], values["approval_document"])
    federation = workstation.federation
    if head is not None:
        check_head(head, federation)
    if daily_manager is not None:
        check_daily_manager(daily_manager, federation)
    locked = lock_at_version(workstation, expected_version)
    if locked.status != Status.PLANNED and not approved_on:
        raise DomainError(
            _("An established workstation keeps its approval date and document."),
            code="approval_needed",
        )
    changes = _changes(locked, values)
    for field, value in values.items():
        setattr(locked, field, value)
    locked.save()
    record("workstation.updated", locked, actor=actor, changes=changes)
    return locked


@transaction.atomic
def change_status(
    workstation: Workstation,
    *,
    actor: User | None,
    status: str,
    effective_on: date,
    note: str = "",
    expected_version: int | None = None,
) -> StatusChange:
    """Move the workstation to ``status`` from ``effective_on``; see the module's rules."""
    note = note.strip()
    refuse_future(effective_on, what=_("The date of the status change"))
    locked = lock_at_version(workstation, expected_version)
    old = locked.status
    if status not in TRANSITIONS.get(old, ()):
        raise DomainError(
            _("A workstation that is %(old)s cannot become %(new)s.")
            % {"old": Status(old).label, "new": _label(status)},
            code="transition",
        )
    if status in NEEDS_NOTE and not note:
        raise DomainError(_("Say why in the note."), code="note")
    if status == Status.ESTABLISHED:
        _check_establishment(locked, effective_on)
    if Status.ESTABLISHED in (old, status):  # coverage counts established workstations
        ensure_open_from(locked, effective_on)
    latest = StatusChange.all_objects.filter(workstation=locked).order_by("-effective_on").first()
    if latest is not None and effective_on < latest.effective_on:
        raise DomainError(
            _("The status change cannot be dated before the last one (%(date)s).")
            % {"date": date_format(latest.effective_on, "Y-m-d")},
            code="order",
        )
    locked.status = status
    locked.save()
    document = locked.approval_document if status == Status.ESTABLISHED else ""
    change = _add_status_change(locked, status, effective_on, note=note, document=document)
    record(
        "workstation.status_changed",
        locked,
        actor=actor,
        changes={"status": [old, status], "effective_on": [None, effective_on.isoformat()]},
    )
    workstation.status, workstation.version = locked.status, locked.version
    return change


@transaction.atomic
def record_premises_check(
    workstation: Workstation,
    *,
    actor: User | None,
    item: str,
    present: bool,
    checked_on: date,
    evidence: str = "",
) -> PremisesCheck:
    """Record one check of one premises item (standard 2). "Present" needs its evidence."""
    if item not in PremisesItem.values:
        raise DomainError(_("Choose the premises item from the list."), code="item")
    refuse_future(checked_on, what=_("The date of the check"))
    evidence = evidence.strip()
    if present and not evidence:
        raise DomainError(
            _("Say what shows the item is present: a photo or a document reference."),
            code="evidence",
        )
    check = PremisesCheck(
        workstation=workstation,
        item=item,
        present=present,
        evidence=evidence,
        checked_on=checked_on,
    )
    check.set_region(workstation.federation.region)
    check.save()
    record(
        "premises.checked",
        check,
        actor=actor,
        changes={
            "item": [None, item],
            "present": [None, present],
            "checked_on": [None, checked_on.isoformat()],
        },
    )
    return check


def check_head(person: Person, federation: Federation) -> None:
    """Refuse a head who is not an active formal staff member of ``federation``."""
    if (
        person.federation_id != federation.pk
        or person.kind != Person.Kind.STAFF
        or not person.is_formal_staff
    ):
        raise DomainError(
            _("The head must be a formal staff member of %(federation)s; %(name)s is not.")
            % {"federation": federation.name, "name": person.name},
            code="head",
        )
    _check_active(person, _("the head"))


def check_daily_manager(person: Person, federation: Federation) -> None:
    """Refuse a daily manager who is not an active person of ``federation``."""
    if person.federation_id != federation.pk:
        raise DomainError(
            _("The daily manager must be someone of %(federation)s; %(name)s is not.")
            % {"federation": federation.name, "name": person.name},
            code="daily_manager",
        )
    _check_active(person, _("the daily manager"))


def _check_active(person: Person, role: str) -> None:
    if not person.is_active_on(timezone.localdate()):
        raise DomainError(
            _("%(name)s is not active today and cannot be %(role)s.")
            % {"name": person.name, "role": role},
            code="inactive",
        )


def _check_approval(approved_on: date | None, document: str) -> None:
    if bool(approved_on) != bool(document):
        raise DomainError(
            _("Give both the approval date and the approval document, or neither."),
            code="approval_pair",
        )
    if approved_on:
        refuse_future(approved_on, what=_("The approval date"))


def _check_establishment(workstation: Workstation, effective_on: date) -> None:
    approved_on = workstation.approved_on
    if not approved_on or not workstation.approval_document:
        raise DomainError(
            _(
                "A workstation is established only once the coordination group one level up "
                "has approved it: record the approval date and document first."
            ),
            code="not_approved",
        )
    if effective_on < approved_on:
        raise DomainError(
            _("The workstation cannot be established before its approval (%(date)s).")
            % {"date": date_format(approved_on, "Y-m-d")},
            code="before_approval",
        )
    parent = workstation.federation.region.parent
    if parent is None:
        return
    above = Federation.objects.filter(region=parent).first()
    group = CoordinationGroup.all_objects.filter(federation=above).first() if above else None
    if (
        group is None
        or group.established_on > approved_on
        or (group.dissolved_on is not None and group.dissolved_on < approved_on)
    ):
        raise DomainError(
            _(
                "The approval must come from the coordination group one level up, but "
                "%(above)s has no coordination group on record on %(date)s. Record that group "
                "first (on %(above)s's page)."
            )
            % {
                "above": above.name if above else parent.name,
                "date": date_format(approved_on, "Y-m-d"),
            },
            code="no_group_above",
        )


def _add_status_change(
    workstation: Workstation, status: str, effective_on: date, *, note: str = "", document: str = ""
) -> StatusChange:
    change = StatusChange(
        workstation=workstation,
        status=status,
        effective_on=effective_on,
        note=note,
        document_number=document,
    )
    change.set_region(workstation.federation.region)
    change.save()
    return change


def _label(status: str) -> str:
    return str(Status(status).label) if status in Status.values else status


def _changes(workstation: Workstation, values: dict) -> dict[str, list]:
    changes = {}
    for field, value in values.items():
        if field in ("head", "daily_manager"):
            old_id = getattr(workstation, f"{field}_id")
            if old_id != (value.pk if value else None):
                old = getattr(workstation, field)
                changes[field] = [old.name if old else None, value.name if value else None]
        elif getattr(workstation, field) != value:
            changes[field] = [_plain(getattr(workstation, field)), _plain(value)]
    return changes


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value
