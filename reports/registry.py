"""The registry of reports: ``@register`` on each exporter class, looked up by identifier.

Exporters live in ``reports/exporters/``; that package imports each of its modules, and the
registry imports the package the first time it is asked, so every report is known before any
look-up.
"""

from __future__ import annotations

import re
from importlib import import_module

from django.core.exceptions import ImproperlyConfigured

from regions.scoping import Scope
from reports.base import Exporter

_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
_exporters: dict[str, type[Exporter]] = {}
_discovered = False


class UnknownReportError(KeyError):
    """No report has this identifier."""

    def __init__(self, identifier: str) -> None:
        super().__init__(identifier)
        self.identifier = identifier

    def __str__(self) -> str:
        known = ", ".join(sorted(_exporters)) or "none"
        return f"There is no report {self.identifier!r} (known reports: {known})."


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def register(cls: type[Exporter]) -> type[Exporter]:
    """Class decorator adding an exporter to the registry; identifiers are unique ASCII slugs."""
    if not _IDENTIFIER.match(cls.identifier or ""):
        raise ImproperlyConfigured(
            f"{cls.__qualname__}.identifier must be a lower-case ASCII slug, "
            f"not {cls.identifier!r}."
        )
    existing = _exporters.get(cls.identifier)
    if existing is not None and existing is not cls:
        raise ImproperlyConfigured(
            f"Report identifier {cls.identifier!r} is used by both {_name(existing)} and "
            f"{_name(cls)}."
        )
    _exporters[cls.identifier] = cls
    return cls


def _discover() -> None:
    global _discovered
    if not _discovered:
        import_module("reports.exporters")
        _discovered = True


def get(identifier: str) -> Exporter:
    """The exporter for ``identifier``; :class:`UnknownReportError` (a ``KeyError``) if none."""
    _discover()
    try:
        return _exporters[identifier]()
    except KeyError:
        raise UnknownReportError(identifier) from None


def all_exporters() -> list[Exporter]:
    _discover()
    return [_exporters[identifier]() for identifier in sorted(_exporters)]


def available_for(scope: Scope | None) -> list[Exporter]:
    """The reports a user with ``scope`` may run, by identifier."""
    if scope is None:
        return []
    return [exporter for exporter in all_exporters() if scope.can(exporter.capability)]
