"""The demo cases: every state and record kind, consistent rows, identifiers never in clear."""

from __future__ import annotations

import pytest
from django.utils import timezone

from audit.models import AuditEntry
from cases.crypto import decrypt, lookup_hash
from cases.identifiers import check_id_number
from cases.models import (
    Accommodation,
    Applicant,
    Case,
    Complaint,
    Intake,
    MediationSession,
    Referral,
    ReturnVisit,
    RiskFlag,
    Service,
    Transition,
)
from lawstation.demo import DEFAULT_DEMO_PASSWORD, seed_demo
from lawstation.demo_cases_content import PATHS
from regions.scoping import unscoped

pytestmark = pytest.mark.django_db
CASE_MODELS = (Applicant, Intake, Case, Transition, Referral, Service, MediationSession)
CASE_MODELS += (Accommodation, RiskFlag, ReturnVisit, Complaint)


@pytest.fixture
def demo():
    seed_demo(DEFAULT_DEMO_PASSWORD)


def test_demo_cases_cover_every_state_service_referral_and_follow_up(demo):
    cases = Case.all_objects
    assert 200 <= cases.count() <= 500
    assert set(cases.values_list("status", flat=True)) == set(Case.Status.values)
    assert set(Service.all_objects.values_list("kind", flat=True)) == set(Service.Kind.values)
    assert set(Referral.all_objects.values_list("kind", flat=True)) == set(Referral.Kind.values)
    assert {"sent", "accepted", "concluded", "refused"} <= set(
        Referral.all_objects.values_list("status", flat=True)
    )
    assert RiskFlag.all_objects.filter(reviewed_at__isnull=True).exists()
    assert RiskFlag.all_objects.filter(reviewed_at__isnull=False).exists()
    assert ReturnVisit.all_objects.filter(satisfaction__isnull=False).exists()
    assert Complaint.all_objects.exists()
    assert MediationSession.all_objects.exists()
    assert Accommodation.all_objects.exists()
    assert cases.exclude(archive_number="").count() == cases.filter(status="archived").count()
    assert cases.filter(city_code__isnull=True).exists()  # the province's own cases
    assert cases.filter(county_code__isnull=False).values("federation").distinct().count() > 20


def test_demo_cases_are_what_the_services_would_have_written(demo):
    stamps = {"accepted": "accepted_at", "in_service": "service_started_at"}
    stamps |= {"referred": "referred_at", "closed": "closed_at", "archived": "archived_at"}
    stamps |= {"not_accepted": "not_accepted_at"}
    transitions: dict[int, list[str]] = {}
    for case_id, to_status in Transition.all_objects.order_by("at", "pk").values_list(
        "case_id", "to_status"
    ):
        transitions.setdefault(case_id, []).append(to_status)
    open_risks = set(
        RiskFlag.all_objects.filter(reviewed_at__isnull=True).values_list("case_id", flat=True)
    )
    today = timezone.localdate()
    for case in Case.all_objects.select_related("federation__region"):
        path = PATHS[case.status]
        assert transitions[case.pk] == ["registered", *path], case.number
        for step, name in stamps.items():
            assert (getattr(case, name) is not None) == (step in path), (case.number, name)
        region = case.federation.region
        assert (case.province_code, case.city_code, case.county_code) == (
            region.province_code,
            region.city_code,
            region.county_code,
        )
        assert case.number.startswith(f"{region.code}-{case.year}-")
        assert case.has_open_risk == (case.pk in open_risks)
        assert case.registered_at.date() <= today
        if case.status in {"closed", "archived"}:
            assert case.outcome
            assert case.archive_due_on
            assert case.closing_summary
    archived_visits = ReturnVisit.all_objects.filter(case__status="archived")
    assert not archived_visits.filter(done_on__isnull=True).exists()
    assert not RiskFlag.all_objects.filter(
        case__status__in=["closed", "archived"], reviewed_at__isnull=True
    ).exists()


def test_demo_identities_are_valid_synthetic_and_stored_encrypted(demo):
    today = timezone.localdate()
    numbers = []
    for applicant in Applicant.all_objects.all():
        number = decrypt(applicant.id_number_cipher)
        checked = check_id_number(number, today=today)
        assert checked.area_code.startswith("34")
        assert (checked.birth_date, checked.sex) == (applicant.birth_date, applicant.sex)
        assert applicant.id_number_hash == lookup_hash("id_number", number)
        assert applicant.id_number_masked == number[:4] + "*" * 10 + number[-4:]
        certificate = decrypt(applicant.certificate_cipher)
        assert certificate == f"{number}{applicant.disability_category}{applicant.disability_grade}"
        assert applicant.certificate_hash == lookup_hash("certificate", certificate)
        numbers.append(number)
    assert len(set(numbers)) == len(numbers)
    stored = " ".join(_all_text())
    assert not [number for number in numbers if number in stored]


def test_seed_demo_twice_adds_nothing_and_reseeding_gives_the_same_cases(demo):
    with unscoped("test"):
        before = {model: model.all_objects.count() for model in CASE_MODELS}
    entries = AuditEntry.all_objects.count()
    seed_demo(DEFAULT_DEMO_PASSWORD)
    assert {model: model.all_objects.count() for model in CASE_MODELS} == before
    assert AuditEntry.all_objects.count() == entries
    # Deterministic: seeded again from scratch, the same cases and the same people.
    first = list(Case.all_objects.order_by("number").values_list("number", "status", "matter"))
    names = list(Applicant.all_objects.order_by("pk").values_list("name", "birth_date"))
    from lawstation.demo_cases import MODELS, seed_cases
    from regions.models import Federation

    with unscoped("test: start the demo cases again"):
        for model in reversed(MODELS):
            model.all_objects.all().delete()
        federations = {f.region_id: f for f in Federation.objects.select_related("region")}
        seed_cases(federations, timezone.localdate())
    again = list(Case.all_objects.order_by("number").values_list("number", "status", "matter"))
    assert again == first
    assert list(Applicant.all_objects.order_by("pk").values_list("name", "birth_date")) == names


def _all_text() -> list[str]:
    """Every text value of every case model and of the audit log."""
    values = []
    for model in (*CASE_MODELS, AuditEntry):
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if f.get_internal_type() in {"CharField", "TextField", "JSONField"}
        ]
        for row in model.all_objects.values_list(*names):
            values += [str(value) for value in row if value]
    return values


def test_the_demo_lawyer_sees_only_the_cases_they_handle_or_serve(demo, client):
    from accounts.models import User
    from cases.models import Case, Service

    lawyer = User.objects.get(username="lawyer-340102")
    with unscoped("test reads the demo"):
        person = lawyer.person
        theirs = {
            case.pk
            for case in Case.objects.all()
            if case.handler_id == person.pk
            or Service.objects.filter(case=case, provider=person).exists()
        }
        others = set(Case.objects.values_list("pk", flat=True)) - theirs
    assert theirs
    assert others
    client.force_login(lawyer)
    listed = client.get("/staff/cases/").context["page"]
    shown = {case.pk for case in listed.cases}
    assert shown == theirs
    assert client.get(f"/staff/cases/{min(others)}/").status_code == 404
    assert client.get(f"/staff/cases/{min(theirs)}/").status_code == 200
