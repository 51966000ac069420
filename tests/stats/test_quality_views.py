"""The data-quality list: counts, the first failing records with links the viewer can open,
whose records block which report, every record of a check page by page, the audit entry, a bad
period, a region outside the scope, and a query count that does not grow with the data."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEntry
from cases.models import Applicant
from lawstation import periods
from regions.scoping import unscoped
from stats.selectors.quality import DEFAULT_LIMIT, blocking_problems
from tests.compliance import factories as f
from tests.stats.test_quality_checks import BUILDERS, JUNE, closed

pytestmark = pytest.mark.django_db

URL = reverse("quality:list")
NAME = "欧阳测试者"


def page(client, user, region="340100", period="2025", **more):
    client.force_login(user)
    return client.get(URL, {"region": region, "period": period, **more})


def table_row(html: str, number: str) -> str:
    """The table row (``<tr>...</tr>``) of the case numbered ``number``."""
    (row,) = [row for row in html.split("<tr") if f">{number}</th>" in row]
    return row


def fix_links(response) -> set[str]:
    return {link for link in links(response, "/staff/") if "/statistics/" not in link}


def links(response, prefix: str) -> list[str]:
    html = response.content.decode()
    return [
        unescape(href) for href in re.findall(r'href="([^"]+)"', html) if href.startswith(prefix)
    ]


@pytest.fixture
def station(cast):
    return f.station(cast, "340102")


@pytest.fixture
def one_of_each(station):
    cases = {name: bad(station) for name, (bad, _good) in BUILDERS.items()}
    Applicant.all_objects.update(name=NAME)
    return cases


def test_the_list_counts_and_links_every_problem_to_its_fix(client, cast, one_of_each):
    clerk = cast.user("340100", "clerk")
    response = page(client, clerk, records="region")
    assert response.status_code == 200
    html = response.content.decode()
    for name, case in one_of_each.items():
        assert f'id="check-{name}"' in html, name
        assert case.number in html
    assert NAME not in html  # no names (nor identity numbers) in the list
    fixes = fix_links(response)
    assert any("/applicants/" in link and link.endswith("/edit/") for link in fixes)
    assert any("/referrals/" in link for link in fixes)
    assert any("/services/" in link and link.endswith("/edit/") for link in fixes)
    assert not any("/return-visits/" in link for link in fixes)  # a recorded visit is final
    for link in fixes:
        assert client.get(link).status_code == 200, link


def test_a_leader_is_linked_to_pages_a_leader_can_open(client, cast, one_of_each):
    leader = cast.user("340100", Role.LEADER)
    response = page(client, leader, records="region")
    fixes = fix_links(response)
    assert any("/applicants/" in link for link in fixes)
    assert any("/services/" in link for link in fixes)
    assert not any(link.endswith("/edit/") for link in fixes)
    for link in fixes:
        assert client.get(link).status_code == 200, link


def test_the_own_records_are_the_default_and_block_the_report(client, cast, station, english):
    city = f.station(cast, "340100")
    own = closed(city, outcome="")
    county = closed(station, outcome="")
    clerk = cast.user("340100", Role.CLERK)
    assert blocking_problems(cast.federations["340100"], periods.year(2025)) == {
        "closed_without_outcome": 1
    }

    html = page(client, clerk).content.decode()  # the own region: its own records
    assert 'value="own" id="id_records_0" checked' in html
    assert own.number in html
    assert county.number not in html
    assert "1 record of 合肥市残疾人联合会 blocks its report for this period." in html
    assert "This federation&#x27;s report" in table_row(html, own.number)

    html = page(client, clerk, records="region").content.decode()
    assert own.number in html
    assert county.number in html
    assert "1 record of 合肥市残疾人联合会 blocks its report for this period." in html
    assert "This federation&#x27;s report" in table_row(html, own.number)
    assert "The report of the federation that keeps the record" in table_row(html, county.number)

    # A region below shows everything filed under it: the county's own records.
    html = page(client, clerk, region="340102").content.decode()
    assert county.number in html
    assert own.number not in html
    assert "1 record of 瑶海区残疾人联合会 blocks its report for this period." in html


def test_without_errors_the_page_says_nothing_blocks(client, cast, station, english):
    closed(station, closing_summary="")  # a warning only
    html = page(client, cast.user("340102", Role.CLERK), region="340102").content.decode()
    assert "No record of 瑶海区残疾人联合会 blocks its report for this period." in html
    assert "None (a warning)" in html


def test_each_look_is_audited(client, cast, station):
    closed(station, outcome="")
    page(client, cast.user("340100", "leader"))
    with unscoped("test"):
        entry = AuditEntry.all_objects.get(action="data_quality.viewed")
    assert entry.target_id == "340100"
    assert entry.changes == {"period": [None, "2025"], "records": [None, "own"]}
    assert entry.city_code == "340100"


def test_every_record_of_a_check_is_listed_page_by_page(
    client, cast, station, english, monkeypatch
):
    monkeypatch.setattr("stats.views.quality.PAGE_SIZE", 10)
    cases = [closed(station, outcome="") for _ in range(DEFAULT_LIMIT + 2)]
    response = page(client, cast.user("340102", "clerk"), region="340102")
    html = response.content.decode()
    section = html[html.index('id="check-closed_without_outcome"') :]
    assert section.count("/staff/cases/") == DEFAULT_LIMIT
    assert "Show all 22 records of this check" in html
    (everything,) = [link for link in links(response, URL) if "check=" in link]
    assert "check=closed_without_outcome" in everything

    seen = set()
    next_page = everything
    for number in (1, 2, 3):
        listed = client.get(next_page)
        html = listed.content.decode()
        assert f"Page {number} of 3" in html
        seen |= {case.number for case in cases if case.number in html}
        following = [link for link in links(listed, URL) if f"page={number + 1}" in link]
        next_page = following[0] if following else None
    assert next_page is None
    assert seen == {case.number for case in cases}
    assert "records 21 to 22 of 22" in html

    past_the_end = client.get(everything + "&page=9").content.decode()
    assert "Page 3 of 3" in past_the_end


def test_a_period_that_does_not_exist_is_refused_clearly(client, cast, station, english):
    response = page(client, cast.user("340100", "clerk"), period="2026-Q5")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "A quarter is Q1 to Q4." in html
    assert 'aria-invalid="true"' in html
    assert "quality-summary" not in html
    with unscoped("test"):
        assert not AuditEntry.all_objects.filter(action="data_quality.viewed").exists()


def test_an_unknown_check_is_refused_clearly(client, cast, english):
    response = page(client, cast.user("340100", "clerk"), check="nonsense")
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "quality-summary" not in response.content.decode()


def test_a_region_outside_the_scope_is_a_404_like_a_missing_one(client, cast):
    county = cast.user("340102", "clerk")
    assert page(client, county, region="340100").status_code == 404
    assert page(client, county, region="340103").status_code == 404
    assert page(client, county, region="349999").status_code == 404
    assert page(client, county, region="340102").status_code == 200


def test_without_a_period_the_current_year_is_checked(client, cast):
    client.force_login(cast.user("340100", "clerk"))
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["period"].kind == "year"
    assert response.context["region"].code == "340100"


QUERIES = [
    {"records": "own"},
    {"records": "region"},
    {"records": "region", "check": "closed_without_outcome"},
    {"records": "own", "check": "applicant_missing_sex_or_birth", "page": "2"},
]


@pytest.mark.parametrize("more", QUERIES)
def test_the_query_count_does_not_grow_with_the_data(client, cast, station, one_of_each, more):
    clerk = cast.user("340100", "clerk")
    city = f.station(cast, "340100")
    for bad, _good in BUILDERS.values():
        bad(city)
    client.force_login(clerk)
    query = {"region": "340100", "period": "2025", **more}
    client.get(URL, query)  # warm the session
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL, query).status_code == 200
    sibling = f.station(cast, "340103")
    for bad, _good in BUILDERS.values():
        for where in (station, sibling, station, city, city):
            bad(where)
    for _ in range(60):
        f.case(city, registered_on=JUNE, disability_category="")
    with CaptureQueriesContext(connection) as large:
        assert client.get(URL, query).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
