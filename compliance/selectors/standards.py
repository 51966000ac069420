"""Reading the standards: the framework in force on a day, and the criteria a workstation of a
province is assessed against.

A criterion is in force on a day when it was added on or before it and not retired on or
before it. National criteria have no province; a province's local criteria apply only to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from compliance.models import Criterion, Framework, Standard


def current_framework(on: date) -> Framework | None:
    """The version of the standards in force on ``on`` (the latest one effective by then), or
    ``None`` before the first."""
    return Framework.objects.filter(effective_from__lte=on).order_by("-effective_from").first()


def criteria_for(framework: Framework, province_code: str | None, on: date) -> list[Criterion]:
    """The national criteria of ``framework`` plus the local ones of the province
    ``province_code``, in force on ``on``, ordered by standard number and code."""
    in_force = (
        Criterion.objects.filter(standard__framework=framework, added_on__lte=on)
        .exclude(retired_on__lte=on)
        .select_related("standard", "province")
    )
    national = in_force.filter(province__isnull=True)
    local = in_force.filter(province__code=province_code or "")
    return list((national | local).order_by("standard__number", "code", "pk"))


@dataclass
class StandardView:
    """One standard with its criteria in force, and the province's retired local ones."""

    standard: Standard
    criteria: list[Criterion] = field(default_factory=list)
    retired: list[Criterion] = field(default_factory=list)


def framework_outline(
    framework: Framework, province_code: str | None, on: date
) -> list[StandardView]:
    """The nine standards of ``framework`` with the criteria in force on ``on`` (national and
    ``province_code``'s local ones) and that province's retired local criteria: three queries."""
    views = {
        standard.pk: StandardView(standard)
        for standard in Standard.objects.filter(framework=framework).order_by("number")
    }
    for criterion in criteria_for(framework, province_code, on):
        views[criterion.standard_id].criteria.append(criterion)
    if province_code:
        for criterion in (
            Criterion.objects.filter(
                standard__framework=framework, province__code=province_code, retired_on__lte=on
            )
            .select_related("province")
            .order_by("standard__number", "code")
        ):
            views[criterion.standard_id].retired.append(criterion)
    return list(views.values())


def local_criterion(framework: Framework, pk: int | str) -> Criterion | None:
    """A local criterion of ``framework`` by id, or ``None``."""
    try:
        return (
            Criterion.objects.select_related("standard", "province")
            .filter(standard__framework=framework, province__isnull=False)
            .get(pk=pk)
        )
    except (Criterion.DoesNotExist, ValueError, TypeError):
        return None
