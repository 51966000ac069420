"""Reading referrals: a case's referrals, the overdue ones, and the agencies a case may be
referred to (with the LAL Art. 38 routing suggestion)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.db.models import F, Prefetch, Q, QuerySet

from accounts.roles import Capability
from cases import referral_rules as rules
from cases.models import Case, Referral
from cases.selectors.cases import cases_visible
from regions.models import Region
from regions.scoping import Scope, activate, scope_for_region, unscoped
from workstations.models import Partner


def referrals_of(scope: Scope, case: Case) -> QuerySet[Referral]:
    """The case's referrals, oldest first, each with its receiving agency."""
    with activate(scope):
        referrals = Referral.objects.filter(case=case)
    return referrals.select_related("partner").order_by("prepared_at", "pk")


def referrals_prefetch(scope: Scope) -> Prefetch:
    """For the case page: ``prefetch_related(referrals_prefetch(scope))`` on a case queryset
    gives ``case.referrals.all`` with each agency, in one query."""
    with activate(scope):
        referrals = Referral.objects.select_related("partner").order_by("prepared_at", "pk")
    return Prefetch("referrals", queryset=referrals)


def referrals_overdue(scope: Scope, today: date) -> QuerySet[Referral]:
    """Referrals whose receiving body has missed its time limit on ``today``: a decision not
    recorded by its due date, or an accepted legal-aid referral without a lawyer assigned by its
    due date. Most overdue first; a lawyer sees only those of their cases."""
    with activate(scope):
        referrals = Referral.objects.filter(
            Q(status=Referral.Status.SENT, decision_due_on__lt=today)
            | Q(
                status=Referral.Status.ACCEPTED,
                assigned_on__isnull=True,
                assignment_due_on__lt=today,
            )
        )
        if not scope.can(Capability.CASE_VIEW):
            referrals = referrals.filter(case__in=cases_visible(scope).values("pk"))
    due_on = models.Case(
        models.When(status=Referral.Status.SENT, then=F("decision_due_on")),
        default=F("assignment_due_on"),
    )
    return (
        referrals.select_related("case__federation", "partner")
        .annotate(due_on=due_on)
        .order_by("due_on", "pk")
    )


def referral_candidates(case: Case, kind: str = "") -> QuerySet[Partner]:
    """Agencies a referral of ``case`` may go to: those of the case federation's region and
    below, and of the regions above it (the directory a workstation shares with its ancestors,
    as ``workstations.selectors.partners.agencies_for``), of the kinds ``kind`` admits."""
    region = case.federation.region
    ancestors = [code for code in (region.province_code, region.city_code) if code]
    kinds = rules.PARTNER_KINDS.get(kind) or sorted(
        {one for kinds in rules.PARTNER_KINDS.values() for one in kinds}
    )
    with unscoped("a case's own, lower and ancestor regions' partner agencies"):
        partners = Partner.objects.filter(
            Q(**scope_for_region(region).row_filter()) | Q(region_id__in=ancestors),
            kind__in=kinds,
        )
    return partners.select_related("region").order_by("-region_id", "kind", "name", "id")


@dataclass(frozen=True)
class Suggestion:
    partner: Partner | None
    basis: str
    needs: str = ""


def suggest_partner(
    case: Case,
    kind: str,
    *,
    is_litigation: bool,
    is_mandatory_defence: bool = False,
    organ_region: Region | None = None,
    matter_region: Region | None = None,
) -> Suggestion:
    """The agency the routing rule (LAL Art. 38) suggests for the referral, and why."""
    partners = {partner.pk: partner for partner in referral_candidates(case, kind)}
    candidates = [
        rules.Candidate(key=pk, kind=partner.kind, region_code=partner.region_id)
        for pk, partner in partners.items()
    ]
    names = {partner.region_id: partner.region.name for partner in partners.values()}
    for region in (organ_region, matter_region):
        if region is not None:
            names[region.code] = region.name
    routing = rules.route(
        kind,
        candidates=candidates,
        is_litigation=is_litigation,
        is_mandatory_defence=is_mandatory_defence,
        organ=_path(organ_region),
        matter=_path(matter_region),
        region_names=names,
    )
    return Suggestion(partners.get(routing.choice), routing.basis, routing.needs)


def routing_regions(case: Case) -> QuerySet[Region]:
    """The regions a court, organ or matter can be placed in: the case's province."""
    return Region.objects.filter(province_code=case.province_code).order_by("code")


def _path(region: Region | None) -> rules.RegionPath | None:
    if region is None:
        return None
    return (region.province_code, region.city_code, region.county_code)
