"""The six services on a case, mediation sessions and access arrangements (services only)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEntry
from cases.models import Accommodation, Case, MediationSession, Referral, Service
from cases.services.provision import (
    record_accommodation,
    record_mediation_session,
    record_service,
    update_service,
)
from lawstation.errors import DomainError
from people.models import Person
from regions.scoping import unscoped
from tests.cases.provision_helpers import make_service, open_case, today
from tests.people.helpers import make_engagement, make_person, make_workstation
from workstations.services.partners import add_partner

pytestmark = pytest.mark.django_db
Kind = Service.Kind


@pytest.fixture(autouse=True)
def _language(english):
    """Messages asserted here are the English ones."""


def entries(action):
    with unscoped("test"):
        return list(AuditEntry.all_objects.filter(action=action))


def record(cast, case, **values):
    defaults = {
        "actor": cast.user("340102", Role.CLERK),
        "kind": Kind.CONSULTATION,
        "provided_on": today(),
        "channel": "phone",
    }
    if "provider" not in values:
        values["provider"] = make_person(cast, "340102")
    return record_service(case, **{**defaults, **values})


def message_of(error: pytest.ExceptionInfo) -> str:
    return " ".join(error.value.messages)


def test_first_service_on_an_accepted_case_starts_the_service(cast):
    case = open_case(cast, "340102")
    service = record(cast, case, duration_minutes=45, result="解答了工资问题")
    with unscoped("test"):
        case = Case.objects.get(pk=case.pk)
    assert case.status == "in_service"
    assert case.service_started_at is not None
    assert (service.province_code, service.county_code) == ("340000", "340102")
    [entry] = entries("service.recorded")
    assert entry.target_id == str(service.pk)
    assert entry.changes["kind"] == [None, "consultation"]
    assert entry.changes["duration_minutes"] == [None, 45]
    assert entries("case.status_changed")[0].changes["status"] == ["accepted", "in_service"]


def test_a_referred_case_stays_referred(cast):
    case = open_case(cast, "340102", status="referred")
    record(cast, case)
    with unscoped("test"):
        assert Case.objects.get(pk=case.pk).status == "referred"
    assert not entries("case.status_changed")


@pytest.mark.parametrize("status", ["registered", "not_accepted", "closed", "archived"])
def test_no_service_on_a_case_that_is_not_open(cast, status):
    case = open_case(cast, "340102", status=status)
    with pytest.raises(DomainError) as error:
        record(cast, case)
    assert "only on an open case" in message_of(error)
    assert not entries("service.recorded")


def test_a_service_date_in_the_future_is_refused(cast):
    case = open_case(cast, "340102")
    with pytest.raises(DomainError) as error:
        record(cast, case, provided_on=today() + timedelta(days=1))
    assert error.value.error_dict["provided_on"][0].messages == [
        "The date cannot be in the future."
    ]


def test_criminal_defence_by_a_legal_worker_is_refused(cast):
    case = open_case(cast, "340102")
    worker = make_person(cast, "340102", kind=Person.Kind.LEGAL_WORKER, name="张法务")
    with pytest.raises(DomainError) as error:
        record(cast, case, kind=Kind.DEFENCE, provider=worker, court="瑶海区人民法院")
    assert "must be given by a lawyer with a licence" in message_of(error)
    assert "张法务 is not a licensed lawyer" in message_of(error)


def test_criminal_defence_follows_the_mandatory_legal_aid_appointment(cast):
    case = open_case(cast, "340102")
    with unscoped("test"):
        referral = Referral(
            case=case,
            kind=Referral.Kind.LEGAL_AID,
            is_mandatory_defence=True,
            prepared_at=timezone.now(),
            status=Referral.Status.ACCEPTED,
        )
        referral.set_region(cast.regions["340102"])
        referral.save()
    lawyer = make_person(cast, "340102", kind=Person.Kind.LAWYER)
    service = record(
        cast, case, kind=Kind.DEFENCE, provider=lawyer, court="瑶海区人民法院", stage="审判"
    )
    assert service.appointment_referral == referral
    assert entries("service.recorded")[0].changes["appointment_referral"] == [None, referral.pk]


def test_representation_needs_a_proceeding_and_a_court(cast):
    case = open_case(cast, "340102")
    with pytest.raises(DomainError) as error:
        record(cast, case, kind=Kind.REPRESENTATION, proceeding="", court="", stage="")
    assert "proceeding" in error.value.error_dict


def test_a_provider_of_another_federation_is_refused(cast):
    make_workstation(cast, "340102")
    case = open_case(cast, "340102", workstation=cast.federations["340102"].workstation)
    city_lawyer = make_person(cast, "340100")
    with pytest.raises(DomainError) as error:
        record(cast, case, provider=city_lawyer)
    assert "was not active at this federation or engaged at its workstation" in message_of(error)
    engaged = make_engagement(cast, "340102").person
    assert record(cast, case, provider=engaged).provider == engaged


def test_a_provider_who_has_left_cannot_be_recorded(cast):
    case = open_case(cast, "340102")
    person = make_person(cast, "340102")
    with unscoped("test"):
        Person.objects.filter(pk=person.pk).update(active_until=today() - timedelta(days=30))
        person.refresh_from_db()
    with pytest.raises(DomainError):
        record(cast, case, provider=person)


def lawyer_with_account(cast, code="340102"):
    person = make_person(cast, code, kind=Person.Kind.LAWYER)
    with unscoped("test"):
        person.user = cast.user(code, Role.LAWYER)
        person.save()
    return person


def test_a_lawyer_records_only_their_own_work(cast):
    case = open_case(cast, "340102")
    own = lawyer_with_account(cast)
    other = make_person(cast, "340102")
    lawyer = cast.user("340102", Role.LAWYER)
    with pytest.raises(DomainError) as error:
        record(cast, case, actor=lawyer, provider=other)
    assert "only your own work" in message_of(error)
    assert record(cast, case, actor=lawyer, provider=own).provider == own


def test_mediation_needs_parties_and_the_terms_of_an_agreement(cast):
    case = open_case(cast, "340102")
    with pytest.raises(DomainError) as error:
        record(cast, case, kind=Kind.MEDIATION, parties=" ")
    assert "parties" in error.value.error_dict
    with pytest.raises(DomainError) as error:
        record(cast, case, kind=Kind.MEDIATION, parties="甲与乙", agreement_reached=True)
    assert "agreement" in error.value.error_dict
    service = record(
        cast,
        case,
        kind=Kind.MEDIATION,
        parties="甲与乙",
        agreement_reached=True,
        agreement="分期支付",
    )
    assert service.agreement == "分期支付"


def test_fields_of_another_kind_are_a_programming_error(cast):
    case = open_case(cast, "340102")
    with pytest.raises(TypeError):
        record(cast, case, kind=Kind.CONSULTATION, court="法院")


def test_mediation_sessions_are_recorded_and_audited(cast):
    service = make_service(cast, "340102", kind=Kind.MEDIATION)
    session = record_mediation_session(
        service, actor=cast.user("340102", Role.CLERK), held_on=today(), note="第一次调解"
    )
    assert session.county_code == "340102"
    [entry] = entries("mediation_session.recorded")
    assert entry.changes["service"] == [None, service.pk]
    consultation = make_service(cast, "340102")
    with pytest.raises(DomainError):
        record_mediation_session(consultation, actor=None, held_on=today())
    with unscoped("test"):
        assert MediationSession.objects.count() == 1


def test_coordination_with_an_agency_of_a_region_above(cast):
    case = open_case(cast, "340102")
    clerk = cast.user("340100", Role.CLERK)
    court = add_partner(
        cast.regions["340100"], actor=clerk, kind="court", name="合肥市中级人民法院"
    )
    sibling = add_partner(cast.regions["340103"], actor=clerk, kind="justice", name="庐阳区司法局")
    with pytest.raises(DomainError) as error:
        record(cast, case, kind=Kind.COORDINATION, partner=sibling)
    assert "partner" in error.value.error_dict
    assert record(cast, case, kind=Kind.COORDINATION, partner=court).partner == court


def test_a_stale_edit_is_refused_and_a_good_one_audited(cast):
    service = make_service(cast, "340102")
    clerk = cast.user("340102", Role.CLERK)
    updated = update_service(service, actor=clerk, expected_version=1, result="补充说明")
    assert updated.version == 2
    [entry] = entries("service.updated")
    assert entry.changes == {"result": ["已解答", "补充说明"]}
    with pytest.raises(DomainError) as error:
        update_service(service, actor=clerk, expected_version=1, result="旧页面")
    assert "Someone else changed this record" in message_of(error)


def test_an_archived_case_file_does_not_change(cast):
    service = make_service(cast, "340102", kind=Kind.MEDIATION)
    with unscoped("test"):
        Case.objects.filter(pk=service.case_id).update(status="archived")
    with pytest.raises(DomainError, match="archived"):
        update_service(service, actor=None, expected_version=None, result="x")
    with pytest.raises(DomainError):
        record_mediation_session(service, actor=None, held_on=today())


def test_sign_language_interpreter_with_who_when_and_cost(cast):
    service = make_service(cast, "340102")
    clerk = cast.user("340102", Role.CLERK)
    with pytest.raises(DomainError) as error:
        record_accommodation(service, actor=clerk, kind="sign_language", provided_on=today())
    assert "interpreter" in message_of(error)
    with pytest.raises(DomainError) as error:
        record_accommodation(
            service,
            actor=clerk,
            kind="sign_language",
            provided_by="李手语",
            provided_on=today(),
            cost=Decimal("-1"),
        )
    assert "cannot be negative" in message_of(error)
    accommodation = record_accommodation(
        service,
        actor=clerk,
        kind="sign_language",
        provided_by="李手语",
        provided_on=today(),
        cost=Decimal("200.00"),
    )
    assert accommodation.county_code == "340102"
    [entry] = entries("accommodation.recorded")
    assert entry.changes["cost"] == [None, "200.00"]
    with unscoped("test"):
        assert Accommodation.objects.get().provided_by == "李手语"
