"""Case numbers: the next serial of a federation and year (see ``Case``'s docstring)."""

from __future__ import annotations

from django.db.models import Max

from cases.models import Case
from regions.models import Federation


def case_number(region_code: str, year: int, serial: int) -> str:
    """``340102-2026-0012``: readable, unique per federation and year."""
    return f"{region_code}-{year}-{serial:04d}"


def next_number(federation: Federation, year: int) -> tuple[int, str]:
    """The next free serial and number of ``federation`` in ``year``.

    Call inside the service's transaction: it locks the federation's row, so two clerks
    registering at once are served one after the other (PostgreSQL); SQLite serialises writers
    with its IMMEDIATE transactions. The unique constraint on (federation, year, serial) backs
    this up: a clash fails loudly rather than giving two cases one number."""
    locked = Federation.objects.select_for_update().select_related("region").get(pk=federation.pk)
    last = Case.all_objects.filter(federation=locked, year=year).aggregate(last=Max("serial"))
    serial = (last["last"] or 0) + 1
    return serial, case_number(locked.region.code, year, serial)
