"""Triage vocabulary and the two judicial-aid rules (DOMAIN.md §2, §3).

Pure rules, no database. ``Facts`` is what the clerk established; a ``Suggestion`` is either a
*decision* the clerk may take (refer to legal aid, help apply for litigation-fee relief or
national judicial aid, send to the competent department, serve directly) or only a *prompt*:
something to check before deciding (capacity, a guardian who is the adverse party, an urgent
time limit). Reasons and articles are English message ids with named parameters, stored as they
are and translated when shown (``render``). Litigation-fee relief and national judicial aid are
two different targets and never stand in for each other. ``cases/triage.py`` puts it together.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext, gettext_lazy, gettext_noop

# Decisions, in the order DOMAIN.md §0 rule 3 weighs them: referral (legal aid, then the two
# kinds of judicial aid), then the competent department, then direct service.
LEGAL_AID = "legal_aid"
FEE_RELIEF = "fee_relief"
JUDICIAL_AID = "judicial_aid"
DEPARTMENT = "department"
DIRECT = "direct"
DECISION_ORDER = (LEGAL_AID, FEE_RELIEF, JUDICIAL_AID, DEPARTMENT, DIRECT)

# Disability categories (certificate digits, DOMAIN.md §4.3).
VISUAL, HEARING, SPEECH, INTELLECTUAL, PSYCHOSOCIAL, MULTIPLE = "1", "2", "3", "5", "6", "7"
SENSORY = frozenset({VISUAL, HEARING, SPEECH})
COGNITIVE = frozenset({INTELLECTUAL, PSYCHOSOCIAL})
SOCIAL_ASSISTANCE = frozenset({"dibao", "tekun"})

# LAL Art. 44: advance aid when a time limit ends in fewer than this many days.
URGENT_UNDER_DAYS = 7

ART31_MATTERS = {
    "state_compensation": gettext_lazy("State compensation"),
    "social_benefits": gettext_lazy("Social insurance benefits or social assistance"),
    "pension": gettext_lazy("Pension (抚恤金)"),
    "maintenance": gettext_lazy("Maintenance (赡养费、抚养费、扶养费)"),
    "labour": gettext_lazy("Confirming a labour relation or labour pay"),
    "capacity": gettext_lazy("Declaring a person without or with limited civil capacity"),
    "personal_injury": gettext_lazy(
        "Personal injury from a work, traffic, food, drug or medical accident"
    ),
    "environment": gettext_lazy("Environmental damage"),
    "other_law": gettext_lazy("Another matter named in a law, regulation or rule"),
}
ART32_SITUATIONS = {
    "abuse": gettext_lazy("Victim of abuse"),
    "abandonment": gettext_lazy("Victim of abandonment"),
    "domestic_violence": gettext_lazy("Victim of domestic violence"),
    "good_samaritan": gettext_lazy("Claim for helping others in danger (见义勇为)"),
    "retrial_compensation": gettext_lazy("State compensation after acquittal on retrial"),
    "heroes": gettext_lazy("Close relative protecting a hero's personality rights"),
}
ART42_GROUPS = {
    "aid_recipient": gettext_lazy("Receives judicial aid or special care (优抚)"),
    "migrant_worker": gettext_lazy("Migrant worker claiming wages or work-injury damages"),
}
JUDICIAL_AID_CATEGORIES = {
    "1": gettext_lazy("1. Crime victim seriously injured or severely disabled, no compensation"),
    "2": gettext_lazy("2. Crime victim whose life is endangered and cannot pay for treatment"),
    "3": gettext_lazy("3. Dependants of a crime victim who died, no compensation"),
    "4": gettext_lazy("4. Crime victim with a major property loss, no compensation"),
    "5": gettext_lazy("5. Informant, witness or expert retaliated against"),
    "6": gettext_lazy("6. Maintenance the debtor cannot pay"),
    "7": gettext_lazy("7. Traffic accident or other civil tort, no compensation"),
    "8": gettext_lazy("8. Other cases the political-legal organs consider in need"),
}
JUDICIAL_AID_EXCLUSIONS = {
    "major_fault": gettext_noop("The applicant was at major fault in causing the case."),
    "refused_cooperation": gettext_noop(
        "The applicant refused without good reason to help establish the facts."
    ),
    "false_statements": gettext_noop("The applicant made false statements or forged evidence."),
    "gave_up_claim": gettext_noop(
        "The applicant gave up the civil claim or refused the offender's compensation."
    ),
    "hardship_not_from_case": gettext_noop("The hardship was not caused by the case."),
    "already_compensated": gettext_noop(
        "The applicant was already reasonably compensated, through social assistance or otherwise."
    ),
}
FEE_REDUCTION_GROUNDS = {
    "disaster": gettext_lazy("Hardship from a natural disaster, or a family business that failed"),
    "special_care": gettext_lazy("Receives special care or resettlement (优抚、安置)"),
}
DEPARTMENTS = {
    "court": gettext_lazy("People's court"),
    "procuratorate": gettext_lazy("People's procuratorate"),
    "police": gettext_lazy("Public security"),
    "justice": gettext_lazy("Justice bureau"),
    "civil_affairs": gettext_lazy("Civil affairs"),
    "human_resources": gettext_lazy("Human resources and social security"),
    "labour_inspection": gettext_lazy("Labour inspection"),
    "education": gettext_lazy("Education"),
    "health": gettext_lazy("Health"),
    "other": gettext_lazy("Another department"),
}


@dataclass(frozen=True)
class Facts:
    """What the clerk established at preliminary review; every field has a neutral default."""

    today: date
    disability_category: str = ""
    disability_components: tuple[str, ...] = ()
    disability_grade: int | None = None
    is_criminal_suspect: bool = False
    has_defender: bool = False
    compulsory_treatment_without_representative: bool = False
    matter_category: str = ""
    art31_matter: str = ""
    # Monthly income per family member in yuan; None when not known.
    monthly_income: Decimal | None = None
    no_fixed_income: bool = False
    social_assistance: str = "none"
    art42_group: str = ""
    art32_situation: str = ""
    guardian_adverse_party: bool = False
    time_limit_on: date | None = None
    is_litigation: bool = False
    receives_legal_aid: bool = False
    fee_reduction_ground: str = ""
    judicial_aid_category: str = ""
    judicial_aid_hardship: bool = False
    judicial_aid_exclusions: tuple[str, ...] = ()
    group_interests: bool = False
    complex_or_high_impact: bool = False
    competent_department: str = ""

    @property
    def categories(self) -> frozenset[str]:
        """The category and, for a multiple disability, its components."""
        return frozenset({self.disability_category, *self.disability_components}) - {""}


FACT_NAMES = tuple(name for name in Facts.__dataclass_fields__ if name != "today")


def facts_to_json(facts: Facts) -> dict[str, Any]:
    """The facts as plain JSON values (decimals and dates as text), ``today`` left out."""
    data: dict[str, Any] = {}
    for name in FACT_NAMES:
        value = getattr(facts, name)
        if isinstance(value, Decimal | date):
            value = str(value)
        elif isinstance(value, tuple):
            value = list(value)
        data[name] = value
    return data


def facts_from(data: dict[str, Any], *, today: date) -> Facts:
    """``Facts`` from form data or stored JSON; unknown keys are ignored, missing ones default."""
    values: dict[str, Any] = {name: data[name] for name in FACT_NAMES if name in data}
    for name in ("disability_components", "judicial_aid_exclusions"):
        if name in values:
            values[name] = tuple(values[name] or ())
    if values.get("monthly_income") not in (None, ""):
        values["monthly_income"] = Decimal(str(values["monthly_income"]))
    else:
        values["monthly_income"] = None
    if isinstance(values.get("time_limit_on"), str):
        values["time_limit_on"] = date.fromisoformat(values["time_limit_on"])
    return Facts(
        today=today, **{k: v for k, v in values.items() if v is not None or k in _NULLABLE}
    )


_NULLABLE = frozenset({"disability_grade", "monthly_income", "time_limit_on"})


@dataclass(frozen=True)
class Suggestion:
    """One thing the facts point to. ``reason`` and ``article`` are message ids."""

    code: str
    decision: str
    reason: str
    article: str
    params: dict[str, Any] = field(default_factory=dict)
    is_prompt: bool = False
    # The law (or DOMAIN.md §0 rule 3) says "must": departing from it needs a written reason.
    mandatory: bool = False
    urgent: bool = False
    deadline_on: date | None = None
    # Statutory periods that start running, in days (LAL Art. 36: notify in 3, assign in 3).
    within_days: tuple[int, ...] = ()

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["deadline_on"] = self.deadline_on.isoformat() if self.deadline_on else None
        data["within_days"] = list(self.within_days)
        return data


def render(reason: str, params: dict[str, Any] | None = None) -> str:
    """A stored reason (or article) in the active language, its parameters filled in."""
    if not reason:
        return ""
    values = dict(params or {})
    if "department" in values:
        values["department"] = str(DEPARTMENTS.get(values["department"], values["department"]))
    if "matter" in values:
        values["matter"] = str(ART31_MATTERS.get(values["matter"], values["matter"]))
    if not values:
        return gettext(reason)
    try:
        return gettext(reason) % values
    except (KeyError, TypeError, ValueError):  # a faulty translation: show the English text
        return reason % values


def economic_hardship(monthly_income: Decimal | None, threshold: Decimal | None) -> bool | None:
    """Below the province's standard (LAL Art. 34); None when income or standard is unknown."""
    if monthly_income is None or threshold is None:
        return None
    return monthly_income < threshold


def is_exempt_from_means_test(facts: Facts) -> bool:
    """LAL Art. 42: disabled without a fixed income, social assistance, judicial aid, 优抚..."""
    disabled_without_income = bool(facts.categories) and facts.no_fixed_income
    return (
        disabled_without_income
        or facts.social_assistance in SOCIAL_ASSISTANCE
        or facts.art42_group in ART42_GROUPS
    )


def days_left(facts: Facts) -> int | None:
    if facts.time_limit_on is None:
        return None
    return (facts.time_limit_on - facts.today).days


FEE_WAIVER_REASONS = {
    "disabled_without_income": gettext_noop(
        "In civil or administrative litigation the court must waive the fees of a person with "
        "a disability without a fixed income. Apply in writing when filing the case or appeal."
    ),
    "social_assistance": gettext_noop(
        "In civil or administrative litigation the court must waive the fees of a recipient of "
        "低保 or 特困 support with no other income. Apply in writing when filing."
    ),
    "maintenance_or_pension": gettext_noop(
        "The court must waive the litigation fees of a claim for maintenance or a pension. "
        "Apply in writing when filing."
    ),
    "good_samaritan": gettext_noop(
        "The court must waive the litigation fees of a good-samaritan injury claim. Apply in "
        "writing when filing."
    ),
}


def _fee_waiver_grounds(facts: Facts) -> list[str]:
    grounds = []
    if facts.categories and facts.no_fixed_income:
        grounds.append("disabled_without_income")
    if facts.social_assistance in SOCIAL_ASSISTANCE:
        grounds.append("social_assistance")
    if facts.art31_matter in {"maintenance", "pension"}:
        grounds.append("maintenance_or_pension")
    if facts.art32_situation == "good_samaritan":
        grounds.append("good_samaritan")
    return grounds


def fee_relief(facts: Facts) -> list[Suggestion]:
    """Litigation-fee relief (诉讼费用交纳办法 Arts. 45–47), civil and administrative litigation
    only; not national judicial aid."""
    if not facts.is_litigation or facts.matter_category == "criminal":
        return []
    if grounds := _fee_waiver_grounds(facts):
        article = gettext_noop("Litigation Fees Measures Art. 45")
        return [_fee(g, FEE_WAIVER_REASONS[g], article, mandatory=True) for g in grounds[:1]]
    if facts.fee_reduction_ground in FEE_REDUCTION_GROUNDS:
        reason = gettext_noop(
            "The court may reduce the litigation fees by at least 30 per cent. Apply in writing "
            "when filing."
        )
        return [_fee("reduce", reason, gettext_noop("Litigation Fees Measures Art. 46"))]
    if facts.receives_legal_aid or facts.art31_matter in {"social_benefits", "personal_injury"}:
        reason = gettext_noop(
            "The court may defer the litigation fees (a social insurance or compensation claim, "
            "an accident victim, or a person receiving legal aid). Apply in writing when filing."
        )
        return [_fee("defer", reason, gettext_noop("Litigation Fees Measures Art. 47"))]
    return []


def _fee(kind: str, reason: str, article: str, *, mandatory: bool = False) -> Suggestion:
    return Suggestion(
        code=f"fee_relief.{kind}",
        decision=FEE_RELIEF,
        reason=reason,
        article=article,
        mandatory=mandatory,
    )


def judicial_aid(facts: Facts) -> list[Suggestion]:
    """National judicial aid (国家司法救助): one-off money, not a fee waiver (DOMAIN.md §3.2)."""
    if facts.judicial_aid_category not in JUDICIAL_AID_CATEGORIES:
        return []
    article = gettext_noop("Judicial Aid Opinions (2014)")
    excluded = [code for code in JUDICIAL_AID_EXCLUSIONS if code in facts.judicial_aid_exclusions]
    if excluded:
        return [
            Suggestion(
                code=f"judicial_aid.excluded.{code}",
                decision=JUDICIAL_AID,
                reason=JUDICIAL_AID_EXCLUSIONS[code],
                article=article,
                is_prompt=True,
            )
            for code in excluded
        ]
    if not facts.judicial_aid_hardship:
        return []
    return [
        Suggestion(
            code="judicial_aid.eligible",
            decision=JUDICIAL_AID,
            reason=gettext_noop(
                "The case falls under category %(category)s of national judicial aid and left "
                "the applicant in hardship: help apply to the organ handling the case (once per "
                "case; decision within 10 working days)."
            ),
            article=article,
            params={"category": facts.judicial_aid_category},
            mandatory=True,
        )
    ]
