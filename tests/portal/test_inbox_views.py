"""The staff inbox's pages: the list, one request, and its decisions through HTTP."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEntry
from cases.models import Intake
from portal.models import HelpRequest
from regions.scoping import unscoped
from tests.cases.helpers import make_applicant
from tests.portal.inbox_helpers import make_help_request

pytestmark = pytest.mark.django_db
LIST = reverse("webrequests:list")


@pytest.fixture(autouse=True)
def _language(english) -> None:
    """Pages are asserted in English."""


@pytest.fixture
def clerk(client, cast):
    client.force_login(cast.user("340102", Role.CLERK))
    return client


def url(name, help_request):
    return reverse(f"webrequests:{name}", args=[help_request.pk])


def main_of(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_the_list_shows_markers_but_no_matter_and_no_contact(clerk, cast):
    help_request = make_help_request(
        cast,
        "340102",
        email="li@example.com",
        do_not_phone=True,
        contact_preference="email",
        communication_needs=["sign_language", "large_print"],
    )
    response = clerk.get(LIST)
    assert response.status_code == 200
    assert response["Cache-Control"].count("no-store") == 1
    html = main_of(response)
    assert url("detail", help_request) in html
    for shown in ("Do not phone", "Sign-language interpreter", "Large print", "E-mail", "瑶海区"):
        assert shown in html
    for hidden in (help_request.matter, "13912345678", "li@example.com", help_request.name):
        assert hidden not in html


def test_an_overdue_request_says_so_in_words(clerk, cast):
    make_help_request(cast, "340102", submitted_at=timezone.now() - timedelta(days=6))
    assert "Overdue: due" in main_of(clerk.get(LIST))


def test_the_list_defaults_to_new_requests_of_the_own_federation(clerk, cast):
    new = make_help_request(cast, "340102")
    declined = make_help_request(cast, "340102", status="declined")
    response = clerk.get(LIST)
    assert [row["request"] for row in response.context["rows"]] == [new]
    response = clerk.get(LIST, {"status": "declined"})
    assert [row["request"] for row in response.context["rows"]] == [declined]
    response = clerk.get(LIST, {"status": "all"})
    assert len(response.context["rows"]) == 2
    response = clerk.get(LIST, {"status": "<script>", "after": "garbage"})
    assert [row["request"] for row in response.context["rows"]] == [new]


def test_a_county_request_reaches_the_city_only_under_all_in_my_area(client, cast):
    help_request = make_help_request(cast, "340102")
    client.force_login(cast.user("340103", Role.CLERK))
    assert client.get(LIST, {"area": "area"}).context["rows"] == []
    client.force_login(cast.user("340100", Role.CLERK))
    assert client.get(LIST).context["rows"] == []
    rows = client.get(LIST, {"area": "area"}).context["rows"]
    assert [row["request"] for row in rows] == [help_request]
    assert "All in my area" in main_of(client.get(LIST))


def test_the_list_runs_in_constant_queries(clerk, cast, django_assert_max_num_queries):
    make_help_request(cast, "340102")
    with django_assert_max_num_queries(12) as few:
        clerk.get(LIST, {"area": "area", "status": "all"})
    for index in range(8):
        make_help_request(cast, "340102", status="declined" if index % 2 else "new")
    make_help_request(cast, "340100")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = clerk.get(LIST, {"area": "area", "status": "all"})
    assert len(response.context["rows"]) == 9


def test_the_detail_shows_everything_given_is_audited_and_not_cached(
    clerk, cast, django_assert_max_num_queries
):
    help_request = make_help_request(
        cast,
        "340102",
        requester="on_behalf",
        person_name="李伟",
        relationship="父亲",
        email="li@example.com",
    )
    with django_assert_max_num_queries(14):
        response = clerk.get(url("detail", help_request))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = main_of(response)
    for shown in (help_request.matter, "13912345678", "li@example.com", "李明", "李伟", "父亲"):
        assert shown in html
    assert "Given, with notice version 2026-12" in html
    assert "By SMS" in html
    entry = AuditEntry.all_objects.get(action="help_request.viewed")
    assert entry.target_id == str(help_request.pk)


@pytest.mark.parametrize(
    ("fields", "advice"),
    [
        ({"phone": "0551-62345678"}, "phone them"),
        ({"phone": "0551-62345678", "do_not_phone": True}, "write to them"),
    ],
)
def test_the_detail_says_how_to_tell_a_requester_no_message_reaches(clerk, cast, fields, advice):
    help_request = make_help_request(cast, "340102", contact_preference="phone", **fields)
    assert advice in main_of(clerk.get(url("detail", help_request)))


def test_an_out_of_scope_request_is_a_404_like_a_missing_one(client, cast):
    help_request = make_help_request(cast, "340102")
    client.force_login(cast.user("340103", Role.CLERK))
    sibling = client.get(url("detail", help_request))
    missing = client.get(reverse("webrequests:detail", args=[999999]))
    assert sibling.status_code == missing.status_code == 404
    posted = client.post(url("decline", help_request), {"version": 1, "reason": "duplicate"})
    assert posted.status_code == 404
    assert HelpRequest.all_objects.get(pk=help_request.pk).status == "new"
    assert not AuditEntry.all_objects.filter(action="help_request.viewed").exists()


def test_taking_up_leads_to_the_intake_page(clerk, cast):
    help_request = make_help_request(cast, "340102")
    response = clerk.post(url("take_up", help_request), {"version": 1})
    with unscoped("test"):
        intake = Intake.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:detail", args=[intake.pk])
    page = clerk.get(url("detail", help_request))
    assert reverse("intake:detail", args=[intake.pk]) in main_of(page)
    assert "Take up" not in main_of(page)
    counter = main_of(clerk.get(response["Location"]))
    assert url("detail", help_request) in counter
    assert help_request.reference in counter


def test_registering_leads_to_the_case_page(clerk, cast):
    applicant = make_applicant(cast, "340102", name="赵六")
    help_request = make_help_request(cast, "340102")
    page = clerk.get(url("detail", help_request), {"q": "赵"})
    assert str(applicant.pk) in dict(page.context["register_form"].fields["applicant"].choices)
    response = clerk.post(
        url("register", help_request),
        {"version": 1, "applicant": applicant.pk, "matter_category": "employment", "q": "赵"},
    )
    help_request.refresh_from_db()
    assert help_request.status == "case"
    assert response["Location"] == reverse("cases:detail", args=[help_request.intake.case.pk])


def test_the_register_form_offers_only_the_request_s_federation_s_applicants(client, cast):
    make_applicant(cast, "340103", name="赵六")
    mine = make_applicant(cast, "340102", name="赵七")
    help_request = make_help_request(cast, "340102")
    client.force_login(cast.user("340100", Role.CLERK))
    page = client.get(url("detail", help_request), {"q": "赵"})
    assert list(dict(page.context["register_form"].fields["applicant"].choices)) == [str(mine.pk)]


def test_a_registration_without_an_applicant_shows_the_error(clerk, cast):
    help_request = make_help_request(cast, "340102")
    response = clerk.post(url("register", help_request), {"version": 1, "matter_category": ""})
    assert response.status_code == 200
    html = main_of(response)
    assert 'id="error-summary"' in html
    assert "Choose the applicant, or register them first." in html
    assert HelpRequest.all_objects.get(pk=help_request.pk).status == "new"


def test_a_decline_without_its_detail_shows_the_error_linked_to_the_field(clerk, cast):
    help_request = make_help_request(cast, "340102")
    response = clerk.post(url("decline", help_request), {"version": 1, "reason": "outside_area"})
    assert response.status_code == 200
    html = main_of(response)
    assert "Say which area the request belongs to." in html
    assert 'aria-describedby="id_detail_helptext id_detail_error"' in html
    assert 'href="#id_detail"' in html
    response = clerk.post(
        url("decline", help_request), {"version": 1, "reason": "outside_area", "detail": "芜湖市"}
    )
    assert response["Location"] == url("detail", help_request)
    assert "Outside our area: 芜湖市" in main_of(clerk.get(url("detail", help_request)))


def test_a_stale_or_repeated_decision_is_refused_with_a_clear_message(clerk, cast):
    help_request = make_help_request(cast, "340102")
    for data in ({"version": 7}, {"version": ""}, {}):
        response = clerk.post(url("take_up", help_request), data)
        assert response.status_code == 200
        html = main_of(response)
        assert "reload the page" in html
    assert clerk.post(url("take_up", help_request), {"version": 1}).status_code == 302
    response = clerk.post(url("decline", help_request), {"version": 1, "reason": "duplicate"})
    assert response.status_code == 200
    assert "This request was already handled: Taken up as a request for help." in main_of(response)


def test_a_lawyer_has_no_inbox_and_a_leader_cannot_decide(client, cast):
    help_request = make_help_request(cast, "340102")
    client.force_login(cast.user("340102", Role.LAWYER))
    assert client.get(LIST).status_code == 403
    client.force_login(cast.user("340102", Role.LEADER))
    viewing = client.get(url("detail", help_request))
    if viewing.status_code == 200:
        assert "Take up" not in main_of(viewing)
    response = client.post(url("decline", help_request), {"version": 1, "reason": "duplicate"})
    assert response.status_code == 403
