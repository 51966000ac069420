"""The compliance report: one row per workstation in scope, a column per standard, cells equal to
the scoring of each workstation; parameters region and period; XLSX, CSV and PDF."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import time_machine
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from accounts.roles import Capability, Role
from audit.models import AuditEntry
from compliance import scoring
from compliance.indicators import INDICATORS, IndicatorResult, Status
from compliance.selectors import indicators as indicator_selectors
from lawstation import periods
from lawstation.errors import DomainError
from regions.scoping import scope_for_region, unscoped
from reports import registry
from reports.exporters.compliance import ComplianceReport
from reports.services import export_report
from tests.compliance import factories
from workstations.models import Workstation

pytestmark = pytest.mark.django_db
KEYS = [column.key for column in ComplianceReport().columns()]
CODES = ("340000", "340100", "340102", "340103", "340202")


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel("2026-12-02 10:00 +0800", tick=False):
        yield


def fake_results(stations, period):
    """Premises fail in 2025 at odd region codes; funding partly met in any other year."""
    out = {}
    for station in stations:
        odd = int(station.federation.region_id[-1]) % 2 == 1
        out[station.pk] = {}
        for key, number in INDICATORS:
            status = Status.MET
            if period.key == "2025" and key == "premises.items" and odd:
                status = Status.NOT_MET
            if period.key != "2025" and key == "funding.budget":
                status = Status.PARTLY
            out[station.pk][key] = IndicatorResult(key, number, status)
    return out


@pytest.fixture
def stations(cast, monkeypatch):
    monkeypatch.setattr(indicator_selectors, "indicator_results", fake_results)
    return {code: factories.station(cast, code) for code in CODES}


def xlsx(cast, tmp_path, *args):
    path = tmp_path / "compliance.xlsx"
    call_command("export_report", "compliance", *args, "--format", "xlsx", "--output", str(path))
    header, *rows = load_workbook(path).worksheets[0].iter_rows(values_only=True)
    return header, [dict(zip(KEYS, row, strict=True)) for row in rows]


def expected_cells(codes, period_key: str) -> dict[str, list[str]]:
    """Each workstation's nine results and overall, from ``scoring`` one workstation at a time."""
    period = periods.parse(period_key)
    out = {}
    with unscoped("test reads the workstations it built"):
        for station in Workstation.objects.filter(federation__region_id__in=codes):
            score = scoring.score(fake_results([station], period)[station.pk])
            out[station.federation.region_id] = [
                str(scoring.RESULT_LABELS[score.overall]),
                *(str(scoring.RESULT_LABELS[score.standards[n]]) for n in scoring.STANDARDS),
            ]
    return out


def test_the_province_xlsx_has_one_row_per_workstation_and_a_column_per_standard(
    cast, stations, tmp_path
):
    header, rows = xlsx(cast, tmp_path, "--region", "340000")
    assert header == tuple(str(column.title) for column in ComplianceReport().columns())
    assert len([key for key in KEYS if key.startswith("standard_")]) == 9
    assert sorted(row["region_code"] for row in rows) == sorted(CODES)
    expected = expected_cells(CODES, "2025")
    for row in rows:
        cells = [row["overall"], *(row[f"standard_{n}"] for n in scoring.STANDARDS)]
        assert cells == expected[row["region_code"]], row
    odd = next(row for row in rows if row["region_code"] == "340103")
    assert odd["standard_2"] == expected["340103"][2] != expected["340102"][2]
    assert odd["met_count"] == 8


def test_a_city_export_holds_only_the_workstations_of_its_region(cast, stations, tmp_path):
    _header, rows = xlsx(cast, tmp_path, "--region", "340100")
    assert [row["region_code"] for row in rows] == ["340100", "340102", "340103"]


def test_the_region_and_period_parameters_narrow_and_move_the_report(cast, stations, tmp_path):
    _header, rows = xlsx(
        cast, tmp_path, "--region", "340000", "--param", "region=340100", "--param", "period=2026"
    )
    assert [row["region_code"] for row in rows] == ["340100", "340102", "340103"]
    expected = expected_cells(CODES, "2026")
    assert all(
        [row["overall"], *(row[f"standard_{n}"] for n in scoring.STANDARDS)]
        == expected[row["region_code"]]
        for row in rows
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"region": "340202"}, "There is no region 340202 in your region."),
        ({"region": "34"}, "six-digit code"),
        ({"period": "2026-Q5"}, "A quarter is Q1 to Q4."),
    ],
)
def test_bad_parameters_are_refused(cast, stations, english, params, message):
    scope = scope_for_region(cast.regions["340100"], {Capability.REPORT_EXPORT})
    with pytest.raises(DomainError, match=message):
        export_report(
            "compliance",
            scope=scope,
            actor=cast.user("340100", Role.CLERK),
            params=params,
            fmt="csv",
        )


def test_the_command_refuses_a_region_outside_its_scope(cast, stations, tmp_path):
    with pytest.raises(CommandError, match="340202"):
        xlsx(cast, tmp_path, "--region", "340100", "--param", "region=340202")


def test_a_csv_export_is_audited_and_the_period_defaults_to_the_last_complete_year(cast, stations):
    scope = scope_for_region(cast.regions["340100"], {Capability.REPORT_EXPORT})
    result = export_report(
        "compliance", scope=scope, actor=cast.user("340100", Role.CLERK), params={}, fmt="csv"
    )
    assert result.row_count == 3
    entry = AuditEntry.all_objects.get(action="report.exported")
    assert entry.changes["report"] == [None, "compliance"]
    assert "2025" in entry.changes["params"][1]


def test_clerks_and_leaders_may_run_it_lawyers_may_not(cast):
    def available(role):
        from accounts.roles import capabilities_for

        scope = scope_for_region(cast.regions["340100"], capabilities_for(role))
        return "compliance" in [e.identifier for e in registry.available_for(scope)]

    assert available(Role.CLERK)
    assert available(Role.LEADER)
    assert not available(Role.LAWYER)


def pdf_tool(name, *args):
    if shutil.which(name) is None:
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return subprocess.run([name, *args], capture_output=True, text=True, check=True).stdout  # noqa: S603


def test_the_pdf_embeds_a_cjk_font_and_lists_the_workstations(cast, stations, tmp_path):
    scope = scope_for_region(cast.regions["340100"], {Capability.REPORT_EXPORT})
    result = export_report(
        "compliance", scope=scope, actor=cast.user("340100", Role.CLERK), params={}, fmt="pdf"
    )
    assert result.content.startswith(b"%PDF")
    path = tmp_path / "compliance.pdf"
    path.write_bytes(result.content)
    fonts = pdf_tool("pdffonts", str(path))
    assert any(
        ("CJK" in line or "SC" in line or "Hei" in line) and " yes " in line
        for line in fonts.splitlines()[2:]
    ), fonts
    # -raw: the text in drawing order, so a name wrapped inside its cell reads as one.
    text = re.sub(r"\s+", "", pdf_tool("pdftotext", "-raw", str(path), "-"))
    for code in ("340100", "340102", "340103"):
        assert code in text
    assert re.sub(r"\s+", "", stations["340102"].name) in text
