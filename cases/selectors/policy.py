"""Reading a province's case policy: what the law leaves to the province (DOMAIN.md §2.1, Art. 34).

A province without a ``CasePolicy`` row uses the defaults: no economic-hardship standard (triage
then asks the legal aid institution), 7 days to accept, 90 to archive, 30 to the return visit."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from cases.models import CasePolicy
from regions.models import Region
from regions.scoping import Scope

DEFAULTS = {
    "hardship_income_per_month": None,
    "acceptance_days": 7,
    "archive_within_days": 90,
    "return_visit_within_days": 30,
}
FIELDS = tuple(DEFAULTS)


@dataclass(frozen=True)
class PolicyValues:
    province_code: str
    hardship_income_per_month: Decimal | None
    acceptance_days: int
    archive_within_days: int
    return_visit_within_days: int
    # 0 while the province has no row of its own (the defaults apply); forms carry it.
    version: int = 0

    @property
    def is_default(self) -> bool:
        return self.version == 0


def policy_for(region: Region | str) -> PolicyValues:
    """The policy of the province ``region`` (a region at any level, or a region code) lies in."""
    province_code = region[:2] + "0000" if isinstance(region, str) else region.province_code
    row = CasePolicy.objects.filter(province__code=province_code).first()
    if row is None:
        return PolicyValues(province_code=province_code, **DEFAULTS)
    return PolicyValues(
        province_code=province_code,
        version=row.version,
        **{name: getattr(row, name) for name in FIELDS},
    )


def province_of(scope: Scope) -> Region:
    """The province the scope's federation lies in (every scope lies in one)."""
    return Region.objects.get(code=scope.region_code[:2] + "0000")
