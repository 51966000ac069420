"""Reads of coordination groups, workstations and public notices, always within a scope.

Each page reads a constant number of queries: one per table, with related rows joined or
prefetched, whatever the length of the histories.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from people.models import Person
from regions.models import Federation
from regions.scoping import Scope, activate, get_in_scope_or_404
from workstations.completeness import NOTICE_FIELDS, Completeness, notice_completeness
from workstations.models import (
    CoordinationGroup,
    GroupAdjustment,
    GroupMember,
    PremisesCheck,
    PremisesItem,
    Publication,
    PublicNotice,
    StatusChange,
    Workstation,
)


def group_of(scope: Scope, federation: Federation) -> CoordinationGroup | None:
    """The federation's coordination group with its adjustments (newest first) and members
    (current first) prefetched; ``None`` when it has none."""
    with activate(scope):
        members = GroupMember.objects.order_by(
            F("until").desc(nulls_first=True), "unit", "name", "id"
        )
        return (
            CoordinationGroup.objects.filter(federation=federation)
            .prefetch_related(
                Prefetch("adjustments", queryset=GroupAdjustment.objects.all()),
                Prefetch("members", queryset=members),
            )
            .first()
        )


def group_member_in_scope(scope: Scope, group: CoordinationGroup, pk: int) -> GroupMember:
    """One member of ``group`` inside the scope; 404 otherwise."""
    return get_in_scope_or_404(GroupMember, scope, group=group, pk=pk)


def workstation_in_scope(scope: Scope, federation: Federation) -> Workstation | None:
    """The federation's workstation with its head, daily manager and status history (newest
    first); ``None`` when it has none."""
    with activate(scope):
        return (
            Workstation.objects.filter(federation=federation)
            .select_related("federation__region", "head", "daily_manager")
            .prefetch_related(Prefetch("status_changes", queryset=StatusChange.objects.all()))
            .first()
        )


@dataclass(frozen=True)
class PremisesState:
    """The current state of one premises item: its latest check, or ``None`` if never checked."""

    item: str
    label: str
    check: PremisesCheck | None


def premises_of(scope: Scope, workstation: Workstation) -> list[PremisesState]:
    """All eight premises items in order, each with its latest check. One query."""
    with activate(scope):
        checks = PremisesCheck.objects.filter(workstation=workstation)
        latest = PremisesCheck.objects.filter(
            workstation=OuterRef("workstation"), item=OuterRef("item")
        ).order_by("-checked_on", "-id")
    current = {check.item: check for check in checks.filter(pk=Subquery(latest.values("pk")[:1]))}
    return [
        PremisesState(item=item, label=str(label), check=current.get(item))
        for item, label in PremisesItem.choices
    ]


def people_for_posts(scope: Scope, federation: Federation) -> QuerySet[Person]:
    """People of ``federation`` active today: the choices for head and daily manager (the
    service decides who qualifies, and says why not)."""
    today = timezone.localdate()
    with activate(scope):
        people = Person.objects.filter(federation=federation, active_from__lte=today)
    return people.filter(Q(active_until__isnull=True) | Q(active_until__gte=today)).order_by(
        "name", "id"
    )


@dataclass(frozen=True)
class NoticeView:
    notice: PublicNotice
    completeness: Completeness


def notices_of(scope: Scope, workstation: Workstation) -> list[NoticeView]:
    """Every version of the workstation's notice, newest first, each with its publications and
    completeness. Two queries."""
    with activate(scope):
        publications = Publication.objects.order_by("-published_on", "channel", "id")
        notices = list(
            PublicNotice.objects.filter(workstation=workstation).prefetch_related(
                Prefetch("publications", queryset=publications)
            )
        )
    return [NoticeView(notice=notice, completeness=completeness_of(notice)) for notice in notices]


def completeness_of(notice: PublicNotice) -> Completeness:
    """The completeness of a notice whose publications are loaded (prefetched)."""
    fields = {name: getattr(notice, name) for name in NOTICE_FIELDS}
    return notice_completeness(fields, {p.channel for p in notice.publications.all()})


def current_notice(views: list[NoticeView], today: date | None = None) -> NoticeView | None:
    """The version in force on ``today`` (default today) among ``views``; ``None`` if none."""
    today = today or timezone.localdate()
    for view in views:
        notice = view.notice
        if notice.effective_from <= today and (
            notice.effective_until is None or today <= notice.effective_until
        ):
            return view
    return None


def notice_in_scope(scope: Scope, workstation: Workstation, pk: int) -> PublicNotice:
    """One version of the workstation's notice inside the scope; 404 otherwise."""
    return get_in_scope_or_404(PublicNotice, scope, workstation=workstation, pk=pk)
