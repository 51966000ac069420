"""The review by the level above: the round trip (submit, disagree with a comment, revise, agree
→ final), every step audited; who may review; bad input."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from audit.models import AuditEntry
from compliance.models import Assessment, AssessmentItem
from compliance.services.assessments import Answer, error_key, save_answers, submit_assessment
from compliance.services.reviews import Decision, final_result_of
from lawstation.errors import DomainError
from tests.compliance.assessment_helpers import (
    agree_all,
    answer_all,
    clerk,
    items_of,
    review,
    started,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _setup(english):
    with time_machine.travel(datetime(2026, 11, 15, 4, 0, tzinfo=UTC), tick=False):
        yield


def submitted(cast, code="340102", result="met") -> Assessment:
    assessment = started(cast, code)
    saved = answer_all(cast, assessment, code, result)
    return submit_assessment(saved, actor=clerk(cast, code), expected_version=saved.version)


def actions_of(assessment: Assessment) -> list[str]:
    return list(
        AuditEntry.all_objects.filter(
            target_type__endswith="assessment", target_id=str(assessment.pk)
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_the_review_round_trip_works_and_every_step_is_audited(cast):
    assessment = submitted(cast)
    items = items_of(assessment)
    disputed = items[0]
    # The city disagrees with one item (with a comment) and returns it.
    decisions = agree_all(assessment)
    decisions[disputed.pk] = Decision("disagree", "台账不全，请补充")
    returned = review(cast, assessment, decisions, "return")
    assert returned.status == Assessment.Status.RETURNED
    # The county revises the disputed item only, then resubmits.
    fresh = Assessment.all_objects.get(pk=assessment.pk)
    saved = save_answers(
        fresh,
        actor=clerk(cast, "340102"),
        answers={disputed.pk: Answer("partly", "已补充台账，仍缺两项")},
        expected_version=fresh.version,
    )
    resubmitted = submit_assessment(
        saved, actor=clerk(cast, "340102"), expected_version=saved.version
    )
    assert resubmitted.round == 2
    assert AssessmentItem.all_objects.get(pk=disputed.pk).review == ""
    # The city agrees with everything → final.
    final = review(cast, assessment, agree_all(assessment), "final")
    assert final.status == Assessment.Status.FINAL
    results = {item.pk: item.final_result for item in items_of(assessment)}
    assert results[disputed.pk] == "partly"
    assert final.result == "partly"
    assert actions_of(assessment) == [
        "assessment.created",
        "assessment.updated",
        "assessment.submitted",
        "assessment.reviewed",
        "assessment.returned",
        "assessment.updated",
        "assessment.submitted",
        "assessment.reviewed",
        "assessment.finalised",
    ]
    entries = AuditEntry.all_objects.filter(target_id=str(assessment.pk))
    reviewed = entries.filter(action="assessment.reviewed").order_by("pk").first()
    code = disputed.criterion.code
    assert reviewed.changes[f"{code}.review"] == ["", "disagree"]
    assert reviewed.changes[f"{code}.comment"] == ["", "台账不全，请补充"]
    assert reviewed.actor == clerk(cast, "340100")
    returned_entry = entries.get(action="assessment.returned")
    assert returned_entry.changes["disagreed"] == [None, [code]]
    assert entries.get(action="assessment.finalised").changes["result"] == [None, "partly"]


def test_only_agreed_items_are_locked_while_returned(cast):
    assessment = submitted(cast)
    items = items_of(assessment)
    decisions = agree_all(assessment)
    decisions[items[0].pk] = Decision("disagree", "请补充")
    review(cast, assessment, decisions, "return")
    fresh = Assessment.all_objects.get(pk=assessment.pk)
    with pytest.raises(DomainError) as error:
        save_answers(
            fresh,
            actor=clerk(cast, "340102"),
            answers={items[1].pk: Answer("not_met", "改")},
            expected_version=fresh.version,
        )
    assert "only the items they disagreed with" in str(error.value)


def test_disagreeing_without_a_comment_is_refused(cast):
    assessment = submitted(cast)
    decisions = agree_all(assessment)
    first = items_of(assessment)[0]
    decisions[first.pk] = Decision("disagree", "  ")
    with pytest.raises(DomainError) as error:
        review(cast, assessment, decisions, "return")
    assert error_key(first, "comment") in error.value.error_dict
    assert "say why you disagree" in str(error.value)
    assert Assessment.all_objects.get(pk=assessment.pk).status == Assessment.Status.SUBMITTED
    assert not AuditEntry.all_objects.filter(action="assessment.reviewed").exists()


def test_no_federation_reviews_itself(cast):
    assessment = submitted(cast)
    with pytest.raises(DomainError) as error:
        review(cast, assessment, agree_all(assessment), "final", code="340102")
    assert "No federation reviews itself" in str(error.value)


def test_a_sibling_county_cannot_review(cast):
    assessment = submitted(cast)
    with pytest.raises(DomainError) as error:
        review(cast, assessment, agree_all(assessment), "final", code="340103")
    assert "Only the federation directly above" in str(error.value)


def test_the_province_cannot_review_a_county_directly_only_the_city_does(cast):
    assessment = submitted(cast)
    with pytest.raises(DomainError) as error:
        review(cast, assessment, agree_all(assessment), "final", code="340000")
    assert "合肥市残疾人联合会" in str(error.value)
    assert review(cast, assessment, agree_all(assessment), "final").status == "final"


def test_the_province_reviews_a_city(cast):
    assessment = submitted(cast, "340100")
    final = review(cast, assessment, agree_all(assessment), "final", code="340000")
    assert final.status == Assessment.Status.FINAL


def test_reviewing_an_assessment_that_is_not_submitted_is_refused(cast):
    assessment = started(cast)
    with pytest.raises(DomainError) as error:
        review(cast, assessment, {}, "save")
    assert "not waiting for review" in str(error.value)


def test_concluding_needs_every_item_reviewed(cast):
    assessment = submitted(cast)
    first = items_of(assessment)[0]
    with pytest.raises(DomainError) as error:
        review(cast, assessment, {first.pk: Decision("agree")}, "final")
    assert len(error.value.error_dict) == len(items_of(assessment)) - 1


def test_returning_with_no_disagreement_is_refused(cast):
    assessment = submitted(cast)
    with pytest.raises(DomainError) as error:
        review(cast, assessment, agree_all(assessment), "return")
    assert "nothing to revise" in str(error.value)


def test_final_while_disagreeing_needs_and_keeps_the_reviewers_result(cast):
    assessment = submitted(cast)
    first = items_of(assessment)[0]
    decisions = agree_all(assessment)
    decisions[first.pk] = Decision("disagree", "实际未达标")
    with pytest.raises(DomainError) as error:
        review(cast, assessment, decisions, "final")
    assert error_key(first, "final_result") in error.value.error_dict
    decisions[first.pk] = Decision("disagree", "实际未达标", "not_met")
    final = review(cast, assessment, decisions, "final")
    assert final.status == Assessment.Status.FINAL
    assert AssessmentItem.all_objects.get(pk=first.pk).final_result == "not_met"
    assert final.result == "partly"


def test_a_stale_review_is_refused(cast):
    assessment = submitted(cast)
    from compliance.services.reviews import review_assessment

    with pytest.raises(DomainError) as error:
        review_assessment(
            assessment,
            actor=clerk(cast, "340100"),
            decisions=agree_all(assessment),
            outcome="final",
            expected_version=assessment.version - 1,
        )
    assert "Someone else changed" in str(error.value)


def test_the_final_result_combines_standards_then_items(cast):
    assessment = submitted(cast)
    items = items_of(assessment)
    for item in items:
        item.final_result = "met"
    assert final_result_of(items) == "met"
    items[0].final_result = "not_met"
    assert final_result_of(items) == "partly"
    for item in items:
        item.final_result = "na"
    assert final_result_of(items) == "na"
