"""Self-assessments: starting one, answering, submitting (services, in English)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from unittest import mock

import pytest
import time_machine

from audit.models import AuditEntry
from compliance.indicators import IndicatorResult, Status
from compliance.models import Assessment, AssessmentItem, Criterion
from compliance.services.assessments import (
    Answer,
    error_key,
    save_answers,
    start_assessment,
    submit_assessment,
)
from lawstation.errors import DomainError
from lawstation.periods import parse
from tests.compliance.assessment_helpers import (
    TODAY,
    answer_all,
    clerk,
    framework,
    items_of,
    started,
)
from tests.compliance.factories import station

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _setup(english):
    with time_machine.travel(datetime(2026, 11, 15, 4, 0, tzinfo=UTC), tick=False):
        yield


def test_starting_makes_one_item_per_criterion_in_force_and_is_audited(cast):
    assessment = started(cast)
    criteria = Criterion.objects.filter(standard__framework=assessment.framework, province=None)
    assert AssessmentItem.all_objects.filter(assessment=assessment).count() == criteria.count()
    assert assessment.status == Assessment.Status.DRAFT
    assert assessment.round == 0
    assert assessment.reviewer == cast.federations["340100"]
    assert (assessment.period_start, assessment.period_end) == (
        date(2025, 1, 1),
        date(2025, 12, 31),
    )
    assert assessment.county_code == "340102"
    entry = AuditEntry.all_objects.get(action="assessment.created")
    assert entry.changes["period"] == [None, "2025"]
    assert entry.target_id == str(assessment.pk)


def test_items_keep_their_criteria_when_a_local_criterion_is_added_later(cast):
    assessment = started(cast)
    before = {item.criterion_id for item in items_of(assessment)}
    standard = assessment.framework.standards.get(number=2)
    local = Criterion.objects.create(
        standard=standard,
        code="2.L9",
        text="本省：无障碍卫生间",
        province=cast.regions["340000"],
        added_on=date(2026, 1, 1),
    )
    assert {item.criterion_id for item in items_of(assessment)} == before
    assert local.pk not in before
    # A later period of the same province does include it.
    later = start_assessment(
        cast.federations["340102"],
        actor=clerk(cast, "340102"),
        period=parse("2026-Q1"),
        today=TODAY,
    )
    assert local.pk in {item.criterion_id for item in items_of(later)}


def test_a_local_criterion_of_another_province_is_not_included(cast):
    framework()
    standard = Criterion.objects.filter(province=None).first().standard
    Criterion.objects.create(
        standard=standard,
        code="X.1",
        text="other province",
        province=cast.regions["340000"].__class__.objects.create(
            code="320000", name="江苏省", level=1, province_code="320000"
        ),
        added_on=date(2020, 1, 1),
    )
    assessment = started(cast)
    assert "X.1" not in {item.criterion.code for item in items_of(assessment)}


def test_a_period_that_has_not_ended_is_refused(cast):
    framework()
    station(cast, "340102")
    with pytest.raises(DomainError) as error:
        start_assessment(
            cast.federations["340102"], actor=clerk(cast, "340102"), period=parse("2026")
        )
    assert "has not ended" in str(error.value)
    assert not Assessment.all_objects.exists()


def test_a_second_assessment_of_the_same_period_is_refused(cast):
    started(cast)
    with pytest.raises(DomainError) as error:
        started(cast)
    assert "already a self-assessment of 2025" in str(error.value)
    assert Assessment.all_objects.count() == 1


def test_a_federation_without_a_workstation_is_refused(cast):
    framework()
    with pytest.raises(DomainError) as error:
        start_assessment(
            cast.federations["340103"], actor=clerk(cast, "340103"), period=parse("2025")
        )
    assert "no workstation" in str(error.value)


def test_a_provincial_workstation_has_no_level_above_here(cast):
    framework()
    station(cast, "340000")
    with pytest.raises(DomainError) as error:
        start_assessment(
            cast.federations["340000"], actor=clerk(cast, "340000"), period=parse("2025")
        )
    assert "China Disabled Persons' Federation" in str(error.value)


def test_a_city_workstation_is_reviewed_by_the_province(cast):
    assert started(cast, "340100").reviewer == cast.federations["340000"]


def test_answers_are_saved_audited_and_bump_the_version(cast):
    assessment = started(cast)
    saved = answer_all(cast, assessment)
    assert saved.version == assessment.version + 1
    assert all(item.self_result == "met" for item in items_of(assessment))
    entry = AuditEntry.all_objects.get(action="assessment.updated")
    code = items_of(assessment)[0].criterion.code
    assert entry.changes[f"{code}.self_result"] == ["", "met"]


def test_a_stale_save_is_refused_and_nothing_is_saved(cast):
    assessment = started(cast)
    item = items_of(assessment)[0]
    with pytest.raises(DomainError) as error:
        save_answers(
            assessment,
            actor=clerk(cast, "340102"),
            answers={item.pk: Answer("met", "")},
            expected_version=assessment.version - 1,
        )
    assert "Someone else changed this record" in str(error.value)
    assert AssessmentItem.all_objects.get(pk=item.pk).self_result == ""


def test_only_the_own_federation_answers(cast):
    assessment = started(cast)
    item = items_of(assessment)[0]
    with pytest.raises(DomainError) as error:
        save_answers(
            assessment,
            actor=clerk(cast, "340100"),
            answers={item.pk: Answer("met", "")},
            expected_version=assessment.version,
        )
    assert "own federation" in str(error.value)


def test_submitting_an_incomplete_assessment_is_refused_per_item(cast):
    assessment = started(cast)
    first = items_of(assessment)[0]
    save_answers(
        assessment,
        actor=clerk(cast, "340102"),
        answers={first.pk: Answer("met", "说明")},
        expected_version=assessment.version,
    )
    fresh = Assessment.all_objects.get(pk=assessment.pk)
    with pytest.raises(DomainError) as error:
        submit_assessment(fresh, actor=clerk(cast, "340102"), expected_version=fresh.version)
    assert error_key(first, "self_result") not in error.value.error_dict
    assert len(error.value.error_dict) == len(items_of(assessment)) - 1
    assert Assessment.all_objects.get(pk=assessment.pk).status == Assessment.Status.DRAFT


def _measured(status: str):
    """indicator_results patched: every indicator has ``status`` with a figure."""

    def fake(workstations, period):
        from compliance.indicators import INDICATORS

        return {
            station.pk: {
                key: IndicatorResult(key, number, Status(status), {"count": 3})
                for key, number in INDICATORS
            }
            for station in workstations
        }

    return mock.patch("compliance.selectors.assessments.indicator_results", fake)


def test_a_self_result_that_differs_from_the_data_needs_a_statement(cast):
    assessment = started(cast)
    items = items_of(assessment)
    measured = [item for item in items if item.criterion.measure]
    if not measured:
        pytest.skip("the framework in this database has no measured criterion")
    answers = {item.pk: Answer("met", "") for item in items}
    saved = save_answers(
        assessment, actor=clerk(cast, "340102"), answers=answers, expected_version=1
    )
    with _measured("not_met"), pytest.raises(DomainError) as error:
        submit_assessment(saved, actor=clerk(cast, "340102"), expected_version=saved.version)
    assert set(error.value.error_dict) == {error_key(item, "statement") for item in measured}
    assert "differs from what the data say" in str(error.value)


def test_submitting_snapshots_the_computed_results_and_counts_the_round(cast):
    assessment = started(cast)
    saved = answer_all(cast, assessment)
    with _measured("met"):
        submitted = submit_assessment(
            saved, actor=clerk(cast, "340102"), expected_version=saved.version
        )
    assert submitted.status == Assessment.Status.SUBMITTED
    assert submitted.round == 1
    assert submitted.submitted_at is not None
    for item in items_of(assessment):
        if item.criterion.measure:
            assert (item.computed_result, item.computed_figures) == ("met", {"count": 3})
        else:
            assert item.computed_result == ""
    entry = AuditEntry.all_objects.get(action="assessment.submitted")
    assert entry.changes["round"] == [0, 1]
    # Once submitted, the workstation cannot change it.
    with pytest.raises(DomainError) as error:
        answer_all(cast, assessment, result="partly")
    assert "can no longer be changed" in str(error.value)
