"""Recording the six services on a case (notice standard 5), mediation sessions and the access
arrangements made for a service. Every write is atomic and audited.

Decisions:
- A service is recorded only on an open case: accepted, in service or referred. The first one
  on an accepted case starts the service: the case moves to ``in_service`` through
  ``transition_case`` (in the same transaction). A referred case stays referred.
- Sessions, arrangements and edits may come later (an interpreter's bill, the follow-up of a
  mediation agreement), so they are refused only once the case is archived.
- Whoever records without ``case.edit`` (a lawyer or legal worker) records only their own work:
  the provider must be their own person record (``Person.user``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Capability, capabilities_for
from audit.services import record
from cases import lifecycle
from cases.models import Accommodation, Case, Channel, Document, MediationSession, Service
from cases.selectors.provision import mandatory_defence_referral, partners_for, providers_for
from cases.services.transitions import transition_case
from lawstation.errors import DomainError
from lawstation.versioning import lock_at_version
from people.models import Person
from stats.locking import ensure_open
from workstations.models import Partner

Kind = Service.Kind
COMMON_FIELDS = ("provider", "provided_on", "channel", "duration_minutes", "result")
MEDIATION_FIELDS = (
    "parties",
    "agreement_reached",
    "agreement",
    "performance_followed_up_on",
    "performance_note",
)
COURT_FIELDS = ("proceeding", "court", "stage")
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    Kind.CONSULTATION: (),
    Kind.DRAFTING: ("drafted_document",),
    Kind.MEDIATION: MEDIATION_FIELDS,
    Kind.COORDINATION: ("partner",),
    Kind.REPRESENTATION: COURT_FIELDS,
    Kind.DEFENCE: COURT_FIELDS,
}
TEXT_LIMITS = {"proceeding": 128, "court": 128, "stage": 64}
NULLABLE = frozenset(
    {"drafted_document", "partner", "agreement_reached", "performance_followed_up_on"}
)
MAX_DURATION = 24 * 60
RECORDABLE = frozenset({lifecycle.ACCEPTED, lifecycle.IN_SERVICE, lifecycle.REFERRED})


@transaction.atomic
def record_service(
    case: Case,
    *,
    actor: Any,
    kind: str,
    provider: Person,
    provided_on: date,
    channel: str,
    duration_minutes: int | None = None,
    result: str = "",
    **kind_fields: Any,
) -> Service:
    """Record one service given on ``case``; the first on an accepted case starts the service."""
    if kind not in KIND_FIELDS:
        raise DomainError({"kind": _("Choose one of the six services.")}, code="kind")
    _only_fields_of(kind, kind_fields)
    locked = Case.all_objects.select_for_update().get(pk=case.pk)
    if locked.status not in RECORDABLE:
        raise DomainError(
            _(
                "A service can be recorded only on an open case (accepted, in service or "
                "referred). This case is %(status)s."
            )
            % {"status": Case.Status(locked.status).label},
            code="case_not_open",
        )
    values = {
        "provider": provider,
        "provided_on": provided_on,
        "channel": channel,
        "duration_minutes": duration_minutes,
        "result": (result or "").strip(),
        **{name: kind_fields.get(name, _blank(name)) for name in KIND_FIELDS[kind]},
    }
    _check(locked, kind, values, actor=actor)
    ensure_open(locked, provided_on)
    service = Service(case=locked, kind=kind, **values)
    if kind == Kind.DEFENCE:
        service.appointment_referral = mandatory_defence_referral(locked)
    _file_with(service, locked)
    service.save()
    changes = {name: [None, _plain(getattr(service, name))] for name in values}
    changes["kind"] = [None, kind]
    if service.appointment_referral_id:
        changes["appointment_referral"] = [None, service.appointment_referral_id]
    record("service.recorded", service, actor=actor, changes=changes)
    if locked.status == lifecycle.ACCEPTED:
        transition_case(locked, lifecycle.IN_SERVICE, actor=actor)
    return service


@transaction.atomic
def update_service(
    service: Service, *, actor: Any, expected_version: int | None, **fields: Any
) -> Service:
    """Change a service's details (not its kind); refused when someone else changed it since
    ``expected_version`` or the case is archived."""
    allowed = set(COMMON_FIELDS) | set(KIND_FIELDS[service.kind])
    if unknown := set(fields) - allowed:
        raise TypeError(f"update_service() got unexpected fields {sorted(unknown)}")
    locked = lock_at_version(service, expected_version)
    case = locked.case
    _check_not_archived(case)
    check_own_work(locked.provider, actor)
    values = {name: fields.get(name, getattr(locked, name)) for name in sorted(allowed)}
    if "result" in fields:
        values["result"] = (values["result"] or "").strip()
    _check(case, locked.kind, values, actor=actor)
    ensure_open(locked, locked.provided_on, values["provided_on"])
    changes = {
        name: [_plain(getattr(locked, name)), _plain(value)]
        for name, value in values.items()
        if getattr(locked, name) != value
    }
    for name, value in values.items():
        setattr(locked, name, value)
    locked.save()
    record("service.updated", locked, actor=actor, changes=changes)
    return locked


@transaction.atomic
def record_mediation_session(
    service: Service, *, actor: Any, held_on: date, note: str = ""
) -> MediationSession:
    """One session of a mediation."""
    if service.kind != Kind.MEDIATION:
        raise DomainError(_("Sessions belong to a mediation."), code="not_mediation")
    case = Case.all_objects.get(pk=service.case_id)
    _check_not_archived(case)
    check_own_work(service.provider, actor)
    _check_past(held_on, "held_on", case)
    session = MediationSession(service=service, held_on=held_on, note=(note or "").strip())
    _file_with(session, case)
    session.save()
    record(
        "mediation_session.recorded",
        session,
        actor=actor,
        changes={"service": [None, service.pk], "held_on": [None, held_on.isoformat()]},
    )
    return session


@transaction.atomic
def record_accommodation(
    service: Service,
    *,
    actor: Any,
    kind: str,
    provided_on: date,
    provided_by: str = "",
    cost: Decimal | None = None,
    note: str = "",
) -> Accommodation:
    """An access arrangement made for ``service``: a sign-language interpreter (who, when, at
    what cost) or another accommodation."""
    case = Case.all_objects.get(pk=service.case_id)
    _check_not_archived(case)
    check_own_work(service.provider, actor)
    if kind not in Accommodation.Kind.values:
        raise DomainError({"kind": _("Choose the kind of arrangement.")}, code="kind")
    provided_by = (provided_by or "").strip()
    if kind == Accommodation.Kind.SIGN_LANGUAGE and not provided_by:
        raise DomainError(
            {"provided_by": _("Name the sign-language interpreter.")}, code="interpreter"
        )
    if cost is not None and cost < 0:
        raise DomainError({"cost": _("The cost cannot be negative.")}, code="cost")
    _check_past(provided_on, "provided_on", case)
    ensure_open(case, provided_on)
    accommodation = Accommodation(
        service=service,
        kind=kind,
        provided_by=provided_by[:64],
        provided_on=provided_on,
        cost=cost,
        note=(note or "").strip()[:200],
    )
    _file_with(accommodation, case)
    accommodation.save()
    record(
        "accommodation.recorded",
        accommodation,
        actor=actor,
        changes={
            "service": [None, service.pk],
            "kind": [None, kind],
            "provided_by": [None, accommodation.provided_by],
            "provided_on": [None, provided_on.isoformat()],
            "cost": [None, _plain(cost)],
        },
    )
    return accommodation


@transaction.atomic
def record_service_view(service: Service, *, actor: Any) -> None:
    """A service's page shows case details: the read is audited like the case's own page."""
    record("case.viewed", service, actor=actor, changes={"case": [None, service.case_id]})


def acts_for_self_only(actor: Any) -> bool:
    """Whether ``actor`` may record only their own work (no ``case.edit``: a lawyer)."""
    if actor is None:
        return False
    try:
        role = actor.membership.role
    except (ObjectDoesNotExist, AttributeError):
        return True
    return Capability.CASE_EDIT not in capabilities_for(role)


# --- Checks ---------------------------------------------------------------------------------


def _check(case: Case, kind: str, values: dict[str, Any], *, actor: Any) -> None:
    _check_provider(case, kind, values["provider"], values["provided_on"], actor)
    _check_past(values["provided_on"], "provided_on", case)
    if values["channel"] not in Channel.values:
        raise DomainError({"channel": _("Choose how the service was given.")}, code="channel")
    duration = values["duration_minutes"]
    if duration is not None and not 0 < duration <= MAX_DURATION:
        raise DomainError(
            {"duration_minutes": _("Give the duration in minutes, at most one day (1440).")},
            code="duration",
        )
    {
        Kind.DRAFTING: _check_drafting,
        Kind.MEDIATION: _check_mediation,
        Kind.COORDINATION: _check_coordination,
        Kind.REPRESENTATION: _check_court,
        Kind.DEFENCE: _check_court,
    }.get(kind, lambda case, kind, values: None)(case, kind, values)


def _check_provider(case: Case, kind: str, provider: Person, on: date, actor: Any) -> None:
    if not isinstance(provider, Person):
        raise DomainError({"provider": _("Choose who gave the service.")}, code="provider")
    if not providers_for(case, on).filter(pk=provider.pk).exists():
        raise DomainError(
            {
                "provider": _(
                    "%(name)s was not active at this federation or engaged at its workstation on "
                    "that date."
                )
                % {"name": provider.name}
            },
            code="provider",
        )
    check_own_work(provider, actor)
    if kind == Kind.DEFENCE and not (
        provider.kind == Person.Kind.LAWYER and provider.licence_number.strip()
    ):
        raise DomainError(
            {
                "provider": _(
                    "A criminal defence must be given by a lawyer with a licence (Legal Aid Law "
                    "Art. 25). %(name)s is not a licensed lawyer."
                )
                % {"name": provider.name}
            },
            code="defence_needs_lawyer",
        )
    if kind == Kind.REPRESENTATION and provider.kind == Person.Kind.STAFF:
        raise DomainError(
            {"provider": _("Representation is given by a lawyer or a legal worker.")},
            code="representation_needs_provider",
        )


def check_own_work(provider: Person, actor: Any) -> None:
    if acts_for_self_only(actor) and provider.user_id != getattr(actor, "pk", None):
        raise DomainError(
            _("You can record only your own work: choose yourself as the provider."),
            code="not_own_work",
        )


def _check_past(day: date, field: str, case: Case) -> None:
    if day > timezone.localdate():
        raise DomainError({field: _("The date cannot be in the future.")}, code="future")
    if day < timezone.localdate(case.registered_at):
        raise DomainError(
            {field: _("The date is before the case was registered.")}, code="before_case"
        )


def _check_not_archived(case: Case) -> None:
    if case.status == lifecycle.ARCHIVED:
        raise DomainError(_("The case is archived; its file cannot change."), code="archived")


def _check_drafting(case: Case, kind: str, values: dict[str, Any]) -> None:
    document = values["drafted_document"]
    if document is not None and (not isinstance(document, Document) or document.case_id != case.pk):
        raise DomainError(
            {"drafted_document": _("Choose a document of this case.")}, code="document"
        )


def _check_mediation(case: Case, kind: str, values: dict[str, Any]) -> None:
    values["parties"] = (values["parties"] or "").strip()
    values["agreement"] = (values["agreement"] or "").strip()
    values["performance_note"] = (values["performance_note"] or "").strip()
    if not values["parties"]:
        raise DomainError({"parties": _("Name the parties to the mediation.")}, code="parties")
    if values["agreement_reached"] and not values["agreement"]:
        raise DomainError(
            {"agreement": _("Give the terms of the agreement reached.")}, code="agreement"
        )
    followed_up = values["performance_followed_up_on"]
    if followed_up is not None:
        _check_past(followed_up, "performance_followed_up_on", case)
        if followed_up < values["provided_on"]:
            raise DomainError(
                {"performance_followed_up_on": _("The follow-up is before the mediation.")},
                code="follow_up",
            )


def _check_coordination(case: Case, kind: str, values: dict[str, Any]) -> None:
    partner = values["partner"]
    if not isinstance(partner, Partner) or not partners_for(case).filter(pk=partner.pk).exists():
        raise DomainError(
            {"partner": _("Choose the partner agency from the directory of this region.")},
            code="partner",
        )


def _check_court(case: Case, kind: str, values: dict[str, Any]) -> None:
    for name in COURT_FIELDS:
        values[name] = (values[name] or "").strip()[: TEXT_LIMITS[name]]
    if kind == Kind.REPRESENTATION and not values["proceeding"]:
        raise DomainError(
            {"proceeding": _("Name the proceeding (e.g. a labour arbitration).")},
            code="proceeding",
        )
    if not values["court"]:
        raise DomainError(
            {"court": _("Name the court or the organ handling the matter.")}, code="court"
        )


# --- Helpers --------------------------------------------------------------------------------


def _only_fields_of(kind: str, fields: dict[str, Any]) -> None:
    if foreign := set(fields) - set(KIND_FIELDS[kind]):
        raise TypeError(f"fields {sorted(foreign)} do not belong to a {kind} service")


def _blank(name: str) -> Any:
    return None if name in NULLABLE else ""


def _file_with(row: Any, case: Case) -> None:
    row.province_code, row.city_code, row.county_code = (
        case.province_code,
        case.city_code,
        case.county_code,
    )


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, date | Decimal):
        return str(value)
    return value
