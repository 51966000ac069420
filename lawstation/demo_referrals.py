"""The demo referrals of ``lawstation.demo_cases``: every step dated, none in the future, each
sent to an agency of the demo partner directory that fits its kind, routed as the referral
service routes it (``cases.referral_rules.route``, LAL Art. 38).

The directory: each region with demo cases has its legal aid centre, its court and two
competent departments (human resources and social security, civil affairs). Built here,
saved in bulk by the loaders (``demo_cases`` before the referrals, ``demo_compliance`` for the
workstations' coordination contacts), each agency once per region and kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation

from cases import referral_rules as rules
from cases.models import Case, Referral
from lawstation.demo_cases_content import referral_kind_for
from regions.models import Level, Region
from workstations.models import Partner, PartnerUnit

# Kind of agency → its name after the region's, by level (a province has 厅, a court of a
# city is intermediate, of a province high).
AGENCY_NAMES: dict[str, dict[int, str]] = {
    PartnerUnit.LEGAL_AID: dict.fromkeys(Level.values, "法律援助中心"),
    PartnerUnit.COURT: {Level.PROVINCE: "高级人民法院", Level.CITY: "中级人民法院"},
    PartnerUnit.HUMAN_RESOURCES: {Level.PROVINCE: "人力资源和社会保障厅"},
    PartnerUnit.CIVIL_AFFAIRS: {Level.PROVINCE: "民政厅"},
}
DEFAULT_NAMES = {
    PartnerUnit.COURT: "人民法院",
    PartnerUnit.HUMAN_RESOURCES: "人力资源和社会保障局",
    PartnerUnit.CIVIL_AFFAIRS: "民政局",
}
# The competent department of a referral, by the case's matter (civil affairs otherwise).
DEPARTMENTS = {
    "employment": PartnerUnit.HUMAN_RESOURCES,
    "social_security": PartnerUnit.HUMAN_RESOURCES,
}

# Region code → the demo agencies of that region.
Directory = Mapping[str, Sequence[Partner]]


def agency_name(region: Region, kind: str) -> str:
    names = AGENCY_NAMES.get(kind, {})
    return region.name + names.get(region.level, DEFAULT_NAMES.get(kind, ""))


def missing_agencies(regions: Iterable[Region], existing: Iterable[Partner]) -> list[Partner]:
    """The demo agencies of ``regions`` (unsaved, filed under their region) that ``existing``
    does not have yet: one of each kind per region."""
    have = {(partner.region_id, partner.kind) for partner in existing}
    made = []
    for region in regions:
        for kind in AGENCY_NAMES:
            if (region.code, kind) in have:
                continue
            have.add((region.code, kind))
            partner = Partner(region=region, kind=kind, name=agency_name(region, kind))
            partner.set_region(region)
            made.append(partner)
    return made


def directory(partners: Iterable[Partner]) -> dict[str, list[Partner]]:
    """Region code → its agencies, in a stable order."""
    result: dict[str, list[Partner]] = {}
    for partner in sorted(partners, key=lambda p: (p.region_id, p.kind, p.name, p.pk or 0)):
        result.setdefault(partner.region_id, []).append(partner)
    return result


def receiving_agency(
    agencies: Directory, case: Case, kind: str, matter: str
) -> tuple[Partner | None, str]:
    """The agency the routing rule picks for a referral of ``case``, among the agencies of the
    case's region and the regions above (as ``cases.selectors.referrals.referral_candidates``),
    the case handled and the matter arisen in the case's region; and the rule's basis, in the
    site's language."""
    path = (case.province_code, case.city_code, case.county_code)
    partners = [p for code in path if code for p in agencies.get(code, ())]
    if kind == rules.DEPARTMENT:
        department = DEPARTMENTS.get(matter, PartnerUnit.CIVIL_AFFAIRS)
        partners = [p for p in partners if p.kind == department] or partners
    candidates = [
        rules.Candidate(key=index, kind=partner.kind, region_code=partner.region_id)
        for index, partner in enumerate(partners)
    ]
    with translation.override(settings.LANGUAGE_CODE):
        routing = rules.route(
            kind,
            candidates=candidates,
            is_litigation=is_litigation(kind),
            organ=path,
            matter=path,
        )
        basis = str(routing.basis)
    return (None if routing.choice is None else partners[routing.choice]), basis


def is_litigation(kind: str) -> bool:
    return kind in {rules.LEGAL_AID, rules.FEE_RELIEF}


def demo_referral(batch, case, plan, rng, moment, *, open_: bool) -> Referral:
    """A referral made at ``moment`` to the agency the rule routes it to: sent three hours
    later, decided five days later (unless still open or that day is still to come), concluded
    after forty; never after now."""
    kind = referral_kind_for(plan)
    partner, basis = receiving_agency(batch.agencies, case, kind, plan.matter)
    prepared = moment
    sent = batch.clamp(prepared + timedelta(hours=3))
    referral = Referral(
        case=case,
        kind=kind,
        partner=partner,
        routing_basis=basis,
        is_litigation=is_litigation(kind),
        materials=["身份证复印件", "残疾人证复印件", "经济困难证明"],
        consented_on=timezone.localdate(prepared),
        consent_recorded_at=prepared,
        prepared_at=prepared,
        sent_on=timezone.localdate(sent),
        sent_at=sent,
        decision_due_on=(prepared + timedelta(days=7)).date(),
    )
    decided = prepared + timedelta(days=5)
    if open_ and (rng.random() < 0.6 or batch.clamp(decided) < decided):
        referral.status = Referral.Status.SENT  # some of these are past their decision date
        return batch.add(referral, case)
    decided = batch.clamp(decided)
    referral.decided_at = decided
    referral.decided_on = timezone.localdate(decided)
    if open_:
        referral.status = Referral.Status.ACCEPTED
        referral.assignment_due_on = (prepared + timedelta(days=8)).date()
    else:
        refused = rng.random() < 0.15
        referral.status = Referral.Status.REFUSED if refused else Referral.Status.CONCLUDED
        referral.refusal_reason = "经审查不符合经济困难标准" if refused else ""
        referral.outcome = "" if refused else "已指派律师，案件办结"
        if not refused:
            concluded = batch.clamp(prepared + timedelta(days=40))
            referral.concluded_at = concluded
            referral.concluded_on = timezone.localdate(concluded)
            referral.assigned_on = min((prepared + timedelta(days=7)).date(), batch.today)
            referral.assigned_lawyer = "示例律师"
    return batch.add(referral, case)
