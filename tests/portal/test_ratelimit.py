"""portal.ratelimit: fixed windows counted in RateCounter rows, keyed by a hash."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import RequestFactory, override_settings

from audit.models import AuditEntry
from portal import ratelimit
from portal.models import RateCounter
from regions.scoping import unscoped

pytestmark = pytest.mark.django_db

LIMITS = {
    "status": (3, 60),
    "help": (2, 600),
    "status_reference": (10, 3600),
    "help_daily": (20, 86400),
}
T0 = datetime(2026, 5, 1, 10, 0, 5, tzinfo=UTC)
ADDRESS = "203.0.113.5"


@pytest.fixture(autouse=True)
def _limits():
    with override_settings(PORTAL_RATE_LIMITS=LIMITS):
        yield


def test_limit_allows_then_refuses_within_the_window():
    results = [ratelimit.hit("status", ADDRESS, now=T0 + timedelta(seconds=n)) for n in range(5)]
    assert [r.allowed for r in results] == [True, True, True, False, False]
    assert results[3].bucket == "status"
    assert results[3].retry_after == 60 - 5 - 3
    assert results[3].retry_minutes == 1


def test_next_window_starts_afresh():
    for n in range(4):
        ratelimit.hit("status", ADDRESS, now=T0 + timedelta(seconds=n))
    assert ratelimit.hit("status", ADDRESS, now=T0 + timedelta(seconds=60)).allowed


def test_subjects_and_buckets_are_counted_apart():
    for _ in range(3):
        ratelimit.hit("status", ADDRESS, now=T0)
    assert not ratelimit.hit("status", ADDRESS, now=T0).allowed
    assert ratelimit.hit("status", "203.0.113.6", now=T0).allowed
    assert ratelimit.hit("help", ADDRESS, now=T0).allowed


def test_the_address_is_never_stored():
    ratelimit.hit("status", ADDRESS, now=T0)
    counter = RateCounter.objects.get()
    assert ADDRESS not in counter.key
    assert "203" not in counter.key
    assert len(counter.key) == 64
    assert counter.hits == 1
    assert counter.window_start == datetime(2026, 5, 1, 10, 0, 0, tzinfo=UTC)


def test_one_row_per_window_counts_up():
    for _ in range(3):
        ratelimit.hit("status", ADDRESS, now=T0)
    assert RateCounter.objects.get().hits == 3


def test_old_windows_are_deleted_when_a_new_one_opens():
    ratelimit.hit("status", ADDRESS, now=T0)
    ratelimit.hit("status", "other", now=T0)
    later = T0 + timedelta(days=3)
    ratelimit.hit("status", ADDRESS, now=later)
    assert list(RateCounter.objects.values_list("window_start", flat=True)) == [
        datetime(2026, 5, 4, 10, 0, 0, tzinfo=UTC)
    ]


def test_a_refusal_is_audited_once_per_window_without_the_address():
    for _ in range(6):
        ratelimit.hit("status", ADDRESS, now=T0)
    with unscoped("test"):
        entries = list(AuditEntry.objects.filter(action="portal.rate_limited"))
    assert len(entries) == 1
    assert ADDRESS not in str(entries[0].changes)
    for _ in range(4):
        ratelimit.hit("status", ADDRESS, now=T0 + timedelta(minutes=1))
    with unscoped("test"):
        assert AuditEntry.objects.filter(action="portal.rate_limited").count() == 2


def test_hit_all_counts_every_bucket_and_reports_the_longest_wait():
    for _ in range(2):
        assert ratelimit.hit_all([("status", ADDRESS), ("help", ADDRESS)], now=T0).allowed
    decision = ratelimit.hit_all([("status", ADDRESS), ("help", ADDRESS)], now=T0)
    assert not decision.allowed
    assert decision.bucket == "help"
    assert decision.retry_after == 600 - 5


def test_client_address_comes_from_remote_addr():
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.1")
    assert ratelimit.client_address(request) == "198.51.100.1"
    request.META.pop("REMOTE_ADDR")
    assert ratelimit.client_address(request) == "unknown"


def test_concurrent_first_hits_share_one_row(monkeypatch):
    """A process that loses the race to open the window adds its hit to the winner's row."""
    real_add_hit = ratelimit._add_hit
    calls = []

    def racing_add_hit(key, start):
        calls.append(key)
        if len(calls) == 1:  # finds no row, but another process inserts it a moment later
            RateCounter.objects.create(key=key, window_start=start, hits=1)
            return 0
        return real_add_hit(key, start)

    monkeypatch.setattr(ratelimit, "_add_hit", racing_add_hit)
    assert ratelimit.hit("status", ADDRESS, now=T0).allowed
    assert RateCounter.objects.get().hits == 2
    assert len(calls) == 2
