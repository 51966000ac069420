"""Reads of regions and federations, always within a scope."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from regions.models import Federation, Region
from regions.scoping import Scope, child_regions, get_in_scope_or_404


@dataclass(frozen=True)
class FederationOverview:
    region: Region
    federation: Federation | None
    ancestors: list[Region]
    children: QuerySet[Region]


def region_in_scope(scope: Scope, code: str) -> Region:
    """The region with ``code`` when the scope covers it; 404 otherwise (missing or not)."""
    return get_in_scope_or_404(Region.objects.select_related("federation"), scope, code=code)


def overview_of(scope: Scope, region: Region) -> FederationOverview:
    """A region inside the scope, its federation, the path down to it and its children."""
    ancestors = list(
        Region.objects.filter(code__in=_ancestor_codes(region), **scope.row_filter()).order_by(
            "level"
        )
    )
    children = child_regions(scope, region).annotate(child_count=Count("children"))
    return FederationOverview(
        region=region,
        federation=getattr(region, "federation", None) if _has_federation(region) else None,
        ancestors=ancestors,
        children=children,
    )


def federation_overview(scope: Scope) -> FederationOverview:
    return overview_of(scope, region_in_scope(scope, scope.region_code))


def _ancestor_codes(region: Region) -> list[str]:
    return [
        code for code in (region.province_code, region.city_code) if code and code != region.code
    ]


def _has_federation(region: Region) -> bool:
    try:
        region.federation  # noqa: B018
    except Federation.DoesNotExist:
        return False
    return True
