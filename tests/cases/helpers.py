"""Plain rows for case tests that are not about registering applicants or cases.

Tests of the applicant and intake services create rows through those services; everything
else (services, referrals, risks, documents...) starts from these."""

from __future__ import annotations

from django.utils import timezone

from cases.models import Applicant, Case
from regions.scoping import unscoped
from tests.factories import Cast


def make_applicant(cast: Cast, code: str, name: str = "王小明", **fields) -> Applicant:
    region = cast.regions[code]
    with unscoped("test fixture"):
        applicant = Applicant(federation=cast.federations[code], name=name, **fields)
        applicant.set_region(region)
        applicant.save()
    return applicant


def make_case(
    cast: Cast,
    code: str,
    *,
    applicant: Applicant | None = None,
    status: str = "registered",
    **fields,
) -> Case:
    """A case filed at ``code``'s federation with the next serial of this year."""
    region = cast.regions[code]
    federation = cast.federations[code]
    applicant = applicant or make_applicant(cast, code)
    now = timezone.now()
    with unscoped("test fixture"):
        serial = Case.objects.filter(federation=federation, year=now.year).count() + 1
        values = {
            "federation": federation,
            "year": now.year,
            "serial": serial,
            "number": f"{code}-{now.year}-{serial:05d}",
            "applicant": applicant,
            "channel": "in_person",
            "matter": "单位拖欠工资",
            "matter_category": "employment",
            "disability_category": applicant.disability_category,
            "status": status,
            "registered_at": now,
        }
        values.update(fields)
        case = Case(**values)
        case.set_region(region)
        case.save()
    return case
