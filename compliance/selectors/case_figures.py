"""The figures of the case-level indicators (complaints, satisfaction, accommodations, risk
reviews, referrals, registration, archiving) for many workstations at once.

Every count read from the cases themselves comes from ONE pass over the cases of the
workstations (``GROUP BY`` workstation with a conditional ``Count`` per figure; the ``Exists``
probes sit behind the cheap date conditions); complaints, return visits, risk flags and
referrals are counted from their own (smaller) tables. The number of queries does not grow with
the number of workstations or cases. Rows are read through ``all_objects`` restricted to the
workstations passed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q

from cases.models import Accommodation, Case, Complaint, Referral, ReturnVisit, RiskFlag, Service
from compliance.indicators import RISK_REVIEW_DAYS, SATISFIED_LEVELS, Period
from compliance.selectors.station_figures import Figures, InIds, day_end, day_start

REFERRAL_DECISIONS = (
    Case.Decision.LEGAL_AID,
    Case.Decision.FEE_RELIEF,
    Case.Decision.JUDICIAL_AID,
    Case.Decision.DEPARTMENT,
)


def _grouped(queryset, path: str, **aggregates) -> dict[int, dict]:
    """``{workstation id: {aggregate: value}}`` from one ``GROUP BY`` query."""
    rows = queryset.order_by().values(path).annotate(**aggregates)
    return {row[path]: row for row in rows}


def _cases(ids: Sequence[int]):
    return Case.all_objects.filter(InIds("workstation_id", ids))


def _case_counts(ids: Sequence[int], period: Period) -> dict[int, dict]:
    """The per-case figures of work style, coordination and information in one pass over the
    cases (plain conditions only: a correlated subquery here would be costed per case, and
    PostgreSQL's JIT compilation alone then took seconds)."""
    start, end = day_start(period.start), day_end(period.end)
    days = settings.COMPLIANCE_REGISTRATION_DAYS
    registered = Q(intake__isnull=False, registered_at__gte=start, registered_at__lt=end)
    in_time = Q(registered_at__lte=F("intake__received_at") + timedelta(days=days))
    archive = Q(archive_due_on__range=(period.start, period.end))
    return _grouped(
        _cases(ids),
        "workstation_id",
        cases=Count("pk", filter=Q(registered_at__lt=end)),
        required=Count(
            "pk",
            filter=Q(decision__in=REFERRAL_DECISIONS, decided_at__gte=start, decided_at__lt=end),
        ),
        registered=Count("pk", filter=registered),
        registered_on_time=Count("pk", filter=registered & in_time),
        archive_due=Count("pk", filter=archive),
        archived_on_time=Count(
            "pk", filter=archive & Q(archived_at__date__lte=F("archive_due_on"))
        ),
    )


def _flagged_and_referred(ids: Sequence[int], period: Period) -> tuple[dict, dict]:
    """Cases closed in the period with a flag raised before closure (and those with such a
    flag not reviewed by then); cases whose decision in the period required a referral and
    that have a sent one. Counted from the flags and referrals (few) joined to their case."""
    start, end = day_start(period.start), day_end(period.end)
    closed_at = F("case__closed_at")
    flags = _grouped(
        RiskFlag.all_objects.filter(
            InIds("case__workstation_id", ids),
            case__closed_at__gte=start,
            case__closed_at__lt=end,
            raised_at__lte=closed_at,
        ),
        "case__workstation_id",
        flagged=Count("case_id", distinct=True),
        open=Count(
            "case_id",
            distinct=True,
            filter=Q(reviewed_at__isnull=True) | Q(reviewed_at__gt=closed_at),
        ),
    )
    referred = _grouped(
        Referral.all_objects.filter(
            InIds("case__workstation_id", ids),
            sent_on__isnull=False,
            case__decision__in=REFERRAL_DECISIONS,
            case__decided_at__gte=start,
            case__decided_at__lt=end,
        ),
        "case__workstation_id",
        n=Count("case_id", distinct=True),
    )
    return flags, referred


def _complaints_and_visits(ids: Sequence[int], period: Period) -> tuple[dict, dict]:
    unresolved = Q(resolved_on__isnull=True) | Q(resolved_on__gt=period.end)
    complaints = _grouped(
        Complaint.all_objects.filter(
            InIds("case__workstation_id", ids), received_on__range=(period.start, period.end)
        ),
        "case__workstation_id",
        n=Count("pk"),
        unresolved=Count("pk", filter=unresolved),
    )
    visits = _grouped(
        ReturnVisit.all_objects.filter(
            InIds("case__workstation_id", ids),
            done_on__range=(period.start, period.end),
            satisfaction__isnull=False,
        ),
        "case__workstation_id",
        n=Count("pk"),
        satisfied=Count("pk", filter=Q(satisfaction__in=SATISFIED_LEVELS)),
    )
    return complaints, visits


def case_indicators(ids: Sequence[int], period: Period) -> Figures:
    """The figures of every case-level indicator: a fixed number of aggregate queries."""
    counts = _case_counts(ids, period)
    flags, referred = _flagged_and_referred(ids, period)
    complaints, visits = _complaints_and_visits(ids, period)
    overdue, referrals = _overdue_reviews(ids, period), _referrals(ids, period)
    result = accommodations(ids, period)
    for station in ids:
        case = counts.get(station, {})
        complaint, visit = complaints.get(station, {}), visits.get(station, {})
        referral, flag = referrals.get(station, {}), flags.get(station, {})
        result[station] |= {
            "work_style.complaints_upheld": {
                "cases": case.get("cases", 0),
                "complaints": complaint.get("n", 0),
                "unresolved": complaint.get("unresolved", 0),
            },
            "work_style.satisfaction": {
                "visits": visit.get("n", 0),
                "satisfied": visit.get("satisfied", 0),
            },
            "quality.flagged_reviewed": {
                "flagged": flag.get("flagged", 0),
                "reviewed": flag.get("flagged", 0) - flag.get("open", 0),
            },
            "quality.risk_reviews": {
                "overdue": overdue.get(station, {}).get("n", 0),
                "days": RISK_REVIEW_DAYS,
            },
            "coordination.referrals_made": {
                "required": case.get("required", 0),
                "referred": referred.get(station, {}).get("n", 0),
            },
            "coordination.referral_outcomes": {
                "referrals": referral.get("n", 0),
                "overdue": referral.get("overdue", 0),
            },
            "information.registration": {
                "cases": case.get("registered", 0),
                "on_time": case.get("registered_on_time", 0),
                "days": settings.COMPLIANCE_REGISTRATION_DAYS,
            },
            "information.archiving": {
                "due": case.get("archive_due", 0),
                "on_time": case.get("archived_on_time", 0),
            },
        }
    return result


def accommodations(ids: Sequence[int], period: Period) -> Figures:
    """Served cases whose applicant needs an accommodation, and those that got one."""
    days = (period.start, period.end)
    served = Service.all_objects.filter(case_id=OuterRef("pk"), provided_on__range=days)
    arranged = Accommodation.all_objects.filter(
        service__case_id=OuterRef("pk"), provided_on__range=days
    )
    rows = _grouped(
        _cases(ids)
        .filter(Exists(served))
        .exclude(applicant__communication_needs=[])
        .exclude(applicant__communication_needs=["no_phone"])
        .annotate(arranged=Exists(arranged)),
        "workstation_id",
        requested=Count("pk"),
        done=Count("pk", filter=Q(arranged=True)),
    )
    return {
        station: {
            "service.accommodations": {
                "requested": rows.get(station, {}).get("requested", 0),
                "arranged": rows.get(station, {}).get("done", 0),
            }
        }
        for station in ids
    }


def _overdue_reviews(ids: Sequence[int], period: Period) -> dict[int, dict]:
    end = day_end(period.end)
    return _grouped(
        RiskFlag.all_objects.filter(
            Q(reviewed_at__isnull=True) | Q(reviewed_at__gte=end),
            InIds("case__workstation_id", ids),
            raised_at__lt=end - timedelta(days=RISK_REVIEW_DAYS),
        ),
        "case__workstation_id",
        n=Count("pk"),
    )


def _referral_overdue(period: Period) -> Q:
    """A referral whose decision or assignment was past due and not recorded at the period end."""
    end = period.end
    live = Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=end)
    undecided = Q(decided_on__gt=end) | Q(
        decided_on__isnull=True, status__in=[Referral.Status.SENT, Referral.Status.WITHDRAWN]
    )
    decision = Q(decision_due_on__lt=end) & undecided
    unassigned = (Q(assigned_on__isnull=True) | Q(assigned_on__gt=end)) & (
        Q(concluded_on__isnull=True) | Q(concluded_on__gt=end)
    )
    assignment = (
        Q(
            assignment_due_on__lt=end,
            decided_on__lte=end,
            refusal_reason="",
            status__in=[
                Referral.Status.ACCEPTED,
                Referral.Status.CONCLUDED,
                Referral.Status.WITHDRAWN,
            ],
        )
        & unassigned
    )
    return live & (decision | assignment)


def _referrals(ids: Sequence[int], period: Period) -> dict[int, dict]:
    return _grouped(
        Referral.all_objects.filter(
            Q(concluded_on__isnull=True) | Q(concluded_on__gte=period.start),
            Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=period.start),
            InIds("case__workstation_id", ids),
            sent_on__lte=period.end,
        ),
        "case__workstation_id",
        n=Count("pk"),
        overdue=Count("pk", filter=_referral_overdue(period)),
    )
