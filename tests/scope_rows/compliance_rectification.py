"""Scope-matrix rows for rectification (整改) tasks (rows written directly: one open task per
federation)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from accounts.roles import Capability
from compliance.models import Criterion, RectificationTask
from tests.compliance.assessment_helpers import framework
from tests.factories import Cast
from tests.scope import Row, roles_with
from tests.scope_rows.funding import person, station


def task_for(cast: Cast, code: str) -> RectificationTask:
    workstation = station(cast, code)
    existing = RectificationTask.all_objects.filter(workstation=workstation).first()
    if existing is not None:
        return existing
    version = framework()
    task = RectificationTask(
        workstation=workstation,
        criterion=Criterion.objects.filter(standard__framework=version).first(),
        description="补齐无障碍设施",
        owner=person(cast, code),
        deadline=date(2030, 1, 1),
        created_by=cast.user(code, "clerk"),
    )
    task.set_region(cast.regions[code])
    task.save()
    return task


ROWS: dict[str, Row] = {
    "rectification:list": Row(
        lambda cast, code: reverse("rectification:list"),
        roles_with(Capability.WORKSTATION_VIEW),
        anonymous=302,
    ),
    "rectification:create": Row(
        lambda cast, code: reverse("rectification:create"),
        roles_with(Capability.WORKSTATION_EDIT),
        anonymous=302,
    ),
    "rectification:detail": Row(
        lambda cast, code: reverse("rectification:detail", args=[task_for(cast, code).pk]),
        roles_with(Capability.WORKSTATION_VIEW),
        anonymous=302,
        is_object=True,
    ),
}
