"""Reads for the staff inbox of online requests for help (the web channel).

Every read runs under the user's scope: a clerk sees only requests filed to federations in their
region. By default the inbox lists the requests addressed to the user's own federation (the one
that must act); a city or province may widen it to every request in its area. Pages are cut by
keyset (``submitted_at``, ``pk``), so a page costs the same queries however deep it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from cases.models import Applicant
from cases.referral_rules import add_working_days
from cases.selectors.intake import applicant_in_scope, applicants_matching
from portal.models import HelpRequest
from regions.models import Federation
from regions.scoping import Scope, activate, get_in_scope_or_404, scope_for_region

PAGE_SIZE = 50
# A new request not taken up within this many working days is overdue.
ANSWER_WORKING_DAYS = 2
OWN, AREA = "own", "area"


@dataclass(frozen=True)
class InboxPage:
    rows: list[HelpRequest]
    next_cursor: str | None
    is_first: bool


def help_requests_within(
    scope: Scope, federation: Federation | None, *, area: str = OWN, status: str = ""
) -> QuerySet[HelpRequest]:
    """Requests in the scope: only ``federation``'s unless ``area`` is AREA; newest first."""
    with activate(scope):
        requests = HelpRequest.objects.select_related("chosen_region", "federation")
    if area != AREA:
        requests = requests.filter(federation=federation) if federation else requests.none()
    if status:
        requests = requests.filter(status=status)
    return requests.order_by("-submitted_at", "-pk")


def inbox_page(requests: QuerySet[HelpRequest], cursor: str | None = None) -> InboxPage:
    """One page of ``requests`` (ordered newest first) after ``cursor`` (from a previous page)."""
    after = parse_cursor(cursor)
    if after is not None:
        at, pk = after
        requests = requests.filter(Q(submitted_at__lt=at) | Q(submitted_at=at, pk__lt=pk))
    rows = list(requests[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return InboxPage(
        rows=rows,
        next_cursor=make_cursor(rows[-1]) if more else None,
        is_first=after is None,
    )


def make_cursor(help_request: HelpRequest) -> str:
    micros = int(help_request.submitted_at.timestamp() * 1_000_000)
    return f"{micros}.{help_request.pk}"


def parse_cursor(cursor: str | None) -> tuple[datetime, int] | None:
    """The (submitted_at, pk) a cursor stands for; None for a missing or garbled one."""
    micros, _, pk = (cursor or "").partition(".")
    if not (micros.isdigit() and pk.isdigit()) or len(micros) > 20 or len(pk) > 18:
        return None
    try:
        at = datetime.fromtimestamp(int(micros) / 1_000_000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return at, int(pk)


def new_requests_count(scope: Scope | None, federation: Federation | None) -> int:
    """How many new requests wait for ``federation`` (for the navigation)."""
    if scope is None or federation is None:
        return 0
    return help_requests_within(scope, federation, status=HelpRequest.Status.NEW).count()


def help_request_in_scope_or_404(scope: Scope | None, pk: int | str) -> HelpRequest:
    """One request inside the scope; missing and out of scope both give 404."""
    if scope is None:
        raise Http404
    with activate(scope):
        queryset = HelpRequest.objects.select_related(
            "chosen_region", "federation__region", "handled_by", "intake__case"
        )
    return get_in_scope_or_404(queryset, scope, pk=pk)


def answer_due(submitted_at: datetime) -> date:
    """The last day to take up a request submitted at ``submitted_at`` (local time)."""
    return add_working_days(timezone.localdate(submitted_at), ANSWER_WORKING_DAYS)


def is_overdue(help_request: HelpRequest, today: date | None = None) -> bool:
    """A new request still not taken up after the working days allowed."""
    if help_request.status != HelpRequest.Status.NEW:
        return False
    return (today or timezone.localdate()) > answer_due(help_request.submitted_at)


def applicants_for(
    help_request: HelpRequest, scope: Scope, query: str, chosen: object, *, actor: object = None
) -> list[Applicant]:
    """Applicants of the request's federation the register form offers: the one already chosen,
    then those matching ``query`` (by name, or by an identifier: an audited search)."""
    region = help_request.federation.region
    if not scope.covers(region):
        return []
    federation_scope = scope_for_region(region, scope.capabilities, scope.user_id)
    found = applicants_matching(federation_scope, query, actor=actor)
    first = applicant_in_scope(federation_scope, chosen)
    if first is None:
        return found
    return [first, *(applicant for applicant in found if applicant.pk != first.pk)]
