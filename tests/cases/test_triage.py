"""The triage rules (cases/triage.py, cases/eligibility.py): every rule with the article it
cites, and the edges DOMAIN.md names."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from cases.eligibility import facts_from, facts_to_json
from cases.triage import Facts, mandatory_codes, needs_override_reason, render, suggest

TODAY = date(2026, 3, 2)
THRESHOLD = Decimal("1500")
BASE = Facts(today=TODAY, disability_category="4", disability_grade=2)
SUSPECT = replace(BASE, is_criminal_suspect=True, matter_category="criminal")


def run(facts: Facts, threshold: Decimal | None = THRESHOLD):
    return suggest(facts, hardship_threshold=threshold)


def codes(facts: Facts, threshold: Decimal | None = THRESHOLD) -> list[str]:
    return [s.code for s in run(facts, threshold)]


def one(facts: Facts, code: str, threshold: Decimal | None = THRESHOLD):
    (found,) = [s for s in run(facts, threshold) if s.code == code]
    return found


# --- LAL Art. 25: mandatory defence -------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "components"),
    [("1", ()), ("2", ()), ("3", ()), ("7", ("2", "4")), ("7", ("1",)), ("7", ("3", "5"))],
)
@pytest.mark.parametrize("grade", [1, 2, 3, 4])
def test_sensory_disability_without_defender_makes_legal_aid_defence_mandatory(
    category, components, grade
):
    facts = replace(
        SUSPECT,
        disability_category=category,
        disability_components=components,
        disability_grade=grade,
    )
    found = one(facts, "legal_aid.mandatory_defence")
    assert found.article == "LAL Arts. 25, 36"
    assert found.decision == "legal_aid"
    assert found.mandatory
    assert not found.is_prompt
    assert found.within_days == (3, 3)


def test_multiple_disability_with_a_hearing_component_is_mandatory_like_hearing():
    multiple = replace(SUSPECT, disability_category="7", disability_components=("4", "2"))
    hearing = replace(SUSPECT, disability_category="2")
    assert codes(multiple) == codes(hearing)
    assert "legal_aid.mandatory_defence" in codes(multiple)


def test_multiple_disability_without_sensory_component_is_not_mandatory():
    facts = replace(SUSPECT, disability_category="7", disability_components=("4",))
    assert "legal_aid.mandatory_defence" not in codes(facts)
    assert one(facts, "legal_aid.defence_offer").article == "LAL Art. 24"


def test_multiple_disability_without_components_asks_for_them():
    facts = replace(SUSPECT, disability_category="7")
    found = one(facts, "legal_aid.components_missing")
    assert found.is_prompt
    assert not found.mandatory


@pytest.mark.parametrize("category", ["1", "2", "3", "5", "6"])
def test_a_suspect_with_a_defender_gets_no_defence_suggestion(category):
    facts = replace(SUSPECT, disability_category=category, has_defender=True)
    assert not [c for c in codes(facts) if "defence" in c or "capacity" in c]


def test_a_person_who_is_not_a_suspect_gets_no_defence_suggestion():
    assert not [c for c in codes(replace(BASE, disability_category="2")) if "defence" in c]


@pytest.mark.parametrize(
    ("category", "components"), [("5", ()), ("6", ()), ("7", ("5", "4")), ("7", ("6",))]
)
def test_intellectual_or_psychosocial_disability_prompts_about_capacity_without_deciding(
    category, components
):
    facts = replace(SUSPECT, disability_category=category, disability_components=components)
    found = one(facts, "legal_aid.capacity_prompt")
    assert found.is_prompt
    assert not found.mandatory
    assert found.article == "LAL Art. 25"
    assert "legal_aid.mandatory_defence" not in codes(facts)
    # A prompt alone is no decision: with nothing else, direct service is what is left.
    assert [s.code for s in run(facts) if not s.is_prompt] == ["direct.default"]


def test_a_sensory_component_decides_even_with_an_intellectual_one():
    facts = replace(SUSPECT, disability_category="7", disability_components=("5", "3"))
    assert "legal_aid.mandatory_defence" in codes(facts)
    assert "legal_aid.capacity_prompt" not in codes(facts)


# --- LAL Art. 28 --------------------------------------------------------------------------


def test_compulsory_treatment_respondent_without_representative_must_get_legal_aid():
    facts = replace(BASE, disability_category="6", compulsory_treatment_without_representative=True)
    found = one(facts, "legal_aid.compulsory_treatment")
    assert found.article == "LAL Arts. 28, 36"
    assert found.mandatory
    assert found.within_days == (3, 3)
    assert "legal_aid.compulsory_treatment" not in codes(BASE)


# --- LAL Arts. 31, 34, 42: civil and administrative legal aid ------------------------------

ART31 = replace(BASE, art31_matter="labour", matter_category="employment")


@pytest.mark.parametrize(
    ("income", "expected"),
    [("1499.99", True), ("1500", False), ("1500.01", False), ("0", True)],
)
def test_art31_matter_needs_income_below_the_province_standard(income, expected):
    facts = replace(ART31, monthly_income=Decimal(income))
    assert ("legal_aid.hardship" in codes(facts)) is expected
    if expected:
        found = one(facts, "legal_aid.hardship")
        assert found.article == "LAL Arts. 31, 34"
        assert found.params == {"matter": "labour", "income": income, "threshold": "1500"}


def test_the_threshold_is_a_parameter_not_a_constant():
    facts = replace(ART31, monthly_income=Decimal("1800"))
    assert "legal_aid.hardship" not in codes(facts, Decimal("1500"))
    assert "legal_aid.hardship" in codes(facts, Decimal("2000"))


def test_unknown_income_prompts_for_the_means_check():
    found = one(ART31, "legal_aid.means_unknown")
    assert found.is_prompt
    assert found.params["threshold"] == "1500"
    assert found.article == "LAL Arts. 31, 34, 41"


def test_a_province_without_a_standard_prompts_even_with_income_known():
    facts = replace(ART31, monthly_income=Decimal("100"))
    assert "legal_aid.means_unknown" in codes(facts, None)
    assert "legal_aid.hardship" not in codes(facts, None)


@pytest.mark.parametrize(
    ("no_fixed_income", "expected"), [(True, "legal_aid.exempt"), (False, None)]
)
def test_art42_exempts_a_disabled_person_without_fixed_income_only(no_fixed_income, expected):
    facts = replace(ART31, monthly_income=Decimal("3000"), no_fixed_income=no_fixed_income)
    legal_aid = [c for c in codes(facts) if c.startswith("legal_aid.")]
    assert legal_aid == ([expected] if expected else [])
    if expected:
        assert one(facts, expected).article == "LAL Arts. 31, 42"


def test_no_fixed_income_without_a_disability_is_no_art42_exemption():
    facts = replace(
        ART31, disability_category="", monthly_income=Decimal("3000"), no_fixed_income=True
    )
    assert "legal_aid.exempt" not in codes(facts)


@pytest.mark.parametrize(
    ("social_assistance", "group", "exempt"),
    [
        ("dibao", "", True),
        ("tekun", "", True),
        ("none", "aid_recipient", True),
        ("none", "migrant_worker", True),
        ("none", "", False),
    ],
)
def test_art42_exempts_social_assistance_and_other_groups(social_assistance, group, exempt):
    facts = replace(
        ART31,
        monthly_income=Decimal("9000"),
        social_assistance=social_assistance,
        art42_group=group,
    )
    assert ("legal_aid.exempt" in codes(facts)) is exempt


def test_a_matter_outside_art31_gets_no_civil_legal_aid():
    facts = replace(BASE, matter_category="education", monthly_income=Decimal("1"))
    assert not [c for c in codes(facts) if c.startswith("legal_aid.")]


# --- LAL Art. 32: no means test -----------------------------------------------------------


@pytest.mark.parametrize(
    "situation",
    [
        "abuse",
        "abandonment",
        "domestic_violence",
        "good_samaritan",
        "retrial_compensation",
        "heroes",
    ],
)
@pytest.mark.parametrize("income", [None, Decimal("1"), Decimal("99999")])
def test_art32_situations_get_legal_aid_regardless_of_income(situation, income):
    facts = replace(BASE, art32_situation=situation, monthly_income=income)
    found = one(facts, "legal_aid.no_means_test")
    assert found.article == "LAL Art. 32"
    assert found.mandatory
    assert "legal_aid.means_unknown" not in codes(facts)


def test_art32_replaces_the_means_test_of_an_art31_matter():
    facts = replace(ART31, art32_situation="domestic_violence", monthly_income=Decimal("9000"))
    assert [c for c in codes(facts) if c.startswith("legal_aid.")] == ["legal_aid.no_means_test"]


# --- LAL Art. 44: urgent advance aid ------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "urgent"), [(0, True), (1, True), (6, True), (7, False), (8, False), (30, False)]
)
def test_a_time_limit_under_seven_days_away_is_urgent(days, urgent):
    facts = replace(BASE, time_limit_on=TODAY + timedelta(days=days))
    assert ("legal_aid.urgent" in codes(facts)) is urgent
    if urgent:
        found = one(facts, "legal_aid.urgent")
        assert found.article == "LAL Art. 44"
        assert found.urgent
        assert found.is_prompt
        assert found.deadline_on == TODAY + timedelta(days=days)
        assert found.params["days"] == days


def test_a_time_limit_already_passed_is_flagged_as_lapsed():
    facts = replace(BASE, time_limit_on=TODAY - timedelta(days=2))
    found = one(facts, "legal_aid.urgent")
    assert found.params["days"] == 2
    assert "ended" in found.reason


def test_no_time_limit_is_not_urgent():
    assert "legal_aid.urgent" not in codes(BASE)


# --- LAL Art. 40 --------------------------------------------------------------------------


def test_guardian_as_adverse_party_is_flagged_with_art40():
    found = one(replace(BASE, guardian_adverse_party=True), "legal_aid.guardian_adverse")
    assert found.article == "LAL Art. 40"
    assert found.is_prompt
    assert not found.mandatory
    assert "legal_aid.guardian_adverse" not in codes(BASE)


# --- Litigation-fee relief (诉讼费用交纳办法) vs national judicial aid --------------------

SUIT = replace(BASE, is_litigation=True, matter_category="family")


@pytest.mark.parametrize(
    ("changes", "code", "article"),
    [
        ({"no_fixed_income": True}, "fee_relief.disabled_without_income", "Art. 45"),
        ({"social_assistance": "dibao"}, "fee_relief.social_assistance", "Art. 45"),
        ({"art31_matter": "maintenance"}, "fee_relief.maintenance_or_pension", "Art. 45"),
        ({"art31_matter": "pension"}, "fee_relief.maintenance_or_pension", "Art. 45"),
        ({"art32_situation": "good_samaritan"}, "fee_relief.good_samaritan", "Art. 45"),
        ({"fee_reduction_ground": "disaster"}, "fee_relief.reduce", "Art. 46"),
        ({"fee_reduction_ground": "special_care"}, "fee_relief.reduce", "Art. 46"),
        ({"receives_legal_aid": True}, "fee_relief.defer", "Art. 47"),
        ({"art31_matter": "personal_injury"}, "fee_relief.defer", "Art. 47"),
    ],
)
def test_litigation_fee_relief_grounds(changes, code, article):
    found = [s for s in run(replace(SUIT, **changes)) if s.decision == "fee_relief"]
    assert [s.code for s in found] == [code]
    assert found[0].article == f"Litigation Fees Measures {article}"
    assert found[0].mandatory is (article == "Art. 45")


def test_fee_waiver_for_a_disabled_person_without_fixed_income_needs_litigation():
    assert not [c for c in codes(replace(BASE, no_fixed_income=True)) if "fee_relief" in c]


def test_no_fee_relief_in_criminal_matters():
    facts = replace(SUIT, matter_category="criminal", no_fixed_income=True)
    assert not [c for c in codes(facts) if "fee_relief" in c]


JUDICIAL = replace(BASE, judicial_aid_category="1", judicial_aid_hardship=True)


@pytest.mark.parametrize("category", ["1", "2", "3", "4", "5", "6", "7", "8"])
def test_each_judicial_aid_category_with_hardship_points_to_judicial_aid(category):
    found = one(replace(JUDICIAL, judicial_aid_category=category), "judicial_aid.eligible")
    assert found.decision == "judicial_aid"
    assert found.mandatory
    assert found.article == "Judicial Aid Opinions (2014)"
    assert found.params == {"category": category}


def test_judicial_aid_needs_hardship_caused_by_the_case():
    assert not [c for c in codes(replace(JUDICIAL, judicial_aid_hardship=False)) if "judicial" in c]


@pytest.mark.parametrize(
    "exclusion",
    [
        "major_fault",
        "refused_cooperation",
        "false_statements",
        "gave_up_claim",
        "hardship_not_from_case",
        "already_compensated",
    ],
)
def test_each_judicial_aid_exclusion_turns_the_decision_into_a_prompt(exclusion):
    found = list(run(replace(JUDICIAL, judicial_aid_exclusions=(exclusion,))))
    judicial = [s for s in found if s.decision == "judicial_aid"]
    assert [s.code for s in judicial] == [f"judicial_aid.excluded.{exclusion}"]
    assert judicial[0].is_prompt
    assert not judicial[0].mandatory


def test_several_exclusions_are_each_named():
    facts = replace(JUDICIAL, judicial_aid_exclusions=("gave_up_claim", "major_fault"))
    assert [c for c in codes(facts) if "judicial" in c] == [
        "judicial_aid.excluded.major_fault",
        "judicial_aid.excluded.gave_up_claim",
    ]


def test_fee_relief_and_judicial_aid_are_distinct_targets():
    fee_only = replace(SUIT, no_fixed_income=True)
    aid_only = replace(BASE, judicial_aid_category="7", judicial_aid_hardship=True)
    both = replace(fee_only, judicial_aid_category="7", judicial_aid_hardship=True)
    assert {s.decision for s in run(fee_only)} & {"fee_relief", "judicial_aid"} == {"fee_relief"}
    assert {s.decision for s in run(aid_only)} & {"fee_relief", "judicial_aid"} == {"judicial_aid"}
    found = {s.decision: s for s in run(both) if s.decision in {"fee_relief", "judicial_aid"}}
    assert set(found) == {"fee_relief", "judicial_aid"}
    assert found["fee_relief"].article != found["judicial_aid"].article


# --- Department and direct service (Gansu Arts. 6, 7) ----------------------------------------


def test_a_competent_department_is_suggested_with_its_name():
    facts = replace(BASE, competent_department="labour_inspection")
    found = one(facts, "department.competent")
    assert found.article == "Gansu Rules Art. 6"
    assert found.params == {"department": "labour_inspection"}
    assert "direct.default" not in codes(facts)


@pytest.mark.parametrize(
    "changes",
    [
        {"group_interests": True},
        {"complex_or_high_impact": True},
        {"social_assistance": "dibao"},
        {"monthly_income": Decimal("1000")},
    ],
)
def test_direct_service_is_mandatory_when_poor_group_or_high_impact(changes):
    found = one(replace(BASE, **changes), "direct.mandatory")
    assert found.mandatory
    assert found.article == "Gansu Rules Art. 7"
    assert "direct.default" not in codes(replace(BASE, **changes))


def test_income_above_the_standard_is_not_poor():
    assert "direct.mandatory" not in codes(replace(BASE, monthly_income=Decimal("2000")))


def test_with_nothing_else_the_default_is_direct_service():
    found = run(BASE)
    assert [s.code for s in found] == ["direct.default"]
    assert not found[0].mandatory
    assert found[0].article == "Gansu Rules Art. 6"


@pytest.mark.parametrize(
    "facts",
    [
        replace(ART31, monthly_income=Decimal("1")),
        replace(SUSPECT, disability_category="2"),
        replace(JUDICIAL),
        replace(SUIT, receives_legal_aid=True),
    ],
)
def test_a_referral_decision_replaces_the_default_direct_service(facts):
    assert "direct.default" not in codes(facts)


# --- Order (DOMAIN.md §0 rule 3) ----------------------------------------------------------


def test_suggestions_follow_the_triage_order_referral_then_department_then_direct():
    facts = replace(
        SUIT,
        art31_matter="maintenance",
        no_fixed_income=True,
        judicial_aid_category="6",
        judicial_aid_hardship=True,
        competent_department="civil_affairs",
        group_interests=True,
        guardian_adverse_party=True,
        time_limit_on=TODAY + timedelta(days=3),
    )
    found = run(facts)
    assert [s.decision for s in found] == [
        "legal_aid",
        "legal_aid",
        "legal_aid",
        "fee_relief",
        "judicial_aid",
        "department",
        "direct",
    ]
    # Within a decision, what to decide comes before what to check.
    assert [s.is_prompt for s in found[:3]] == [False, True, True]


# --- Overrides --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "decision", "needs_reason"),
    [
        (BASE, "direct", False),
        (BASE, "legal_aid", True),
        (replace(SUSPECT, disability_category="2"), "legal_aid", False),
        (replace(SUSPECT, disability_category="2"), "direct", True),
        (replace(SUSPECT, disability_category="5"), "legal_aid", True),
        (replace(SUSPECT, disability_category="5"), "direct", False),
        (replace(SUIT, no_fixed_income=True, art31_matter="labour"), "fee_relief", False),
        (replace(SUIT, no_fixed_income=True, art31_matter="labour"), "legal_aid", False),
        (replace(SUIT, no_fixed_income=True, art31_matter="labour"), "direct", True),
        (replace(BASE, receives_legal_aid=True, is_litigation=True), "direct", True),
        (replace(BASE, receives_legal_aid=True, is_litigation=True), "fee_relief", False),
    ],
)
def test_an_override_is_a_decision_no_suggestion_points_to_or_one_passing_a_mandatory_one(
    facts, decision, needs_reason
):
    stored = [s.as_json() for s in run(facts)]
    assert needs_override_reason(stored, decision) is needs_reason


def test_mandatory_codes_leave_prompts_out():
    stored = [
        s.as_json()
        for s in run(replace(SUSPECT, disability_category="2", guardian_adverse_party=True))
    ]
    assert mandatory_codes(stored) == ["legal_aid.mandatory_defence"]


# --- Storage and display --------------------------------------------------------------------


def test_stored_suggestions_are_plain_json_with_message_ids():
    import json

    found = one(replace(BASE, time_limit_on=TODAY + timedelta(days=2)), "legal_aid.urgent")
    data = json.loads(json.dumps(found.as_json()))
    assert data["deadline_on"] == "2026-03-04"
    assert data["reason"] == found.reason  # the English message id, not a translation


def test_reasons_are_rendered_in_the_active_language_with_their_parameters():
    found = one(replace(BASE, competent_department="labour_inspection"), "department.competent")
    with translation.override("en"):
        text = render(found.reason, found.params)
    assert "Labour inspection" in text
    assert "%(" not in text
    with translation.override("zh-hans"):
        assert "%(" not in render(found.reason, found.params)


def test_facts_survive_the_round_trip_through_json():
    facts = replace(
        SUIT,
        disability_components=("2", "4"),
        monthly_income=Decimal("1234.50"),
        time_limit_on=date(2026, 3, 9),
        judicial_aid_exclusions=("major_fault",),
    )
    assert facts_from(facts_to_json(facts), today=TODAY) == facts


def test_facts_from_tolerates_missing_and_unknown_keys():
    assert facts_from({"nonsense": 1, "monthly_income": ""}, today=TODAY) == Facts(today=TODAY)
