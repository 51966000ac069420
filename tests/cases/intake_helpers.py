"""Requests for help made through the intake service (for the intake tests and scope rows)."""

from __future__ import annotations

import secrets

from django.utils import timezone

from accounts.roles import Role
from cases.models import Intake
from cases.services.intake import receive_intake
from tests.factories import Cast


def make_intake(cast: Cast, code: str, **fields) -> Intake:
    values = {
        "channel": "in_person",
        "received_at": timezone.now(),
        "in_own_words": "单位拖欠我三个月工资，不肯支付。",
        "is_oral": True,
        "read_back": True,
        "contact_name": "王小明",
        "contact_details": "13912345678",
        "submission_key": secrets.token_urlsafe(16),
    }
    values.update(fields)
    actor = values.pop("actor", cast.user(code, Role.CLERK))
    return receive_intake(cast.federations[code], actor=actor, **values)
