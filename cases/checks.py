"""System checks for the identifier protection keys (cases/crypto.py, SEC-DC-02)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

from cases import crypto


@checks.register(checks.Tags.security)
def field_keys_usable(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Keys that are set must be well formed, in every profile."""
    if not (
        getattr(settings, "FIELD_ENCRYPTION_KEY", "") and getattr(settings, "FIELD_HASH_KEY", "")
    ):
        return []
    return [
        checks.Error(problem, hint="See docs/deploy.md, 'Identifier keys'.", id="cases.E002")
        for problem in crypto.check_keys()
    ]


@checks.register(checks.Tags.security, deploy=True)
def field_keys_present(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """A deployment needs both keys from its environment; they are never generated there."""
    missing = [
        name
        for name in ("FIELD_ENCRYPTION_KEY", "FIELD_HASH_KEY")
        if not getattr(settings, name, "")
    ]
    return [
        checks.Error(
            f"{name} is not set: identity and certificate numbers cannot be protected.",
            hint="Set it in the environment (hex or base64); see docs/deploy.md, "
            "'Identifier keys'. Keep a copy outside the database and its backups.",
            id="cases.E001",
        )
        for name in missing
    ]
