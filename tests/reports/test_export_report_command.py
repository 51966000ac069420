import os
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from audit.models import AuditEntry
from regions.scoping import unscoped
from reports.exporters.audit import AuditLogReport


def _exports():
    with unscoped("test: read the audit log"):
        return list(AuditEntry.objects.filter(action="report.exported"))


def _run(*args):
    out = StringIO()
    call_command("export_report", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.usefixtures("cast")
def test_export_report_audit_for_the_province_writes_a_workbook_openpyxl_reads(tmp_path):
    path = tmp_path / "audit.xlsx"
    output = _run("audit", "--region", "340000", "--format", "xlsx", "--output", str(path))
    sheet = load_workbook(path).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(str(column.title) for column in AuditLogReport().columns())
    assert {row[1] for row in rows[1:]} >= {"marker-340000", "marker-340202"}
    assert "rows" in output
    assert os.listdir(tmp_path) == ["audit.xlsx"]  # no temporary left


@pytest.mark.django_db
@pytest.mark.usefixtures("cast")
def test_command_export_is_audited_as_the_system(tmp_path):
    path = tmp_path / "audit.csv"
    _run(
        "audit",
        "--region",
        "340100",
        "--param",
        "action=seed.loaded",
        "--param",
        "date_to=2099-12-31",
        "--format",
        "csv",
        "--output",
        str(path),
    )
    [entry] = _exports()
    assert entry.actor is None
    assert entry.actor_label == "system:export_report"
    assert entry.channel == "system"
    assert entry.city_code == "340100"
    assert entry.changes["params"] == [None, "date_to=2099-12-31, action=seed.loaded"]
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 1 + 3  # the city and its two counties


@pytest.mark.django_db
@pytest.mark.usefixtures("cast")
def test_command_writes_a_pdf(tmp_path):
    path = tmp_path / "audit.pdf"
    _run("audit", "--region", "340202", "--format", "pdf", "--output", str(path))
    assert path.read_bytes().startswith(b"%PDF")


@pytest.mark.django_db
@pytest.mark.usefixtures("cast")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["audit", "--region", "999999"], "Unknown region code '999999'"),
        (["nope", "--region", "340000"], "nope"),
        (["audit", "--region", "340000", "--param", "date_from=soon"], "date_from:"),
        (["audit", "--region", "340000", "--param", "region=340100"], "region"),
        (["audit", "--region", "340000", "--param", "date_from"], "key=value"),
        (["audit", "--region", "340000", "--param", "a=1", "--param", "a=2"], "given twice"),
    ],
)
def test_bad_input_gives_a_command_error_and_records_nothing(tmp_path, args, message):
    path = tmp_path / "out.xlsx"
    with pytest.raises(CommandError, match=message):
        _run(*args, "--format", "xlsx", "--output", str(path))
    assert _exports() == []
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
@pytest.mark.usefixtures("cast")
def test_unknown_format_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="invalid choice"):
        _run("audit", "--region", "340000", "--format", "docx", "--output", str(tmp_path / "x"))


@pytest.mark.django_db
@pytest.mark.usefixtures("cast")
@pytest.mark.parametrize("where", ["missing/dir/out.xlsx", "."])
def test_unwritable_output_fails_before_exporting(tmp_path, where):
    with pytest.raises(CommandError, match="Cannot write"):
        _run("audit", "--region", "340000", "--format", "xlsx", "--output", str(tmp_path / where))
    assert _exports() == []
