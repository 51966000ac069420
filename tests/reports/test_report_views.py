import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AuditEntry
from regions.scoping import unscoped

RUN_AUDIT = "/staff/reports/audit/"


def _entries(action):
    with unscoped("test: read the audit log"):
        return list(AuditEntry.objects.filter(action=action))


@pytest.mark.django_db
def test_report_urls():
    assert reverse("reports:list") == "/staff/reports/"
    assert reverse("reports:run", args=["audit"]) == RUN_AUDIT


@pytest.mark.django_db
def test_list_shows_the_audit_report_to_an_audit_admin(client, city_auditor):
    client.force_login(city_auditor)
    response = client.get(reverse("reports:list"))
    assert response.status_code == 200
    assert RUN_AUDIT in response.text


@pytest.mark.django_db
def test_list_hides_the_audit_report_from_a_clerk(client, city_clerk):
    client.force_login(city_clerk)
    response = client.get(reverse("reports:list"))
    assert response.status_code == 200
    assert RUN_AUDIT not in response.text


@pytest.mark.django_db
def test_list_query_count_is_small(client, city_auditor):
    client.force_login(city_auditor)
    with CaptureQueriesContext(connection) as context:
        client.get(reverse("reports:list"))
    # Session, user, membership (scope middleware and context processor), session save: the
    # list itself reads nothing from the database.
    assert len(context.captured_queries) <= 7


@pytest.mark.django_db
def test_run_page_shows_parameters_and_an_accessible_format_choice(client, city_auditor):
    client.force_login(city_auditor)
    response = client.get(RUN_AUDIT)
    assert response.status_code == 200
    html = response.text
    assert '<label for="id_date_from">' in html
    assert 'type="radio" name="file_format" value="pdf"' in html
    assert "<legend>" in html
    assert "340100" in html
    assert _entries("report.exported") == []


@pytest.mark.django_db
def test_audit_admin_downloads_the_audit_log_as_xlsx(client, city_auditor):
    client.force_login(city_auditor)
    response = client.post(RUN_AUDIT, {"file_format": "xlsx", "action": "seed.loaded"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="audit-340100-')
    assert "no-store" in response["Cache-Control"]
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].values)
    assert {row[1] for row in rows[1:]} == {"marker-340100", "marker-340102", "marker-340103"}
    [entry] = _entries("report.exported")
    assert entry.actor == city_auditor
    assert entry.channel == "web"
    assert entry.request_id == response["X-Request-ID"]


@pytest.mark.django_db
@pytest.mark.parametrize(("fmt", "magic"), [("csv", b"\xef\xbb\xbf"), ("pdf", b"%PDF")])
def test_audit_admin_downloads_csv_and_pdf(client, province_auditor, fmt, magic):
    client.force_login(province_auditor)
    response = client.post(RUN_AUDIT, {"file_format": fmt})
    assert response.status_code == 200
    assert response.content.startswith(magic)


@pytest.mark.django_db
def test_invalid_parameters_show_errors_and_export_nothing(client, city_auditor):
    client.force_login(city_auditor)
    response = client.post(
        RUN_AUDIT, {"file_format": "csv", "date_from": "2026-11-02", "date_to": "2026-11-01"}
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.text
    assert "Content-Disposition" not in response
    assert _entries("report.exported") == []


@pytest.mark.django_db
def test_too_many_rows_for_a_pdf_is_a_form_error_not_a_500(client, city_auditor, settings):
    settings.REPORT_PDF_MAX_ROWS = 1
    client.force_login(city_auditor)
    response = client.post(RUN_AUDIT, {"file_format": "pdf"})
    assert response.status_code == 200
    assert 'role="alert"' in response.text
    assert _entries("report.exported") == []


@pytest.mark.django_db
def test_clerk_gets_404_for_the_audit_report_and_the_attempt_is_recorded(client, city_clerk):
    client.force_login(city_clerk)
    assert client.get(RUN_AUDIT).status_code == 404
    assert client.post(RUN_AUDIT, {"file_format": "xlsx"}).status_code == 404
    denied = _entries("auth.permission_denied")
    assert len(denied) == 2
    assert denied[0].actor == city_clerk
    assert denied[0].outcome == "failure"
    assert _entries("report.exported") == []


@pytest.mark.django_db
def test_unknown_report_is_404_and_records_nothing(client, city_auditor):
    client.force_login(city_auditor)
    assert client.get("/staff/reports/nope/").status_code == 404
    assert _entries("auth.permission_denied") == []


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_log_in(client, cast):
    response = client.get(RUN_AUDIT)
    assert response.status_code == 302
    assert "login" in response["Location"]
