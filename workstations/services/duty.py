"""Writes to the duty roster (坐班): schedule an on-site day, check it in when it is held,
cancel one that has not come yet. Every one atomic and audited.

A day may be scheduled in the past (to record a day held before the roster was kept here) and up
to a year ahead; a day can only be checked in once it has come, and only a future day that was
not checked in can be cancelled.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import record
from lawstation.errors import DomainError
from people.models import Person
from stats.locking import ensure_open
from workstations.models import DutyDay, Workstation
from workstations.services.funding import FIRST_YEAR, file_under, require_workstation

PLANNING_HORIZON = timedelta(days=366)


@transaction.atomic
def schedule_duty_day(
    workstation: Workstation | None,
    *,
    actor: User,
    person: Person,
    day: date,
    starts_at: time,
    ends_at: time,
) -> DutyDay:
    """Put ``person`` on the roster of ``workstation`` for ``day``, from ``starts_at`` until
    ``ends_at``."""
    require_workstation(workstation)
    _check_provider(person, workstation, day)
    _check_times(day, starts_at, ends_at)
    Person.all_objects.select_for_update().filter(pk=person.pk).first()  # one roster edit at a time
    overlapping = DutyDay.all_objects.filter(
        person=person, day=day, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).first()
    if overlapping is not None:
        raise DomainError(
            _(
                "%(name)s is already on duty on %(day)s from %(start)s until %(end)s; "
                "the times overlap."
            )
            % {
                "name": person.name,
                "day": day.isoformat(),
                "start": overlapping.starts_at.strftime("%H:%M"),
                "end": overlapping.ends_at.strftime("%H:%M"),
            },
            code="overlap",
        )
    duty_day = DutyDay(
        workstation=workstation, person=person, day=day, starts_at=starts_at, ends_at=ends_at
    )
    file_under(duty_day, workstation)
    duty_day.save()
    record(
        "duty_day.scheduled",
        duty_day,
        actor=actor,
        changes={
            "person": [None, person.name],
            "day": [None, day.isoformat()],
            "starts_at": [None, starts_at.strftime("%H:%M")],
            "ends_at": [None, ends_at.strftime("%H:%M")],
        },
    )
    return duty_day


@transaction.atomic
def check_in(duty_day: DutyDay, *, actor: User) -> DutyDay:
    """Record that ``duty_day`` was held: when, and who (the staff member) checked it in."""
    locked = DutyDay.all_objects.select_for_update().get(pk=duty_day.pk)
    if locked.checked_in_at is not None:
        raise DomainError(_("This duty day was already checked in."), code="checked_in")
    ensure_open(locked, locked.day)
    if locked.day > timezone.localdate():
        raise DomainError(
            _("A duty day can only be checked in on the day or afterwards, not before %(day)s.")
            % {"day": locked.day.isoformat()},
            code="future",
        )
    locked.checked_in_at = timezone.now()
    locked.checked_in_by = actor
    locked.save(update_fields=["checked_in_at", "checked_in_by"])
    record(
        "duty_day.checked_in",
        locked,
        actor=actor,
        changes={"checked_in_at": [None, locked.checked_in_at.isoformat(timespec="seconds")]},
    )
    return locked


@transaction.atomic
def cancel_duty_day(duty_day: DutyDay, *, actor: User) -> None:
    """Take a future day that was not checked in off the roster."""
    locked = DutyDay.all_objects.select_for_update().select_related("person").get(pk=duty_day.pk)
    if locked.checked_in_at is not None:
        raise DomainError(
            _("This duty day was checked in and cannot be cancelled."), code="checked_in"
        )
    if locked.day <= timezone.localdate():
        raise DomainError(
            _("Only a day still to come can be cancelled; this one is %(day)s.")
            % {"day": locked.day.isoformat()},
            code="not_future",
        )
    record(
        "duty_day.cancelled",
        locked,
        actor=actor,
        changes={
            "person": [locked.person.name, None],
            "day": [locked.day.isoformat(), None],
            "starts_at": [locked.starts_at.strftime("%H:%M"), None],
            "ends_at": [locked.ends_at.strftime("%H:%M"), None],
        },
    )
    locked.delete()


def _check_provider(person: Person, workstation: Workstation, day: date) -> None:
    if person.federation_id != workstation.federation_id:
        raise DomainError(
            _("%(name)s does not belong to this workstation's federation.") % {"name": person.name},
            code="federation",
        )
    if not person.is_provider:
        raise DomainError(
            _(
                "%(name)s is a federation staff member; the duty roster is for lawyers, "
                "legal workers and other legal professionals."
            )
            % {"name": person.name},
            code="staff",
        )
    if not person.is_active_on(day):
        raise DomainError(
            _("%(name)s is not active on %(day)s.") % {"name": person.name, "day": day.isoformat()},
            code="inactive",
        )


def _check_times(day: date, starts_at: time, ends_at: time) -> None:
    if ends_at <= starts_at:
        raise DomainError(_("The duty must end after it starts."), code="order")
    if day.year < FIRST_YEAR:
        raise DomainError(
            _("A duty day cannot be before %(year)s.") % {"year": FIRST_YEAR}, code="too_early"
        )
    if day > timezone.localdate() + PLANNING_HORIZON:
        raise DomainError(_("A duty day can be scheduled at most a year ahead."), code="too_far")
