"""Refusing stale edits: a form carries the version it was loaded at; a service saves only if
the row is still at that version. The same on SQLite and PostgreSQL (``select_for_update`` is a
no-op on SQLite, but its writers are serialised by IMMEDIATE transactions)."""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.utils.translation import gettext as _

from lawstation.errors import DomainError

M = TypeVar("M", bound=models.Model)


def lock_at_version(instance: M, expected_version: int | None) -> M:
    """The row, locked, after checking nobody changed it since ``expected_version``.

    Call inside the service's transaction; the caller sets fields, then saves with
    ``version=locked.version + 1``. ``None`` skips the check (a command, not a form)."""
    locked = type(instance)._base_manager.select_for_update().get(pk=instance.pk)
    if expected_version is not None and locked.version != expected_version:
        raise DomainError(
            _(
                "Someone else changed this record after you opened it. Nothing was saved: "
                "reload the page to see their change, then make yours again."
            ),
            code="stale",
        )
    locked.version += 1
    return locked
