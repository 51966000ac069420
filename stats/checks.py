"""System check for the key of the de-identified export's pseudonyms (``STATS_PSEUDONYM_KEY``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

MIN_LENGTH = 32


@checks.register(checks.Tags.security, deploy=True)
def pseudonym_key_present(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """A deployment sets its own pseudonym key; it is never derived there."""
    key = getattr(settings, "STATS_PSEUDONYM_KEY", "")
    if len(key) >= MIN_LENGTH:
        return []
    return [
        checks.Error(
            "STATS_PSEUDONYM_KEY is not set or shorter than 32 characters: the de-identified "
            "case export cannot make its pseudonyms.",
            hint="Set it in the environment (a random string of 32 characters or more); see "
            "docs/statistics.md, 'The de-identified case-level export'.",
            id="stats.E001",
        )
    ]
