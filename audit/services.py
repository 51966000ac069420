"""The only writer of the audit log."""

from __future__ import annotations

from typing import Any

from django.db import models

from audit import actions
from audit.masking import mask_text, mask_value
from audit.models import AuditEntry
from lawstation import request_context
from regions.models import Region
from regions.scoping import RegionCodes, region_codes


def record(
    action: str,
    target: models.Model | None = None,
    *,
    actor: Any = None,
    changes: dict[str, Any] | None = None,
    outcome: str = AuditEntry.Outcome.SUCCESS,
    region: Region | None = None,
    actor_label: str | None = None,
) -> AuditEntry:
    """Append one entry, inside the caller's transaction.

    The entry is filed under the target's region codes; for a target without region (a user, a
    region-less security event) under ``region``, else under the actor's federation. ``changes``
    is ``{field: [old, new]}``; identifiers in it and in the target's text are masked.
    """
    if not actions.is_known(action):
        raise ValueError(f"Unknown audit action {action!r}: add it to audit/actions.py")
    context = request_context.current()
    membership = _membership_of(actor)
    entry = AuditEntry(
        actor=actor if _is_saved_user(actor) else None,
        # A free label may be whatever was typed at the login form: a phone number, an ID.
        actor_label=mask_text(
            actor_label or (actor.get_username() if _is_saved_user(actor) else "")
        )[:150],
        actor_role=membership.role if membership else "",
        channel=context.channel,
        ip=context.ip,
        user_agent=context.user_agent,
        request_id=context.request_id,
        action=action,
        outcome=outcome,
        changes=mask_value(changes or {}),
    )
    if target is not None:
        entry.target_type = target._meta.label_lower
        entry.target_id = str(target.pk)
        entry.target_label = mask_text(str(target))[:200]
    entry.province_code, entry.city_code, entry.county_code = _codes_for(target, region, membership)
    entry.save(force_insert=True)
    return entry


def _is_saved_user(actor: Any) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False) and actor.pk is not None


def _membership_of(actor: Any) -> Any:
    if not _is_saved_user(actor):
        return None
    try:
        return actor.membership
    except models.ObjectDoesNotExist:
        return None


def _codes_for(
    target: models.Model | None, region: Region | None, membership: Any
) -> tuple[str | None, str | None, str | None]:
    if isinstance(target, Region):
        return region_codes(target)
    if isinstance(target, RegionCodes) and target.province_code:
        return (target.province_code, target.city_code, target.county_code)
    if region is not None:
        return region_codes(region)
    if membership is not None:
        return (membership.province_code, membership.city_code, membership.county_code)
    return (None, None, None)
