"""The one place where region scoping lives.

A user sees their own federation's region and everything below it; never a sibling's or a
parent's data. Every model holding personal or case data inherits :class:`RegionScoped`: it
carries denormalised, indexed ``province_code``, ``city_code`` and ``county_code`` columns, and its
default manager refuses to run unless a scope is active. Inside ``activate(scope)`` every query is
filtered by equality on one of those columns (fast on SQLite and PostgreSQL alike). Commands and
national roll-ups that must read across regions say so explicitly with ``unscoped("reason")``.

Views obtain single objects with :func:`get_in_scope_or_404`: a missing object and one outside the
scope give the same 404, so ids cannot be probed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models
from django.http import Http404

from regions.models import Level, Region


class ScopeError(RuntimeError):
    """A sensitive model was queried with no scope active."""


@dataclass(frozen=True)
class Scope:
    """What one user may see: a region (with its level) and the role's capabilities."""

    region_code: str
    level: int
    capabilities: frozenset[str] = field(default_factory=frozenset)
    user_id: int | None = None

    @property
    def column(self) -> str:
        return {Level.PROVINCE: "province_code", Level.CITY: "city_code"}.get(
            self.level, "county_code"
        )

    def row_filter(self, prefix: str = "") -> dict[str, str]:
        """Keyword arguments that restrict a queryset to rows inside this scope."""
        return {f"{prefix}{self.column}": self.region_code}

    def covers(self, codes: RegionCodes | Region) -> bool:
        """Whether a row (or region) with these codes lies inside the scope."""
        return getattr(codes, self.column) == self.region_code

    def can(self, capability: str) -> bool:
        return capability in self.capabilities


class _Unscoped:
    def __init__(self, reason: str) -> None:
        self.reason = reason


_current: ContextVar[Scope | _Unscoped | None] = ContextVar("lawstation_scope", default=None)


@contextmanager
def activate(scope: Scope) -> Iterator[Scope]:
    """Run the block with ``scope`` as the active scope for sensitive models."""
    token = _current.set(scope)
    try:
        yield scope
    finally:
        _current.reset(token)


@contextmanager
def unscoped(reason: str) -> Iterator[None]:
    """The explicit, greppable escape hatch: commands, migrations, national roll-ups."""
    if not reason:
        raise ValueError("unscoped() needs a reason")
    token = _current.set(_Unscoped(reason))
    try:
        yield
    finally:
        _current.reset(token)


def current_scope() -> Scope | None:
    value = _current.get()
    return value if isinstance(value, Scope) else None


def scope_for_region(
    region: Region,
    capabilities: frozenset[str] | set[str] = frozenset(),
    user_id: int | None = None,
) -> Scope:
    return Scope(
        region_code=region.code,
        level=region.level,
        capabilities=frozenset(capabilities),
        user_id=user_id,
    )


# --- Models ---------------------------------------------------------------------------------


class ScopedQuerySet(models.QuerySet):
    pass


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    """Default manager of sensitive models: filters by the active scope, fails without one."""

    def get_queryset(self) -> models.QuerySet:
        active = _current.get()
        queryset = super().get_queryset()
        if isinstance(active, Scope):
            return queryset.filter(**active.row_filter())
        if isinstance(active, _Unscoped):
            return queryset
        raise ScopeError(
            f"Unscoped query of {self.model._meta.label}: wrap it in regions.scoping.activate() "
            "or, for commands and national roll-ups, regions.scoping.unscoped(reason)."
        )


class RegionCodes(models.Model):
    """Region codes a row is filed under; set by services on create and on transfer.

    NULL (not "") means "no region at this level": a county directly under a province has no
    city code, and equality filters never match NULL.
    """

    province_code = models.CharField(max_length=6, db_index=True, null=True, blank=True)  # noqa: DJ001
    city_code = models.CharField(max_length=6, db_index=True, null=True, blank=True)  # noqa: DJ001
    county_code = models.CharField(max_length=6, db_index=True, null=True, blank=True)  # noqa: DJ001

    class Meta:
        abstract = True

    def set_region(self, region: Region | None) -> None:
        self.province_code, self.city_code, self.county_code = region_codes(region)


class RegionScoped(RegionCodes):
    """Abstract base for models holding personal or case data."""

    objects = ScopedManager()
    # Django's internals (saving, related access) use this plain manager.
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        abstract = True
        base_manager_name = "all_objects"


def region_codes(region: Region | None) -> tuple[str | None, str | None, str | None]:
    if region is None:
        return (None, None, None)
    return (region.province_code, region.city_code, region.county_code)


M = TypeVar("M", bound=models.Model)


def get_in_scope_or_404(queryset_or_model: Any, scope: Scope | None, **lookup: Any) -> Any:
    """One object inside ``scope``; missing and forbidden both raise the same 404."""
    if scope is None:
        raise Http404
    if isinstance(queryset_or_model, type):
        queryset = queryset_or_model._default_manager.all()
    else:
        queryset = queryset_or_model
    with activate(scope):
        try:
            if issubclass(queryset.model, RegionScoped):
                return queryset.get(**lookup)
            if issubclass(queryset.model, Region):
                return queryset.filter(**scope.row_filter()).get(**lookup)
            return queryset.filter(**scope.row_filter("region__")).get(**lookup)
        except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
            raise Http404 from exc


def regions_within(scope: Scope) -> models.QuerySet[Region]:
    """Every region the scope covers, its own included."""
    return Region.objects.filter(**scope.row_filter())


def child_regions(scope: Scope, region: Region) -> models.QuerySet[Region]:
    """The regions directly below ``region``, when ``region`` is inside the scope."""
    if not scope.covers(region):
        return Region.objects.none()
    return Region.objects.filter(parent=region).select_related("federation").order_by("code")
