"""Places a person can choose on ``/help/`` (province → city → county): public region data."""

from __future__ import annotations

import re

from django.db.models import QuerySet

from regions.models import Level, Region

_CODE = re.compile(r"[0-9]{6}")


def region_by_code(code: str | None) -> Region | None:
    """The region with this six-digit code, or None (malformed or unknown)."""
    if not code or not _CODE.fullmatch(code):
        return None
    return Region.objects.filter(code=code).first()


def provinces() -> QuerySet[Region]:
    return Region.objects.filter(level=Level.PROVINCE).order_by("code")


def places_under(region: Region) -> QuerySet[Region]:
    """The regions directly below ``region`` (cities, or counties), by code."""
    return Region.objects.filter(parent=region).order_by("code")
