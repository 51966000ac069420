"""Finding cases at scale: the filtered, searchable, keyset-paginated case list.

Built on :func:`cases.selectors.cases.cases_visible` (the one place deciding what a scope sees),
so a lawyer finds only the cases they handle or serve. Every filter is an equality or a range on
an indexed column of the case (region codes, ``registered_at``, ``number``, ``status``) or an
``EXISTS`` probe on an indexed child table, and pages are cut by keyset on
``(registered_at desc, id desc)``: the first page and the thousandth cost the same, and no
page counts more than :data:`COUNT_LIMIT` rows.

**Overdue** (one definition, used by the filter and by the flag each row shows):

* *acceptance*: still ``registered`` more than the province policy's ``acceptance_days``
  (default 7) after registration;
* *referral*: an open case with a referral sent whose ``decision_due_on`` has passed without a
  decision, or accepted whose ``assignment_due_on`` has passed with no lawyer assigned;
* *archiving*: ``closed`` and ``archive_due_on`` is before today.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from django.core import signing
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from cases import lifecycle
from cases.models import Applicant, Case, CasePolicy, Referral, Service
from cases.selectors.cases import cases_visible
from regions.models import Federation, Region
from regions.scoping import Scope, activate

PAGE_SIZE = 50
# The list says "more than 1,000" rather than count a whole province exactly.
COUNT_LIMIT = 1000
DEFAULT_ACCEPTANCE_DAYS = 7
CURSOR_SALT = "cases.list.cursor"
# What a row of the list shows: fewer columns read, fewer objects built.
LIST_COLUMNS = (
    "number",
    "status",
    "matter_category",
    "registered_at",
    "archive_due_on",
    "has_open_risk",
    "applicant__name",
    "federation__region__name",
)


@dataclass(frozen=True)
class CaseFilter:
    """What the list is narrowed to; empty values do not filter."""

    region: Region | None = None
    status: str = ""
    service_kind: str = ""
    matter_category: str = ""
    disability_category: str = ""
    channel: str = ""
    registered_from: date | None = None
    registered_to: date | None = None
    overdue: bool = False
    risk: bool = False
    # Search: a case number (exact or its beginning) or the beginning of an applicant's name.
    number: str = ""
    name: str = ""
    # The keyed hash of a normalised resident ID number (never the number itself).
    id_number_hash: str = ""
    certificate_hash: str = ""


@dataclass(frozen=True)
class CasePage:
    cases: list[Case]
    count: int
    count_is_capped: bool
    next_cursor: str
    cursor_was_invalid: bool


def acceptance_days(scope: Scope) -> int:
    """The acceptance time limit of the scope's province (its policy, else the default)."""
    province = scope.region_code[:2] + "0000"
    days = (
        CasePolicy.objects.filter(province_id=province)
        .values_list("acceptance_days", flat=True)
        .first()
    )
    return days or DEFAULT_ACCEPTANCE_DAYS


def overdue_referrals(today: date) -> QuerySet[Referral]:
    """Referrals of the outer case whose decision or assignment is late (see the module)."""
    late_decision = Q(status=Referral.Status.SENT, decision_due_on__lt=today)
    late_assignment = Q(
        status=Referral.Status.ACCEPTED, assigned_on__isnull=True, assignment_due_on__lt=today
    )
    return Referral.all_objects.filter(late_decision | late_assignment, case=OuterRef("pk"))


def case_list(
    scope: Scope, filters: CaseFilter, *, after: str | None = None, page_size: int = PAGE_SIZE
) -> CasePage:
    """One page of the cases ``scope`` may see, newest first, narrowed by ``filters``.

    ``after`` is the opaque cursor of the previous page's last row; a cursor that does not
    verify is ignored (the first page is returned and ``cursor_was_invalid`` says so)."""
    today = timezone.localdate()
    cutoff = timezone.now() - timedelta(days=acceptance_days(scope))
    with activate(scope):
        matching = filtered_cases(scope, filters, today=today, acceptance_cutoff=cutoff)
        cases = matching
        position, invalid = read_cursor(after)
        if position is not None:
            at, pk = position
            cases = cases.filter(Q(registered_at__lt=at) | Q(id__lt=pk), registered_at__lte=at)
        rows = list(
            cases.select_related("applicant", "federation__region")
            .only(*LIST_COLUMNS)
            .annotate(referral_overdue=Exists(overdue_referrals(today)))
            .order_by("-registered_at", "-id")[: page_size + 1]
        )
    if position is None and len(rows) <= page_size:
        count = len(rows)  # the whole result is on this page: no need to count it again
    else:
        with activate(scope):
            count = matching.order_by()[: COUNT_LIMIT + 1].count()
    next_cursor = ""
    if len(rows) > page_size:
        rows = rows[:page_size]
        next_cursor = make_cursor(rows[-1])
    for case in rows:
        case.overdue_reasons = overdue_reasons(case, today=today, acceptance_cutoff=cutoff)
    return CasePage(
        cases=rows,
        count=min(count, COUNT_LIMIT),
        count_is_capped=count > COUNT_LIMIT,
        next_cursor=next_cursor,
        cursor_was_invalid=invalid,
    )


def filtered_cases(
    scope: Scope, filters: CaseFilter, *, today: date, acceptance_cutoff: datetime
) -> QuerySet[Case]:
    """The visible cases narrowed by every filter (unordered; call inside ``activate``)."""
    region = filters.region
    if region is not None and not scope.covers(region):
        return cases_visible(scope).none()
    # A region inside the scope narrows the scope itself: one equality on that region's column
    # (its own index) rather than two (the planner would pick the wider scope's index).
    narrowed = (
        scope if region is None else replace(scope, region_code=region.code, level=region.level)
    )
    cases = cases_visible(narrowed)
    simple = {
        "status": filters.status,
        "matter_category": filters.matter_category,
        "disability_category": filters.disability_category,
        "channel": filters.channel,
    }
    cases = cases.filter(**{field: value for field, value in simple.items() if value})
    if filters.service_kind:
        kind = Service.all_objects.filter(case=OuterRef("pk"), kind=filters.service_kind)
        cases = cases.filter(Exists(kind))
    if filters.registered_from:
        cases = cases.filter(registered_at__gte=start_of(filters.registered_from))
    if filters.registered_to:
        cases = cases.filter(registered_at__lt=start_of(filters.registered_to + timedelta(days=1)))
    if filters.risk:
        cases = cases.filter(has_open_risk=True)
    if filters.overdue:
        cases = cases.filter(overdue_condition(today=today, acceptance_cutoff=acceptance_cutoff))
    return search(scope, cases, filters)


def overdue_condition(*, today: date, acceptance_cutoff: datetime) -> Q:
    return (
        Q(status=Case.Status.REGISTERED, registered_at__lt=acceptance_cutoff)
        | Q(status=Case.Status.CLOSED, archive_due_on__lt=today)
        # The status first: the referral probe runs only for open cases.
        | (Q(status__in=sorted(lifecycle.OPEN_STATES)) & Q(Exists(overdue_referrals(today))))
    )


def search(scope: Scope, cases: QuerySet[Case], filters: CaseFilter) -> QuerySet[Case]:
    """Narrow by case number, applicant name or ID-number hash (each through an index)."""
    if filters.number:
        cases = cases.filter(number__gte=filters.number, number__lt=after_prefix(filters.number))
    if filters.name:
        # The applicant index is (federation, name): probe it once per federation of the
        # province, so a case transferred in from a sibling region is found too.
        # The ids as a literal list: PostgreSQL then estimates the matches well.
        federations = list(
            Federation.objects.filter(
                region__province_code=scope.region_code[:2] + "0000"
            ).values_list("pk", flat=True)
        )
        applicants = Applicant.all_objects.filter(
            federation__in=federations, name__gte=filters.name, name__lt=after_prefix(filters.name)
        )
        cases = cases.filter(applicant__in=applicants.values("pk"))
    hashes = {
        "id_number_hash": filters.id_number_hash,
        "certificate_hash": filters.certificate_hash,
    }
    for column, value in hashes.items():
        if value:
            applicants = Applicant.all_objects.filter(**{column: value})
            cases = cases.filter(applicant__in=applicants.values("pk"))
    return cases


def overdue_reasons(case: Case, *, today: date, acceptance_cutoff: datetime) -> list[str]:
    """Which of the three overdue rules ``case`` breaks: ``acceptance``, ``referral``,
    ``archiving`` (``referral_overdue`` must be annotated)."""
    reasons = []
    if case.status == Case.Status.REGISTERED and case.registered_at < acceptance_cutoff:
        reasons.append("acceptance")
    if case.status in lifecycle.OPEN_STATES and getattr(case, "referral_overdue", False):
        reasons.append("referral")
    if case.status == Case.Status.CLOSED and case.archive_due_on and case.archive_due_on < today:
        reasons.append("archiving")
    return reasons


def after_prefix(prefix: str) -> str:
    """The first string after every string that starts with ``prefix`` (its last character
    plus one), so a prefix search is the range ``prefix <= value < after_prefix(prefix)``: it
    uses the B-tree on SQLite (where LIKE with ESCAPE cannot) and PostgreSQL estimates it well."""
    last = ord(prefix[-1]) + 1
    if 0xD800 <= last <= 0xDFFF:  # no character is a lone surrogate: skip to the next one
        last = 0xE000
    if last > 0x10FFFF:
        return prefix + "\U0010ffff"
    return prefix[:-1] + chr(last)


def start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def make_cursor(case: Case) -> str:
    return signing.dumps([case.registered_at.isoformat(), case.pk], salt=CURSOR_SALT)


def read_cursor(cursor: str | None) -> tuple[tuple[datetime, int] | None, bool]:
    """``((registered_at, id), False)`` from a valid cursor; ``(None, True)`` from a bad one;
    ``(None, False)`` without one."""
    if not cursor:
        return None, False
    try:
        at_text, pk = signing.loads(cursor, salt=CURSOR_SALT)
        at = parse_datetime(at_text)
    except (signing.BadSignature, ValueError, TypeError):
        return None, True
    if at is None or not isinstance(pk, int) or timezone.is_naive(at):
        return None, True
    return (at, pk), False
