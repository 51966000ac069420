import csv
import io
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Capability, Role, capabilities_for
from audit.models import AuditEntry
from audit.services import record
from lawstation.errors import DomainError
from regions.scoping import scope_for_region, unscoped
from reports import registry
from reports.base import Column, Exporter
from reports.services import export_report


def _scope(cast, code, role=Role.AUDIT_ADMIN):
    return scope_for_region(cast.regions[code], capabilities_for(role))


def _csv_rows(result):
    return list(csv.reader(io.StringIO(result.content.decode("utf-8-sig"))))


def _exports():
    with unscoped("test: read the audit log"):
        return list(AuditEntry.objects.filter(action="report.exported"))


def _export(cast, user, code="340100", fmt="csv", **params):
    return export_report("audit", scope=_scope(cast, code), actor=user, params=params, fmt=fmt)


@pytest.mark.django_db
def test_city_auditor_export_holds_its_counties_never_a_sibling_city_or_the_province(
    cast, city_auditor
):
    actors = {row[1] for row in _csv_rows(_export(cast, city_auditor))[1:]}
    assert {"marker-340100", "marker-340102", "marker-340103"} <= actors
    assert not {"marker-340000", "marker-340200", "marker-340202"} & actors


@pytest.mark.django_db
def test_export_writes_exactly_one_report_exported_entry(cast, city_auditor):
    with time_machine.travel(datetime(2026, 11, 28, 2, 0, tzinfo=UTC), tick=False):
        result = _export(cast, city_auditor, fmt="xlsx", date_from="2026-11-01")
    [entry] = _exports()
    assert entry.actor == city_auditor
    assert entry.actor_label == city_auditor.username
    assert entry.outcome == "success"
    assert (entry.province_code, entry.city_code, entry.county_code) == ("340000", "340100", None)
    assert entry.changes == {
        "report": [None, "audit"],
        "format": [None, "xlsx"],
        "params": [None, "date_from=2026-11-01"],
        "rows": [None, result.row_count],
    }
    assert result.filename == "audit-340100-20261128.xlsx"
    assert result.content_type.startswith("application/vnd.openxmlformats")


@pytest.mark.django_db
def test_export_without_the_capability_is_refused_and_records_nothing(cast, city_clerk):
    with pytest.raises(DomainError) as excinfo:
        export_report(
            "audit",
            scope=_scope(cast, "340100", Role.CLERK),
            actor=city_clerk,
            params={},
            fmt="csv",
        )
    assert excinfo.value.code == "forbidden"
    assert _exports() == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "yesterday"}, "date_from"),
        ({"action": "no.such_action"}, "action"),
        ({"date_from": "2026-11-02", "date_to": "2026-11-01"}, "date_to"),
    ],
)
def test_invalid_parameters_raise_a_domain_error_per_field(cast, city_auditor, params, field):
    with pytest.raises(DomainError) as excinfo:
        _export(cast, city_auditor, **params)
    assert field in excinfo.value.message_dict
    assert _exports() == []


@pytest.mark.django_db
def test_unknown_parameter_report_and_format_are_domain_errors(cast, city_auditor):
    with pytest.raises(DomainError, match="region"):
        _export(cast, city_auditor, region="340000")
    with pytest.raises(DomainError, match="nope"):
        export_report(
            "nope", scope=_scope(cast, "340100"), actor=city_auditor, params={}, fmt="csv"
        )
    with pytest.raises(DomainError, match="docx"):
        _export(cast, city_auditor, fmt="docx")
    assert _exports() == []


@pytest.mark.django_db
def test_action_and_actor_parameters_filter_the_rows(cast, city_auditor):
    rows = _csv_rows(_export(cast, city_auditor, action="seed.loaded"))[1:]
    assert {row[1] for row in rows} == {"marker-340100", "marker-340102", "marker-340103"}
    rows = _csv_rows(_export(cast, city_auditor, actor="marker-340102"))[1:]
    assert [row[1] for row in rows] == ["marker-340102"]


@pytest.mark.django_db
def test_audit_rows_show_local_time_labels_region_codes_and_masked_changes(cast, city_auditor):
    with time_machine.travel(datetime(2026, 11, 28, 16, 30, tzinfo=UTC), tick=False):
        record(
            "user.created",
            None,
            actor=city_auditor,
            region=cast.regions["340102"],
            changes={"mobile": [None, "13812345678"], "name": [None, "=张三"]},
        )
    header, row = _csv_rows(
        _export(cast, city_auditor, action="user.created", actor=city_auditor.username)
    )[:2]
    assert len(header) == len(row) == 13
    assert row[0] == "2026-11-29 00:30:00"
    assert row[11] == "340102"
    assert "138****5678" in row[12]
    assert "13812345678" not in row[12]
    assert "张三" in row[12]  # JSON keeps Chinese readable


@pytest.mark.django_db
def test_export_query_count_does_not_grow_with_the_rows(cast, city_auditor):
    def queries():
        with CaptureQueriesContext(connection) as context:
            _export(cast, city_auditor, fmt="xlsx")
        return len(context.captured_queries)

    few = queries()
    for number in range(30):
        record("seed.loaded", None, actor_label=f"extra-{number}", region=cast.regions["340103"])
    assert queries() == few


@pytest.mark.django_db
def test_pdf_export_through_the_service(cast, province_auditor):
    result = _export(cast, province_auditor, code="340000", fmt="pdf")
    assert result.content.startswith(b"%PDF")
    assert result.filename.endswith(".pdf")
    assert result.content_type == "application/pdf"


@pytest.mark.django_db
def test_rows_are_closed_when_a_renderer_stops_early(cast, city_auditor, monkeypatch, settings):
    closed = []

    class Probe(Exporter):
        identifier = "probe"
        title = "Probe"
        capability = Capability.REGION_VIEW

        def columns(self):
            return [Column("n", "N", kind="int")]

        def rows(self, scope, params):
            try:
                yield from ([n] for n in range(10))
            finally:
                closed.append(True)

    monkeypatch.setattr(registry, "_exporters", {**registry._exporters, "probe": Probe})
    settings.REPORT_PDF_MAX_ROWS = 2
    with pytest.raises(DomainError):
        export_report(
            "probe", scope=_scope(cast, "340100"), actor=city_auditor, params={}, fmt="pdf"
        )
    assert closed == [True]
