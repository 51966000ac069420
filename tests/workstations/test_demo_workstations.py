"""The demo workstations: deterministic, idempotent, fictional, fast, audited once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEntry
from lawstation import demo as demo_loader
from lawstation.demo import seed_demo
from lawstation.demo_stats import seed_stats
from lawstation.demo_workstations import (
    PROVINCE_GROUP_DOCUMENT,
    coherent_profiles,
    seed_workstations,
)
from people.models import Engagement, Person
from regions.models import Federation
from workstations import coverage_rules as rules
from workstations.models import (
    CoordinationGroup,
    DutyDay,
    Filing,
    GroupAdjustment,
    PremisesCheck,
    Workstation,
)

pytestmark = pytest.mark.django_db
MODELS = (CoordinationGroup, Workstation, Person, Engagement, PremisesCheck, DutyDay, Filing)


def anhui() -> dict[str, Federation]:
    return {
        f.region_id: f
        for f in Federation.objects.filter(region__province_code="340000").select_related("region")
    }


def counts() -> dict[str, int]:
    return {model.__name__: model.all_objects.count() for model in MODELS}


@pytest.fixture
def demo():
    seed_demo()


def test_most_but_not_all_federations_have_a_group_and_a_workstation(demo):
    groups = CoordinationGroup.all_objects.count()
    established = Workstation.all_objects.filter(status="established").count()
    assert 90 < groups < 121
    assert 70 < established < groups
    assert Workstation.all_objects.filter(status="planned").exists()
    assert PremisesCheck.all_objects.filter(present=False).exists()
    assert (
        Filing.all_objects.filter(status="accepted").count()
        > Filing.all_objects.filter(status="submitted").count()
    )


def test_the_province_group_was_set_up_by_the_nine_department_document(demo):
    adjustment = GroupAdjustment.all_objects.get(group__federation__region_id="340000")
    assert adjustment.document_number == PROVINCE_GROUP_DOCUMENT


def test_every_row_is_filed_under_its_federation_region(demo):
    for model in (*MODELS, GroupAdjustment):
        assert not model.all_objects.filter(province_code__isnull=True).exists(), model
    station = Workstation.all_objects.select_related("federation__region").get(
        federation__region_id="340102"
    )
    assert (station.province_code, station.city_code, station.county_code) == (
        "340000",
        "340100",
        "340102",
    )


def test_names_are_generated_not_real(demo):
    names = set(Person.all_objects.values_list("name", flat=True))
    assert names
    assert all(name.endswith("某") for name in names)
    lawyers = Person.all_objects.filter(kind=Person.Kind.LAWYER)
    assert all(
        number.startswith("DEMO-") for number in lawyers.values_list("licence_number", flat=True)
    )


def test_a_second_run_creates_nothing_and_records_nothing(demo):
    before = counts()
    entries = AuditEntry.all_objects.filter(action="seed.loaded").count()
    result = seed_workstations(anhui(), timezone.localdate())
    assert set(result.values()) == {0}
    assert counts() == before
    assert AuditEntry.all_objects.filter(action="seed.loaded").count() == entries


def test_one_audit_entry_for_the_run(db):
    seed_demo()  # users, the workstations, then the cases: one entry each
    entries = AuditEntry.all_objects.filter(action="seed.loaded", actor_label="system:seed_demo")
    assert entries.count() == 3
    workstations = [e for e in entries if "workstation" in e.changes]
    assert len(workstations) == 1
    assert workstations[0].changes["workstation"][1] == Workstation.all_objects.count()


def test_the_profiles_are_deterministic_and_coherent(demo):
    federations = anhui()
    first, second = coherent_profiles(federations), coherent_profiles(federations)
    assert first == second
    for code, profile in first.items():
        parent = federations[code].region.parent_id
        if profile.established_on and parent:
            assert first[parent].group, code


def test_it_seeds_in_bulk(monkeypatch):
    """Seeding stays fast by writing in bulk: a bounded number of queries whatever the number
    of rows, rather than a timed test. The records: 240 queries when measured. The period
    reports (``lawstation/demo_stats.py``) go through the services, a fixed number of queries
    per report (its figure table, data-quality check, history and audit: about 37 when
    measured), for a fixed number of reports (two cities' counties), whatever the records."""
    spent = {}

    def counted(*args, **kwargs):
        with CaptureQueriesContext(connection) as queries:
            made = seed_stats(*args, **kwargs)
        spent.update(reports=made["reports"], queries=len(queries))
        return made

    monkeypatch.setattr(demo_loader, "seed_stats", counted)
    with CaptureQueriesContext(connection) as queries:
        seed_demo()
    assert 10 <= spent["reports"] <= 20
    assert len(queries) - spent["queries"] <= 300
    assert spent["queries"] <= 20 + 40 * spent["reports"]


def test_the_coverage_page_for_anhui_lists_121_federations_with_gaps(demo, client):
    client.force_login(User.objects.get(username="clerk-340000"))
    response = client.get(reverse("coverage:table"))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == 121
    with_gaps = [row for row in rows if row.gaps]
    assert 0 < len(with_gaps) < 121
    found = {gap for row in rows for gap in row.gaps}
    assert found == set(rules.GAPS)
    assert {row.deadline for row in rows} >= {rules.MET_ON_TIME, rules.MET_LATE, rules.OVERDUE}
    html = response.content.decode()
    for gap in (rules.NO_BODY, rules.NO_FACILITIES, rules.NO_FUNDING, rules.NO_LEGAL_WORKERS):
        assert str(rules.GAP_LABELS[gap]) in html
    only = client.get(reverse("coverage:table"), {"gaps": "1"})
    assert len(only.context["rows"]) == len(with_gaps)
