"""Transferring a case to another federation's workstation."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role, capabilities_for
from audit.models import AuditEntry
from cases.models import (
    Accommodation,
    Case,
    Complaint,
    Document,
    MediationSession,
    Referral,
    ReturnVisit,
    RiskFlag,
    Service,
    Transfer,
    Transition,
)
from cases.selectors.cases import cases_visible
from cases.services.transfers import rows_of_a_case, transfer_case
from lawstation.errors import DomainError
from regions.scoping import scope_for_region
from tests.cases.case_file_helpers import fill_case
from tests.cases.helpers import make_case
from tests.people.helpers import make_workstation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language(english) -> None:
    """Messages are asserted in English."""


def transfer(cast, case, to="340103", **fields):
    values = {
        "actor": cast.user("340102", Role.CLERK),
        "to_federation": cast.federations[to],
        "consent_recorded_on": timezone.localdate(),
        "reason": "申请人迁居庐阳区",
        "expected_version": case.version,
    }
    values.update(fields)
    return transfer_case(case, **values)


def clerk_scope(cast, code):
    return scope_for_region(cast.regions[code], capabilities_for(Role.CLERK))


def test_every_row_of_a_case_is_found_to_move():
    assert {model for model, _ in rows_of_a_case()} >= {
        Transition,
        Transfer,
        Service,
        MediationSession,
        Accommodation,
        Referral,
        Document,
        RiskFlag,
        ReturnVisit,
        Complaint,
    }
    assert Case not in {model for model, _ in rows_of_a_case()}


@time_machine.travel("2026-06-01 10:00 +0800", tick=False)
def test_a_transfer_moves_the_case_and_everything_on_it_and_renumbers_it(cast):
    workstation = make_workstation(cast, "340103")
    case = make_case(cast, "340102", status="in_service", number="340102-2026-0001", serial=1)
    fill_case(cast, case, "340102", times=2)
    moved = transfer(cast, case)
    stored = Case.all_objects.get(pk=case.pk)
    assert (stored.number, stored.serial, stored.year) == ("340103-2026-0001", 1, 2026)
    assert (stored.federation, stored.workstation, stored.handler) == (
        cast.federations["340103"],
        workstation,
        None,
    )
    assert (stored.county_code, stored.city_code, stored.status) == (
        "340103",
        "340100",
        "in_service",
    )
    assert moved.version == 2
    for model, path in rows_of_a_case():
        rows = model.all_objects.filter(**{path: case})
        assert not rows.filter(county_code="340102").exists(), model
        assert rows.filter(county_code="340103").exists(), model
    row = Transfer.all_objects.get(case=case, previous_number="340102-2026-0001")
    assert (row.from_federation, row.to_federation, row.county_code) == (
        cast.federations["340102"],
        cast.federations["340103"],
        "340103",
    )
    entry = AuditEntry.all_objects.get(action="case.transferred")
    assert entry.changes["number"] == ["340102-2026-0001", "340103-2026-0001"]
    assert entry.county_code == "340103"


def test_the_receiving_clerk_sees_the_case_and_the_sending_county_no_longer(cast):
    make_workstation(cast, "340103")
    case = make_case(cast, "340102")
    transfer(cast, case)
    assert cases_visible(clerk_scope(cast, "340103")).filter(pk=case.pk).exists()
    assert not cases_visible(clerk_scope(cast, "340102")).filter(pk=case.pk).exists()
    assert cases_visible(clerk_scope(cast, "340100")).filter(pk=case.pk).exists()


def test_a_transfer_to_another_city_leaves_the_city_too(cast):
    make_workstation(cast, "340202")
    case = make_case(cast, "340102")
    transfer(cast, case, to="340202")
    stored = Case.all_objects.get(pk=case.pk)
    assert (stored.city_code, stored.county_code) == ("340200", "340202")
    assert not cases_visible(clerk_scope(cast, "340100")).filter(pk=case.pk).exists()


def test_the_transfer_costs_one_update_per_table_however_much_the_case_holds(cast):
    make_workstation(cast, "340103")
    small, large = make_case(cast, "340102"), make_case(cast, "340102")
    fill_case(cast, small, "340102", times=1)
    fill_case(cast, large, "340102", times=4)
    with CaptureQueriesContext(connection) as few:
        transfer(cast, small)
    with CaptureQueriesContext(connection) as many:
        transfer(cast, large)
    assert len(many.captured_queries) == len(few.captured_queries)
    updates = [q for q in many.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == len(rows_of_a_case()) + 1  # the tables, and the case itself


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"to_federation": None}, "Choose the federation"),
        ({"consent_recorded_on": None}, "Enter the date the applicant agreed"),
        ({"consent_recorded_on": timezone.localdate() + timedelta(days=2)}, "in the future"),
        ({"reason": "  "}, "Give the reason for the transfer."),
        ({"to": "340202"}, "has no established workstation"),
        ({"to": "340102"}, "already filed at this federation"),
        ({"expected_version": 0}, "Someone else changed this record"),
    ],
)
def test_a_transfer_is_refused_with_nothing_moved(cast, fields, message):
    make_workstation(cast, "340103")
    make_workstation(cast, "340102")
    case = make_case(cast, "340102")
    fill_case(cast, case, "340102")
    with pytest.raises(DomainError, match=message):
        transfer(cast, case, **fields)
    stored = Case.all_objects.get(pk=case.pk)
    assert (stored.county_code, stored.number, stored.version) == ("340102", case.number, 1)
    assert not Service.all_objects.filter(county_code="340103").exists()
    assert not AuditEntry.all_objects.filter(action="case.transferred").exists()


def test_a_planned_workstation_cannot_take_a_case(cast):
    make_workstation(cast, "340103", status="planned")
    with pytest.raises(DomainError, match="has no established workstation"):
        transfer(cast, make_case(cast, "340102"))


@pytest.mark.parametrize("status", ["not_accepted", "closed", "archived"])
def test_only_an_open_case_is_transferred(cast, status):
    make_workstation(cast, "340103")
    case = make_case(cast, "340102", status=status)
    with pytest.raises(DomainError, match="Only an open case can be transferred"):
        transfer(cast, case)
