"""Filing (备案) of the daily-management person with the federation one level up.

The filer never chooses where a filing goes: :func:`submit_filing` sends it to the federation of
the parent region (a county directly under a province files with the province). Only a member
of that federation decides it: accepts it, or returns it with a reason, after which the filer
submits a new version.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import membership_of
from audit.services import record
from lawstation.errors import DomainError
from people.models import Person
from regions.models import Federation
from workstations.models import Filing
from workstations.selectors.filings import federation_above


def level_above(federation: Federation) -> Federation:
    """The federation a filing of ``federation`` goes to; refused at the top."""
    parent = federation.region.parent
    if parent is None:
        raise DomainError(
            _("The provincial federation has no level above to file with."), code="top"
        )
    above = federation_above(federation)
    if above is None:
        raise DomainError(
            _("The level above (%(region)s) has no federation to file with.")
            % {"region": parent.name},
            code="no_parent",
        )
    return above


@transaction.atomic
def submit_filing(
    federation: Federation,
    *,
    actor: User,
    person: Person,
    filed_with: Federation | None = None,
) -> Filing:
    """File ``person`` as the daily-management person of ``federation`` with the level above.

    ``filed_with`` is computed; a caller that names another federation is refused."""
    above = level_above(federation)
    if filed_with is not None and filed_with.pk != above.pk:
        raise DomainError(
            _("A filing goes to the federation one level up (%(above)s), not to %(other)s.")
            % {"above": above.name, "other": filed_with.name},
            code="wrong_level",
        )
    _check_member_of(actor, federation, _("Only the federation itself can submit its filing."))
    person = Person.all_objects.select_for_update().get(pk=person.pk)
    if person.federation_id != federation.pk:
        raise DomainError(
            _("The daily-management person must belong to this federation."), code="person"
        )
    if not person.is_active_on(timezone.localdate()):
        raise DomainError(
            _("%(name)s is not active today and cannot be filed.") % {"name": person.name},
            code="inactive",
        )
    Federation.objects.select_for_update().filter(pk=federation.pk).first()  # one filer at a time
    filings = Filing.all_objects.filter(federation=federation)
    if filings.filter(status=Filing.Status.SUBMITTED).exists():
        raise DomainError(
            _("A filing is already waiting for a decision by %(above)s.") % {"above": above.name},
            code="pending",
        )
    number = (filings.aggregate(last=Max("number"))["last"] or 0) + 1
    filing = Filing(
        federation=federation,
        filed_with=above,
        person=person,
        number=number,
        status=Filing.Status.SUBMITTED,
        submitted_at=timezone.now(),
        submitted_by=actor,
    )
    filing.set_region(federation.region)
    filing.save()
    record(
        "filing.submitted",
        filing,
        actor=actor,
        changes={
            "number": [None, number],
            "person": [None, person.name],
            "filed_with": [None, above.name],
            "status": [None, Filing.Status.SUBMITTED],
        },
    )
    return filing


@transaction.atomic
def accept_filing(filing: Filing, *, actor: User) -> Filing:
    """The level above accepts a submitted filing."""
    locked = _decidable(filing, actor)
    if not locked.person.is_active_on(timezone.localdate()):
        raise DomainError(
            _("%(name)s is no longer active; return the filing instead.")
            % {"name": locked.person.name},
            code="inactive",
        )
    return _decide(locked, actor, Filing.Status.ACCEPTED, "filing.accepted")


@transaction.atomic
def return_filing(filing: Filing, *, actor: User, reason: str) -> Filing:
    """The level above returns a submitted filing with a reason; the filer resubmits."""
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Give the reason for returning the filing."), code="reason")
    locked = _decidable(filing, actor)
    locked.return_reason = reason
    return _decide(locked, actor, Filing.Status.RETURNED, "filing.returned", reason=reason)


def _decidable(filing: Filing, actor: User) -> Filing:
    locked = (
        Filing.all_objects.select_for_update()
        .select_related("filed_with", "person")
        .get(pk=filing.pk)
    )
    _check_member_of(
        actor,
        locked.filed_with,
        _("Only %(federation)s, the level this filing was sent to, can decide it.")
        % {"federation": locked.filed_with.name},
    )
    if locked.status != Filing.Status.SUBMITTED:
        raise DomainError(
            _("This filing was already decided (%(status)s).")
            % {"status": locked.get_status_display()},
            code="decided",
        )
    return locked


def _decide(filing: Filing, actor: User, status: str, action: str, reason: str = "") -> Filing:
    filing.status = status
    filing.decided_at = timezone.now()
    filing.decided_by = actor
    filing.save(update_fields=["status", "decided_at", "decided_by", "return_reason"])
    changes = {"status": [Filing.Status.SUBMITTED, status]}
    if reason:
        changes["return_reason"] = [None, reason]
    record(action, filing, actor=actor, changes=changes)
    return filing


def _check_member_of(actor: User, federation: Federation, message: str) -> None:
    membership = membership_of(actor) if actor is not None else None
    if membership is None or membership.federation_id != federation.pk:
        raise DomainError(message, code="wrong_federation")
