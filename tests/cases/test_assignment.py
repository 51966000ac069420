"""Assigning who handles a case."""

from __future__ import annotations

from datetime import date

import pytest

from accounts.roles import Role
from audit.models import AuditEntry
from cases.models import Case
from cases.selectors.handlers import eligible_handlers
from cases.services.assignment import assign_handler
from lawstation.errors import DomainError
from people.models import Person
from people.services import end_engagement
from tests.cases.helpers import make_case
from tests.people.helpers import make_engagement, make_person, make_workstation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language(english) -> None:
    """Messages are asserted in English."""


def case_at_station(cast, code="340102", **fields):
    workstation = make_workstation(cast, code)
    return make_case(cast, code, workstation=workstation, **fields)


def engaged(cast, code="340102", kind=Person.Kind.LAWYER):
    return make_engagement(cast, code, make_person(cast, code, kind=kind)).person


def assign(cast, case, handler, **fields):
    values = {"actor": cast.user("340102", Role.CLERK), "expected_version": case.version}
    values.update(fields)
    return assign_handler(case, handler=handler, **values)


def test_an_engaged_lawyer_is_assigned_and_it_is_audited(cast):
    case = case_at_station(cast)
    lawyer = engaged(cast)
    assign(cast, case, lawyer)
    assert Case.all_objects.get(pk=case.pk).handler == lawyer
    entry = AuditEntry.all_objects.get(action="case.updated")
    assert entry.changes["handler"] == [None, lawyer.pk]


def test_a_legal_worker_may_handle_a_civil_matter(cast):
    case = case_at_station(cast)
    worker = engaged(cast, kind=Person.Kind.LEGAL_WORKER)
    assign(cast, case, worker)
    assert Case.all_objects.get(pk=case.pk).handler == worker


def test_a_criminal_matter_needs_a_lawyer(cast):
    case = case_at_station(cast, matter_category="criminal")
    worker = engaged(cast, kind=Person.Kind.LEGAL_WORKER)
    assert list(eligible_handlers(case)) == []
    with pytest.raises(DomainError, match="A criminal matter must be handled by a lawyer"):
        assign(cast, case, worker)
    lawyer = engaged(cast)
    assign(cast, case, lawyer)
    assert Case.all_objects.get(pk=case.pk).handler == lawyer


def test_only_people_engaged_at_the_workstation_today_can_handle(cast):
    case = case_at_station(cast)
    not_engaged = make_person(cast, "340102")
    staff = make_person(cast, "340102", kind=Person.Kind.STAFF)
    ended = make_engagement(cast, "340102", make_person(cast, "340102"))
    end_engagement(ended, actor=None, on=date(2020, 6, 1))
    for person in (not_engaged, staff, ended.person):
        with pytest.raises(DomainError, match="cannot handle this case"):
            assign(cast, case, person)
    assert Case.all_objects.get(pk=case.pk).handler is None
    assert not AuditEntry.all_objects.filter(action="case.updated").exists()


def test_someone_of_another_federation_cannot_handle(cast):
    case = case_at_station(cast)
    make_workstation(cast, "340103")
    stranger = engaged(cast, "340103")
    with pytest.raises(DomainError, match="cannot handle this case"):
        assign(cast, case, stranger)


@pytest.mark.parametrize("status", ["closed", "archived", "not_accepted"])
def test_a_case_no_longer_open_gets_no_handler(cast, status):
    case = case_at_station(cast, status=status)
    with pytest.raises(DomainError, match="Only an open case"):
        assign(cast, case, engaged(cast))


def test_a_stale_assignment_is_refused(cast):
    case = case_at_station(cast)
    lawyer = engaged(cast)
    assign(cast, case, lawyer)
    with pytest.raises(DomainError, match="Someone else changed this record"):
        assign(cast, case, engaged(cast), expected_version=1)
    assert Case.all_objects.get(pk=case.pk).handler == lawyer


def test_a_case_without_a_workstation_cannot_be_assigned(cast):
    case = make_case(cast, "340102")
    with pytest.raises(DomainError, match="not filed at a workstation"):
        assign(cast, case, make_person(cast, "340102"))
