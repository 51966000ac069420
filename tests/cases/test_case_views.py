"""The case page, its lifecycle buttons, transfer and handler pages, and two clerks at once."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEntry
from cases.models import Case, Service, Transfer
from people.models import Person
from regions.scoping import unscoped
from tests.cases.case_file_helpers import fill_case
from tests.cases.helpers import make_case
from tests.people.helpers import make_engagement, make_person, make_workstation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language(english) -> None:
    """Pages are asserted in English."""


@pytest.fixture
def clerk(client, cast):
    client.force_login(cast.user("340102", Role.CLERK))
    return client


def detail(case):
    return reverse("cases:detail", args=[case.pk])


def stored(case):
    return Case.all_objects.get(pk=case.pk)


# --- The page -------------------------------------------------------------------------------


def test_the_case_page_shows_the_header_moves_and_history_and_is_audited(clerk, cast):
    case = make_case(cast, "340102", number="340102-2026-0042")
    response = clerk.get(detail(case))
    html = response.content.decode()
    assert response.status_code == 200
    assert "340102-2026-0042" in html
    assert ">Accept</button>" in html
    assert ">Do not accept</button>" in html
    assert 'name="version" value="1"' in html
    assert reverse("cases:transfer", args=[case.pk]) in html
    assert AuditEntry.all_objects.filter(action="case.viewed", target_id=str(case.pk)).exists()


def test_the_page_offers_no_plain_button_for_closing(clerk, cast):
    html = clerk.get(detail(make_case(cast, "340102", status="in_service"))).content.decode()
    assert ">Close</button>" not in html
    assert ">Mark as referred</button>" not in html


def test_the_case_page_is_read_in_constant_queries(clerk, cast, django_assert_max_num_queries):
    case = make_case(cast, "340102")
    fill_case(cast, case, "340102", times=1)
    with django_assert_max_num_queries(25) as few:
        clerk.get(detail(case))
    fill_case(cast, case, "340102", times=4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = clerk.get(detail(case))
    page_case = response.context["case"]
    with django_assert_max_num_queries(0):
        # Everything the partials and the dossier read is already loaded.
        assert len(page_case.transitions.all()) == 5
        assert (
            sum(
                len(s.sessions.all()) + len(s.accommodations.all())
                for s in page_case.services.all()
            )
            == 10
        )
        assert [d.uploaded_by for d in page_case.documents.all()]
        assert [(r.raised_by, r.reviewed_by) for r in page_case.risks.all()]
        assert [len(v.complaints.all()) for v in page_case.return_visits.all()] == [1] * 5
        assert len(page_case.complaints.all()) == 5
        assert [r.partner for r in page_case.referrals.all()]
        assert [t.to_federation.region for t in page_case.transfers.all()]
        assert [s.provider.name for s in page_case.services.all()]


def test_a_leader_reads_the_case_but_has_no_buttons(client, cast):
    client.force_login(cast.user("340100", Role.LEADER))
    html = client.get(detail(make_case(cast, "340102"))).content.decode()
    assert "Accept</button>" not in html


def test_a_lawyer_sees_only_the_cases_they_handle_or_serve(client, cast):
    lawyer_user = cast.user("340102", Role.LAWYER)
    workstation = make_workstation(cast, "340102")
    person = make_person(cast, "340102")
    with unscoped("test fixture"):
        Person.all_objects.filter(pk=person.pk).update(user=lawyer_user)
    handled = make_case(cast, "340102", workstation=workstation, handler=person)
    served = make_case(cast, "340102")
    with unscoped("test fixture"):
        service = Service(
            case=served,
            kind="consultation",
            provider=person,
            provided_on=timezone.localdate(),
            channel="phone",
        )
        service.set_region(cast.regions["340102"])
        service.save()
    other = make_case(cast, "340102")
    client.force_login(lawyer_user)
    assert client.get(detail(handled)).status_code == 200
    assert client.get(detail(served)).status_code == 200
    assert client.get(detail(other)).status_code == 404
    assert client.get(reverse("cases:detail", args=[999999])).status_code == 404


# --- Moves ----------------------------------------------------------------------------------


def test_a_clerk_accepts_a_case_with_its_button(clerk, cast):
    case = make_case(cast, "340102")
    response = clerk.post(
        reverse("cases:transition", args=[case.pk]), {"to_status": "accepted", "version": 1}
    )
    assert response.status_code == 302
    assert (stored(case).status, stored(case).version) == ("accepted", 2)


def test_refusing_without_a_reason_is_explained(clerk, cast):
    case = make_case(cast, "340102")
    response = clerk.post(
        reverse("cases:transition", args=[case.pk]),
        {"to_status": "not_accepted", "reason": "", "version": 1},
    )
    assert response.status_code == 200
    assert "Give the reason for this step." in response.content.decode()
    assert stored(case).status == "registered"


def test_a_dedicated_move_is_refused_from_the_buttons(clerk, cast):
    case = make_case(cast, "340102", status="in_service")
    response = clerk.post(
        reverse("cases:transition", args=[case.pk]), {"to_status": "closed", "version": 1}
    )
    assert "needs its own form" in response.content.decode()
    assert stored(case).status == "in_service"


@pytest.mark.parametrize(
    "data", [{"to_status": "nonsense", "version": 1}, {"to_status": "accepted", "version": "x"}, {}]
)
def test_a_malformed_move_is_explained_not_a_crash(clerk, cast, data):
    case = make_case(cast, "340102")
    response = clerk.post(reverse("cases:transition", args=[case.pk]), data)
    assert response.status_code == 200
    assert stored(case).version == 1


def test_two_clerks_at_once_the_second_save_is_refused_and_nothing_is_overwritten(client, cast):
    case = make_case(cast, "340102")
    first = client
    first.force_login(cast.user("340102", Role.CLERK))
    second = Client(HTTP_ACCEPT_LANGUAGE="en")
    second.force_login(cast.user("340100", Role.CLERK))
    assert 'name="version" value="1"' in first.get(detail(case)).content.decode()
    assert 'name="version" value="1"' in second.get(detail(case)).content.decode()
    url = reverse("cases:transition", args=[case.pk])
    assert first.post(url, {"to_status": "accepted", "version": 1}).status_code == 302
    late = second.post(
        url, {"to_status": "not_accepted", "reason": "材料不全，我写的理由", "version": 1}
    )
    html = late.content.decode()
    assert late.status_code == 200
    assert "Someone else changed this record" in html
    assert "材料不全，我写的理由" in html
    assert 'role="alert"' in html
    after = stored(case)
    assert (after.status, after.version, after.not_accepted_reason) == ("accepted", 2, "")


# --- Transfer and handler pages -------------------------------------------------------------


def test_a_case_is_transferred_through_its_page(clerk, client, cast):
    make_workstation(cast, "340103")
    case = make_case(cast, "340102")
    page = clerk.get(reverse("cases:transfer", args=[case.pk]))
    destinations = list(page.context["form"].fields["to_federation"].queryset)
    assert destinations == [cast.federations["340103"]]
    response = clerk.post(
        reverse("cases:transfer", args=[case.pk]),
        {
            "to_federation": cast.federations["340103"].pk,
            "consent_recorded_on": timezone.localdate().isoformat(),
            "reason": "申请人迁居",
            "version": 1,
        },
    )
    assert response["Location"] == reverse("cases:list")
    assert clerk.get(detail(case)).status_code == 404
    client.force_login(cast.user("340103", Role.CLERK))
    assert client.get(detail(case)).status_code == 200
    assert Transfer.all_objects.filter(case=case).exists()


def test_a_refused_transfer_keeps_what_was_typed(clerk, cast):
    make_workstation(cast, "340103")
    case = make_case(cast, "340102")
    response = clerk.post(
        reverse("cases:transfer", args=[case.pk]),
        {
            "to_federation": cast.federations["340103"].pk,
            "consent_recorded_on": "2999-01-01",
            "reason": "申请人迁居到庐阳区",
            "version": 1,
        },
    )
    html = response.content.decode()
    assert "The date of consent cannot be in the future." in html
    assert "申请人迁居到庐阳区" in html
    assert stored(case).county_code == "340102"


def test_a_handler_is_assigned_through_the_page(clerk, cast):
    workstation = make_workstation(cast, "340102")
    lawyer = make_engagement(cast, "340102").person
    case = make_case(cast, "340102", workstation=workstation)
    url = reverse("cases:assign", args=[case.pk])
    assert list(clerk.get(url).context["form"].fields["handler"].queryset) == [lawyer]
    response = clerk.post(url, {"handler": lawyer.pk, "version": 1})
    assert response["Location"] == detail(case)
    assert stored(case).handler == lawyer
    stale = clerk.post(url, {"handler": lawyer.pk, "version": 1})
    assert "Someone else changed this record" in stale.content.decode()
