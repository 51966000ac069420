"""The case file (卷宗) report ``dossier``: one case as a PDF with embedded Chinese fonts."""

from __future__ import annotations

import shutil
import subprocess
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEntry
from cases.models import Applicant
from cases.services.closure import archive_case
from cases.services.risks import raise_risk
from lawstation.errors import DomainError
from regions.scoping import scope_for_region, unscoped
from reports import registry
from reports.services import export_report
from tests.cases.closure_helpers import complete_file, scope_of

pytestmark = pytest.mark.django_db
FULL_ID = "340102199001011234"
MASKED = "3401**********1234"


def archived_file(cast):
    case = complete_file(cast)
    with unscoped("test fixture"):
        Applicant.objects.filter(pk=case.applicant_id).update(
            id_number_masked=MASKED, disability_category="2"
        )
    raise_risk(case, actor=cast.user("340102", Role.CLERK), kind="deadline", note="时效")
    return case


def run(cast, case, fmt, code="340102"):
    return export_report(
        "dossier",
        scope=scope_of(cast, code),
        actor=cast.user(code, Role.CLERK),
        params={"case": case.number},
        fmt=fmt,
    )


def pdf_tool(name, *args):
    if shutil.which(name) is None:
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return subprocess.run([name, *args], capture_output=True, text=True, check=True).stdout  # noqa: S603


def test_the_dossier_is_registered_with_a_case_parameter():
    report = registry.get("dossier")
    assert "case" in report.parameter_form().fields
    assert report.pdf_template == "reports/dossier.html"


def test_the_pdf_embeds_a_cjk_font_and_masks_identifiers(cast, tmp_path):
    case = complete_file(cast)
    with unscoped("test fixture"):
        Applicant.objects.filter(pk=case.applicant_id).update(id_number_masked=MASKED)
    case = archive_case(case, actor=cast.user("340102", Role.CLERK), is_confidential=True)
    result = run(cast, case, "pdf")
    assert result.content.startswith(b"%PDF")
    path = tmp_path / "dossier.pdf"
    path.write_bytes(result.content)
    fonts = pdf_tool("pdffonts", str(path))
    embedded_cjk = [
        line
        for line in fonts.splitlines()[2:]
        if ("CJK" in line or "SC" in line or "Hei" in line) and " yes " in line
    ]
    assert embedded_cjk, fonts
    text = pdf_tool("pdftotext", str(path), "-")
    assert case.archive_number in text
    assert MASKED in text
    assert FULL_ID not in text
    assert "调解成功" in text  # the closing summary


def test_the_export_is_audited_once(cast):
    case = archived_file(cast)
    run(cast, case, "csv")
    with unscoped("test"):
        entry = AuditEntry.objects.get(action="report.exported")
    assert entry.changes["report"] == [None, "dossier"]
    assert entry.changes["params"] == [None, f"case={case.number}"]


def test_the_spreadsheet_lists_the_files_contents(cast):
    case = archived_file(cast)
    result = run(cast, case, "csv")
    text = result.content.decode("utf-8-sig")
    assert case.number in text
    # Registration, applicant, matter, 1 service, 2 documents, 1 risk, closure, 1 visit, 1 step.
    assert result.row_count == 10
    assert len(text.strip().splitlines()) == 11
    assert run(cast, case, "xlsx").content.startswith(b"PK")


def test_a_case_outside_the_region_is_unknown(cast, english):
    case = archived_file(cast)
    with pytest.raises(DomainError) as excinfo:
        run(cast, case, "pdf", code="340103")
    assert "There is no case numbered" in excinfo.value.messages[0]


def test_the_command_exports_the_pdf(cast, tmp_path):
    case = archived_file(cast)
    path = tmp_path / "file.pdf"
    out = StringIO()
    call_command(
        "export_report",
        "dossier",
        "--param",
        f"case={case.number}",
        "--region",
        "340102",
        "--format",
        "pdf",
        "--output",
        str(path),
        stdout=out,
    )
    assert path.read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError):
        call_command(
            "export_report",
            "dossier",
            "--param",
            f"case={case.number}",
            "--region",
            "340207",
            "--format",
            "pdf",
            "--output",
            str(tmp_path / "x.pdf"),
        )


def test_the_download_button_posts_to_the_report(client, cast):
    case = archived_file(cast)
    client.force_login(cast.user("340102", Role.CLERK))
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("reports:run", args=["dossier"]) in page
    response = client.post(
        reverse("reports:run", args=["dossier"]), {"case": case.number, "file_format": "pdf"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_the_city_sees_a_county_file_and_the_scope_decides(cast):
    case = archived_file(cast)
    scope = scope_for_region(cast.regions["340100"], {"report.export"})
    result = export_report(
        "dossier", scope=scope, actor=None, actor_label="t", params={"case": case.number}, fmt="csv"
    )
    assert result.row_count >= 8
