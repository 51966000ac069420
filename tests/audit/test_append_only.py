"""SEC-AU-03: audit entries can be added, never changed or removed: the model refuses and, below
it, so does the database (triggers from audit/migrations/0002_append_only_triggers.py)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError

from accounts.models import User
from accounts.roles import Role
from audit.models import AppendOnlyError, AuditEntry
from audit.services import record
from regions.scoping import activate, scope_for_region

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(cast):
    return record(
        "seed.loaded", cast.regions["340102"], actor=None, changes={"marker": [None, "kept"]}
    )


def unchanged(entry: AuditEntry) -> bool:
    stored = AuditEntry.all_objects.get(pk=entry.pk)
    return (stored.action, stored.changes, stored.at) == (entry.action, entry.changes, entry.at)


# --- The model -------------------------------------------------------------------------------


def test_the_model_refuses_to_save_an_existing_entry(entry):
    entry.action = "auth.logged_in"
    with pytest.raises(AppendOnlyError):
        entry.save()
    entry.action = "seed.loaded"
    assert unchanged(entry)


def test_the_model_refuses_to_save_named_fields_of_an_existing_entry(entry):
    entry.changes = {}
    with pytest.raises(AppendOnlyError):
        entry.save(update_fields=["changes"])
    entry.changes = {"marker": [None, "kept"]}
    assert unchanged(entry)


def test_the_model_refuses_to_delete_an_entry(entry):
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert unchanged(entry)


@pytest.mark.parametrize(
    "operation",
    [
        lambda qs: qs.update(action="tampered"),
        lambda qs: qs.delete(),
        lambda qs: qs.bulk_update(list(qs), ["action"]),
    ],
    ids=["update", "delete", "bulk_update"],
)
def test_querysets_refuse_to_update_or_delete(entry, cast, operation):
    with pytest.raises(AppendOnlyError):
        operation(AuditEntry.all_objects.filter(pk=entry.pk))
    with activate(scope_for_region(cast.regions["340000"])), pytest.raises(AppendOnlyError):
        operation(AuditEntry.objects.filter(pk=entry.pk))
    assert unchanged(entry)


def test_a_fresh_object_carrying_an_existing_id_cannot_overwrite_the_entry(entry):
    impostor = AuditEntry(pk=entry.pk, action="auth.logged_in", changes={})
    with pytest.raises((AppendOnlyError, DatabaseError)), transaction.atomic():
        impostor.save()
    assert unchanged(entry)


def test_an_actor_with_audit_entries_cannot_be_deleted(cast):
    user = cast.user("340102", Role.CLERK)
    record("auth.logged_in", user, actor=user)
    with pytest.raises(ProtectedError), transaction.atomic():
        user.delete()
    assert User.objects.filter(pk=user.pk).exists()


# --- The database ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditentry SET action = 'tampered'",
        "UPDATE audit_auditentry SET changes = '{}' WHERE id = %(pk)s",
        "UPDATE audit_auditentry SET actor_label = 'someone else' WHERE id = %(pk)s",
        "DELETE FROM audit_auditentry",
        "DELETE FROM audit_auditentry WHERE id = %(pk)s",
    ],
)
def test_the_database_refuses_raw_update_and_delete(entry, statement):
    total = AuditEntry.all_objects.count()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement % {"pk": int(entry.pk)})
    assert unchanged(entry)
    assert AuditEntry.all_objects.count() == total


def test_the_database_still_accepts_new_entries_after_a_refusal(entry, cast):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry")
    added = record("seed.loaded", cast.regions["340103"], actor=None)
    assert AuditEntry.all_objects.filter(pk__in=[entry.pk, added.pk]).count() == 2


def test_postgresql_refuses_truncate(entry):
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's; on SQLite it is a DELETE, refused above")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditentry")
    assert unchanged(entry)
