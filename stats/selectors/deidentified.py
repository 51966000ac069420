"""The rows of the de-identified case-level export (issue 7, item 7), read in one query.

One row per case registered in the period and filed under the region (``all_objects`` filtered by
equality on the region's own column: the caller checked the region is inside the scope), except
the cases marked confidential (``Case.is_confidential``), which never leave in this file. Only
coded facts leave the database: the age band is computed in SQL from the birth date (as at the
last day of the period, the bands of ``stats.indicators``, with the thresholds of
``figure_sources.age_thresholds``), so the birth date itself is never read; services given and
referral results come as one column per kind (``EXISTS`` and the latest referral's status), so
there is no query per row. Names, identity and certificate numbers, case numbers, addresses,
phone numbers and free text are never selected.

For k-anonymity each row also carries ``class_size``: how many rows of the same result share its
quasi-identifiers (:data:`QUASI_IDENTIFIERS`: the area, the quarter registered, sex, age band,
disability category and grade), counted by a window function (``COUNT(*) OVER (PARTITION BY
...)``, SQLite 3.25+ and PostgreSQL alike). The exporter generalises the rows of small classes.
Rows come grouped by area and quarter, then by those classes, so their order does not tell the
day of registration.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Case as SqlCase
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, NullIf, TruncQuarter

from cases.models import Case, Referral, Service
from compliance.selectors.station_figures import day_end, day_start
from lawstation.periods import Period
from regions.models import Level, Region
from stats.indicators import AGE_BANDS
from stats.selectors.figure_sources import UNKNOWN, age_thresholds

SERVICE_KINDS = [kind for kind, _label in Service.Kind.choices]
REFERRAL_KINDS = [kind for kind, _label in Referral.Kind.choices]
FIELDS = [
    "pk",
    "area",
    "registered_at",
    "channel",
    "matter_category",
    "disability_category",
    "applicant__disability_grade",
    "applicant__sex",
    "status",
    "outcome",
    "closed_at",
    "money_recovered",
    "age_band",
    "class_size",
]
# The columns whose combination a row must share with at least k - 1 others to be shown as is.
QUASI_IDENTIFIERS = [
    "area",
    "registered_quarter",
    "applicant__sex",
    "age_band",
    "disability_category",
    "applicant__disability_grade",
]
_COLUMN = {Level.PROVINCE: "province_code", Level.CITY: "city_code", Level.COUNTY: "county_code"}


def age_band(end: date) -> SqlCase:
    """The age band as at ``end``, in SQL, from the applicant's birth date."""
    whens = []
    for key, low, high, _label in AGE_BANDS:
        band = Q(applicant__birth_date__lte=age_thresholds(end, low or 0))
        if high is not None:
            band &= Q(applicant__birth_date__gt=age_thresholds(end, high + 1))
        whens.append(When(band, then=Value(key)))
    return SqlCase(*whens, default=Value(UNKNOWN), output_field=CharField())


def area_code() -> Coalesce:
    """The code of the area the case is filed under: its county, else its city, else province."""
    return Coalesce(
        NullIf("county_code", Value("")),
        NullIf("city_code", Value("")),
        NullIf("province_code", Value("")),
        Value(""),
        output_field=CharField(),
    )


def deidentified_cases(region: Region, period: Period) -> QuerySet[Case, dict[str, Any]]:
    """The coded facts of every case registered in ``period`` under ``region`` and not marked
    confidential, with the size of its class of quasi-identifiers, grouped by those classes."""
    services = {
        f"service_{kind}": Exists(Service.all_objects.filter(case=OuterRef("pk"), kind=kind))
        for kind in SERVICE_KINDS
    }
    referrals = {
        f"referral_{kind}": Coalesce(
            Subquery(
                Referral.all_objects.filter(case=OuterRef("pk"), kind=kind)
                .order_by("-prepared_at", "-pk")
                .values("status")[:1]
            ),
            Value(""),
        )
        for kind in REFERRAL_KINDS
    }
    return (
        Case.all_objects.filter(
            **{_COLUMN[Level(region.level)]: region.code},
            registered_at__gte=day_start(period.start),
            registered_at__lt=day_end(period.end),
            is_confidential=False,
        )
        .annotate(
            area=area_code(),
            registered_quarter=TruncQuarter("registered_at"),
            age_band=age_band(period.end),
        )
        .annotate(
            class_size=Window(
                Count("pk"), partition_by=[F(column) for column in QUASI_IDENTIFIERS]
            ),
            **services,
            **referrals,
        )
        .order_by(*QUASI_IDENTIFIERS, "pk")
        .values(*FIELDS, *services, *referrals)
    )
