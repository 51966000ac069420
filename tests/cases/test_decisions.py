"""Triage and decision services (cases/services/decisions.py): stored, checked, audited."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import translation

from accounts.roles import Role
from audit.models import AuditEntry
from cases.models import Case, CasePolicy
from cases.services.decisions import decide_case, triage_case
from lawstation.errors import DomainError
from regions.scoping import unscoped
from tests.cases.helpers import make_applicant, make_case

pytestmark = pytest.mark.django_db

HEARING_SUSPECT = {
    "disability_category": "2",
    "is_criminal_suspect": True,
    "has_defender": False,
    "matter_category": "criminal",
}
LABOUR = {"disability_category": "4", "matter_category": "employment", "art31_matter": "labour"}


def clerk(cast):
    return cast.user("340102", Role.CLERK)


def fresh(case: Case) -> Case:
    with unscoped("test reads back"):
        return Case.all_objects.get(pk=case.pk)


def entries(action: str = "case.triaged") -> list[AuditEntry]:
    return list(AuditEntry.all_objects.filter(action=action).order_by("pk"))


def triaged(cast, facts: dict, **case_fields) -> Case:
    case = make_case(cast, "340102", **case_fields)
    return triage_case(case, actor=clerk(cast), facts=facts, expected_version=case.version)


def test_triage_stores_the_facts_and_untranslated_suggestions_and_audits_the_codes(cast):
    case = make_case(cast, "340102")
    with translation.override("zh-hans"):
        triage_case(case, actor=clerk(cast), facts=HEARING_SUSPECT, expected_version=1)
    stored = fresh(case)
    codes = [s["code"] for s in stored.triage_suggestions]
    assert codes == ["legal_aid.mandatory_defence"]
    first = stored.triage_suggestions[0]
    assert first["article"] == "LAL Arts. 25, 36"
    assert first["reason"].startswith("A criminal suspect or defendant")  # the msgid
    assert first["mandatory"] is True
    assert stored.triage_facts["disability_category"] == "2"
    assert stored.triage_facts["is_criminal_suspect"] is True
    assert stored.version == 2
    (entry,) = entries()
    assert entry.actor == clerk(cast)
    assert entry.target_id == str(case.pk)
    assert entry.county_code == "340102"
    assert entry.changes["triage_suggestions"] == [[], codes]
    assert "disability_category" in entry.changes["triage_facts"][1]


def test_triage_again_audits_old_and_new_codes(cast):
    case = triaged(cast, HEARING_SUSPECT)
    triage_case(
        case, actor=clerk(cast), facts={**HEARING_SUSPECT, "has_defender": True}, expected_version=2
    )
    last = entries()[-1]
    assert last.changes["triage_suggestions"] == [
        ["legal_aid.mandatory_defence"],
        ["direct.default"],
    ]
    assert last.changes["triage_facts"] == [None, ["has_defender"]]


@pytest.mark.parametrize(
    ("threshold", "income", "expected"),
    [
        (None, "800", "legal_aid.means_unknown"),
        ("1500", "800", "legal_aid.hardship"),
        ("500", "800", None),
    ],
)
def test_triage_reads_the_province_hardship_standard(cast, threshold, income, expected):
    if threshold is not None:
        CasePolicy.objects.create(
            province=cast.regions["340000"], hardship_income_per_month=threshold
        )
    case = triaged(cast, {**LABOUR, "monthly_income": income})
    legal_aid = [s["code"] for s in case.triage_suggestions if s["decision"] == "legal_aid"]
    assert legal_aid == ([expected] if expected else [])


def test_triage_refuses_a_stale_form_and_saves_nothing(cast):
    case = triaged(cast, LABOUR)
    with pytest.raises(DomainError) as error:
        triage_case(case, actor=clerk(cast), facts=HEARING_SUSPECT, expected_version=1)
    assert error.value.code == "stale"
    assert fresh(case).triage_facts["disability_category"] == "4"
    assert len(entries()) == 1


@pytest.mark.parametrize("status", ["closed", "archived", "not_accepted"])
def test_a_case_no_longer_open_cannot_be_triaged_or_decided(cast, status):
    case = make_case(cast, "340102", status=status, triage_suggestions=[{"code": "x"}])
    with pytest.raises(DomainError) as error:
        triage_case(case, actor=clerk(cast), facts=LABOUR, expected_version=1)
    assert error.value.code == "closed"
    with pytest.raises(DomainError):
        decide_case(case, actor=clerk(cast), decision="direct", expected_version=1)
    assert entries() == []


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_following_a_suggestion_needs_no_reason_and_is_audited_old_to_new(cast):
    case = triaged(cast, HEARING_SUSPECT)
    deadline = date(2026, 3, 5)
    decided = decide_case(
        case, actor=clerk(cast), decision="legal_aid", deadline_on=deadline, expected_version=2
    )
    stored = fresh(decided)
    assert stored.decision == "legal_aid"
    assert stored.deadline_on == deadline
    assert stored.decided_at is not None
    assert stored.decision_override_reason == ""
    entry = entries()[-1]
    assert entry.changes == {"decision": ["", "legal_aid"], "deadline_on": [None, "2026-03-05"]}


def test_passing_over_a_mandatory_suggestion_needs_a_reason(cast):
    case = triaged(cast, HEARING_SUSPECT)
    with pytest.raises(DomainError) as error:
        decide_case(case, actor=clerk(cast), decision="direct", expected_version=2)
    assert error.value.code == "override_reason"
    assert fresh(case).decision == ""
    assert len(entries()) == 1
    decide_case(
        case,
        actor=clerk(cast),
        decision="direct",
        override_reason="  已有委托辩护人  ",
        expected_version=2,
    )
    stored = fresh(case)
    assert stored.decision == "direct"
    assert stored.decision_override_reason == "已有委托辩护人"
    assert entries()[-1].changes["decision_override_reason"] == ["", "已有委托辩护人"]


def test_a_decision_no_suggestion_points_to_needs_a_reason(cast):
    case = triaged(cast, {"disability_category": "4", "matter_category": "education"})
    assert [s["code"] for s in case.triage_suggestions] == ["direct.default"]
    with pytest.raises(DomainError) as error:
        decide_case(case, actor=clerk(cast), decision="judicial_aid", expected_version=2)
    assert error.value.code == "override_reason"
    decide_case(
        case,
        actor=clerk(cast),
        decision="judicial_aid",
        override_reason="受害人家属经济困难",
        expected_version=2,
    )
    assert fresh(case).decision == "judicial_aid"


def test_a_prompt_alone_is_not_a_suggestion_to_follow(cast):
    facts = {**HEARING_SUSPECT, "disability_category": "5"}
    case = triaged(cast, facts)
    assert "legal_aid.capacity_prompt" in [s["code"] for s in case.triage_suggestions]
    with pytest.raises(DomainError):
        decide_case(case, actor=clerk(cast), decision="legal_aid", expected_version=2)


def test_deciding_before_triage_is_refused(cast):
    case = make_case(cast, "340102")
    with pytest.raises(DomainError) as error:
        decide_case(case, actor=clerk(cast), decision="direct", expected_version=1)
    assert error.value.code == "not_triaged"
    assert entries() == []


def test_an_unknown_decision_is_refused(cast):
    case = triaged(cast, LABOUR)
    with pytest.raises(DomainError) as error:
        decide_case(case, actor=clerk(cast), decision="lawsuit", expected_version=2)
    assert error.value.code == "decision"


def test_a_stale_decision_is_refused(cast):
    case = triaged(cast, LABOUR)
    with pytest.raises(DomainError) as error:
        decide_case(case, actor=clerk(cast), decision="direct", expected_version=1)
    assert error.value.code == "stale"
    assert fresh(case).decision == ""


def test_the_urgent_time_limit_travels_from_the_facts(cast):
    with time_machine.travel("2026-03-02 10:00 +0800", tick=False):
        ends = date(2026, 3, 2) + timedelta(days=6)
        case = triaged(cast, {**LABOUR, "time_limit_on": ends})
    urgent = [s for s in case.triage_suggestions if s["code"] == "legal_aid.urgent"]
    assert urgent[0]["deadline_on"] == "2026-03-08"
    assert fresh(case).triage_facts["time_limit_on"] == "2026-03-08"


def test_the_applicant_is_untouched_by_triage(cast):
    applicant = make_applicant(cast, "340102", disability_category="2", no_fixed_income=False)
    case = make_case(cast, "340102", applicant=applicant)
    triage_case(
        case,
        actor=clerk(cast),
        facts={**HEARING_SUSPECT, "no_fixed_income": True},
        expected_version=1,
    )
    applicant.refresh_from_db()
    assert applicant.no_fixed_income is False
