"""Reads of the staff inbox: scope, own federation or the whole area, status, keyset pages."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from portal.models import HelpRequest
from portal.selectors import inbox
from portal.selectors.inbox import (
    AREA,
    OWN,
    help_request_in_scope_or_404,
    help_requests_within,
    inbox_page,
    is_overdue,
    make_cursor,
    new_requests_count,
    parse_cursor,
)
from regions.scoping import scope_for_region
from tests.portal.inbox_helpers import make_help_request

pytestmark = pytest.mark.django_db


def scope_of(cast, code):
    return scope_for_region(cast.regions[code], {"case.view"})


def listed(cast, code, area=OWN, status="new"):
    return set(
        help_requests_within(scope_of(cast, code), cast.federations[code], area=area, status=status)
    )


def test_a_request_for_a_county_is_in_its_inbox_and_in_no_sibling_s(cast):
    help_request = make_help_request(cast, "340102")
    assert help_request in listed(cast, "340102")
    assert help_request not in listed(cast, "340103")
    assert help_request not in listed(cast, "340103", area=AREA)
    assert help_request not in listed(cast, "340200", area=AREA)


def test_the_city_sees_a_county_s_request_only_under_all_in_my_area(cast):
    county = make_help_request(cast, "340102")
    city = make_help_request(cast, "340100", chosen="340103")  # 340103 has no workstation
    assert listed(cast, "340100") == {city}
    assert listed(cast, "340100", area=AREA) == {county, city}
    assert listed(cast, "340000", area=AREA) == {county, city}
    assert listed(cast, "340000") == set()


def test_the_status_filter_and_newest_first(cast):
    old = make_help_request(cast, "340102", submitted_at=timezone.now() - timedelta(days=2))
    new = make_help_request(cast, "340102")
    declined = make_help_request(cast, "340102", status="declined")
    scope = scope_of(cast, "340102")
    federation = cast.federations["340102"]
    assert list(help_requests_within(scope, federation, status="new")) == [new, old]
    assert list(help_requests_within(scope, federation, status="declined")) == [declined]
    assert list(help_requests_within(scope, federation)) == [declined, new, old]
    assert new_requests_count(scope, federation) == 2
    assert new_requests_count(None, federation) == 0


def test_out_of_scope_and_missing_requests_are_both_404(cast):
    help_request = make_help_request(cast, "340102")
    assert help_request_in_scope_or_404(scope_of(cast, "340100"), help_request.pk) == help_request
    for code, pk in (("340103", help_request.pk), ("340102", 999999), ("340102", "x")):
        with pytest.raises(Http404):
            help_request_in_scope_or_404(scope_of(cast, code), pk)
    with pytest.raises(Http404):
        help_request_in_scope_or_404(None, help_request.pk)


def test_keyset_pages_walk_every_request_once(cast, monkeypatch):
    monkeypatch.setattr(inbox, "PAGE_SIZE", 2)
    at = timezone.now()
    made = [make_help_request(cast, "340102", submitted_at=at) for _ in range(3)]
    made += [make_help_request(cast, "340102", submitted_at=at - timedelta(hours=1))]
    requests = help_requests_within(scope_of(cast, "340102"), cast.federations["340102"])
    seen, cursor, pages = [], None, 0
    while True:
        page = inbox_page(requests, cursor)
        seen += page.rows
        pages += 1
        assert page.is_first == (cursor is None)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert pages == 2
    assert seen == sorted(made, key=lambda r: (r.submitted_at, r.pk), reverse=True)


@pytest.mark.parametrize("garbled", ["", "abc", "1.x", "-5.3", "9" * 30 + ".1", "1.2.3"])
def test_a_garbled_cursor_starts_from_the_newest(garbled):
    assert parse_cursor(garbled) is None


def test_a_cursor_round_trips(cast):
    help_request = make_help_request(cast, "340102")
    at, pk = parse_cursor(make_cursor(help_request))
    assert (at, pk) == (help_request.submitted_at, help_request.pk)


def test_a_new_request_is_overdue_after_two_working_days(cast):
    friday = datetime(2026, 11, 6, 8, 0, tzinfo=UTC)
    help_request = make_help_request(cast, "340102", submitted_at=friday)
    assert not is_overdue(help_request, today=date(2026, 11, 10))  # Tuesday: due
    assert is_overdue(help_request, today=date(2026, 11, 11))  # Wednesday
    help_request.status = HelpRequest.Status.DECLINED
    assert not is_overdue(help_request, today=date(2026, 11, 11))
