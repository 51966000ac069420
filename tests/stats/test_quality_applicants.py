"""What the applicant service keeps for the data-quality checks: the digits of the certificate
number (the masked form hides them), and a case's missing disability category filled in once the
applicant's is recorded (so the fix link of "case without a disability category" fixes it)."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime

import pytest
from django.utils import timezone

from audit.models import AuditEntry
from cases.models import Applicant, Case
from cases.services.applicants import update_applicant
from lawstation import periods
from regions.scoping import unscoped
from stats.selectors.quality import problem_counts
from tests.cases.helpers import make_applicant, make_case
from tests.cases.identity import certificate, id_number, register
from tests.stats.test_locking import accepted_row

pytestmark = pytest.mark.django_db

YEAR = periods.year(timezone.localdate().year)  # make_case registers cases now


def stored(applicant: Applicant) -> Applicant:
    return Applicant.all_objects.get(pk=applicant.pk)


def test_the_certificate_digits_are_stored_with_the_number_and_cleared_without_it(cast):
    person = register(cast, certificate_number=certificate(id_number(), category=2, grade=3))
    row = stored(person)
    assert (row.certificate_category, row.certificate_grade) == ("2", 3)
    assert (row.disability_category, row.disability_grade) == ("2", 3)
    assert "23" not in row.certificate_masked[18:]  # the mask still hides them

    update_applicant(
        row, actor=cast.user("340102", "clerk"), expected_version=row.version, certificate_number=""
    )
    row = stored(person)
    assert (row.certificate_category, row.certificate_grade) == ("", None)


def test_a_certificate_changed_behind_the_service_is_caught(cast):
    person = register(cast, certificate_number=certificate(id_number(), category=4, grade=2))
    make_case(cast, "340102", applicant=stored(person))
    region = cast.regions["340102"]
    assert problem_counts(region, YEAR)["certificate_contradicts"] == 0
    # An import (or an old row) records another grade than the certificate carries.
    Applicant.all_objects.filter(pk=person.pk).update(disability_grade=1)
    assert problem_counts(region, YEAR)["certificate_contradicts"] == 1


def test_recording_the_category_fills_it_on_the_applicants_cases(cast):
    clerk = cast.user("340102", "clerk")
    person = make_applicant(cast, "340102")
    blank = make_case(cast, "340102", applicant=person)
    recorded = make_case(cast, "340102", applicant=person, disability_category="7")
    region = cast.regions["340102"]
    assert problem_counts(region, YEAR)["missing_disability_category"] == 1

    update_applicant(person, actor=clerk, expected_version=person.version, disability_category="4")

    rows = dict(Case.all_objects.values_list("pk", "disability_category"))
    assert rows == {blank.pk: "4", recorded.pk: "7"}  # a recorded category stays as it was
    assert problem_counts(region, YEAR)["missing_disability_category"] == 0
    with unscoped("test"):
        entry = AuditEntry.all_objects.get(action="case.updated", target_id=str(blank.pk))
    assert entry.changes == {"disability_category": ["", "4"]}
    assert entry.actor == clerk


def test_a_case_of_a_locked_period_keeps_its_figures(cast):
    person = make_applicant(cast, "340102")
    locked = make_case(
        cast, "340102", applicant=person, registered_at=datetime(2026, 8, 1, 2, tzinfo=UTC)
    )
    open_case = make_case(cast, "340102", applicant=person)
    accepted_row(cast, "340102", "2026-Q3")

    update_applicant(
        person,
        actor=cast.user("340102", "clerk"),
        expected_version=person.version,
        disability_category="4",
    )

    assert Case.all_objects.get(pk=locked.pk).disability_category == ""
    assert Case.all_objects.get(pk=open_case.pk).disability_category == "4"


def test_the_migration_reads_the_digits_of_certificates_stored_before_it(cast):
    from django.apps import apps

    migration = importlib.import_module("cases.migrations.0003_applicant_certificate_check")
    person = register(cast, certificate_number=certificate(id_number(), category=5, grade=4))
    without = register(cast, name="李四")
    Applicant.all_objects.update(certificate_category="", certificate_grade=None)

    migration.fill_certificate_digits(apps, None)

    assert (stored(person).certificate_category, stored(person).certificate_grade) == ("5", 4)
    assert (stored(without).certificate_category, stored(without).certificate_grade) == ("", None)
