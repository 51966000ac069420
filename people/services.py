"""Writes to people and engagements: every one atomic and audited.

Dates: ``active_from`` and an engagement's ``starts_on`` may lie ahead (a planned hire or a
contract signed for next month), but not more than a year ahead (almost always a mistyped year).
The date someone left and the date an engagement ended are things that happened: never ahead.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from accounts.roles import Role
from audit.services import record
from lawstation.errors import DomainError
from lawstation.versioning import lock_at_version
from people.models import Engagement, Person
from regions.models import Federation
from stats.locking import ensure_open_from
from workstations.models import Workstation

PLANNING_HORIZON = timedelta(days=366)
# ``update_person(user=...)`` absent: the linked account stays as it is.
UNCHANGED: Any = object()
PERSON_FIELDS = (
    "name",
    "kind",
    "is_formal_staff",
    "licence_number",
    "law_firm",
    "certificate_number",
    "phone",
    "signs",
    "areas_of_law",
    "active_from",
)


@transaction.atomic
def add_person(
    federation: Federation,
    *,
    actor: User | None,
    name: str,
    kind: str,
    active_from: date,
    is_formal_staff: bool = False,
    licence_number: str = "",
    law_firm: str = "",
    certificate_number: str = "",
    phone: str = "",
    signs: bool = False,
    areas_of_law: str = "",
) -> Person:
    """Record a staff member or legal service provider of ``federation``."""
    values = _cleaned(
        name=name,
        kind=kind,
        is_formal_staff=is_formal_staff,
        licence_number=licence_number,
        law_firm=law_firm,
        certificate_number=certificate_number,
        phone=phone,
        signs=signs,
        areas_of_law=areas_of_law,
        active_from=active_from,
    )
    _check_person(federation, values)
    if values["kind"] != Person.Kind.STAFF:  # coverage counts the providers active then
        ensure_open_from(federation.region, values["active_from"])
    person = Person(federation=federation, **values)
    person.set_region(federation.region)
    person.save()
    record(
        "person.added",
        person,
        actor=actor,
        changes={field: [None, _plain(values[field])] for field in PERSON_FIELDS},
    )
    return person


@transaction.atomic
def update_person(
    person: Person,
    *,
    actor: User | None,
    version: int | None,
    user: User | None = UNCHANGED,
    **fields: Any,
) -> Person:
    """Change a person's details; refused when someone else changed them since ``version``.

    ``user`` links the person to their staff account (or unlinks it, with ``None``): only an
    account with the lawyer role in the person's own federation, and one person per account."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"update_person() got unexpected fields {sorted(unknown)}")
    locked = lock_at_version(person, version)
    values = _cleaned(
        **{field: fields.get(field, getattr(locked, field)) for field in PERSON_FIELDS}
    )
    _check_person(locked.federation, values, person=locked)
    if locked.active_until and values["active_from"] > locked.active_until:
        raise DomainError(_("The start is after the date this person left."), code="period")
    if values["kind"] == Person.Kind.STAFF and _open_engagements(locked).exists():
        raise DomainError(
            _("%(name)s has a current engagement as a service provider; end it first.")
            % {"name": locked.name},
            code="engaged",
        )
    _ensure_coverage_open(locked, values)
    changes = {
        field: [_plain(getattr(locked, field)), _plain(values[field])]
        for field in PERSON_FIELDS
        if getattr(locked, field) != values[field]
    }
    if user is not UNCHANGED and locked.user_id != (user.pk if user else None):
        _check_account(locked, user, values["kind"])
        changes["user"] = [locked.user_id, user.pk if user else None]
        locked.user = user
    for field, value in values.items():
        setattr(locked, field, value)
    locked.save()
    record("person.updated", locked, actor=actor, changes=changes)
    return locked


@transaction.atomic
def mark_person_left(person: Person, *, actor: User | None, on: date) -> Person:
    """Record that ``person`` stopped working here on ``on`` (their last day); their open
    engagements end the same day."""
    locked = lock_at_version(person, None)
    if locked.active_until is not None:
        raise DomainError(
            _("%(name)s is already recorded as having left on %(date)s.")
            % {"name": locked.name, "date": locked.active_until.isoformat()},
            code="left",
        )
    _check_not_ahead(on, _("The date this person left cannot be in the future."))
    if on < locked.active_from:
        raise DomainError(_("The end is before the start."), code="period")
    if locked.kind != Person.Kind.STAFF:  # counted as active up to and including ``on``
        ensure_open_from(locked, on + timedelta(days=1))
    engagements = list(_open_engagements(locked, on=on).select_for_update())
    if any(engagement.starts_on > on for engagement in engagements):
        raise DomainError(
            _("An engagement of this person starts after that date; end or correct it first."),
            code="engaged",
        )
    locked.active_until = on
    locked.save()
    record("person.left", locked, actor=actor, changes={"active_until": [None, on.isoformat()]})
    for engagement in engagements:
        _close(engagement, actor=actor, on=on)
    return locked


@transaction.atomic
def engage(
    person: Person,
    workstation: Workstation | None,
    *,
    actor: User | None,
    kind: str,
    starts_on: date,
    ends_on: date | None = None,
    fee_terms: str = "",
) -> Engagement:
    """Engage a legal service provider at the workstation of their own federation."""
    if workstation is None:
        raise DomainError(
            _("This federation has no workstation yet: record the workstation first."),
            code="no_workstation",
        )
    locked = Person.all_objects.select_for_update().get(pk=person.pk)
    fee_terms = fee_terms.strip()
    _check_engagement(locked, workstation, kind, starts_on, ends_on, fee_terms)
    engagement = Engagement(
        person=locked,
        workstation=workstation,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        fee_terms=fee_terms,
    )
    engagement.set_region(workstation.federation.region)
    engagement.save()
    record(
        "engagement.added",
        engagement,
        actor=actor,
        changes={
            "person": [None, locked.name],
            "workstation": [None, workstation.name],
            "kind": [None, kind],
            "starts_on": [None, starts_on.isoformat()],
            "ends_on": [None, ends_on.isoformat() if ends_on else None],
            "fee_terms": [None, fee_terms],
        },
    )
    return engagement


@transaction.atomic
def end_engagement(engagement: Engagement, *, actor: User | None, on: date) -> Engagement:
    """Record that an engagement ended on ``on`` (its last day)."""
    locked = Engagement.all_objects.select_for_update().get(pk=engagement.pk)
    _check_not_ahead(on, _("The date the engagement ended cannot be in the future."))
    if locked.ends_on is not None and locked.ends_on <= on:
        raise DomainError(
            _("This engagement already ends on %(date)s.") % {"date": locked.ends_on.isoformat()},
            code="ended",
        )
    if on < locked.starts_on:
        raise DomainError(_("The end is before the start."), code="period")
    return _close(locked, actor=actor, on=on)


# --- Rules ----------------------------------------------------------------------------------


def _check_person(federation: Federation, values: dict, person: Person | None = None) -> None:
    kind = values["kind"]
    if not values["name"]:
        raise DomainError(_("Enter the person's name."), code="name")
    if kind not in Person.Kind.values:
        raise DomainError(_("Choose the kind of person from the list."), code="kind")
    if kind == Person.Kind.LAWYER and not values["licence_number"]:
        raise DomainError(_("A lawyer must have a licence number."), code="licence")
    if kind == Person.Kind.LEGAL_WORKER and not values["certificate_number"]:
        raise DomainError(_("A legal worker must have a certificate number."), code="certificate")
    if values["is_formal_staff"] and kind != Person.Kind.STAFF:
        raise DomainError(
            _("Only a federation staff member can be formal staff of the federation."),
            code="formal",
        )
    _check_not_too_far_ahead(values["active_from"])
    if values["licence_number"]:
        same = Person.all_objects.filter(
            federation=federation, licence_number=values["licence_number"]
        )
        if person is not None:
            same = same.exclude(pk=person.pk)
        if same.exists():
            raise DomainError(
                _("Someone with licence number %(number)s is already recorded here.")
                % {"number": values["licence_number"]},
                code="duplicate",
            )


def _check_account(person: Person, user: User | None, kind: str) -> None:
    if user is None:
        return
    if kind == Person.Kind.STAFF:
        raise DomainError(
            _("Only a lawyer or legal worker is linked to a staff account."), code="account"
        )
    if not Membership.all_objects.filter(
        user=user, federation_id=person.federation_id, role=Role.LAWYER
    ).exists():
        raise DomainError(
            _("Only an account with the lawyer role in this federation can be linked."),
            code="account",
        )
    other = Person.all_objects.filter(user=user).exclude(pk=person.pk).first()
    if other is not None:
        raise DomainError(
            _("This account is already linked to %(name)s.") % {"name": other.name},
            code="account",
        )


def _check_engagement(
    person: Person,
    workstation: Workstation,
    kind: str,
    starts_on: date,
    ends_on: date | None,
    fee_terms: str,
) -> None:
    if not person.is_provider:
        raise DomainError(
            _("Only lawyers, legal workers and other legal professionals can be engaged."),
            code="not_provider",
        )
    if person.federation_id != workstation.federation_id:
        raise DomainError(
            _("A person can be engaged only at the workstation of their own federation."),
            code="federation",
        )
    if workstation.status == Workstation.Status.CLOSED:
        raise DomainError(_("This workstation is closed."), code="closed")
    if kind not in Engagement.Kind.values:
        raise DomainError(_("Choose the kind of engagement from the list."), code="kind")
    if kind == Engagement.Kind.CONTRACT and (ends_on is None or not fee_terms):
        raise DomainError(
            _("An engagement by contract needs an end date and the fee terms."), code="contract"
        )
    if ends_on is not None and ends_on < starts_on:
        raise DomainError(_("The end is before the start."), code="period")
    _check_not_too_far_ahead(starts_on)
    last_day = ends_on or date.max
    if not person.is_active_on(starts_on) or (
        person.active_until is not None and last_day > person.active_until
    ):
        raise DomainError(
            _("%(name)s is not active for the whole engagement.") % {"name": person.name},
            code="inactive",
        )
    overlapping = Engagement.all_objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on),
        person=person,
        workstation=workstation,
        starts_on__lte=last_day,
    )
    if overlapping.exists():
        raise DomainError(
            _("%(name)s already has an engagement at this workstation in that period.")
            % {"name": person.name},
            code="overlap",
        )


def _check_not_ahead(day: date, message: str) -> None:
    if day > timezone.localdate():
        raise DomainError(message, code="future")


def _check_not_too_far_ahead(day: date) -> None:
    if day > timezone.localdate() + PLANNING_HORIZON:
        raise DomainError(
            _("The start date is more than a year ahead; check the year."), code="future"
        )


# --- Helpers --------------------------------------------------------------------------------


def _close(engagement: Engagement, *, actor: User | None, on: date) -> Engagement:
    old = engagement.ends_on
    engagement.ends_on = on
    engagement.save(update_fields=["ends_on"])
    record(
        "engagement.ended",
        engagement,
        actor=actor,
        changes={"ends_on": [old.isoformat() if old else None, on.isoformat()]},
    )
    return engagement


def _open_engagements(person: Person, on: date | None = None) -> Any:
    day = on or timezone.localdate()
    return Engagement.all_objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=day), person=person
    )


def _cleaned(**values: Any) -> dict[str, Any]:
    text = ("name", "licence_number", "law_firm", "certificate_number", "phone", "areas_of_law")
    return {key: value.strip() if key in text else value for key, value in values.items()}


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _ensure_coverage_open(person: Person, values: dict[str, Any]) -> None:
    """Refuse a change to who counted as a provider, and since when, in a locked period
    (``stats.locking``): the coverage figures count providers active on a period's last day."""
    was, will = person.kind != Person.Kind.STAFF, values["kind"] != Person.Kind.STAFF
    moved = will and person.active_from != values["active_from"]
    if was != will or moved:
        ensure_open_from(person, min(person.active_from, values["active_from"]))
