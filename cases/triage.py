"""Triage: what the facts of a case point to (DOMAIN.md §0 rule 3, §2, §3, §6.1 step 2).

Pure rules: plain values in, plain values out, no database. The province's policy values (its
economic-hardship standard) are parameters. The vocabulary, ``Facts``, ``Suggestion`` and the
litigation-fee and judicial-aid rules live in ``cases/eligibility.py``; this module adds the
criminal, civil legal-aid, department and direct-service rules and orders the result.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_noop

from cases.eligibility import (
    ART31_MATTERS,
    ART32_SITUATIONS,
    COGNITIVE,
    DECISION_ORDER,
    DEPARTMENT,
    DEPARTMENTS,
    DIRECT,
    LEGAL_AID,
    MULTIPLE,
    SENSORY,
    SOCIAL_ASSISTANCE,
    URGENT_UNDER_DAYS,
    Facts,
    Suggestion,
    days_left,
    economic_hardship,
    fee_relief,
    is_exempt_from_means_test,
    judicial_aid,
    render,
)

__all__ = ["Facts", "Suggestion", "mandatory_codes", "needs_override_reason", "render", "suggest"]


def suggest(facts: Facts, *, hardship_threshold: Decimal | None) -> list[Suggestion]:
    """Every suggestion the facts support, ordered as DOMAIN.md §0 rule 3 orders them."""
    found = [
        *_criminal(facts),
        *_civil_legal_aid(facts, hardship_threshold),
        *_applicant_flags(facts),
        *fee_relief(facts),
        *judicial_aid(facts),
        *_department(facts),
    ]
    found += _direct(facts, hardship_threshold, found)
    return sorted(found, key=_rank)


def _rank(suggestion: Suggestion) -> tuple[int, int]:
    return (DECISION_ORDER.index(suggestion.decision), int(suggestion.is_prompt))


def _criminal(facts: Facts) -> list[Suggestion]:
    found = []
    if facts.compulsory_treatment_without_representative:
        found.append(
            Suggestion(
                code="legal_aid.compulsory_treatment",
                decision=LEGAL_AID,
                reason=gettext_noop(
                    "The respondent in a compulsory medical treatment case has no "
                    "representative: the court must notify legal aid within 3 days and legal "
                    "aid must assign a lawyer within 3 days."
                ),
                article=gettext_noop("LAL Arts. 28, 36"),
                mandatory=True,
                within_days=(3, 3),
            )
        )
    if facts.is_criminal_suspect and not facts.has_defender:
        found.append(_defence(facts))
    return found


def _defence(facts: Facts) -> Suggestion:
    """LAL Art. 25: sensory disability decides; intellectual or psychosocial only prompts."""
    if facts.categories & SENSORY:
        return _mandatory_defence()
    if facts.categories & COGNITIVE:
        return _capacity_prompt()
    if facts.disability_category == MULTIPLE and not facts.disability_components:
        return _components_prompt()
    return _defence_offer()


def _mandatory_defence() -> Suggestion:
    return Suggestion(
        code="legal_aid.mandatory_defence",
        decision=LEGAL_AID,
        reason=gettext_noop(
            "A criminal suspect or defendant with a visual, hearing or speech disability has no "
            "defender: the case-handling organ must notify legal aid within 3 days and legal "
            "aid must assign a lawyer within 3 days. Check that the organ did."
        ),
        article=gettext_noop("LAL Arts. 25, 36"),
        mandatory=True,
        within_days=(3, 3),
    )


def _capacity_prompt() -> Suggestion:
    return Suggestion(
        code="legal_aid.capacity_prompt",
        decision=LEGAL_AID,
        reason=gettext_noop(
            "The suspect or defendant has an intellectual or psychosocial disability and no "
            "defender. Consider whether he or she is an adult not fully able to recognise his "
            "or her own conduct: then a legal-aid defender is mandatory. The category alone "
            "does not decide it."
        ),
        article=gettext_noop("LAL Art. 25"),
        is_prompt=True,
    )


def _components_prompt() -> Suggestion:
    return Suggestion(
        code="legal_aid.components_missing",
        decision=LEGAL_AID,
        reason=gettext_noop(
            "A multiple disability without its components recorded: if one is visual, hearing "
            "or speech, a legal-aid defender is mandatory. Record the components."
        ),
        article=gettext_noop("LAL Art. 25"),
        is_prompt=True,
    )


def _defence_offer() -> Suggestion:
    return Suggestion(
        code="legal_aid.defence_offer",
        decision=LEGAL_AID,
        reason=gettext_noop(
            "The suspect or defendant has no defender: he or she, or a close relative, may "
            "apply for legal aid."
        ),
        article=gettext_noop("LAL Art. 24"),
        is_prompt=True,
    )


def _civil_legal_aid(facts: Facts, threshold: Decimal | None) -> list[Suggestion]:
    if facts.art32_situation in ART32_SITUATIONS:
        return [
            Suggestion(
                code="legal_aid.no_means_test",
                decision=LEGAL_AID,
                reason=gettext_noop(
                    "Legal aid without any economic-hardship condition: refer regardless of income."
                ),
                article=gettext_noop("LAL Art. 32"),
                mandatory=True,
                within_days=(7, 3),
            )
        ]
    if facts.art31_matter not in ART31_MATTERS:
        return []
    params = {"matter": facts.art31_matter}
    if is_exempt_from_means_test(facts):
        return [
            Suggestion(
                code="legal_aid.exempt",
                decision=LEGAL_AID,
                reason=gettext_noop(
                    "%(matter)s is a legal-aid matter, and the applicant is exempt from the "
                    "economic-hardship check (a person with a disability without a fixed income, "
                    "or a recipient of social assistance, judicial aid or special care)."
                ),
                article=gettext_noop("LAL Arts. 31, 42"),
                params=params,
                mandatory=True,
                within_days=(7, 3),
            )
        ]
    hardship = economic_hardship(facts.monthly_income, threshold)
    if hardship is None:
        return [_means_prompt(params, threshold)]
    if not hardship:
        return []
    return [
        Suggestion(
            code="legal_aid.hardship",
            decision=LEGAL_AID,
            reason=gettext_noop(
                "%(matter)s is a legal-aid matter, and the income of %(income)s yuan a month per "
                "person is below the province's standard of %(threshold)s yuan."
            ),
            article=gettext_noop("LAL Arts. 31, 34"),
            params={**params, "income": str(facts.monthly_income), "threshold": str(threshold)},
            mandatory=True,
            within_days=(7, 3),
        )
    ]


def _means_prompt(params: dict[str, Any], threshold: Decimal | None) -> Suggestion:
    if threshold is None:
        reason = gettext_noop(
            "%(matter)s is a legal-aid matter, but the province has not set its "
            "economic-hardship standard: ask the legal aid institution whether the applicant "
            "qualifies."
        )
    else:
        reason = gettext_noop(
            "%(matter)s is a legal-aid matter if the applicant is in economic hardship: record "
            "the monthly income per person (the province's standard is below %(threshold)s "
            "yuan) or a personal integrity pledge."
        )
        params = {**params, "threshold": str(threshold)}
    return Suggestion(
        code="legal_aid.means_unknown",
        decision=LEGAL_AID,
        reason=reason,
        article=gettext_noop("LAL Arts. 31, 34, 41"),
        params=params,
        is_prompt=True,
    )


def _applicant_flags(facts: Facts) -> list[Suggestion]:
    flags = []
    left = days_left(facts)
    if left is not None and left < URGENT_UNDER_DAYS:
        flags.append(_urgent(facts, left))
    if facts.guardian_adverse_party:
        flags.append(
            Suggestion(
                code="legal_aid.guardian_adverse",
                decision=LEGAL_AID,
                reason=gettext_noop(
                    "The guardian is the adverse party: another legal representative or a close "
                    "relative may apply on the person's behalf. Do not rely on the guardian."
                ),
                article=gettext_noop("LAL Art. 40"),
                is_prompt=True,
            )
        )
    return flags


def _urgent(facts: Facts, left: int) -> Suggestion:
    if left < 0:
        reason = gettext_noop(
            "The time limit ended on %(date)s, %(days)s days ago: check at once whether it can "
            "still be met or restored."
        )
        days = -left
    else:
        reason = gettext_noop(
            "The time limit ends on %(date)s, in %(days)s days (fewer than 7): legal aid may "
            "be given in advance. Ask for it at once."
        )
        days = left
    return Suggestion(
        code="legal_aid.urgent",
        decision=LEGAL_AID,
        reason=reason,
        article=gettext_noop("LAL Art. 44"),
        params={"date": facts.time_limit_on.isoformat(), "days": days},
        is_prompt=True,
        urgent=True,
        deadline_on=facts.time_limit_on,
    )


def _department(facts: Facts) -> list[Suggestion]:
    if facts.competent_department not in DEPARTMENTS:
        return []
    return [
        Suggestion(
            code="department.competent",
            decision=DEPARTMENT,
            reason=gettext_noop(
                "Another body is responsible for this matter (%(department)s): help the person "
                "get the service there."
            ),
            article=gettext_noop("Gansu Rules Art. 6"),
            params={"department": facts.competent_department},
            mandatory=True,
        )
    ]


def _direct(facts: Facts, threshold: Decimal | None, found: list[Suggestion]) -> list[Suggestion]:
    poor = (
        economic_hardship(facts.monthly_income, threshold) is True
        or facts.social_assistance in SOCIAL_ASSISTANCE
    )
    if poor or facts.group_interests or facts.complex_or_high_impact:
        return [
            Suggestion(
                code="direct.mandatory",
                decision=DIRECT,
                reason=gettext_noop(
                    "The station must serve directly: the applicant is economically poor, the "
                    "case infringes the group interests of persons with disabilities, or it is "
                    "complex or of high social impact."
                ),
                article=gettext_noop("Gansu Rules Art. 7"),
                mandatory=True,
            )
        ]
    if any(not s.is_prompt and s.decision != DIRECT for s in found):
        return []
    return [
        Suggestion(
            code="direct.default",
            decision=DIRECT,
            reason=gettext_noop(
                "No referral or other department applies: serve directly, within the station's "
                "published scope."
            ),
            article=gettext_noop("Gansu Rules Art. 6"),
        )
    ]


def needs_override_reason(suggestions: list[dict[str, Any]], decision: str) -> bool:
    """Whether ``decision`` departs from the stored suggestions: none of the decisions points
    to it, or a mandatory one points elsewhere. Prompts never count."""
    decisions = [s for s in suggestions if not s.get("is_prompt")]
    mandatory = {s.get("decision") for s in decisions if s.get("mandatory")}
    if mandatory:
        return decision not in mandatory
    return decision not in {s.get("decision") for s in decisions}


def mandatory_codes(suggestions: list[dict[str, Any]]) -> list[str]:
    return [s.get("code") for s in suggestions if s.get("mandatory") and not s.get("is_prompt")]
