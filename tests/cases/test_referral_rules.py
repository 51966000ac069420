"""Referral rules: routing (LAL Art. 38), deadlines (Arts. 36, 43; judicial aid), the state
table, the materials checklists. Pure: no database."""

import ast
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation

from cases import referral_rules as rules
from cases.referral_rules import Candidate

HEFEI = ("340000", "340100", None)
YAOHAI = ("340000", "340100", "340102")
LUYANG = ("340000", "340100", "340103")
JINGHU = ("340000", "340200", "340202")

YAOHAI_AID = Candidate(1, "legal_aid", "340102")
HEFEI_AID = Candidate(2, "legal_aid", "340100")
PROVINCE_AID = Candidate(3, "legal_aid", "340000")
LUYANG_AID = Candidate(4, "legal_aid", "340103")
YAOHAI_COURT = Candidate(5, "court", "340102")
HEFEI_COURT = Candidate(6, "court", "340100")
YAOHAI_PROCURATORATE = Candidate(7, "procuratorate", "340102")
YAOHAI_HR = Candidate(8, "human_resources", "340102")
ALL = [YAOHAI_AID, HEFEI_AID, PROVINCE_AID, LUYANG_AID, YAOHAI_COURT, HEFEI_COURT]
ALL += [YAOHAI_PROCURATORATE, YAOHAI_HR]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_the_rules_module_does_not_touch_the_database():
    source = Path(rules.__file__).read_text()
    imported = [
        node.module
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module
    ]
    assert not [name for name in imported if name.startswith("django.db")]


# --- Routing: LAL Art. 38 -------------------------------------------------------------------


def test_litigation_goes_to_legal_aid_where_the_case_handling_organ_sits():
    routing = rules.route("legal_aid", candidates=ALL, is_litigation=True, organ=LUYANG)
    assert routing.choice == LUYANG_AID.key
    assert "LAL Art. 38" in routing.basis
    assert "case-handling organ" in routing.basis


def test_litigation_ignores_where_the_matter_arose():
    routing = rules.route(
        "legal_aid", candidates=ALL, is_litigation=True, organ=LUYANG, matter=YAOHAI
    )
    assert routing.choice == LUYANG_AID.key


def test_litigation_without_the_organ_cannot_be_routed():
    routing = rules.route("legal_aid", candidates=ALL, is_litigation=True, matter=YAOHAI)
    assert routing.choice is None
    assert routing.needs == "organ"


def test_non_litigation_goes_where_the_dispute_handling_organ_sits():
    routing = rules.route(
        "legal_aid", candidates=ALL, is_litigation=False, organ=LUYANG, matter=YAOHAI
    )
    assert routing.choice == LUYANG_AID.key
    assert "dispute-handling organ" in routing.basis


def test_non_litigation_without_an_organ_goes_where_the_matter_arose():
    routing = rules.route("legal_aid", candidates=ALL, is_litigation=False, matter=YAOHAI)
    assert routing.choice == YAOHAI_AID.key
    assert "where the matter arose" in routing.basis


def test_non_litigation_with_neither_place_needs_the_matter_region():
    routing = rules.route("legal_aid", candidates=ALL, is_litigation=False)
    assert routing.choice is None
    assert routing.needs == "matter"


def test_mandatory_defence_goes_where_the_organ_sits_and_cites_arts_25_and_36():
    routing = rules.route(
        "legal_aid",
        candidates=ALL,
        is_litigation=False,
        is_mandatory_defence=True,
        organ=YAOHAI,
    )
    assert routing.choice == YAOHAI_AID.key
    assert "LAL Arts. 25, 36" in routing.basis
    assert "within 3 days" in routing.basis


def test_mandatory_defence_without_the_organ_cannot_be_routed():
    routing = rules.route(
        "legal_aid", candidates=ALL, is_litigation=True, is_mandatory_defence=True
    )
    assert (routing.choice, routing.needs) == (None, "organ")


def test_a_missing_county_institution_falls_back_to_the_city_and_says_so():
    routing = rules.route(
        "legal_aid",
        candidates=[HEFEI_AID, PROVINCE_AID],
        is_litigation=True,
        organ=YAOHAI,
        region_names={"340102": "瑶海区"},
    )
    assert routing.choice == HEFEI_AID.key
    assert "No suitable agency is recorded for 瑶海区" in routing.basis
    assert "nearest level up" in routing.basis


def test_a_missing_city_institution_falls_back_to_the_province():
    routing = rules.route(
        "legal_aid", candidates=[PROVINCE_AID, YAOHAI_AID], is_litigation=True, organ=JINGHU
    )
    assert routing.choice == PROVINCE_AID.key


def test_no_institution_anywhere_up_the_tree_gives_no_choice_and_a_hint():
    routing = rules.route("legal_aid", candidates=[YAOHAI_COURT], is_litigation=True, organ=YAOHAI)
    assert routing.choice is None
    assert routing.needs == ""
    assert "partner directory" in routing.basis


def test_a_city_level_organ_is_matched_at_the_city():
    routing = rules.route("legal_aid", candidates=ALL, is_litigation=True, organ=HEFEI)
    assert routing.choice == HEFEI_AID.key


def test_fee_relief_goes_to_the_court_hearing_the_case():
    routing = rules.route("fee_relief", candidates=ALL, is_litigation=True, organ=YAOHAI)
    assert routing.choice == YAOHAI_COURT.key
    assert "Arts. 44-48" in routing.basis


def test_fee_relief_needs_the_court():
    routing = rules.route("fee_relief", candidates=ALL, is_litigation=True)
    assert (routing.choice, routing.needs) == (None, "organ")


def test_judicial_aid_prefers_the_court_then_the_procuratorate_where_the_case_is_handled():
    routing = rules.route("judicial_aid", candidates=ALL, is_litigation=True, organ=YAOHAI)
    assert routing.choice == YAOHAI_COURT.key
    without_court = [c for c in ALL if c is not YAOHAI_COURT]
    routing = rules.route(
        "judicial_aid", candidates=without_court, is_litigation=True, organ=YAOHAI
    )
    assert routing.choice == YAOHAI_PROCURATORATE.key


def test_a_department_is_chosen_where_the_matter_arose_never_legal_aid():
    routing = rules.route("department", candidates=ALL, is_litigation=False, matter=YAOHAI)
    assert routing.choice == YAOHAI_HR.key


@pytest.mark.parametrize(
    ("kind", "partner_kind", "fits"),
    [
        ("legal_aid", "legal_aid", True),
        ("legal_aid", "court", False),
        ("fee_relief", "court", True),
        ("fee_relief", "legal_aid", False),
        ("fee_relief", "procuratorate", False),
        ("judicial_aid", "court", True),
        ("judicial_aid", "procuratorate", True),
        ("judicial_aid", "public_security", True),
        ("judicial_aid", "justice", True),
        ("judicial_aid", "civil_affairs", False),
        ("department", "civil_affairs", True),
        ("department", "legal_aid", False),
        ("nowhere", "court", False),
    ],
)
def test_which_agencies_may_receive_which_kind(kind, partner_kind, fits):
    assert rules.partner_kind_fits(kind, partner_kind) is fits


# --- Deadlines -------------------------------------------------------------------------------


def test_legal_aid_decides_within_7_days_and_assigns_within_3_after_art_43():
    due = rules.deadlines("legal_aid", sent_on=date(2026, 11, 2))
    assert due.decision_due_on == date(2026, 11, 9)
    assert due.assignment_due_on == date(2026, 11, 12)


def test_an_early_decision_brings_the_assignment_deadline_forward():
    due = rules.deadlines("legal_aid", sent_on=date(2026, 11, 2), decided_on=date(2026, 11, 4))
    assert due.assignment_due_on == date(2026, 11, 7)


def test_legal_aid_days_are_calendar_days_across_month_and_year_ends():
    due = rules.deadlines("legal_aid", sent_on=date(2026, 12, 28))
    assert due.decision_due_on == date(2027, 1, 4)
    assert due.assignment_due_on == date(2027, 1, 7)


def test_mandatory_defence_notifies_within_3_days_and_assigns_within_3_art_36():
    due = rules.deadlines("legal_aid", sent_on=date(2026, 11, 2), is_mandatory_defence=True)
    assert due.decision_due_on == date(2026, 11, 5)
    assert due.assignment_due_on == date(2026, 11, 8)
    notified = rules.deadlines(
        "legal_aid",
        sent_on=date(2026, 11, 2),
        is_mandatory_defence=True,
        decided_on=date(2026, 11, 3),
    )
    assert notified.assignment_due_on == date(2026, 11, 6)


def test_judicial_aid_is_decided_within_10_working_days():
    # Monday 2026-11-02 + 10 working days = Monday 2026-11-16.
    due = rules.deadlines("judicial_aid", sent_on=date(2026, 11, 2))
    assert due.decision_due_on == date(2026, 11, 16)
    assert due.assignment_due_on is None


def test_working_days_skip_weekends_from_a_friday_or_a_saturday():
    assert rules.add_working_days(date(2026, 11, 6), 1) == date(2026, 11, 9)
    assert rules.add_working_days(date(2026, 11, 7), 1) == date(2026, 11, 9)
    assert rules.add_working_days(date(2026, 11, 7), 0) == date(2026, 11, 7)


@pytest.mark.parametrize("kind", ["fee_relief", "department"])
def test_fee_relief_and_departments_have_no_statutory_time_limit(kind):
    assert rules.deadlines(kind, sent_on=date(2026, 11, 2)) == rules.Deadlines(None, None)


def test_a_sent_referral_owes_the_decision():
    due = rules.next_due(
        "sent",
        decision_due_on=date(2026, 11, 9),
        assignment_due_on=date(2026, 11, 12),
        assigned_on=None,
    )
    assert due == rules.Due("decision", date(2026, 11, 9))
    assert due.days_left(date(2026, 11, 7)) == 2
    assert not due.is_overdue(date(2026, 11, 9))
    assert due.is_overdue(date(2026, 11, 10))
    assert due.days_left(date(2026, 11, 12)) == -3


def test_an_accepted_referral_owes_the_assignment_until_a_lawyer_is_assigned():
    values = {"decision_due_on": date(2026, 11, 9), "assignment_due_on": date(2026, 11, 12)}
    assert rules.next_due("accepted", assigned_on=None, **values) == rules.Due(
        "assignment", date(2026, 11, 12)
    )
    assert rules.next_due("accepted", assigned_on=date(2026, 11, 10), **values) is None


@pytest.mark.parametrize("status", ["prepared", "refused", "withdrawn", "concluded"])
def test_other_states_owe_nothing(status):
    assert (
        rules.next_due(
            status,
            decision_due_on=date(2026, 11, 9),
            assignment_due_on=date(2026, 11, 12),
            assigned_on=None,
        )
        is None
    )


def test_a_sent_referral_without_a_time_limit_owes_nothing_dated():
    assert (
        rules.next_due("sent", decision_due_on=None, assignment_due_on=None, assigned_on=None)
        is None
    )


@pytest.mark.parametrize(
    ("limit_on", "possible"),
    [
        (None, False),
        (date(2026, 11, 15), True),
        (date(2026, 11, 21), True),
        (date(2026, 11, 22), False),
        (date(2026, 11, 14), False),
    ],
)
def test_advance_aid_when_a_time_limit_ends_in_under_7_days_art_44(limit_on, possible):
    assert rules.advance_aid_possible(limit_on, date(2026, 11, 15)) is possible


# --- The state table ------------------------------------------------------------------------

ALLOWED = {
    ("prepared", "sent"),
    ("prepared", "withdrawn"),
    ("sent", "accepted"),
    ("sent", "refused"),
    ("sent", "withdrawn"),
    ("accepted", "concluded"),
    ("accepted", "withdrawn"),
    ("refused", "concluded"),
}
STATES = ["prepared", "sent", "accepted", "refused", "withdrawn", "concluded"]


@pytest.mark.parametrize("from_status", STATES)
@pytest.mark.parametrize("to_status", STATES)
def test_the_state_table_allows_exactly_the_documented_moves(from_status, to_status):
    assert rules.can_move(from_status, to_status) is ((from_status, to_status) in ALLOWED)


def test_every_state_is_in_the_table_and_withdrawn_and_concluded_are_final():
    assert set(rules.TRANSITIONS) == set(STATES)
    assert not rules.TRANSITIONS["withdrawn"]
    assert not rules.TRANSITIONS["concluded"]


# --- Materials ------------------------------------------------------------------------------


def codes(kind):
    return [code for code, _label in rules.materials_for(kind)]


def test_legal_aid_materials_include_the_art_42_exemption_proof():
    assert codes("legal_aid") == [
        "application_form",
        "identity",
        "disability_certificate",
        "economic_status",
        "evidence",
        "representative",
    ]
    labels = [str(label) for _code, label in rules.materials_for("legal_aid")]
    assert any("LAL Art. 42" in label for label in labels)


def test_fee_relief_materials_include_the_proof_of_no_fixed_income():
    assert {"written_application", "disability_certificate", "no_fixed_income"} <= set(
        codes("fee_relief")
    )


def test_judicial_aid_materials_include_hardship_and_the_judgment():
    assert {"application", "identity", "proof_of_hardship", "judgment"} <= set(
        codes("judicial_aid")
    )


def test_a_department_gets_the_letter_and_the_documents_of_the_matter():
    assert codes("department") == ["letter", "matter_documents", "identity"]


def test_unknown_materials_are_named():
    assert rules.unknown_materials("fee_relief", ["disability_certificate", "judgment"]) == [
        "judgment"
    ]
    assert rules.unknown_materials("nowhere", ["letter"]) == ["letter"]


@pytest.mark.parametrize("kind", rules.KINDS)
def test_every_kind_cites_its_law(kind):
    assert rules.legal_basis(kind)
    assert "Art" in rules.legal_basis(kind) or "2014" in rules.legal_basis(kind)


def test_the_mandatory_defence_basis_cites_arts_25_and_36():
    assert "Arts. 25 and 36" in rules.legal_basis("legal_aid", is_mandatory_defence=True)
