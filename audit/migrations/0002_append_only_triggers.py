"""The database itself refuses to change or delete audit entries (SQLite and PostgreSQL).

On PostgreSQL a TRUNCATE bypasses row triggers, so a statement trigger refuses it too. In
production the application's database role should also hold only INSERT and SELECT on this
table (docs/deploy.md).
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;""",
    """CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS audit_entry_no_update;",
    "DROP TRIGGER IF EXISTS audit_entry_no_delete;",
]
POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit entries are append-only'; END;
       $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER audit_entry_no_update_delete BEFORE UPDATE OR DELETE ON audit_auditentry
       FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();""",
    """CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_auditentry
       FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_auditentry;",
    "DROP TRIGGER IF EXISTS audit_entry_no_update_delete ON audit_auditentry;",
    "DROP FUNCTION IF EXISTS audit_entry_append_only();",
]
STATEMENTS = {
    "sqlite": (SQLITE_UP, SQLITE_DOWN),
    "postgresql": (POSTGRES_UP, POSTGRES_DOWN),
}


def _run(schema_editor, index: int) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise RuntimeError(f"No append-only triggers for the {vendor} database")
    for statement in STATEMENTS[vendor][index]:
        schema_editor.execute(statement)


def forwards(apps, schema_editor) -> None:
    _run(schema_editor, 0)


def backwards(apps, schema_editor) -> None:
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
