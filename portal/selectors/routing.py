"""Which federation's workstation serves a region chosen on the public portal.

The county's own workstation when it has one in service; else the nearest level above (the city,
then the province) with one. Public code: reads only federations, regions and workstation
status, never personal data.
"""

from __future__ import annotations

from regions.models import Federation, Region
from regions.scoping import unscoped
from workstations.models import Workstation

SERVING = (Workstation.Status.ESTABLISHED,)


def chain_of(region: Region) -> list[str]:
    """The region's code and those of the levels above it, nearest first."""
    codes = [region.code, region.city_code, region.province_code]
    return list(dict.fromkeys(code for code in codes if code))


def serving_federation(region: Region) -> Federation | None:
    """The federation whose workstation serves ``region``, or None when none up the tree does."""
    chain = chain_of(region)
    with unscoped("public portal: which workstation serves a region (no personal data)"):
        serving = set(
            Workstation.objects.filter(
                federation__region_id__in=chain, status__in=SERVING
            ).values_list("federation__region_id", flat=True)
        )
    for code in chain:
        if code in serving:
            return Federation.objects.select_related("region").get(region_id=code)
    return None
