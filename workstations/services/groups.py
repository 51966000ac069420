"""The coordination group (协调领导小组) and its office: set up, adjusted, its members.

Dates here record things that happened, so none may lie in the future. A group is set up, or
adjusted, by a document: the document is dated on or before the day it takes effect (a notice
cannot bring about a change before it was issued), and no adjustment takes effect before the
group was set up. A dissolved group takes no further adjustments or members.
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
from regions.models import Federation
from stats.locking import ensure_open_from
from workstations.models import CoordinationGroup, GroupAdjustment, GroupMember, PartnerUnit

LATER_KINDS = (
    GroupAdjustment.Kind.REFORMED,
    GroupAdjustment.Kind.MEMBER_CHANGED,
    GroupAdjustment.Kind.DISSOLVED,
)


def refuse_future(day: date, *, what: str) -> None:
    """Refuse a date in the future for something that happened; ``what`` names it."""
    if day > timezone.localdate():
        raise DomainError(
            _("%(what)s cannot be in the future (%(date)s).")
            % {"what": what, "date": date_format(day, "Y-m-d")},
            code="future",
        )


def refuse_blank(value: str, *, what: str) -> str:
    """The value stripped; refused when empty."""
    value = (value or "").strip()
    if not value:
        raise DomainError(_("Enter %(what)s.") % {"what": what}, code="blank")
    return value


@transaction.atomic
def set_up_group(
    federation: Federation,
    *,
    actor: User | None,
    established_on: date,
    document_number: str,
    document_date: date,
    office_location: str = "",
    office_head: str = "",
    note: str = "",
) -> CoordinationGroup:
    """Record that ``federation``'s coordination group was set up, with its set-up document."""
    document_number = _check_document(established_on, document_number, document_date)
    # Coverage counts the groups in place on a period's last day: a group set up in a period
    # that is locked would change its figures.
    ensure_open_from(federation.region, established_on)
    Federation.objects.select_for_update().filter(pk=federation.pk).first()  # one at a time
    if CoordinationGroup.all_objects.filter(federation=federation).exists():
        raise DomainError(
            _("%(federation)s already has a coordination group: record an adjustment instead.")
            % {"federation": federation.name},
            code="exists",
        )
    group = CoordinationGroup(
        federation=federation,
        established_on=established_on,
        office_location=office_location.strip(),
        office_head=office_head.strip(),
    )
    group.set_region(federation.region)
    group.save()
    _add_adjustment(
        group, GroupAdjustment.Kind.SET_UP, established_on, document_number, document_date, note
    )
    record(
        "coordination_group.set_up",
        group,
        actor=actor,
        changes={
            "established_on": [None, established_on.isoformat()],
            "document_number": [None, document_number],
            "document_date": [None, document_date.isoformat()],
            "office_location": [None, group.office_location],
            "office_head": [None, group.office_head],
        },
    )
    return group


@transaction.atomic
def adjust_group(
    group: CoordinationGroup,
    *,
    actor: User | None,
    kind: str,
    effective_on: date,
    document_number: str,
    document_date: date,
    note: str = "",
    office_location: str | None = None,
    office_head: str | None = None,
    expected_version: int | None = None,
) -> GroupAdjustment:
    """Record a later adjustment: re-formed, members changed, or dissolved (which sets
    ``dissolved_on``). A re-formed group may name a new office and head (``None`` keeps them)."""
    if kind not in LATER_KINDS:
        raise DomainError(_("Choose re-formed, members changed or dissolved."), code="kind")
    document_number = _check_document(effective_on, document_number, document_date)
    locked = lock_at_version(group, expected_version)
    _check_active(locked)
    if effective_on < locked.established_on:
        raise DomainError(
            _("An adjustment cannot take effect before the group was set up (%(date)s).")
            % {"date": date_format(locked.established_on, "Y-m-d")},
            code="before_set_up",
        )
    changes: dict[str, list] = {
        "kind": [None, kind],
        "effective_on": [None, effective_on.isoformat()],
        "document_number": [None, document_number],
    }
    for field, value in (("office_location", office_location), ("office_head", office_head)):
        if value is not None and value.strip() != getattr(locked, field):
            changes[field] = [getattr(locked, field), value.strip()]
            setattr(locked, field, value.strip())
    if kind == GroupAdjustment.Kind.DISSOLVED:
        ensure_open_from(locked, effective_on)
        locked.dissolved_on = effective_on
        changes["dissolved_on"] = [None, effective_on.isoformat()]
    locked.save()
    adjustment = _add_adjustment(locked, kind, effective_on, document_number, document_date, note)
    record("coordination_group.adjusted", locked, actor=actor, changes=changes)
    group.version = locked.version
    return adjustment


@transaction.atomic
def add_group_member(
    group: CoordinationGroup,
    *,
    actor: User | None,
    unit: str,
    unit_name: str,
    name: str,
    post: str,
    since: date,
) -> GroupMember:
    """Add a member (a person from one of the member units) to an active group."""
    if unit not in PartnerUnit.values:
        raise DomainError(_("Choose the member unit from the list."), code="unit")
    unit_name = refuse_blank(unit_name, what=_("the unit's name"))
    name = refuse_blank(name, what=_("the member's name"))
    post = refuse_blank(post, what=_("the member's post"))
    refuse_future(since, what=_("The date the member joined"))
    locked = CoordinationGroup.all_objects.select_for_update().get(pk=group.pk)
    _check_active(locked)
    if since < locked.established_on:
        raise DomainError(
            _("A member cannot join before the group was set up (%(date)s).")
            % {"date": date_format(locked.established_on, "Y-m-d")},
            code="before_set_up",
        )
    member = GroupMember(
        group=locked, unit=unit, unit_name=unit_name, name=name, post=post, since=since
    )
    member.set_region(locked.federation.region)
    member.save()
    record(
        "group_member.added",
        member,
        actor=actor,
        changes={
            "unit": [None, unit],
            "unit_name": [None, unit_name],
            "name": [None, name],
            "post": [None, post],
            "since": [None, since.isoformat()],
        },
    )
    return member


@transaction.atomic
def record_member_left(member: GroupMember, *, actor: User | None, until: date) -> GroupMember:
    """Record the last day ``member`` served on the group."""
    refuse_future(until, what=_("The date the member left"))
    locked = GroupMember.all_objects.select_for_update().get(pk=member.pk)
    if locked.until is not None:
        raise DomainError(
            _("%(name)s already left the group on %(date)s.")
            % {"name": locked.name, "date": date_format(locked.until, "Y-m-d")},
            code="already_left",
        )
    if until < locked.since:
        raise DomainError(
            _("The date the member left is before the date they joined (%(date)s).")
            % {"date": date_format(locked.since, "Y-m-d")},
            code="order",
        )
    locked.until = until
    locked.save(update_fields=["until"])
    record("group_member.left", locked, actor=actor, changes={"until": [None, until.isoformat()]})
    return locked


def _check_document(effective_on: date, number: str, document_date: date) -> str:
    number = refuse_blank(number, what=_("the document number, for example 皖残联〔2019〕56号"))
    refuse_future(effective_on, what=_("The effective date"))
    refuse_future(document_date, what=_("The document date"))
    if document_date > effective_on:
        raise DomainError(
            _(
                "The document (dated %(document_date)s) cannot take effect before it was issued: "
                "the effective date is %(effective_on)s."
            )
            % {
                "document_date": date_format(document_date, "Y-m-d"),
                "effective_on": date_format(effective_on, "Y-m-d"),
            },
            code="document_after",
        )
    return number


def _check_active(group: CoordinationGroup) -> None:
    if group.dissolved_on is not None:
        raise DomainError(
            _("This coordination group was dissolved on %(date)s: nothing more can be recorded.")
            % {"date": date_format(group.dissolved_on, "Y-m-d")},
            code="dissolved",
        )


def _add_adjustment(
    group: CoordinationGroup,
    kind: str,
    effective_on: date,
    document_number: str,
    document_date: date,
    note: str,
) -> GroupAdjustment:
    adjustment = GroupAdjustment(
        group=group,
        kind=kind,
        effective_on=effective_on,
        document_number=document_number,
        document_date=document_date,
        note=note.strip(),
    )
    adjustment.set_region(group.federation.region)
    adjustment.save()
    return adjustment
