"""The audit administrator's log: scoped like the data, searchable, keyset-paginated, htmx-aware,
constant in queries, and itself audited."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEntry
from audit.services import record
from tests.audit.identifiers import resident_id

pytestmark = pytest.mark.django_db

LIST = reverse("audit:list")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def detail(pk: int) -> str:
    return reverse("audit:detail", args=[pk])


def auditor(client, cast, code: str):
    user = cast.user(code, Role.AUDIT_ADMIN)
    client.force_login(user)
    return user


def mark_every_region(cast) -> dict[str, AuditEntry]:
    """One entry filed under each region of the cast, its code in ``changes``."""
    return {
        code: record("seed.loaded", None, actor=None, region=region, changes={"at": [None, code]})
        for code, region in cast.regions.items()
    }


def listed_codes(response) -> set[str]:
    return {e.changes["at"][1] for e in response.context["entries"] if "at" in e.changes}


def main_of(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


# --- Scope -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "visible"),
    [
        ("340000", {"340000", "340100", "340102", "340103", "340200", "340202", "340207"}),
        ("340100", {"340100", "340102", "340103"}),
        ("340200", {"340200", "340202", "340207"}),
        ("340102", {"340102"}),
        ("340207", {"340207"}),
    ],
)
def test_an_auditor_sees_entries_of_their_region_and_below_only(client, cast, code, visible):
    mark_every_region(cast)
    auditor(client, cast, code)
    response = client.get(LIST, {"action": "seed.loaded"})
    assert response.status_code == 200
    assert listed_codes(response) == visible


def test_the_city_auditor_sees_its_counties_but_not_the_sibling_city_or_the_province(client, cast):
    entries = mark_every_region(cast)
    auditor(client, cast, "340100")
    listed = {e.pk for e in client.get(LIST).context["entries"]}
    assert {entries[c].pk for c in ("340100", "340102", "340103")} <= listed
    assert not {entries[c].pk for c in ("340000", "340200", "340202", "340207")} & listed
    assert client.get(detail(entries["340102"].pk)).status_code == 200
    for code in ("340000", "340200", "340202"):
        assert client.get(detail(entries[code].pk)).status_code == 404


def test_county_auditor_cannot_open_sibling_county_audit_entry(client, cast):
    entries = mark_every_region(cast)
    auditor(client, cast, "340102")
    assert client.get(detail(entries["340102"].pk)).status_code == 200
    sibling = client.get(detail(entries["340103"].pk))
    missing = client.get(detail(10**9))
    parent = client.get(detail(entries["340100"].pk))
    assert sibling.status_code == missing.status_code == parent.status_code == 404
    assert main_of(sibling) == main_of(missing)


def test_entries_filed_under_no_region_are_shown_to_no_auditor(client, cast):
    orphan = record("seed.loaded", None, actor=None, changes={"at": [None, "nowhere"]})
    auditor(client, cast, "340000")
    assert orphan.pk not in {e.pk for e in client.get(LIST).context["entries"]}
    assert client.get(detail(orphan.pk)).status_code == 404


# --- Search ------------------------------------------------------------------------------------


def test_search_by_action(client, cast):
    record("seed.loaded", None, actor=None, region=cast.regions["340102"])
    clerk = cast.user("340102", Role.CLERK)
    record("auth.logged_in", clerk, actor=clerk)
    auditor(client, cast, "340100")  # logs in: one more auth.logged_in, filed under 340100
    listed = client.get(LIST, {"action": "auth.logged_in"}).context["entries"]
    assert [e.action for e in listed] == ["auth.logged_in", "auth.logged_in"]
    assert [e.actor_label for e in listed] == ["audit_admin-340100", "clerk-340102"]


def test_search_by_actor_is_an_exact_case_blind_match(client, cast):
    clerk, leader = cast.user("340102", Role.CLERK), cast.user("340102", Role.LEADER)
    record("auth.logged_in", clerk, actor=clerk)
    record("auth.logged_in", leader, actor=leader)
    auditor(client, cast, "340100")
    listed = client.get(LIST, {"actor": " CLERK-340102 "}).context["entries"]
    assert {e.actor_label for e in listed} == {"clerk-340102"}
    assert len(listed) == 1
    assert client.get(LIST, {"actor": "clerk"}).context["entries"] == []


def test_search_by_an_actor_label_that_was_masked_still_finds_it(client, cast):
    record("auth.login_failed", None, actor_label="13812345678", region=cast.regions["340102"])
    auditor(client, cast, "340100")
    listed = client.get(LIST, {"actor": "13812345678"}).context["entries"]
    assert [e.actor_label for e in listed] == ["138****5678"]


def clerk_region(cast):
    return cast.regions["340102"]


def test_search_by_target_and_outcome(client, cast):
    clerk = cast.user("340102", Role.CLERK)
    record("auth.logged_in", clerk, actor=clerk)
    record("auth.login_failed", clerk, actor=None, outcome="failure", region=clerk_region(cast))
    auditor(client, cast, "340100")
    assert {e.action for e in client.get(LIST, {"outcome": "failure"}).context["entries"]} == {
        "auth.login_failed"
    }
    by_target = client.get(LIST, {"target": "CLERK-340102"}).context["entries"]
    assert all("clerk-340102" in e.target_label for e in by_target)
    assert {e.action for e in by_target} == {
        "user.created",  # by the cast
        "membership.granted",
        "auth.logged_in",
        "auth.login_failed",
    }


def test_search_by_date_uses_the_local_calendar_day(client, cast):
    region = cast.regions["340102"]
    moments = {
        "late on the 1st": datetime(2026, 3, 1, 23, 30, tzinfo=SHANGHAI),  # 15:30 UTC on the 1st
        "early on the 2nd": datetime(2026, 3, 2, 0, 30, tzinfo=SHANGHAI),  # 16:30 UTC on the 1st
        "on the 3rd": datetime(2026, 3, 3, 12, 0, tzinfo=SHANGHAI),
    }
    for label, moment in moments.items():
        with time_machine.travel(moment, tick=False):
            record("seed.loaded", None, actor=None, region=region, changes={"at": [None, label]})
    auditor(client, cast, "340100")

    def found(**dates) -> set[str]:
        return listed_codes(client.get(LIST, {"action": "seed.loaded", **dates}))

    assert found(date_from="2026-03-02", date_to="2026-03-02") == {"early on the 2nd"}
    assert found(date_to="2026-03-01") == {"late on the 1st"}
    assert found(date_from="2026-03-02") == {"early on the 2nd", "on the 3rd"}
    assert found(date_from="2026-03-01", date_to="2026-03-03") == set(moments)


def test_an_end_date_before_the_start_date_is_explained(client, cast):
    record("seed.loaded", None, actor=None, region=cast.regions["340102"])
    auditor(client, cast, "340100")
    response = client.get(LIST, {"date_from": "2026-12-01", "date_to": "2026-01-01"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert "截止日期早于起始日期。" in html
    assert response.context["entries"] == []
    english = client.get(
        LIST, {"date_from": "2026-12-01", "date_to": "2026-01-01"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "The end date is before the start date." in english.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "yesterday"},
        {"date_to": "2026-02-30"},
        {"action": "case.teleported"},
        {"outcome": "maybe"},
        {"actor": "x" * 151},
    ],
)
def test_an_invalid_search_is_explained_not_an_error(client, cast, query):
    auditor(client, cast, "340100")
    response = client.get(LIST, query)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()


# --- htmx, keyset pages, queries ---------------------------------------------------------------


def test_an_htmx_request_gets_only_the_results(client, cast):
    record("seed.loaded", None, actor=None, region=cast.regions["340102"])
    auditor(client, cast, "340100")
    partial = client.get(LIST, {"action": "seed.loaded"}, HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert partial.status_code == 200
    assert "<html" not in html
    assert "<table" in html
    assert "<form" not in html
    full = client.get(LIST, {"action": "seed.loaded"}).content.decode()
    assert "<html" in full
    assert 'id="audit-results"' in full


def test_an_htmx_request_with_a_bad_range_gets_the_errors_in_the_partial(client, cast):
    auditor(client, cast, "340100")
    partial = client.get(
        LIST, {"date_from": "2026-12-01", "date_to": "2026-01-01"}, HTTP_HX_REQUEST="true"
    )
    html = partial.content.decode()
    assert "<html" not in html
    assert 'class="error-summary"' in html


def test_keyset_pages_walk_back_through_every_entry_once(client, cast):
    for _ in range(120):
        record("seed.loaded", None, actor=None, region=cast.regions["340102"])
    auditor(client, cast, "340100")
    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        query = {"action": "seed.loaded"} | ({"before": cursor} if cursor else {})
        response = client.get(LIST, query)
        ids = [e.pk for e in response.context["entries"]]
        assert ids == sorted(ids, reverse=True)
        assert not cursor or all(pk < cursor for pk in ids)
        seen += ids
        pages += 1
        cursor = response.context["next_cursor"]
        if cursor is None:
            break
        assert cursor == ids[-1]
        assert f"action=seed.loaded&amp;before={cursor}" in response.content.decode()
    assert pages == 3
    assert [len(seen), len(set(seen))] == [120, 120]
    expected = AuditEntry.all_objects.filter(action="seed.loaded", county_code="340102")
    assert set(seen) == set(expected.values_list("pk", flat=True))


def test_a_malformed_cursor_is_ignored(client, cast):
    record("seed.loaded", None, actor=None, region=cast.regions["340102"])
    auditor(client, cast, "340100")
    for before in ("abc", "-5", "1e9", "", "1.5", "9" * 40):
        response = client.get(LIST, {"before": before, "action": "seed.loaded"})
        assert response.status_code == 200
        assert len(response.context["entries"]) == 1


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(LIST).status_code == 200
    return len(context.captured_queries)


def test_the_list_runs_the_same_queries_for_30_or_300_entries(
    client, cast, django_assert_max_num_queries
):
    clerks = [cast.user(code, Role.CLERK) for code in ("340102", "340103", "340100")]
    auditor(client, cast, "340000")

    def add(how_many: int) -> None:
        for number in range(how_many):
            clerk = clerks[number % 3]
            record("auth.logged_in", clerk, actor=clerk)

    add(30)
    with django_assert_max_num_queries(10):
        assert client.get(LIST).status_code == 200
    few = count_queries(client)
    add(270)
    with django_assert_max_num_queries(10):
        assert client.get(LIST).status_code == 200
    assert count_queries(client) == few


def test_the_detail_page_runs_a_fixed_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    clerk = cast.user("340102", Role.CLERK)
    entry = record("auth.logged_in", clerk, actor=clerk)
    auditor(client, cast, "340100")
    with django_assert_max_num_queries(10):
        assert client.get(detail(entry.pk)).status_code == 200


# --- The log of the log ------------------------------------------------------------------------


def test_searching_the_log_is_itself_recorded(client, cast):
    user = auditor(client, cast, "340100")
    client.get(LIST, {"action": "auth.logged_in", "actor": "clerk-340102"})
    (entry,) = AuditEntry.all_objects.filter(action="audit.viewed")
    assert (entry.actor, entry.actor_role, entry.city_code) == (user, "audit_admin", "340100")
    assert entry.changes == {"query": [None, "action=auth.logged_in&actor=clerk-340102"]}
    assert entry.channel == "web"


def test_opening_an_entry_is_itself_recorded(client, cast):
    seen = record("seed.loaded", None, actor=None, region=cast.regions["340103"])
    user = auditor(client, cast, "340100")
    client.get(detail(seen.pk))
    (entry,) = AuditEntry.all_objects.filter(action="audit.viewed")
    assert (entry.actor, entry.target_type, entry.target_id) == (
        user,
        "audit.auditentry",
        str(seen.pk),
    )
    assert entry.county_code == "340103"


def test_a_refused_or_invalid_search_records_no_view(client, cast):
    auditor(client, cast, "340100")
    client.get(LIST, {"date_from": "2026-12-01", "date_to": "2026-01-01"})
    client.get(detail(10**9))
    assert not AuditEntry.all_objects.filter(action="audit.viewed").exists()


def test_the_detail_page_shows_masked_changes_only(client, cast):
    number = resident_id("340102", "19750505", "246")
    entry = record(
        "seed.loaded",
        None,
        actor=None,
        region=cast.regions["340102"],
        changes={"id_number": [None, number], "phone": [None, "13912345678"]},
    )
    auditor(client, cast, "340102")
    html = client.get(detail(entry.pk)).content.decode()
    assert "3401**********" + number[-4:] in html
    assert "139****5678" in html
    assert "19750505" not in html
    assert "13912345678" not in html


def test_action_labels_are_translated_when_shown_never_when_stored(client, cast):
    membership_entry = AuditEntry.all_objects.filter(action="membership.granted").latest("id")
    assert membership_entry.action == "membership.granted"
    auditor(client, cast, "340000")
    chinese = client.get(LIST, {"action": "membership.granted"}).content.decode()
    english = client.get(
        LIST, {"action": "membership.granted"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "加入残联" in chinese
    assert "Added to a federation" in english
