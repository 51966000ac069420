"""portal.stages: the public stage from the request, its intake and its case."""

from datetime import UTC, datetime, timedelta

import pytest

from cases.models import Case, Intake
from portal.models import HelpRequest
from portal.stages import (
    CASE_STAGES,
    EXPLANATIONS,
    HELP_STATUSES,
    INTAKE_OUTCOMES,
    LABELS,
    Stage,
    public_stage,
)

T0 = datetime(2026, 3, 1, 9, tzinfo=UTC)
T1 = T0 + timedelta(days=1)
T2 = T0 + timedelta(days=2)
T3 = T0 + timedelta(days=3)


def test_codes_match_the_models():
    assert set(HELP_STATUSES) == set(HelpRequest.Status.values)
    assert set(INTAKE_OUTCOMES) == set(Intake.Outcome.values)
    assert set(CASE_STAGES) == set(Case.Status.values)


def test_every_stage_has_words():
    assert set(LABELS) == set(Stage) == set(EXPLANATIONS)


def stage(**kwargs):
    values = {"status": "new", "submitted_at": T0, "status_changed_at": T1} | kwargs
    return public_stage(**values)


def test_new_request_is_received_on_its_submission_date():
    result = stage()
    assert (result.stage, result.since) == (Stage.RECEIVED, T0)


def test_declined_request():
    assert stage(status="declined").stage is Stage.DECLINED
    assert stage(status="declined").since == T1


def test_intake_pending_is_being_handled():
    result = stage(status="intake", intake_outcome="pending")
    assert (result.stage, result.since) == (Stage.BEING_HANDLED, T1)


def test_intake_answered_as_consultation():
    assert stage(status="intake", intake_outcome="consultation").stage is Stage.ANSWERED


@pytest.mark.parametrize(
    ("case_status", "dates", "expected", "since"),
    [
        ("registered", {"registered_at": T2}, Stage.REGISTERED, T2),
        ("accepted", {"registered_at": T1, "accepted_at": T2}, Stage.BEING_HANDLED, T2),
        ("in_service", {"accepted_at": T2, "service_started_at": T3}, Stage.BEING_HANDLED, T3),
        ("not_accepted", {"not_accepted_at": T2}, Stage.DECLINED, T2),
        ("referred", {"referred_at": T3}, Stage.REFERRED, T3),
        ("closed", {"closed_at": T3}, Stage.CLOSED, T3),
        ("archived", {"closed_at": T2}, Stage.CLOSED, T2),
    ],
)
def test_case_statuses(case_status, dates, expected, since):
    result = stage(status="case", intake_outcome="case", case_status=case_status, case_dates=dates)
    assert (result.stage, result.since) == (expected, since)


def test_reopened_case_dates_from_the_reopening():
    later = T3 + timedelta(days=5)
    result = stage(
        status="case",
        case_status="in_service",
        case_dates={"service_started_at": T2, "reopened_at": later},
    )
    assert result.since == later


def test_missing_case_date_falls_back_to_the_status_change():
    assert stage(status="case", case_status="referred", case_dates={}).since == T1


def test_registered_without_a_visible_case():
    assert stage(status="case").stage is Stage.REGISTERED
