"""Writes of the region table and of federations.

Regions and federation names are public reference data, not personal data: loading them is not
audited row by row (the demo loader records one entry for what it creates).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from regions.loader import DEFAULT_PATH, RegionRow, read_csv
from regions.models import Federation, Region

FIELDS = ["name", "level", "parent_id", "province_code", "city_code", "county_code"]


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


@transaction.atomic
def load_regions(source: Path | list[RegionRow] | None = None) -> LoadResult:
    """Insert or update every region of the table; idempotent; never deletes a region."""
    rows = read_csv(source or DEFAULT_PATH) if not isinstance(source, list) else source
    existing = {region.code: region for region in Region.objects.all()}
    created, updated = [], []
    for row in rows:  # parents first, so a new child's parent is already inserted or queued
        values = {
            "name": row.name,
            "level": row.level,
            "parent_id": row.parent_code,
            "province_code": row.province_code,
            "city_code": row.city_code,
            "county_code": row.county_code,
        }
        region = existing.get(row.code)
        if region is None:
            created.append(Region(code=row.code, **values))
        elif any(getattr(region, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(region, field, value)
            updated.append(region)
    Region.objects.bulk_create(created, batch_size=500)
    Region.objects.bulk_update(updated, FIELDS, batch_size=500)
    return LoadResult(
        created=len(created),
        updated=len(updated),
        unchanged=len(rows) - len(created) - len(updated),
    )


def federation_name(region: Region) -> str:
    return f"{region.name}残疾人联合会"


@transaction.atomic
def ensure_federation(region: Region) -> Federation:
    federation, _ = Federation.objects.get_or_create(
        region=region, defaults={"name": federation_name(region)}
    )
    return federation


@transaction.atomic
def ensure_federations(regions: Iterable[Region]) -> int:
    """A federation for each region that has none; returns how many were created."""
    regions = list(regions)
    have = set(Federation.objects.filter(region__in=regions).values_list("region_id", flat=True))
    missing = [Federation(region=r, name=federation_name(r)) for r in regions if r.code not in have]
    Federation.objects.bulk_create(missing, batch_size=500)
    return len(missing)
