"""Standards 1, 5 (accommodations), 6, 7 and 9 from real case rows: met, partly met, not met."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cases.models import Case, Referral
from tests.compliance import factories as f
from tests.compliance.indicator_helpers import YEAR, Status, result_of, standard_of

pytestmark = pytest.mark.django_db

JUNE = date(2025, 6, 10)


@pytest.fixture
def station(cast):
    return f.station(cast, "340102")


def _cases(station, number: int, **fields) -> list[Case]:
    return [f.case(station, registered_on=JUNE, **fields) for _ in range(number)]


# --- 1. Work style ----------------------------------------------------------------------------


def test_work_style_met_without_complaints_and_with_satisfied_applicants(station):
    for kase in _cases(station, 10):
        f.return_visit(kase, done_on=JUNE, satisfaction=5)
    f.complaint(_cases(station, 1)[0], received_on=date(2024, 5, 1))  # an earlier period
    complaints = result_of(station, "work_style.complaints_upheld")
    assert complaints.status == Status.MET
    assert complaints.figures == {"cases": 11, "complaints": 0, "unresolved": 0}
    assert result_of(station, "work_style.satisfaction").figures == {
        "visits": 10,
        "satisfied": 10,
        "share": 1.0,
    }
    assert standard_of(station, 1) == Status.MET


def test_work_style_partly_met_with_resolved_complaints_and_mixed_satisfaction(station):
    cases = _cases(station, 4)
    f.complaint(cases[0], received_on=JUNE, resolved_on=JUNE + timedelta(days=5))
    for kase, score in zip(cases, (5, 4, 4, 2), strict=True):
        f.return_visit(kase, done_on=JUNE, satisfaction=score)
    f.return_visit(cases[3], done_on=None, satisfaction=None)  # not done: not counted
    complaints = result_of(station, "work_style.complaints_upheld")
    assert complaints.status == Status.PARTLY
    assert complaints.figures["complaints"] == 1
    satisfaction = result_of(station, "work_style.satisfaction")
    assert satisfaction.status == Status.PARTLY
    assert satisfaction.figures == {"visits": 4, "satisfied": 3, "share": 0.75}
    assert standard_of(station, 1) == Status.PARTLY


def test_work_style_not_met_with_an_unresolved_complaint_and_unhappy_applicants(station):
    cases = _cases(station, 2)
    f.complaint(cases[0], received_on=JUNE)
    # Resolved only after the period end: unresolved at the end.
    f.complaint(cases[1], received_on=JUNE, resolved_on=date(2026, 1, 20))
    f.return_visit(cases[0], done_on=JUNE, satisfaction=1)
    f.return_visit(cases[1], done_on=JUNE, satisfaction=3)
    complaints = result_of(station, "work_style.complaints_upheld")
    assert complaints.status == Status.NOT_MET
    assert complaints.figures == {"cases": 2, "complaints": 2, "unresolved": 2}
    assert result_of(station, "work_style.satisfaction").status == Status.NOT_MET
    assert standard_of(station, 1) == Status.NOT_MET


def test_work_style_is_not_applicable_without_cases(station):
    assert result_of(station, "work_style.complaints_upheld").status == Status.NOT_APPLICABLE
    assert result_of(station, "work_style.satisfaction").status == Status.NOT_APPLICABLE
    assert standard_of(station, 1) == Status.NOT_APPLICABLE


# --- 5. Service provision: accommodations -----------------------------------------------------


def _needing(station, number: int, arranged: int) -> None:
    for index, kase in enumerate(_cases(station, number, needs=["sign_language"])):
        served = f.service(kase, provided_on=JUNE)
        if index < arranged:
            f.accommodation(served)


@pytest.mark.parametrize(
    ("number", "arranged", "status"),
    [(2, 2, Status.MET), (5, 4, Status.PARTLY), (2, 1, Status.NOT_MET)],
)
def test_accommodations_requested_against_arranged(station, number, arranged, status):
    _needing(station, number, arranged)
    # Not requests: a "do not phone" need only; no need; a need but no service in the period.
    f.service(_cases(station, 1, needs=["no_phone"])[0], provided_on=JUNE)
    f.service(_cases(station, 1)[0], provided_on=JUNE)
    f.service(_cases(station, 1, needs=["braille"])[0], provided_on=date(2024, 6, 1))
    result = result_of(station, "service.accommodations")
    assert result.status == status
    assert (result.figures["requested"], result.figures["arranged"]) == (number, arranged)


def test_accommodations_not_applicable_when_none_was_needed(station):
    f.service(_cases(station, 1)[0], provided_on=JUNE)
    assert result_of(station, "service.accommodations").status == Status.NOT_APPLICABLE


def test_standard_5_combines_duty_days_channels_and_accommodations(station):
    f.notice(station, effective_from=date(2024, 1, 1))
    f.duty_every_month(station, YEAR)
    _needing(station, 2, 1)
    assert standard_of(station, 5) == Status.PARTLY


# --- 6. Quality -------------------------------------------------------------------------------


def _flagged_closed(station, reviewed: bool, closed_on: date = JUNE) -> Case:
    kase = f.closed_case(station, closed_on=closed_on)
    reviewed_on = closed_on - timedelta(days=2) if reviewed else closed_on + timedelta(days=3)
    f.risk_flag(kase, raised_on=closed_on - timedelta(days=9), reviewed_on=reviewed_on)
    return kase


def test_quality_met_when_flags_are_reviewed_before_closure_and_in_time(station):
    _flagged_closed(station, reviewed=True)
    f.closed_case(station, closed_on=JUNE)  # not flagged: not counted
    kase = f.case(station, registered_on=JUNE)
    f.risk_flag(kase, raised_on=date(2025, 12, 28))  # raised 3 days before the end: not overdue
    flagged = result_of(station, "quality.flagged_reviewed")
    assert flagged.status == Status.MET
    assert flagged.figures == {"flagged": 1, "reviewed": 1, "share": 1.0}
    assert result_of(station, "quality.risk_reviews").figures == {"overdue": 0, "days": 7}
    assert standard_of(station, 6) == Status.MET


def test_quality_partly_met_by_share_of_flagged_cases_reviewed(station):
    for index in range(5):
        _flagged_closed(station, reviewed=index < 4)
    flagged = result_of(station, "quality.flagged_reviewed")
    assert flagged.status == Status.PARTLY
    assert flagged.figures == {"flagged": 5, "reviewed": 4, "share": 0.8}
    assert standard_of(station, 6) == Status.PARTLY


def test_quality_not_met_with_unreviewed_closures_and_overdue_reviews(station):
    _flagged_closed(station, reviewed=False)
    kase = f.case(station, registered_on=JUNE)
    f.risk_flag(kase, raised_on=date(2025, 11, 1))
    # Reviewed only after the period end: still open (and overdue) at the end.
    f.risk_flag(kase, raised_on=date(2025, 11, 2), reviewed_on=date(2026, 1, 5))
    assert result_of(station, "quality.flagged_reviewed").status == Status.NOT_MET
    risks = result_of(station, "quality.risk_reviews")
    assert risks.status == Status.NOT_MET
    assert risks.figures["overdue"] == 2  # the closed case's flag was reviewed in June
    assert standard_of(station, 6) == Status.NOT_MET


# --- 7. Coordination --------------------------------------------------------------------------


def test_coordination_met(station):
    kase = f.referral_required_case(station, registered_on=JUNE)
    f.referral(kase, sent_on=JUNE, status=Referral.Status.ACCEPTED, decided_on=JUNE)
    f.case(station, registered_on=JUNE, decision=Case.Decision.DIRECT, decided_at=f.at(JUNE))
    f.contact_every_quarter(station, YEAR)
    assert result_of(station, "coordination.referrals_made").figures == {
        "required": 1,
        "referred": 1,
        "share": 1.0,
    }
    outcomes = result_of(station, "coordination.referral_outcomes")
    assert outcomes.status == Status.MET
    assert outcomes.figures == {"referrals": 1, "overdue": 0}
    contacts = result_of(station, "coordination.contacts")
    assert contacts.figures == {"quarters": 4, "quarters_with_contact": 4, "contacts": 4}
    assert standard_of(station, 7) == Status.MET


def test_coordination_partly_met(station):
    for index in range(5):
        kase = f.referral_required_case(station, registered_on=JUNE)
        if index < 4:
            f.referral(kase, sent_on=JUNE, status=Referral.Status.ACCEPTED, decided_on=JUNE)
    f.contact(station, date(2025, 2, 1))
    f.contact(station, date(2025, 3, 1))
    made = result_of(station, "coordination.referrals_made")
    assert made.status == Status.PARTLY
    assert made.figures["share"] == 0.8
    contacts = result_of(station, "coordination.contacts")
    assert contacts.status == Status.PARTLY
    assert contacts.figures == {"quarters": 4, "quarters_with_contact": 1, "contacts": 2}
    assert standard_of(station, 7) == Status.PARTLY


def test_coordination_not_met(station):
    kase = f.referral_required_case(station, registered_on=JUNE)
    prepared = f.referral(kase, sent_on=JUNE, status=Referral.Status.PREPARED)
    Referral.all_objects.filter(pk=prepared.pk).update(sent_on=None, sent_at=None)
    other = f.case(station, registered_on=JUNE)
    # Sent in December, decision due 7 days later, decided only in January: overdue at the end.
    f.referral(other, sent_on=date(2025, 12, 1), status="accepted", decided_on=date(2026, 1, 8))
    f.contact(station, date(2024, 12, 1))  # before the period
    made = result_of(station, "coordination.referrals_made")
    assert made.status == Status.NOT_MET
    assert made.figures["referred"] == 0
    outcomes = result_of(station, "coordination.referral_outcomes")
    assert outcomes.status == Status.NOT_MET
    assert outcomes.figures["overdue"] == 1
    assert result_of(station, "coordination.contacts").status == Status.NOT_MET
    assert standard_of(station, 7) == Status.NOT_MET


def test_an_assignment_overdue_at_the_period_end_counts(station):
    kase = f.case(station, registered_on=JUNE)
    f.referral(
        kase,
        sent_on=date(2025, 12, 1),
        status=Referral.Status.ACCEPTED,
        decided_on=date(2025, 12, 5),
        assignment_due_on=date(2025, 12, 8),
    )
    assert result_of(station, "coordination.referral_outcomes").figures["overdue"] == 1


def test_referral_outcomes_not_applicable_without_referrals(station):
    assert result_of(station, "coordination.referral_outcomes").status == Status.NOT_APPLICABLE
    assert result_of(station, "coordination.referrals_made").status == Status.NOT_APPLICABLE


# --- 9. Information ---------------------------------------------------------------------------


def _registered(station, number: int, late: int) -> None:
    for index in range(number):
        received = JUNE - timedelta(days=10 if index < late else 3)
        f.case(station, registered_on=JUNE, received_on=received)


def _archive(station, number: int, late: int) -> None:
    for index in range(number):
        due = date(2025, 9, 1)
        archived = due + timedelta(days=5) if index < late else due - timedelta(days=5)
        f.closed_case(
            station,
            closed_on=date(2025, 6, 3),
            status=Case.Status.ARCHIVED,
            archive_due_on=due,
            archived_at=f.at(archived),
            archive_number=f"A-2025-{index + 1:04d}",
        )


def test_information_met(station):
    _registered(station, 20, late=1)  # 95% in time
    _archive(station, 2, late=0)
    f.filing(station, status="accepted")
    registration = result_of(station, "information.registration")
    assert registration.status == Status.MET
    assert registration.figures == {"cases": 20, "on_time": 19, "share": 0.95, "days": 7}
    assert result_of(station, "information.archiving").figures == {
        "due": 2,
        "on_time": 2,
        "share": 1.0,
    }
    quality = result_of(station, "information.data_quality")
    assert quality.status == Status.MET
    assert quality.figures["errors"] == 0
    assert result_of(station, "information.filing").figures == {"state": "accepted"}
    assert standard_of(station, 9) == Status.MET


def test_information_partly_met(station):
    _registered(station, 5, late=1)  # 80%
    _archive(station, 5, late=1)  # 80%
    f.filing(station, status="submitted")
    assert result_of(station, "information.registration").status == Status.PARTLY
    assert result_of(station, "information.archiving").status == Status.PARTLY
    assert result_of(station, "information.filing").status == Status.PARTLY
    assert standard_of(station, 9) == Status.PARTLY


def test_information_not_met(station):
    _registered(station, 2, late=1)
    _archive(station, 1, late=1)
    f.filing(station, status="returned")
    f.closed_case(station, closed_on=JUNE, outcome="")  # closed without an outcome
    kase = f.case(station, registered_on=JUNE)
    f.referral(kase, sent_on=JUNE, to=f.partner(station))
    Referral.all_objects.filter(case=kase).update(partner=None)  # sent without a target
    early = f.case(station, registered_on=JUNE, received_on=JUNE + timedelta(days=2))
    assert early.registered_at < early.intake.received_at
    assert result_of(station, "information.registration").status == Status.NOT_MET
    assert result_of(station, "information.archiving").status == Status.NOT_MET
    quality = result_of(station, "information.data_quality")
    assert quality.status == Status.NOT_MET
    # Only errors count (what the federation can correct); the referral without its agency
    # and the registration before the intake are warnings (stats/views/quality.py).
    assert quality.figures == {
        "errors": 1,
        "missing_disability_category": 0,
        "applicant_missing_sex_or_birth": 0,
        "closed_without_outcome": 1,
        "referred_without_referral": 0,
        "certificate_contradicts": 0,
        "future_service_dates": 0,
    }
    assert result_of(station, "information.filing").status == Status.NOT_MET
    assert standard_of(station, 9) == Status.NOT_MET


def test_registration_days_is_a_setting(station, settings):
    settings.COMPLIANCE_REGISTRATION_DAYS = 2
    _registered(station, 1, late=0)  # three days after intake
    assert result_of(station, "information.registration").status == Status.NOT_MET


def test_a_filing_accepted_after_the_period_end_was_waiting_at_the_end(station):
    row = f.filing(station, status="accepted", submitted_on=date(2025, 12, 30))
    assert row.decided_at.date() > YEAR.end
    assert result_of(station, "information.filing").figures == {"state": "submitted"}
    # The latest filing (highest version) decides: an older returned one does not count.
    f.filing(station, status="returned", submitted_on=date(2025, 12, 1), number=0)
    assert result_of(station, "information.filing").figures == {"state": "submitted"}
