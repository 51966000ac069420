"""Reads of rectification (整改) tasks, always within a scope."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from compliance.models import Assessment, AssessmentItem, Criterion, RectificationTask, Result
from compliance.selectors.assessments import criteria_at
from people.models import Person
from regions.models import Federation
from regions.scoping import Scope, activate, get_in_scope_or_404
from workstations.models import Workstation

Status = RectificationTask.Status
CLOSED = (Status.DONE, Status.CANCELLED)
FILTERS = ("open", "overdue", "done", "all")


def tasks_in(scope: Scope, show: str, today: date) -> QuerySet[RectificationTask]:
    """The tasks of every workstation in scope: ``open`` (open or in progress), ``overdue``,
    ``done`` (done or cancelled) or ``all``; soonest deadline first."""
    with activate(scope):
        tasks = RectificationTask.objects.select_related(
            "workstation__federation__region", "criterion__standard", "owner"
        )
    if show == "open":
        tasks = tasks.exclude(status__in=CLOSED)
    elif show == "overdue":
        tasks = tasks.exclude(status__in=CLOSED).filter(deadline__lt=today)
    elif show == "done":
        tasks = tasks.filter(status__in=CLOSED)
    return tasks.order_by("deadline", "pk")


def task_in_scope(scope: Scope, pk: int) -> RectificationTask:
    return get_in_scope_or_404(
        RectificationTask.objects.select_related(
            "workstation__federation__region",
            "criterion__standard__framework",
            "owner",
            "item__assessment",
        ),
        scope,
        pk=pk,
    )


def own_workstation(scope: Scope, federation: Federation | None) -> Workstation | None:
    if federation is None:
        return None
    with activate(scope):
        return (
            Workstation.objects.filter(federation=federation)
            .select_related("federation__region")
            .first()
        )


def owners_for(scope: Scope, workstation: Workstation, today: date) -> QuerySet[Person]:
    """The people who may own a task: active people of the workstation's federation."""
    with activate(scope):
        return (
            Person.objects.filter(federation_id=workstation.federation_id, active_from__lte=today)
            .filter(Q(active_until__isnull=True) | Q(active_until__gte=today))
            .order_by("name", "pk")
        )


def unmet_item_in_scope(scope: Scope, workstation: Workstation, pk: int) -> AssessmentItem:
    """An item of a final self-assessment of ``workstation`` that is not (fully) met."""
    return get_in_scope_or_404(
        AssessmentItem.objects.select_related("criterion__standard__framework", "assessment"),
        scope,
        pk=pk,
        assessment__workstation=workstation,
        assessment__status=Assessment.Status.FINAL,
        final_result__in=[Result.NOT_MET, Result.PARTLY],
    )


def criteria_choices(workstation: Workstation, today: date) -> QuerySet[Criterion]:
    """Criteria a task may be made for by hand: those of the standards in force today, national
    and the province's own."""
    _framework, criteria = criteria_at(today, workstation.province_code)
    return (
        Criterion.objects.filter(pk__in=[criterion.pk for criterion in criteria])
        .select_related("standard__framework")
        .order_by("standard__number", "code")
    )
