"""Demo cases across Anhui: every lifecycle state, the six services, the four kinds of referral,
risk flags (open and reviewed), archived files, return visits with satisfaction and complaints.

Rows are what the services would have written: region codes copied from the federation, the
milestone of every step stamped, one transition row per step, triage decisions, archive numbers
and checklists as the archiving service records them. Identities are synthetic and stored
encrypted (``lawstation/demo_identities.py``). Deterministic (a seeded random per federation,
dates relative to today), idempotent (a federation that already has a case is left alone), fast
(one ``bulk_create`` per model under ``unscoped()``); one ``seed.loaded`` audit entry per run that
created anything.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import User
from audit.services import record
from cases import archive_rules
from cases.models import (
    Accommodation,
    Applicant,
    Case,
    CasePolicy,
    Complaint,
    Intake,
    MediationSession,
    Referral,
    ReturnVisit,
    RiskFlag,
    Service,
    Transition,
)
from cases.services.numbering import case_number
from lawstation.demo_cases_content import (
    MATTERS,
    PATHS,
    REFERRAL_KINDS,
    SERVICE_DETAILS,
    plan_cases,
    reset_rotation,
    service_kinds_for,
)
from lawstation.demo_identities import make_identity
from lawstation.demo_referrals import demo_referral, directory, missing_agencies
from people.models import Person
from regions.models import Federation, Level, Region
from regions.scoping import unscoped
from workstations.models import Partner

# In the order they are saved: parents first.
MODELS = (Applicant, Intake, Case, Transition, Referral, Service, MediationSession)
MODELS += (Accommodation, RiskFlag, ReturnVisit, Complaint)
STAMPS = {
    "accepted": "accepted_at",
    "not_accepted": "not_accepted_at",
    "in_service": "service_started_at",
    "referred": "referred_at",
    "closed": "closed_at",
    "archived": "archived_at",
}


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


@dataclass
class _Batch:
    today: date
    policy: dict[str, int]
    reviewer: User | None
    rows: dict[type, list[Any]] = field(default_factory=dict)
    # Region code → the agencies a referral may be sent to (``lawstation.demo_referrals``).
    agencies: dict[str, list[Partner]] = field(default_factory=dict)

    def clamp(self, moment: datetime) -> datetime:
        """No demo record happens after now: a step planned for later today happens now."""
        latest = min(timezone.now(), at(self.today, 23).replace(minute=59))
        return min(moment, latest)

    archive_serials: dict[tuple[str, int], int] = field(default_factory=dict)

    def add(self, obj: Any, case_or_region: Any) -> Any:
        if isinstance(case_or_region, Region):
            obj.set_region(case_or_region)
        else:
            obj.province_code = case_or_region.province_code
            obj.city_code = case_or_region.city_code
            obj.county_code = case_or_region.county_code
        self.rows.setdefault(type(obj), []).append(obj)
        return obj

    def counts(self) -> dict[str, int]:
        return {model._meta.model_name: len(self.rows.get(model, [])) for model in MODELS}


def seed_cases(federations: dict[str, Federation], today: date) -> dict[str, int]:
    """Demo cases for the federations (region code → federation, region loaded) that have a
    workstation with a lawyer or legal worker and no case yet; rows created per model."""
    with unscoped("seed_demo creates the demo cases"):
        # One query: the providers of the federations that have no case yet.
        providers: dict[int, list[Person]] = {}
        for person in Person.objects.filter(
            ~Exists(Case.objects.filter(federation=OuterRef("federation"))),
            federation__in=federations.values(),
            kind__in=[Person.Kind.LAWYER, Person.Kind.LEGAL_WORKER],
        ).order_by("pk"):
            providers.setdefault(person.federation_id, []).append(person)
        todo = {
            code: federation
            for code, federation in sorted(federations.items())
            if providers.get(federation.pk)
        }
        if not todo:
            return {model._meta.model_name: 0 for model in MODELS}
        batch = _Batch(today=today, policy=_policy(), reviewer=_reviewer())
        batch.agencies = seed_agencies([federation.region for federation in todo.values()])
        reset_rotation()
        clerks = {
            user.username.removeprefix("clerk-"): user
            for user in User.objects.filter(username__in=[f"clerk-{code}" for code in todo])
        }
        counties = _county_codes(federations)
        for code, federation in todo.items():
            _federation_cases(
                batch, federation, providers[federation.pk], clerks.get(code), counties[code]
            )
        for model in MODELS:
            model.all_objects.bulk_create(batch.rows.get(model, []))
        counts = batch.counts()
        province = min(federations.values(), key=lambda f: (f.region.level, f.region.code))
        record(
            "seed.loaded",
            province.region,
            actor=None,
            actor_label="system:seed_demo",
            changes={name: [None, n] for name, n in counts.items() if n},
        )
    return counts


def seed_agencies(regions: list[Region]) -> dict[str, list[Partner]]:
    """The demo partner directory of ``regions`` (``lawstation.demo_referrals``), the agencies
    missing created in bulk; region code → agencies. Two queries. Used under ``unscoped()``."""
    existing = list(Partner.all_objects.filter(region__in=regions))
    created = Partner.all_objects.bulk_create(missing_agencies(regions, existing))
    return directory([*existing, *created])


def _policy() -> dict[str, int]:
    policy = CasePolicy.objects.filter(province_id="340000").first() or CasePolicy()
    return {
        "archive": policy.archive_within_days,
        "visit": policy.return_visit_within_days,
    }


def _reviewer() -> User | None:
    return User.objects.filter(username="leader-340000").first()


def _county_codes(federations: dict[str, Federation]) -> dict[str, list[str]]:
    """For each federation, the county codes its applicants may be born in."""
    regions = [f.region for f in federations.values()]
    counties = sorted(r.code for r in regions if r.level == Level.COUNTY)
    result = {}
    for code, federation in federations.items():
        region = federation.region
        if region.level == Level.COUNTY:
            result[code] = [code]
        elif region.level == Level.CITY:
            result[code] = [c for c in counties if c.startswith(code[:4])] or [code]
        else:
            result[code] = counties or [code]
    return result


def _federation_cases(
    batch: _Batch,
    federation: Federation,
    providers: list[Person],
    clerk: User | None,
    area_codes: list[str],
) -> None:
    region = federation.region
    seed = zlib.crc32(f"demo-cases:{region.code}".encode())
    rng = random.Random(seed)  # noqa: S311 - demo data, not a secret
    serials: dict[int, int] = {}
    for plan in plan_cases(rng, region.level, batch.today):
        identity = make_identity(rng, rng.choice(area_codes), batch.today)
        applicant = Applicant(federation=federation, **identity.applicant_fields())
        applicant.no_fixed_income = rng.random() < 0.5
        if identity.category == "2":
            applicant.communication_needs = ["sign_language", "written"]
        batch.add(applicant, region)
        registered = batch.clamp(at(plan.registered_on, 9 + rng.randrange(8)))
        serials[registered.year] = serial = serials.get(registered.year, 0) + 1
        intake = _intake(batch, federation, applicant, clerk, registered, plan)
        case = Case(
            federation=federation,
            workstation=getattr(federation, "workstation", None),
            year=registered.year,
            serial=serial,
            number=case_number(region.code, registered.year, serial),
            applicant=applicant,
            intake=intake,
            channel=plan.channel,
            matter=intake.in_own_words,
            matter_category=plan.matter,
            disability_category=identity.category,
            status=plan.status,
            registered_at=registered,
        )
        batch.add(case, region)
        _walk(batch, case, plan, clerk, rng, providers)


def _intake(batch, federation, applicant, clerk, registered, plan) -> Intake:
    oral = plan.channel in {"in_person", "phone"}
    intake = Intake(
        federation=federation,
        channel=plan.channel,
        received_at=registered,
        received_by=clerk,
        applicant=applicant,
        in_own_words=MATTERS[plan.matter][plan.variant % len(MATTERS[plan.matter])],
        is_oral=oral,
        read_back_at=registered + timedelta(minutes=20) if oral else None,
        outcome=Intake.Outcome.CASE,
        submission_key=f"demo-{federation.region_id}-{plan.registered_on}-{plan.variant}",
    )
    return batch.add(intake, federation.region)


def _walk(batch, case, plan, clerk, rng, providers) -> None:
    """Every step from registration to the plan's status: stamps, transitions, records."""
    moment = case.registered_at
    batch.add(Transition(case=case, to_status="registered", at=moment, actor=clerk), case)
    before = "registered"
    for step, days in zip(PATHS[plan.status], plan.step_days, strict=True):
        moment = batch.clamp(moment + timedelta(days=days, hours=1))
        setattr(case, STAMPS[step], moment)
        reason = (
            "不属于本站服务范围，已告知可向当地法律援助中心咨询" if step == "not_accepted" else ""
        )
        batch.add(
            Transition(
                case=case, from_status=before, to_status=step, at=moment, actor=clerk, reason=reason
            ),
            case,
        )
        before = step
        if step == "not_accepted":
            case.not_accepted_reason = reason
        if step == "accepted":
            _triage(case, plan, providers, rng)
        if step == "in_service":
            referral = None
            if plan.decision in REFERRAL_KINDS and plan.status != "referred":
                still_open = plan.status == "in_service"
                referral = demo_referral(batch, case, plan, rng, moment, open_=still_open)
            _services(batch, case, plan, providers, rng, moment, referral)
        if step == "referred":
            demo_referral(batch, case, plan, rng, moment, open_=True)
        if step == "closed":
            _close(batch, case, plan, clerk, rng, moment)
        if step == "archived":
            _archive(batch, case, moment)
    _risks(batch, case, plan, clerk, rng)


def _triage(case: Case, plan, providers: list[Person], rng: random.Random) -> None:
    case.decision = plan.decision
    case.decided_at = case.accepted_at
    case.handler = providers[rng.randrange(len(providers))]
    case.triage_suggestions = [{"code": plan.decision, "reason": "demo"}]


def _services(batch, case, plan, providers, rng, moment, referral) -> None:
    for index, kind in enumerate(service_kinds_for(plan)):
        provided = (moment + timedelta(days=2 + 5 * index)).date()
        details = dict(SERVICE_DETAILS[kind])
        service = Service(
            case=case,
            kind=kind,
            provider=case.handler or providers[0],
            provided_on=min(provided, batch.today),
            channel="in_person",
            duration_minutes=30 + 15 * rng.randrange(6),
            **details,
        )
        if kind == "defence" and referral is not None and referral.kind == "legal_aid":
            service.appointment_referral = referral
        batch.add(service, case)
        if kind == "mediation":
            session = MediationSession(
                service=service, held_on=service.provided_on, note="双方到场，调解员释法说理"
            )
            batch.add(session, case)
        if case.applicant.disability_category == "2":
            batch.add(
                Accommodation(
                    service=service,
                    kind="sign_language",
                    provided_by="市手语翻译协会",
                    provided_on=service.provided_on,
                    cost=Decimal("200.00"),
                ),
                case,
            )


def _close(batch, case, plan, clerk, rng, moment) -> None:
    case.outcome = rng.choices(["resolved", "partly", "not_resolved", "withdrawn"], (6, 2, 1, 1))[0]
    case.closing_summary = "经协调和法律服务，申请人诉求基本得到解决，已告知后续权利。"
    if case.outcome in {"resolved", "partly"} and rng.random() < 0.5:
        case.money_recovered = Decimal(1000 * rng.randint(2, 80))
    case.archive_due_on = moment.date() + timedelta(days=batch.policy["archive"])
    due = moment.date() + timedelta(days=batch.policy["visit"])
    visit = ReturnVisit(case=case, due_on=due)
    if plan.status == "archived" or (due <= batch.today and rng.random() < 0.7):
        visit.done_on = min(due, batch.today)
        visit.method = rng.choice(["phone", "visit", "sms", "letter"])
        visit.satisfaction = rng.choices((5, 4, 3, 2), (5, 4, 1, 1))[0]
        visit.comments = "对工作站的服务表示感谢" if visit.satisfaction >= 4 else "希望处理更及时"
        visit.done_by = clerk
    batch.add(visit, case)
    if visit.satisfaction == 2:
        resolved = visit.done_on + timedelta(days=10)
        batch.add(
            Complaint(
                case=case,
                return_visit=visit,
                received_on=visit.done_on,
                content="认为办理时间过长，沟通不够",
                handling="站长约谈承办人并向申请人说明情况",
                resolved_on=resolved if resolved <= batch.today else None,
            ),
            case,
        )


def _archive(batch: _Batch, case: Case, moment: datetime) -> None:
    key = (case.federation.region_id, moment.year)
    batch.archive_serials[key] = serial = batch.archive_serials.get(key, 0) + 1
    case.archive_number = archive_rules.archive_number(
        case.federation.region_id, moment.year, serial
    )
    case.archive_checklist = dict.fromkeys(archive_rules.ITEM_LABELS, archive_rules.PRESENT)


def _risks(batch, case, plan, clerk, rng) -> None:
    if not plan.risk or clerk is None:
        return
    raised = batch.clamp(case.registered_at + timedelta(days=1))
    flag = RiskFlag(
        case=case,
        kind=plan.risk,
        note="接待时发现当事人情绪激动，需重点关注",
        raised_at=raised,
        raised_by=clerk,
    )
    open_case = case.status in {"registered", "accepted", "in_service", "referred"}
    if not open_case or rng.random() < 0.4:
        flag.reviewed_at = batch.clamp(raised + timedelta(days=2))
        flag.reviewed_by = batch.reviewer or clerk
        flag.review_note = "已安排专人跟进，风险可控"
    case.has_open_risk = case.has_open_risk or flag.reviewed_at is None
    batch.add(flag, case)
