"""Scope-matrix rows for the duty roster."""

from __future__ import annotations

from datetime import time, timedelta

from django.urls import reverse
from django.utils import timezone

from accounts.roles import Capability
from tests.factories import Cast
from tests.scope import Row, roles_with
from tests.scope_rows.funding import person, station
from workstations.models import DutyDay


def duty_day(cast: Cast, code: str, days_from_today: int = -1) -> DutyDay:
    """A duty day of a fresh lawyer at ``code``'s workstation, ``days_from_today`` away."""
    workstation = station(cast, code)
    row = DutyDay(
        workstation=workstation,
        person=person(cast, code),
        day=timezone.localdate() + timedelta(days=days_from_today),
        starts_at=time(9),
        ends_at=time(12),
    )
    row.set_region(cast.regions[code])
    row.save()
    return row


def _day_url(name: str, days_from_today: int):
    def url(cast: Cast, code: str) -> str:
        return reverse(name, args=[code, duty_day(cast, code, days_from_today).pk])

    return url


def _roster_with_station(cast: Cast, code: str) -> str:
    station(cast, code)
    return reverse("duty:schedule", args=[code])


ROWS: dict[str, Row] = {
    "duty:roster": Row(
        lambda cast, code: reverse("duty:roster", args=[code]),
        roles_with(Capability.WORKSTATION_VIEW),
        anonymous=302,
        is_object=True,
    ),
    # The person is chosen from a list, so the matrix posts an empty form: the roster comes
    # back with the errors (200) where the role may schedule.
    "duty:schedule": Row(
        _roster_with_station,
        roles_with(Capability.WORKSTATION_EDIT),
        anonymous=302,
        is_object=True,
        method="post",
    ),
    "duty:check_in": Row(
        _day_url("duty:check_in", -1),
        roles_with(Capability.WORKSTATION_EDIT, allowed=302),
        anonymous=302,
        is_object=True,
        method="post",
    ),
    "duty:cancel": Row(
        _day_url("duty:cancel", 7),
        roles_with(Capability.WORKSTATION_EDIT, allowed=302),
        anonymous=302,
        is_object=True,
        method="post",
    ),
}
