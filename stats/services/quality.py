"""Writes for the data-quality list: the audit entry of each look at it (issue 7, item 3)."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from audit.services import record
from lawstation.periods import Period
from regions.models import Region


@transaction.atomic
def record_quality_viewed(
    region: Region,
    period: Period,
    *,
    actor: User | None,
    records: str = "",
    check: str = "",
    page: int = 1,
) -> None:
    """Audit that ``actor`` listed the data-quality problems of ``region`` for ``period`` (the
    list names cases: a read of case data): whose records, and the check and page when one
    check is listed in full."""
    changes = {"period": [None, period.key]}
    if records:
        changes["records"] = [None, records]
    if check:
        changes.update(check=[None, check], page=[None, page])
    record("data_quality.viewed", region, actor=actor, changes=changes)
