"""Partner agencies and a workstation's coordination contacts."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEntry
from lawstation.errors import DomainError
from tests.scope_rows.funding import station
from tests.scope_rows.partners import partner
from workstations.models import CoordinationContact, Partner, PartnerUnit
from workstations.selectors.partners import agencies_for
from workstations.services.partners import add_partner, log_contact, update_partner

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 15)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime(2026, 11, 15, 4, 0, tzinfo=UTC), tick=False):
        yield


def clerk(cast, code="340102"):
    return cast.user(code, Role.CLERK)


# --- add_partner and update_partner -------------------------------------------------------


def test_an_agency_is_added_for_a_region_and_audited(cast):
    agency = add_partner(
        cast.regions["340100"],
        actor=clerk(cast, "340100"),
        kind=PartnerUnit.LEGAL_AID,
        name=" 合肥市法律援助中心 ",
        phone="0551-12345678",
        email="aid@example.org",
    )
    assert agency.name == "合肥市法律援助中心"
    assert (agency.province_code, agency.city_code, agency.county_code) == (
        "340000",
        "340100",
        None,
    )
    entry = AuditEntry.all_objects.get(action="partner.added")
    assert entry.changes["region"] == [None, "340100"]
    assert entry.changes["kind"] == [None, "legal_aid"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "bank"}, "kind of agency"),
        ({"name": "  "}, "name"),
        ({"email": "not-an-address"}, "e-mail"),
        ({"phone": "1" * 33}, "too long"),
    ],
)
def test_bad_agencies_are_refused_and_nothing_is_saved(cast, fields, message):
    values = {"kind": PartnerUnit.COURT, "name": "瑶海区人民法院", **fields}
    with pytest.raises(DomainError, match=message):
        add_partner(cast.regions["340102"], actor=clerk(cast), **values)
    assert not Partner.all_objects.exists()
    assert not AuditEntry.all_objects.filter(action="partner.added").exists()


def test_updating_an_agency_audits_what_changed_old_to_new(cast):
    agency = partner(cast, "340102")
    update_partner(agency, actor=clerk(cast), contact_name="张法官", phone="0551-1")
    agency.refresh_from_db()
    assert (agency.contact_name, agency.phone) == ("张法官", "0551-1")
    entry = AuditEntry.all_objects.get(action="partner.updated")
    assert entry.changes["phone"] == ["", "0551-1"]
    assert "name" not in entry.changes


def test_an_update_that_changes_nothing_is_not_audited(cast):
    agency = partner(cast, "340102")
    update_partner(agency, actor=clerk(cast), name=agency.name)
    assert not AuditEntry.all_objects.filter(action="partner.updated").exists()


def test_an_update_with_a_bad_email_is_refused(cast):
    agency = partner(cast, "340102")
    with pytest.raises(DomainError, match="e-mail"):
        update_partner(agency, actor=clerk(cast), email="nope")
    agency.refresh_from_db()
    assert agency.email == ""
    assert not AuditEntry.all_objects.filter(action="partner.updated").exists()


# --- log_contact --------------------------------------------------------------------------


def log(cast, agency, code="340102", **fields):
    values = {
        "contacted_on": date(2026, 11, 2),
        "matter": " 协调立案 ",
        "result": "已受理",
        **fields,
    }
    return log_contact(station(cast, code), actor=clerk(cast, code), partner=agency, **values)


@pytest.mark.parametrize("agency_code", ["340102", "340100", "340000"])
def test_a_contact_with_an_agency_of_the_region_or_above_is_logged_and_audited(cast, agency_code):
    agency = partner(cast, agency_code)
    contact = log(cast, agency)
    assert (contact.partner, contact.matter, contact.county_code) == (agency, "协调立案", "340102")
    entry = AuditEntry.all_objects.get(action="coordination_contact.logged")
    assert entry.changes["contacted_on"] == [None, "2026-11-02"]


@pytest.mark.parametrize(
    ("code", "agency_code"),
    [("340102", "340103"), ("340102", "340200"), ("340102", "340202"), ("340100", "340102")],
    ids=["sibling county", "other city", "cousin county", "county below a city"],
)
def test_a_contact_with_an_agency_outside_the_region_and_above_is_refused(cast, code, agency_code):
    with pytest.raises(DomainError, match="not an agency of this workstation"):
        log(cast, partner(cast, agency_code), code=code)
    assert not CoordinationContact.all_objects.exists()
    assert not AuditEntry.all_objects.filter(action="coordination_contact.logged").exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"contacted_on": date(2026, 11, 16)}, "future"),
        ({"matter": "  "}, "what the contact was about"),
        ({"result": "x" * 201}, "200 characters"),
    ],
)
def test_bad_contacts_are_refused_and_nothing_is_saved(cast, fields, message):
    with pytest.raises(DomainError, match=message):
        log(cast, partner(cast, "340102"), **fields)
    assert not CoordinationContact.all_objects.exists()
    assert not AuditEntry.all_objects.filter(action="coordination_contact.logged").exists()


def test_a_contact_today_is_allowed(cast):
    assert log(cast, partner(cast, "340100"), contacted_on=TODAY).contacted_on == TODAY
    assert AuditEntry.all_objects.filter(action="coordination_contact.logged").count() == 1


def test_a_federation_without_workstation_cannot_log_a_contact(cast):
    with pytest.raises(DomainError, match="no workstation"):
        log_contact(
            None, actor=clerk(cast), partner=partner(cast, "340102"), contacted_on=TODAY, matter="x"
        )
    assert not AuditEntry.all_objects.filter(action="coordination_contact.logged").exists()


def test_agencies_offered_are_those_of_the_region_and_above(cast):
    wanted = {partner(cast, code).pk for code in ("340102", "340100", "340000")}
    for code in ("340103", "340200", "340202"):
        partner(cast, code)
    assert {p.pk for p in agencies_for(station(cast, "340102"))} == wanted


# --- pages --------------------------------------------------------------------------------


def test_partner_list_shows_only_agencies_in_scope(client, cast):
    partner(cast, "340102", name="瑶海法院")
    partner(cast, "340103", name="庐阳法院")
    partner(cast, "340100", name="合肥中院")
    client.force_login(cast.user("340102", Role.LEADER))
    response = client.get(reverse("partners:list"))
    names = [p.name for p in response.context["page"].object_list]
    assert names == ["瑶海法院"]


def test_partner_list_filters_by_kind_and_region(client, cast):
    partner(cast, "340102", name="瑶海法院")
    partner(cast, "340102", kind=PartnerUnit.LEGAL_AID, name="瑶海法援")
    partner(cast, "340103", kind=PartnerUnit.LEGAL_AID, name="庐阳法援")
    client.force_login(clerk(cast, "340100"))
    response = client.get(reverse("partners:list"), {"kind": "legal_aid"})
    assert {p.name for p in response.context["page"].object_list} == {"瑶海法援", "庐阳法援"}
    response = client.get(reverse("partners:list"), {"kind": "legal_aid", "region": "340103"})
    assert [p.name for p in response.context["page"].object_list] == ["庐阳法援"]
    response = client.get(reverse("partners:list"), {"region": "340202"})  # outside: ignored
    assert response.context["region_code"] == ""


def test_clerk_adds_an_agency_through_the_page(client, cast):
    client.force_login(clerk(cast, "340100"))
    response = client.post(
        reverse("partners:new"), {"region": "340103", "kind": "court", "name": "庐阳区人民法院"}
    )
    assert response.status_code == 302
    assert Partner.all_objects.get().county_code == "340103"


def test_an_agency_for_a_region_outside_the_scope_is_not_accepted(client, cast):
    client.force_login(clerk(cast))
    response = client.post(
        reverse("partners:new"), {"region": "340103", "kind": "court", "name": "庐阳区人民法院"}
    )
    assert response.status_code == 200
    assert "庐阳区人民法院" in response.content.decode()
    assert not Partner.all_objects.exists()


def test_clerk_edits_an_agency_through_the_page(client, cast):
    agency = partner(cast, "340102")
    client.force_login(clerk(cast))
    url = reverse("partners:edit", args=[agency.pk])
    assert client.get(url).context["form"].initial["name"] == agency.name
    response = client.post(
        url, {"kind": "court", "name": "新名称", "email": "a@example.org", "version": 1}
    )
    assert response.status_code == 302
    agency.refresh_from_db()
    assert (agency.name, agency.email, agency.version) == ("新名称", "a@example.org", 2)


def test_a_stale_edit_of_an_agency_is_refused_and_keeps_the_other_change(client, cast):
    agency = partner(cast, "340102")
    client.force_login(clerk(cast))
    url = reverse("partners:edit", args=[agency.pk])
    first = {"kind": "court", "name": "甲的名称", "version": 1}
    second = {"kind": "court", "name": "乙的名称", "version": 1}
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    assert 'value="乙的名称"' in response.content.decode()
    agency.refresh_from_db()
    assert (agency.name, agency.version) == ("甲的名称", 2)


def test_clerk_logs_a_contact_through_the_page(client, cast):
    station(cast, "340102")
    agency = partner(cast, "340000")
    client.force_login(clerk(cast))
    response = client.post(
        reverse("contacts:new", args=["340102"]),
        {"contacted_on": "2026-11-03", "partner": agency.pk, "matter": "会商", "result": ""},
    )
    assert response.status_code == 302
    assert CoordinationContact.all_objects.get().partner == agency


def test_a_contact_in_the_future_through_the_page_is_shown_again_with_the_input(client, cast):
    station(cast, "340102")
    agency = partner(cast, "340102")
    client.force_login(clerk(cast))
    response = client.post(
        reverse("contacts:new", args=["340102"]),
        {"contacted_on": "2026-12-01", "partner": agency.pk, "matter": "未来的会商"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html
    assert "未来的会商" in html
    assert "2026-12-01" in html
    assert not CoordinationContact.all_objects.exists()


def test_an_agency_of_a_sibling_region_is_not_offered(client, cast):
    station(cast, "340102")
    sibling = partner(cast, "340103")
    client.force_login(clerk(cast, "340100"))
    response = client.post(
        reverse("contacts:new", args=["340102"]),
        {"contacted_on": "2026-11-03", "partner": sibling.pk, "matter": "会商"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["partner"]
    assert not CoordinationContact.all_objects.exists()


def test_contact_pages_of_a_federation_without_workstation_say_so(client, cast):
    client.force_login(clerk(cast))
    for name in ("contacts:list", "contacts:new"):
        response = client.get(reverse(name, args=["340102"]))
        assert response.status_code == 200
        assert response.context["workstation"] is None
        assert "matter" not in response.content.decode()


def page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_partner_and_contact_lists_do_not_grow_in_queries(
    client, cast, django_assert_max_num_queries
):
    agency = partner(cast, "340102")
    log(cast, agency)
    client.force_login(clerk(cast, "340100"))
    urls = [
        reverse("partners:list"),
        reverse("contacts:list", args=["340102"]),
        reverse("contacts:new", args=["340102"]),
    ]
    few = [page_queries(client, url) for url in urls]
    for code in ("340102", "340100", "340000", "340103"):
        for kind in (PartnerUnit.COURT, PartnerUnit.HEALTH, PartnerUnit.LEGAL_AID):
            more = partner(cast, code, kind=kind)
            if code != "340103":
                log(cast, more)
    assert [page_queries(client, url) for url in urls] == few, few
    for url in urls:
        with django_assert_max_num_queries(12):
            client.get(url)
