"""Setting a province's case policy: its economic-hardship standard and its case time limits."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record
from cases.models import CasePolicy
from cases.selectors.policy import DEFAULTS, FIELDS
from lawstation.errors import DomainError
from lawstation.versioning import lock_at_version
from regions.models import Level, Region

# (field, lowest, highest) for the day counts: beyond these, almost surely a typing slip.
DAY_LIMITS = (
    ("acceptance_days", 1, 60),
    ("archive_within_days", 1, 365),
    ("return_visit_within_days", 1, 365),
)


@transaction.atomic
def update_case_policy(
    province: Region,
    *,
    actor: Any,
    expected_version: int | None,
    hardship_income_per_month: Decimal | None,
    acceptance_days: int,
    archive_within_days: int,
    return_visit_within_days: int,
) -> CasePolicy:
    """Set ``province``'s policy; ``expected_version`` 0 means "the defaults were shown"."""
    values = {
        "hardship_income_per_month": hardship_income_per_month,
        "acceptance_days": acceptance_days,
        "archive_within_days": archive_within_days,
        "return_visit_within_days": return_visit_within_days,
    }
    _check(province, values)
    row = CasePolicy.objects.select_for_update().filter(province=province).first()
    if row is None:
        if expected_version not in (None, 0):
            raise DomainError(
                _(
                    "Someone else changed this record after you opened it. Nothing was saved: "
                    "reload the page to see their change, then make yours again."
                ),
                code="stale",
            )
        row = CasePolicy(province=province, **DEFAULTS)
        before = dict(DEFAULTS)
    else:
        if expected_version == 0:
            expected_version = -1  # someone created the row after the defaults were shown
        row = lock_at_version(row, expected_version)
        before = {name: getattr(row, name) for name in FIELDS}
    changes = {
        name: [_plain(before[name]), _plain(values[name])]
        for name in FIELDS
        if before[name] != values[name]
    }
    for name, value in values.items():
        setattr(row, name, value)
    row.save()
    record("case_policy.updated", row, actor=actor, changes=changes, region=province)
    return row


def _check(province: Region, values: dict[str, Any]) -> None:
    if province.level != Level.PROVINCE:
        raise DomainError(_("Only a province sets a case policy."), code="level")
    income = values["hardship_income_per_month"]
    if income is not None and income <= 0:
        raise DomainError(
            _("The economic-hardship standard must be more than 0 yuan, or left empty."),
            code="hardship",
        )
    for name, lowest, highest in DAY_LIMITS:
        if not lowest <= values[name] <= highest:
            raise DomainError(
                _("Enter between %(lowest)s and %(highest)s days for “%(field)s”.")
                % {
                    "field": CasePolicy._meta.get_field(name).verbose_name,
                    "lowest": lowest,
                    "highest": highest,
                },
                code="days",
            )


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value
