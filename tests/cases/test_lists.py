"""The case list: scope, filters, search, keyset pages, overdue and the page itself."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEntry
from cases.crypto import lookup_hash
from cases.models import CasePolicy, Referral, Service
from cases.selectors.lists import CaseFilter, after_prefix, case_list, make_cursor, read_cursor
from cases.services.searches import record_identifier_search
from people.models import Person
from regions.middleware import scope_for_membership
from regions.scoping import unscoped
from tests.cases.helpers import make_applicant, make_case
from tests.people.helpers import make_person

pytestmark = pytest.mark.django_db


ID_NUMBER = "110101202311012176"
NOW = timezone.now()


def scope_of(cast, code, role=Role.CLERK):
    return scope_for_membership(cast.user(code, role).membership)


def numbers(page):
    return {case.number for case in page.cases}


def listed(cast, code, role=Role.CLERK, **filters):
    return numbers(case_list(scope_of(cast, code, role), CaseFilter(**filters)))


def add_row(model, case, **fields):
    row = model(case=case, **fields)
    row.province_code, row.city_code, row.county_code = (
        case.province_code,
        case.city_code,
        case.county_code,
    )
    with unscoped("test fixture"):
        row.save()
    return row


def test_a_county_clerk_lists_only_the_countys_cases_and_the_province_sees_all(cast):
    own = make_case(cast, "340102")
    sibling = make_case(cast, "340103")
    city = make_case(cast, "340100")
    assert listed(cast, "340102") == {own.number}
    assert listed(cast, "340100") == {own.number, sibling.number, city.number}
    assert listed(cast, "340200") == set()
    assert len(listed(cast, "340000")) == 3


def test_a_lawyer_lists_only_the_cases_they_handle_or_serve(cast):
    lawyer = make_person(cast, "340102")
    with unscoped("test fixture"):
        Person.objects.filter(pk=lawyer.pk).update(user=cast.user("340102", Role.LAWYER))
    handled = make_case(cast, "340102", handler=lawyer)
    served = make_case(cast, "340102")
    add_row(Service, served, kind="consultation", provider=lawyer, provided_on=timezone.localdate())
    make_case(cast, "340102")
    assert listed(cast, "340102", Role.LAWYER) == {handled.number, served.number}


def test_filters_narrow_by_region_status_matter_disability_channel_and_dates(cast):
    a = make_case(cast, "340102", status="accepted", matter_category="education")
    b = make_case(cast, "340202", channel="phone", disability_category="2")
    old = make_case(cast, "340202", registered_at=NOW - timedelta(days=400))
    assert listed(cast, "340000", region=cast.regions["340200"]) == {b.number, old.number}
    assert listed(cast, "340000", region=cast.regions["340102"]) == {a.number}
    assert listed(cast, "340000", status="accepted") == {a.number}
    assert listed(cast, "340000", matter_category="education") == {a.number}
    assert listed(cast, "340000", disability_category="2") == {b.number}
    assert listed(cast, "340000", channel="phone") == {b.number}
    today = timezone.localdate()
    assert old.number not in listed(cast, "340000", registered_from=today - timedelta(days=30))
    assert listed(cast, "340000", registered_to=today - timedelta(days=300)) == {old.number}


def test_a_region_filter_never_widens_the_scope(cast):
    make_case(cast, "340103")
    assert listed(cast, "340102", region=cast.regions["340103"]) == set()
    assert listed(cast, "340102", region=cast.regions["340100"]) == set()


def test_filters_by_service_received_and_open_risk(cast):
    mediated = make_case(cast, "340102")
    provider = make_person(cast, "340102")
    today = timezone.localdate()
    add_row(Service, mediated, kind="mediation", provider=provider, provided_on=today)
    risky = make_case(cast, "340102", has_open_risk=True)
    assert listed(cast, "340100", service_kind="mediation") == {mediated.number}
    assert listed(cast, "340100", service_kind="defence") == set()
    assert listed(cast, "340100", risk=True) == {risky.number}


def test_overdue_means_late_acceptance_late_referral_or_late_archiving(cast):
    today = timezone.localdate()
    late_accept = make_case(cast, "340102", registered_at=NOW - timedelta(days=8))
    make_case(cast, "340102", registered_at=NOW - timedelta(days=6))
    referred = make_case(cast, "340102", status="referred")
    add_row(
        Referral,
        referred,
        kind="legal_aid",
        status="sent",
        prepared_at=NOW,
        decision_due_on=today - timedelta(days=1),
    )
    late_file = make_case(cast, "340102", status="closed", archive_due_on=today - timedelta(1))
    make_case(cast, "340102", status="closed", archive_due_on=today + timedelta(days=1))
    page = case_list(scope_of(cast, "340102"), CaseFilter(overdue=True))
    reasons = {case.number: case.overdue_reasons for case in page.cases}
    assert reasons == {
        late_accept.number: ["acceptance"],
        referred.number: ["referral"],
        late_file.number: ["archiving"],
    }


def test_the_acceptance_limit_follows_the_province_policy(cast):
    CasePolicy.objects.create(province=cast.regions["340000"], acceptance_days=3)
    late = make_case(cast, "340102", registered_at=NOW - timedelta(days=4))
    assert listed(cast, "340102", overdue=True) == {late.number}


def test_search_by_case_number_exact_or_its_beginning(cast):
    first = make_case(cast, "340102")
    second = make_case(cast, "340102")
    other = make_case(cast, "340103")
    assert listed(cast, "340100", number=first.number) == {first.number}
    assert listed(cast, "340100", number="340102-") == {first.number, second.number}
    assert other.number not in listed(cast, "340100", number="340102")


def test_a_prefix_is_searched_as_a_range_up_to_the_next_string():
    assert after_prefix("王") == "玌"
    assert after_prefix("340102-") == "340102."
    assert after_prefix("\ud7ff") == "\ue000"
    assert after_prefix("a\U0010ffff") == "a\U0010ffff\U0010ffff"


def test_search_by_the_beginning_of_the_applicants_name_stays_in_scope(cast):
    wang = make_case(cast, "340102", applicant=make_applicant(cast, "340102", name="王小红"))
    make_case(cast, "340102", applicant=make_applicant(cast, "340102", name="李王"))
    make_case(cast, "340103", applicant=make_applicant(cast, "340103", name="王大"))
    assert listed(cast, "340102", name="王") == {wang.number}
    assert listed(cast, "340102", name="王小红") == {wang.number}


def test_search_by_id_number_uses_the_keyed_hash(cast):
    applicant = make_applicant(cast, "340102", id_number_hash=lookup_hash("id_number", ID_NUMBER))
    found = make_case(cast, "340102", applicant=applicant)
    make_case(cast, "340102")
    hashed = lookup_hash("id_number", ID_NUMBER)
    assert listed(cast, "340102", id_number_hash=hashed) == {found.number}
    assert listed(cast, "340103", id_number_hash=hashed) == set()


def test_keyset_pages_cover_every_case_once_even_with_equal_times(cast):
    made = {make_case(cast, "340102", registered_at=NOW - timedelta(hours=n % 3)) for n in range(7)}
    scope, seen, after = scope_of(cast, "340102"), [], None
    while True:
        page = case_list(scope, CaseFilter(), after=after, page_size=3)
        seen += [case.number for case in page.cases]
        assert page.count == 7
        if not page.next_cursor:
            break
        after = page.next_cursor
    assert sorted(seen) == sorted(case.number for case in made)
    assert len(seen) == 7


def test_a_tampered_cursor_gives_the_first_page_and_says_so(cast):
    case = make_case(cast, "340102")
    cursor = make_cursor(case)
    assert read_cursor(cursor)[0] == (case.registered_at, case.pk)
    page = case_list(scope_of(cast, "340102"), CaseFilter(), after=cursor[:-2] + "xx")
    assert page.cursor_was_invalid
    assert numbers(page) == {case.number}
    assert read_cursor("not a cursor") == (None, True)


def test_an_identifier_search_is_audited_with_the_number_masked(cast):
    clerk = cast.user("340102", Role.CLERK)
    record_identifier_search(ID_NUMBER, actor=clerk, kind="id_number", results=1)
    entry = AuditEntry.all_objects.get(action="applicant.searched")
    assert entry.changes == {"id_number": [None, "1101**********2176"], "results": [None, 1]}
    assert entry.county_code == "340102"
    assert ID_NUMBER not in str(entry.changes)


# --- The page --------------------------------------------------------------------------------


def test_the_list_page_shows_cases_as_text_without_identifiers(client, cast, english):
    applicant = make_applicant(cast, "340102", name="王小红", id_number_masked="1101****2176")
    case = make_case(
        cast, "340102", applicant=applicant, has_open_risk=True, registered_at=NOW - timedelta(9)
    )
    client.force_login(cast.user("340100", Role.CLERK))
    response = client.get(reverse("cases:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert case.number in html
    assert reverse("cases:detail", args=[case.pk]) in html
    assert "王小红" in html
    assert "1 case matches, newest first" in html
    assert "Acceptance overdue" in html
    assert "Open risk" in html
    assert "1101****2176" not in html


def test_the_page_searches_by_id_number_and_audits_it(client, cast, english):
    applicant = make_applicant(
        cast, "340102", name="赵某", id_number_hash=lookup_hash("id_number", ID_NUMBER)
    )
    case = make_case(cast, "340102", applicant=applicant)
    client.force_login(cast.user("340102", Role.CLERK))
    spaced = " ".join([ID_NUMBER[:6], ID_NUMBER[6:14], ID_NUMBER[14:]])
    response = client.get(reverse("cases:list"), {"q": spaced})
    assert case.number in response.content.decode()
    entry = AuditEntry.all_objects.get(action="applicant.searched")
    assert entry.changes["id_number"] == [None, "1101**********2176"]


def test_a_mistyped_id_number_and_a_reversed_date_range_are_explained(client, cast, english):
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.get(
        reverse("cases:list"),
        {"q": "110101202311012177", "registered_from": "2026-02-01", "registered_to": "2026-01-01"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "fails its check character" in html
    assert "The end date is before the start date." in html
    assert 'value="110101202311012177"' in html
    assert not AuditEntry.all_objects.filter(action="applicant.searched").exists()


def test_bad_filter_values_and_a_bad_cursor_never_fail(client, cast, english):
    make_case(cast, "340102")
    client.force_login(cast.user("340102", Role.CLERK))
    for query in (
        {"status": "nonsense"},
        {"region": "999999"},
        {"registered_from": "yesterday"},
        {"after": "garbage"},
        {"after": "", "q": "\x7f"},
    ):
        response = client.get(reverse("cases:list"), query)
        assert response.status_code == 200, query
    html = client.get(reverse("cases:list"), {"after": "garbage"}).content.decode()
    assert "no longer valid" in html


def test_next_and_first_page_links_keep_the_filters(client, cast, english):
    for _ in range(3):
        make_case(cast, "340102", matter_category="education")
    client.force_login(cast.user("340102", Role.CLERK))
    page = case_list(scope_of(cast, "340102"), CaseFilter(matter_category="education"), page_size=2)
    assert page.next_cursor
    html = client.get(reverse("cases:list"), {"matter": "education"}).content.decode()
    assert "Next page" not in html  # 3 cases fit on one page of 50
    response = client.get(reverse("cases:list"), {"matter": "education", "after": page.next_cursor})
    html = response.content.decode()
    assert "First page" in html
    assert 'href="?matter=education"' in html


def test_the_list_page_runs_in_constant_queries(client, cast, django_assert_max_num_queries):
    lawyer = make_person(cast, "340102", kind=Person.Kind.LAWYER)
    for _ in range(5):
        make_case(cast, "340102", handler=lawyer)
    client.force_login(cast.user("340100", Role.CLERK))
    url = reverse("cases:list")
    query = {"overdue": "on", "service": "", "q": "王"}
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(20) as few_filtered:
        assert client.get(url, query).status_code == 200
    # One more query at most: the capped count runs only when the result spans pages.
    for _ in range(55):
        make_case(cast, "340103", registered_at=NOW - timedelta(days=30))
    with django_assert_max_num_queries(len(few.captured_queries) + 1) as many:
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(len(few_filtered.captured_queries) + 1):
        assert client.get(url, query).status_code == 200
    for _ in range(60):
        make_case(cast, "340102", registered_at=NOW - timedelta(days=60))
    with django_assert_max_num_queries(len(many.captured_queries)):
        assert client.get(url).status_code == 200


def test_a_large_result_is_counted_only_up_to_the_limit(client, cast, english, monkeypatch):
    monkeypatch.setattr("cases.selectors.lists.COUNT_LIMIT", 2)
    for _ in range(3):
        make_case(cast, "340102")
    page = case_list(scope_of(cast, "340102"), CaseFilter())
    assert (page.count, page.count_is_capped, len(page.cases)) == (2, True, 3)
    client.force_login(cast.user("340102", Role.CLERK))
    assert "More than 2 cases match" in client.get(reverse("cases:list")).content.decode()
