"""SEC-AU-01..04 and PI-04: one writer, append-only in the model and the database, masked."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.models import Membership
from accounts.roles import ADMIN_ROLES, Role
from accounts.services import change_role, grant_membership
from audit.masking import mask_text, mask_value
from audit.models import AppendOnlyError, AuditEntry
from audit.services import record
from lawstation.errors import DomainError

pytestmark = pytest.mark.django_db

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def resident_id(area: str, birth: str, sequence: str) -> str:
    body = area + birth + sequence
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


@pytest.fixture
def entry(cast):
    return record("seed.loaded", cast.regions["340102"], actor=None)


def test_the_model_refuses_update_and_delete(entry):
    entry.action = "auth.logged_in"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.all_objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.all_objects.filter(pk=entry.pk).delete()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditentry SET action = 'tampered'",
        "DELETE FROM audit_auditentry",
    ],
)
def test_the_database_refuses_update_and_delete(entry, statement):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEntry.all_objects.get(pk=entry.pk).action == "seed.loaded"


def test_postgresql_refuses_truncate(entry):
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE exists only on PostgreSQL; SQLite's DELETE trigger covers it")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditentry")
    assert AuditEntry.all_objects.filter(pk=entry.pk).exists()


def test_a_failed_audit_write_rolls_the_change_back(cast, monkeypatch):
    """SEC-AU-04: the audit insert and the business change share one transaction."""
    membership = Membership.all_objects.get(user=cast.user("340102", Role.CLERK))

    def refuse(self, *args, **kwargs):
        raise DatabaseError("audit storage unavailable")

    monkeypatch.setattr(AuditEntry, "save", refuse)
    with pytest.raises(DatabaseError):
        change_role(membership, actor=None, role=Role.LEADER)
    assert Membership.all_objects.get(pk=membership.pk).role == Role.CLERK


def test_unknown_action_codes_are_refused(cast):
    with pytest.raises(ValueError, match=r"audit/actions\.py"):
        record("case.teleported", None, actor=None)


@pytest.mark.parametrize("old", sorted(ADMIN_ROLES))
@pytest.mark.parametrize("new", sorted(ADMIN_ROLES))
def test_nobody_moves_between_administrator_posts(cast, old, new):
    membership = Membership.all_objects.get(user=cast.user("340100", old))
    if old == new:
        assert change_role(membership, actor=None, role=new).role == new
        return
    with pytest.raises(DomainError, match=f"{old}-340100"):
        change_role(membership, actor=None, role=new)
    assert Membership.all_objects.get(pk=membership.pk).role == old


def test_an_administrator_may_become_a_clerk_and_it_is_audited(cast):
    admin = cast.user("340100", Role.SECURITY_ADMIN)
    membership = Membership.all_objects.get(user=cast.user("340100", Role.SYSTEM_ADMIN))
    change_role(membership, actor=admin, role=Role.CLERK)
    entry = AuditEntry.all_objects.filter(action="membership.role_changed").latest("id")
    assert (entry.actor, entry.changes) == (admin, {"role": ["system_admin", "clerk"]})
    assert entry.city_code == "340100"


def test_a_second_membership_is_refused(cast):
    with pytest.raises(DomainError):
        grant_membership(
            cast.user("340100", Role.AUDIT_ADMIN),
            actor=None,
            federation=cast.federations["340100"],
            role=Role.SYSTEM_ADMIN,
        )


# --- Masking (PI-04) ---------------------------------------------------------------------------

birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 1, 1)).map(
    lambda d: d.strftime("%Y%m%d")
)
ids = st.builds(
    resident_id,
    st.sampled_from(["340123", "110105", "429004", "650102"]),
    birth_dates,
    st.from_regex(r"[0-9]{3}", fullmatch=True),
)


@settings(max_examples=300)
@given(
    number=ids,
    prefix=st.text(st.characters(exclude_characters=" "), max_size=5),
    suffix=st.text(st.characters(exclude_characters=" "), max_size=5),
)
def test_masked_ids_never_show_the_birth_date(number, prefix, suffix):
    masked = mask_text(f"{prefix} {number} {suffix}")
    token = masked.split(" ")[1]
    assert len(token) == 18
    assert token[:4] == number[:4]
    assert token[-4:] == number[-4:]
    assert number[6:14] not in token
    assert sum(c.isdigit() or c == "X" for c in token) <= 8
    assert mask_text(masked) == masked


@given(number=ids, category=st.integers(1, 7), grade=st.integers(1, 4), reissue=st.integers(0, 8))
def test_certificate_numbers_keep_category_and_grade(number, category, grade, reissue):
    certificate = f"{number}{category}{grade}" + (f"B{reissue}" if reissue else "")
    masked = mask_text(certificate)
    assert number[6:14] not in masked
    assert masked.endswith(certificate[18:])
    assert masked[:4] == number[:4]


def test_mobile_numbers_are_masked():
    assert mask_text("电话13812345678。") == "电话138****5678。"
    assert mask_text("order 123456789012") == "order 123456789012"  # not a mobile number


def test_record_masks_changes_and_target_text(cast):
    number = resident_id("340123", "19800101", "123")
    entry = record(
        "seed.loaded",
        None,
        actor=None,
        region=cast.regions["340102"],
        changes={"id_number": [None, number], "phone": ["13812345678", None]},
    )
    stored = str(AuditEntry.all_objects.get(pk=entry.pk).changes)
    assert "19800101" not in stored
    assert "13812345678" not in stored
    assert mask_value({"a": [number]}) == {"a": [mask_text(number)]}


def test_no_stored_entry_holds_an_id_or_mobile_pattern(client, cast):
    number = resident_id("340102", "19750505", "246")
    client.force_login(cast.user("340100", Role.AUDIT_ADMIN))
    client.get(reverse("audit:list"), {"target": number, "actor": "13912345678"})
    record(
        "seed.loaded",
        None,
        actor=None,
        region=cast.regions["340102"],
        changes={"note": [None, f"{number} / 13912345678"]},
    )
    pattern = re.compile(r"\d{17}[\dX]|1[3-9]\d{9}")
    for row in AuditEntry.all_objects.values("changes", "target_label", "actor_label"):
        assert not pattern.search(str(row)), row


# --- The audit administrator's page --------------------------------------------------------


def test_city_auditor_sees_its_counties_but_not_siblings_or_the_province(client, cast):
    for code in cast.regions:
        record("seed.loaded", cast.regions[code], actor=None)
    client.force_login(cast.user("340100", Role.AUDIT_ADMIN))
    html = client.get(reverse("audit:list"), {"action": "seed.loaded"}).content.decode()
    for name in ("合肥市", "瑶海区", "庐阳区"):
        assert name in html
    for name in ("芜湖市", "镜湖区", "安徽省"):
        assert name not in html


def test_county_auditor_gets_404_for_a_sibling_entry(client, cast):
    sibling = record("seed.loaded", cast.regions["340103"], actor=None)
    own = record("seed.loaded", cast.regions["340102"], actor=None)
    client.force_login(cast.user("340102", Role.AUDIT_ADMIN))
    assert client.get(reverse("audit:detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("audit:detail", args=[sibling.pk])).status_code == 404
    assert client.get(reverse("audit:detail", args=[10**9])).status_code == 404


def test_search_filters_and_a_bad_range_is_explained(client, cast):
    client.force_login(cast.user("340100", Role.AUDIT_ADMIN))
    response = client.get(
        reverse("audit:list"), {"date_from": "2026-12-01", "date_to": "2026-01-01"}
    )
    assert 'class="error-summary"' in response.content.decode()
    partial = client.get(reverse("audit:list"), {"actor": "nobody"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode()


def test_keyset_pages_and_constant_queries(client, cast, django_assert_max_num_queries):
    client.force_login(cast.user("340000", Role.AUDIT_ADMIN))
    for _ in range(60):
        record("seed.loaded", cast.regions["340102"], actor=None)
    with django_assert_max_num_queries(15):
        first = client.get(reverse("audit:list"))
    cursor = first.context["next_cursor"]
    assert cursor
    older = client.get(reverse("audit:list"), {"before": cursor})
    assert all(e.pk < cursor for e in older.context["entries"])
    for _ in range(300):
        record("seed.loaded", cast.regions["340102"], actor=None)
    with django_assert_max_num_queries(15):
        client.get(reverse("audit:list"))
    assert AuditEntry.all_objects.filter(action="audit.viewed").count() >= 3
