"""Rate limits on the portal's public POST endpoints: fixed windows counted in the database.

A limit is ``settings.PORTAL_RATE_LIMITS[bucket] = (hits, window seconds)``. Each hit adds one to
the ``RateCounter`` row of (key, window start) by an atomic ``UPDATE … SET hits = hits + 1`` (or
an insert for the window's first hit), so every server process shares the count on SQLite and
PostgreSQL alike. The key is a keyed hash (HMAC-SM3, ``cases.crypto.lookup_hash``) of the bucket
and the subject (the client's address, or a reference): never the address itself. Rows of
windows that ended long ago are deleted when a new window starts. The first refusal in a window
is audited (``portal.rate_limited``, the bucket only: no address, no reference).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from audit.services import record
from cases.crypto import lookup_hash
from portal.models import RateCounter

HASH_KIND = "portal.rate_limit"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    bucket: str = ""
    retry_after: int = 0  # seconds until the refusing window ends

    @property
    def retry_minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


ALLOWED = Decision(allowed=True)


def limit_of(bucket: str) -> tuple[int, int]:
    hits, seconds = settings.PORTAL_RATE_LIMITS[bucket]
    return int(hits), int(seconds)


def counter_key(bucket: str, subject: str) -> str:
    return lookup_hash(HASH_KIND, f"{bucket}\x00{subject}")


def window_start(now: datetime, seconds: int) -> datetime:
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=UTC)


def _add_hit(key: str, start: datetime) -> int:
    """``UPDATE … SET hits = hits + 1`` on the window's row: how many rows it changed (0 or 1)."""
    return RateCounter.objects.filter(key=key, window_start=start).update(hits=F("hits") + 1)


def _hits(key: str, start: datetime) -> int:
    return (
        RateCounter.objects.filter(key=key, window_start=start).values_list("hits", flat=True).get()
    )


def _count(key: str, start: datetime) -> tuple[int, bool]:
    """Add one hit to the window's row; (hits now, whether this hit opened the window)."""
    if _add_hit(key, start):
        return _hits(key, start), False
    try:
        with transaction.atomic():
            RateCounter.objects.create(key=key, window_start=start, hits=1)
        return 1, True
    except IntegrityError:  # another process opened the window first
        _add_hit(key, start)
        return _hits(key, start), False


def _forget_old_windows(now: datetime) -> None:
    longest = max(seconds for _hits, seconds in settings.PORTAL_RATE_LIMITS.values())
    RateCounter.objects.filter(window_start__lt=now - timedelta(seconds=2 * longest)).delete()


def hit(bucket: str, subject: str, *, now: datetime | None = None) -> Decision:
    """Count one hit of ``subject`` on ``bucket``; whether it is allowed."""
    now = now or timezone.now()
    limit, seconds = limit_of(bucket)
    start = window_start(now, seconds)
    with transaction.atomic():
        hits, opened = _count(counter_key(bucket, subject or "-"), start)
        if opened:
            _forget_old_windows(now)
        if hits <= limit:
            return ALLOWED
        if hits == limit + 1:
            record("portal.rate_limited", None, actor=None, changes={"bucket": [None, bucket]})
    retry = math.ceil((start + timedelta(seconds=seconds) - now).total_seconds())
    return Decision(allowed=False, bucket=bucket, retry_after=max(1, retry))


def hit_all(hits: list[tuple[str, str]], *, now: datetime | None = None) -> Decision:
    """Count a hit on every (bucket, subject); the refusal with the longest wait, if any."""
    decisions = [hit(bucket, subject, now=now) for bucket, subject in hits]
    refused = [decision for decision in decisions if not decision.allowed]
    return max(refused, key=lambda d: d.retry_after) if refused else ALLOWED


def client_address(request) -> str:
    """The client's address as the trusted-proxy middleware left it."""
    return request.META.get("REMOTE_ADDR") or "unknown"
