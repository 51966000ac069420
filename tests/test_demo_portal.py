"""The public portal's demo data (lawstation/demo_portal.py): a complete current notice at every
established workstation except the deliberate gaps, versions in 340100 and 340102, duty days
ahead, the demo requests in the right inboxes with a working status lookup, and a second run
that creates nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AuditEntry
from lawstation.demo import seed_demo
from lawstation.demo_portal import VERSIONED, demo_reference, seed_portal
from lawstation.demo_portal_content import REQUESTS, duty_dates, is_holiday
from portal.models import HelpRequest
from portal.selectors.status import stage_of
from regions.models import Federation
from workstations.completeness import CONTACT_FIELDS, NOTICE_FIELDS, notice_completeness
from workstations.models import DutyDay, Publication, PublicNotice, Workstation

pytestmark = pytest.mark.django_db
MODELS = (PublicNotice, Publication, DutyDay, HelpRequest, AuditEntry)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo, seeded once for the module inside a transaction rolled back at its end (each
    test runs in a savepoint within it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo()
        yield timezone.localdate()
        transaction.set_rollback(True)


def anhui() -> dict[str, Federation]:
    return {
        f.region_id: f
        for f in Federation.objects.filter(region__province_code="340000").select_related("region")
    }


def current_notices(today: date) -> dict[str, PublicNotice]:
    notices = PublicNotice.all_objects.filter(effective_from__lte=today, effective_until=None)
    return {n.workstation.federation.region_id: n for n in notices.select_related("workstation")}


def test_established_workstations_have_a_complete_current_notice_but_a_few(seeded):
    stations = Workstation.all_objects.filter(status=Workstation.Status.ESTABLISHED)
    codes = set(stations.values_list("federation__region_id", flat=True))
    notices = current_notices(seeded)
    assert set(notices) == codes
    channels: dict[int, set[str]] = {}
    for notice_id, channel in Publication.all_objects.values_list("notice_id", "channel"):
        channels.setdefault(notice_id, set()).add(channel)
    gaps = {}
    for code, notice in notices.items():
        values = {name: getattr(notice, name) for name in NOTICE_FIELDS}
        assert notice_completeness(values, channels.get(notice.pk, set())).is_published, code
        blank = [name for name in ("working_hours", *CONTACT_FIELDS) if not values[name]]
        if blank:
            gaps[code] = blank
    # Three counties from lawstation/demo_portal.py (lawstation/demo_compliance.py adds its own
    # blank workflows, kept when the notice is rewritten).
    assert sorted(len(b) for b in gaps.values()) == [1, 1, 1], gaps
    assert {b[0] for b in gaps.values()} == {"working_hours", "email", "sign_language_video"}
    assert not {"340100", "340102", "340103"} & set(gaps)
    assert all(len(code) == 6 and code[4:] != "00" for code in gaps)
    one_channel = [n for n in notices.values() if len(channels[n.pk]) == 1]
    assert 0 < len(one_channel) < len(notices) // 4
    first = PublicNotice.all_objects.filter(workstation__federation__region_id="340000").get()
    assert first.effective_from.year == 2020
    assert first.phone.startswith("0551-6")
    assert first.email.endswith(".example")
    assert "无障碍" in first.office_address
    assert "受理" in first.workflow


@pytest.mark.parametrize("code", VERSIONED)
def test_the_city_and_county_show_two_versions(seeded, code):
    versions = list(
        PublicNotice.all_objects.filter(workstation__federation__region_id=code).order_by(
            "effective_from"
        )
    )
    assert [v.effective_from.year for v in versions] == [2020, 2026]
    assert versions[0].effective_until == date(2025, 12, 31)
    assert versions[1].effective_until is None
    assert versions[1].scope_of_cases != (versions[0].scope_of_cases)
    published = set(
        Publication.all_objects.filter(notice=versions[1]).values_list("channel", flat=True)
    )
    assert published == {"website", "notice_board"}


def test_duty_days_are_planned_for_the_next_three_months(seeded):
    ahead = DutyDay.all_objects.filter(day__gt=seeded)
    assert ahead.values("workstation").distinct().count() > 60
    assert not ahead.filter(day__gt=seeded + timedelta(days=93)).exists()
    assert not ahead.filter(checked_in_at__isnull=False).exists()
    assert not any(is_holiday(day) for day in ahead.values_list("day", flat=True))
    own = ahead.filter(workstation__federation__region_id="340102")
    assert own.count() >= 5
    assert set(own.values_list("starts_at", "ends_at")) == {(own[0].starts_at, own[0].ends_at)}
    assert len({day.weekday() for day in own.values_list("day", flat=True)}) == 1
    for duty in own.select_related("person"):
        assert duty.person.kind in ("lawyer", "legal_worker")
        assert duty.person.federation_id == duty.workstation.federation_id


def test_demo_requests_are_new_in_their_inboxes_and_their_status_can_be_looked_up(seeded):
    requests = {r.submission_key: r for r in HelpRequest.all_objects.select_related("federation")}
    assert set(requests) == {spec.key for spec in REQUESTS}
    inboxes = [requests[spec.key].federation.region_id for spec in REQUESTS]
    assert inboxes == ["340102", "340102", "340102", "340103"]
    for spec in REQUESTS:
        row = requests[spec.key]
        assert row.reference == demo_reference(spec)
        assert row.county_code == row.federation.region_id
        assert row.status == HelpRequest.Status.NEW
        assert row.status_changed_at == row.submitted_at < timezone.now()
        assert row.consent_disability == bool(row.disability_categories or row.needs_other)
        assert stage_of(row.reference, spec.factor) is not None
        assert stage_of(row.reference, "0000") is None
    deaf = requests[REQUESTS[0].key]
    assert "sign_language" in deaf.communication_needs
    assert deaf.contact_preference == "sms"
    assert requests[REQUESTS[1].key].phone == ""
    assert requests[REQUESTS[1].key].email
    assert requests[REQUESTS[2].key].do_not_phone


def test_a_second_run_creates_nothing_in_one_query(seeded):
    before = {model: model.all_objects.count() for model in MODELS}
    with CaptureQueriesContext(connection) as captured:
        assert seed_portal(anhui(), seeded) == {}
    assert len(captured) == 2  # the federations, then the check
    seed_demo()
    assert {model: model.all_objects.count() for model in MODELS} == before


def test_a_run_next_month_adds_only_the_new_duty_days(seeded):
    later = seeded + timedelta(days=40)
    before = {model: model.all_objects.count() for model in MODELS}
    made = seed_portal(anhui(), later)
    assert set(made) == {"publicnotice", "publication", "dutyday", "helprequest"}
    assert made["publicnotice"] == made["publication"] == made["helprequest"] == 0
    assert made["dutyday"] > 0
    assert PublicNotice.all_objects.count() == before[PublicNotice]
    assert seed_portal(anhui(), later) == {}


def test_duty_dates_skip_holidays_and_stay_within_three_months():
    days = duty_dates(date(2026, 12, 2), 4, True)  # Fridays
    assert date(2027, 1, 1) not in days
    assert date(2027, 1, 8) in days
    assert all(date(2026, 12, 2) < day <= date(2027, 3, 2) for day in days)
    assert len(days) == len(set(days))
