"""Writes of the region table and of federations.

Not audited row by row, unlike every other service: regions and federation names are public
reference data (the Ministry of Civil Affairs table), hold nothing personal, and are written only
by deploy-time commands; callers that act for a user (the demo seeder) record one entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from regions.loader import DEFAULT_PATH, RegionRow, read_csv
from regions.models import Federation, Region

FIELDS = ["name", "level", "parent_id", "province_code", "city_code", "county_code"]
BATCH_SIZE = 1000
FEDERATION_SUFFIX = "残疾人联合会"  # data, not a UI string: the body's official name


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int
    not_in_file: int = 0  # regions already in the database and absent from the table: kept


def load_regions(rows_or_path: Sequence[RegionRow] | Path | str | None = None) -> LoadResult:
    """Insert or update every region of the table (the bundled CSV by default).

    Idempotent, one transaction, a handful of queries whatever the size. Never deletes: a code
    that left the table may still be referenced by old records, so it stays. A malformed file
    raises :class:`~regions.loader.RegionDataError` before the database is touched.
    """
    if rows_or_path is None or isinstance(rows_or_path, Path | str):
        rows = read_csv(rows_or_path or DEFAULT_PATH)
    else:
        rows = sorted(rows_or_path, key=lambda row: (row.level, row.code))  # parents first
    return _upsert(rows)


@transaction.atomic
def _upsert(rows: list[RegionRow]) -> LoadResult:
    existing = {region.code: region for region in Region.objects.all()}
    created, updated = [], []
    for row in rows:
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
    # Parents first, so no batch inserts a child before its parent. Django splits batches by the
    # backend's parameter limit (SQLite: 999, so about 23 INSERTs for the whole table).
    Region.objects.bulk_create(created, batch_size=BATCH_SIZE)
    Region.objects.bulk_update(updated, FIELDS, batch_size=BATCH_SIZE)
    return LoadResult(
        created=len(created),
        updated=len(updated),
        unchanged=len(rows) - len(created) - len(updated),
        not_in_file=len(existing.keys() - {row.code for row in rows}),
    )


def federation_name(region: Region) -> str:
    return region.name + FEDERATION_SUFFIX


# Federations are reference data too (a name per region); see the module docstring on audit.
@transaction.atomic
def ensure_federation(region: Region) -> Federation:
    """The region's federation, created with its official name if missing."""
    federation, _created = Federation.objects.get_or_create(
        region=region, defaults={"name": federation_name(region)}
    )
    return federation


@transaction.atomic
def ensure_federations(regions: Iterable[Region]) -> int:
    """A federation for each region that has none; returns how many were created."""
    # At most one federation per region (about 3,200 rows): read them all rather than send a
    # huge IN list.
    have = set(Federation.objects.values_list("region_id", flat=True))
    missing = {
        region.code: Federation(region=region, name=federation_name(region))
        for region in regions
        if region.code not in have
    }.values()
    Federation.objects.bulk_create(list(missing), batch_size=BATCH_SIZE)
    return len(missing)
