"""Reads for services, mediation sessions, accommodations and documents of one case.

The case itself has already been fetched through ``case_in_scope_or_404``; these read what may
be chosen on its forms and what its pages show."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from cases.models import Accommodation, Case, Document, MediationSession, Referral, Service
from people.models import Engagement, Person
from regions.scoping import Scope, activate, unscoped
from workstations.models import Partner


def providers_for(case: Case, on: date | None = None) -> QuerySet[Person]:
    """Who may serve ``case`` on ``on`` (default today): active people of its federation, and
    people of any federation engaged at its workstation then. The case was read in scope."""
    on = on or timezone.localdate()
    active = Q(active_from__lte=on) & (Q(active_until__isnull=True) | Q(active_until__gte=on))
    engaged = Q(pk__in=[])
    if case.workstation_id:
        with unscoped("people engaged at the workstation of a case read in scope"):
            engagements = Engagement.objects.filter(
                Q(ends_on__isnull=True) | Q(ends_on__gte=on),
                workstation_id=case.workstation_id,
                starts_on__lte=on,
            ).values("person_id")
        engaged = Q(pk__in=engagements)
    with unscoped("the people who may serve a case read in scope"):
        people = Person.objects.filter(active & (Q(federation_id=case.federation_id) | engaged))
    return people.order_by("name", "id")


def partners_for(case: Case) -> QuerySet[Partner]:
    """Agencies ``case`` can be coordinated with: those of its region and the regions above."""
    codes = [code for code in (case.province_code, case.city_code, case.county_code) if code]
    with unscoped("the shared partner directory of a case's own and ancestor regions"):
        partners = Partner.objects.filter(region_id__in=codes)
    return partners.select_related("region").order_by("-region_id", "kind", "name", "id")


def documents_of(scope: Scope, case: Case) -> QuerySet[Document]:
    with activate(scope):
        return Document.objects.filter(case=case).order_by("-uploaded_at", "-id")


def services_of(scope: Scope, case: Case) -> QuerySet[Service]:
    with activate(scope):
        return Service.objects.filter(case=case).select_related("provider").order_by("-id")


def mandatory_defence_referral(case: Case) -> Referral | None:
    """The legal aid appointment a defence follows: the case's latest mandatory-defence
    referral to legal aid that was not refused or withdrawn."""
    with unscoped("the referrals of a case read in scope"):
        referrals = Referral.objects.filter(
            case_id=case.pk, kind=Referral.Kind.LEGAL_AID, is_mandatory_defence=True
        ).exclude(status__in=[Referral.Status.REFUSED, Referral.Status.WITHDRAWN])
        return referrals.order_by("-prepared_at", "-id").first()


def with_details(scope: Scope, service: Service) -> Service:
    """``service`` with everything its page shows, in a fixed number of queries."""
    with activate(scope):
        prefetch_related_objects(
            [service],
            Prefetch("sessions", queryset=MediationSession.objects.order_by("held_on", "id")),
            Prefetch(
                "accommodations", queryset=Accommodation.objects.order_by("provided_on", "id")
            ),
            Prefetch(
                "documents",
                queryset=Document.objects.select_related("uploaded_by").order_by("uploaded_at"),
            ),
        )
    return service
