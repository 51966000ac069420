"""The staff home's open work (issue 7, item 5): what waits for the user, each kind a count with
its first few items and a link to the full list.

Which kinds a user sees follows their capabilities: a kind shows when the user may open its list
page, or, for work only one role does (archiving, return visits, filings, the period report),
when they may do it. Everything is read through the user's scope and the existing selectors, so a
lawyer counts only the cases they handle or serve, and a county never sees its sibling's work.

The items show case numbers, references, agencies, periods and dates, never a name or an
identity number: the home reads no personal data, so it writes nothing to the audit log.

Queries: one per kind (``stats.selectors.work_lists.first_rows``), whatever the number of rows
behind it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.roles import Capability
from cases import lifecycle
from cases.models import ReturnVisit
from cases.selectors.cases import cases_visible
from cases.selectors.referrals import referrals_overdue
from cases.selectors.risks import risk_register
from portal.models import HelpRequest
from portal.references import display_reference
from portal.selectors.inbox import help_requests_within, is_overdue
from regions.models import Federation, Level
from regions.scoping import Scope, activate
from stats import deadlines
from stats.models import PeriodReport, ReopenRequest
from stats.selectors.work_lists import (
    Context,
    WorkItem,
    WorkList,
    first_rows,
    last_ended_quarter,
    local_day,
    work_list,
)
from workstations.models import Filing

# Closed files whose archiving date falls within this many days are listed before they are late.
ARCHIVING_NOTICE_DAYS = 7
CASE_PAGES = (Capability.CASE_VIEW, Capability.CASE_VIEW_ASSIGNED)
TO_RESUBMIT = (PeriodReport.Status.RETURNED, PeriodReport.Status.REOPENED)


def open_work(scope: Scope, federation: Federation, *, today: date) -> list[WorkList]:
    """The kinds of open work ``scope`` allows, in the order a clerk works through them (the
    work that comes from the level below only where there is one)."""
    context = Context(scope, federation, today)
    has_below = scope.level < Level.COUNTY
    return [
        build(context)
        for needs, from_below, build in KINDS
        if _allowed(scope, needs) and (has_below or not from_below)
    ]


# --- the kinds ------------------------------------------------------------------------------


def overdue_referrals(context: Context) -> WorkList:
    rows, count = first_rows(referrals_overdue(context.scope, context.today))
    items = [
        WorkItem(
            text=referral.case.number,
            note=_("%(agency)s: due %(day)s")
            % {"agency": _agency(referral), "day": referral.due_on.isoformat()},
            url=reverse("referrals:detail", args=[referral.case_id, referral.pk]),
            is_overdue=True,
        )
        for referral in rows
    ]
    return work_list("referrals", count, items, reverse("referrals_overview:overdue"))


def risks_awaiting_review(context: Context) -> WorkList:
    rows, count = first_rows(risk_register(context.scope, open_only=True))
    items = [
        WorkItem(
            text=flag.case.number,
            note=_("%(risk)s, raised %(day)s")
            % {"risk": flag.get_kind_display(), "day": local_day(flag.raised_at)},
            url=reverse("cases:detail", args=[flag.case_id]) + "#risks-heading",
        )
        for flag in rows
    ]
    return work_list("risks", count, items, reverse("risks:register") + "?open_only=on")


def archiving_due(context: Context) -> WorkList:
    horizon = context.today + timedelta(days=ARCHIVING_NOTICE_DAYS)
    with activate(context.scope):
        cases = (
            cases_visible(context.scope)
            .filter(status=lifecycle.CLOSED, archive_due_on__lte=horizon)
            .only("number", "archive_due_on")
            .order_by("archive_due_on", "pk")
        )
        rows, count = first_rows(cases)
    items = [
        WorkItem(
            text=case.number,
            note=_("archive by %(day)s") % {"day": case.archive_due_on.isoformat()},
            url=reverse("cases:detail", args=[case.pk]) + "#closure-heading",
            is_overdue=case.archive_due_on < context.today,
        )
        for case in rows
    ]
    return work_list(
        "archiving", count, items, reverse("cases:list") + f"?status={lifecycle.CLOSED}"
    )


def return_visits_due(context: Context) -> WorkList:
    scope = context.scope
    with activate(scope):
        visits = ReturnVisit.objects.filter(done_on__isnull=True, due_on__lte=context.today)
        if not scope.can(Capability.CASE_VIEW):
            visits = visits.filter(case__in=cases_visible(scope).values("pk"))
        rows, count = first_rows(
            visits.select_related("case").only("due_on", "case__number").order_by("due_on", "pk")
        )
    items = [
        WorkItem(
            text=visit.case.number,
            note=_("due %(day)s") % {"day": visit.due_on.isoformat()},
            url=reverse("cases:detail", args=[visit.case_id]) + "#followups-heading",
            is_overdue=visit.due_on < context.today,
        )
        for visit in rows
    ]
    # No page lists return visits across cases: each item opens its case.
    return work_list("return_visits", count, items, "")


def filings_returned(context: Context) -> WorkList:
    """The federation's filing, when its latest version was returned (at most one)."""
    with activate(context.scope):
        latest = list(Filing.objects.filter(federation=context.federation).order_by("-number")[:1])
    rows = [filing for filing in latest if filing.status == Filing.Status.RETURNED]
    items = [
        WorkItem(
            text=_("Version %(number)s") % {"number": filing.number},
            note=_("returned %(day)s") % {"day": local_day(filing.decided_at)},
            url=reverse("filings:detail", args=[filing.pk]),
        )
        for filing in rows
    ]
    return work_list("filings_returned", len(rows), items, reverse("filings:list"))


def filings_to_decide(context: Context) -> WorkList:
    with activate(context.scope):
        filings = Filing.objects.filter(
            filed_with=context.federation, status=Filing.Status.SUBMITTED
        ).exclude(federation=context.federation)
        rows, count = first_rows(
            filings.select_related("federation").order_by("submitted_at", "pk")
        )
    items = [
        WorkItem(
            text=filing.federation.name,
            note=_("submitted %(day)s") % {"day": local_day(filing.submitted_at)},
            url=reverse("filings:detail", args=[filing.pk]),
        )
        for filing in rows
    ]
    return work_list("filings_to_decide", count, items, reverse("filings:list"))


def online_requests(context: Context) -> WorkList:
    requests = help_requests_within(
        context.scope, context.federation, status=HelpRequest.Status.NEW
    )
    requests = requests.select_related(None).only("reference", "submitted_at", "status")
    rows, count = first_rows(requests.order_by("submitted_at", "pk"))
    items = [
        WorkItem(
            text=display_reference(request.reference),
            note=_("received %(day)s") % {"day": local_day(request.submitted_at)},
            url=reverse("webrequests:detail", args=[request.pk]),
            is_overdue=is_overdue(request, context.today),
        )
        for request in rows
    ]
    return work_list("online_requests", count, items, reverse("webrequests:list"))


def own_reports(context: Context) -> WorkList:
    """The federation's period reports to send again (returned, or reopened), and the last ended
    quarter's report when it has not been sent."""
    federation, today = context.federation, context.today
    quarter = last_ended_quarter(today)
    with activate(context.scope):
        reports = list(
            PeriodReport.objects.filter(federation=federation)
            .filter(Q(status__in=TO_RESUBMIT) | Q(period_key=quarter.key))
            .only("period_key", "status", "decided_at")
            .order_by("-period_start")
        )
    items = []
    if all(report.period_key != quarter.key for report in reports):
        due = deadlines.due_on(quarter.end, quarter.kind, federation.region.level)
        items.append(
            WorkItem(
                text=quarter.key,
                note=deadlines.not_submitted_in_words(due, today),
                url=reverse("submissions:list") + f"?period={quarter.key}",
                is_overdue=deadlines.is_overdue(due, today),
            )
        )
    for report in reports:
        if report.status in TO_RESUBMIT:
            items.append(
                WorkItem(
                    text=report.period_key,
                    note=str(report.get_status_display()),
                    url=reverse("submissions:detail", args=[report.pk]),
                )
            )
    return work_list("own_reports", len(items), items, reverse("submissions:list"))


def reports_to_decide(context: Context) -> WorkList:
    """Reports sent to the federation and reopen requests about them, awaiting its decision; for
    a province, also the reopen requests of its own report made by another user."""
    federation = context.federation
    own_final = Q(report__federation=federation, report__submitted_to__isnull=True) & ~Q(
        requested_by_id=context.scope.user_id
    )
    with activate(context.scope):
        reports, report_count = first_rows(
            PeriodReport.objects.filter(
                submitted_to=context.federation, status=PeriodReport.Status.SUBMITTED
            )
            .select_related("federation")
            .order_by("submitted_at", "pk")
        )
        requests, request_count = first_rows(
            ReopenRequest.objects.filter(
                Q(report__submitted_to=federation) | own_final,
                status=ReopenRequest.Status.PENDING,
            )
            .select_related("report__federation")
            .order_by("requested_at", "pk")
        )
    items = [
        WorkItem(
            text=report.federation.name,
            note=(
                _("%(period)s, submitted late on %(day)s")
                if report.is_late
                else _("%(period)s, submitted on %(day)s")
            )
            % {"period": report.period_key, "day": local_day(report.submitted_at)},
            url=reverse("submissions:detail", args=[report.pk]),
        )
        for report in reports
    ] + [
        WorkItem(
            text=request.report.federation.name,
            note=_("%(period)s: reopening requested") % {"period": request.report.period_key},
            url=reverse("submissions:detail", args=[request.report_id]),
        )
        for request in requests
    ]
    return work_list(
        "reports_to_decide",
        report_count + request_count,
        items,
        reverse("submissions:list"),
    )


# What each kind needs (any one of the capabilities), whether it comes from the level below,
# and its builder, in the order shown.
KINDS: Sequence[tuple[tuple[str, ...], bool, Callable[[Context], WorkList]]] = (
    (CASE_PAGES, False, overdue_referrals),
    (CASE_PAGES, False, risks_awaiting_review),
    ((Capability.CASE_EDIT,), False, return_visits_due),
    ((Capability.CASE_EDIT,), False, archiving_due),
    ((Capability.CASE_VIEW,), False, online_requests),
    ((Capability.WORKSTATION_EDIT,), False, filings_returned),
    ((Capability.WORKSTATION_EDIT,), True, filings_to_decide),
    ((Capability.STATISTICS_SUBMIT,), False, own_reports),
    ((Capability.STATISTICS_REVIEW,), True, reports_to_decide),
)


def _allowed(scope: Scope, needs: tuple[str, ...]) -> bool:
    return any(scope.can(capability) for capability in needs)


def _agency(referral: Any) -> str:
    """The receiving agency, or the kind of agency while none is chosen."""
    return referral.partner.name if referral.partner else str(referral.get_kind_display())
