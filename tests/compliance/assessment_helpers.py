"""Shared builders for the self-assessment, review and rectification tests."""

from __future__ import annotations

from datetime import date

from accounts.roles import Role
from compliance.models import Assessment, AssessmentItem, Criterion, Framework, Standard
from compliance.services.assessments import Answer, save_answers, start_assessment
from compliance.services.reviews import Decision, review_assessment
from lawstation.periods import parse
from tests.compliance.factories import station
from tests.factories import Cast

TODAY = date(2026, 11, 15)


def framework() -> Framework:
    """The national framework (created by the data migration; made here when it is missing)."""
    existing = Framework.objects.filter(effective_from__lte=date(2025, 1, 1)).first()
    if existing is not None and Criterion.objects.filter(standard__framework=existing).exists():
        return existing
    made = Framework.objects.create(
        code="TEST-2020", title="Test standards", effective_from=date(2020, 11, 9)
    )
    for number in range(1, 10):
        standard = Standard.objects.create(framework=made, number=number, title=f"S{number}")
        Criterion.objects.create(
            standard=standard,
            code=f"{number}.1",
            text=f"Criterion {number}.1",
            measure="",
            added_on=date(2020, 11, 9),
        )
    return made


def clerk(cast: Cast, code: str):
    return cast.user(code, Role.CLERK)


def started(cast: Cast, code: str = "340102", period: str = "2025") -> Assessment:
    framework()
    station(cast, code)
    return start_assessment(
        cast.federations[code], actor=clerk(cast, code), period=parse(period), today=TODAY
    )


def items_of(assessment: Assessment) -> list[AssessmentItem]:
    return list(
        AssessmentItem.all_objects.filter(assessment=assessment).select_related("criterion")
    )


def answer_all(cast: Cast, assessment: Assessment, code: str = "340102", result: str = "met"):
    answers = {item.pk: Answer(result, "说明") for item in items_of(assessment)}
    return save_answers(
        assessment,
        actor=clerk(cast, code),
        answers=answers,
        expected_version=Assessment.all_objects.get(pk=assessment.pk).version,
    )


def review(cast: Cast, assessment: Assessment, decisions: dict, outcome: str, code="340100"):
    return review_assessment(
        assessment,
        actor=clerk(cast, code),
        decisions=decisions,
        outcome=outcome,
        expected_version=Assessment.all_objects.get(pk=assessment.pk).version,
    )


def agree_all(assessment: Assessment) -> dict:
    return {item.pk: Decision("agree") for item in items_of(assessment)}
