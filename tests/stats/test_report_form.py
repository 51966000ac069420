"""The report ``statistics`` (reports/exporters/statistics.py): the periodic report form of a
region for a period in XLSX (merged headers), CSV (plain, escaped) and PDF, small cells hidden
in every format, checked against the figure table the page shows."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from accounts.roles import Capability
from lawstation import periods
from lawstation.errors import DomainError
from regions.models import Region
from regions.scoping import scope_for_region
from reports.base import FormRow, HeaderCell, Layout
from reports.exporters.statistics import StatisticsReport
from reports.form_rendering import header_positions
from reports.services import export_report
from stats.indicators import SECTIONS, SHOWN
from stats.selectors.figures import figure_table
from tests.cases.helpers import make_case
from tests.factories import build_cast

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
PERIOD = "2026-Q3"
IN_PERIOD = datetime(2026, 8, 10, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel("2026-10-08 10:00 +0800", tick=False), translation.override("en"):
        yield


@pytest.fixture
def cast():
    return build_cast(roles=["clerk"])


def register_cases(cast, counts: dict[str, int], **fields) -> None:
    for code, number in counts.items():
        for _ in range(number):
            make_case(cast, code, registered_at=IN_PERIOD, **fields)


@pytest.fixture
def data(cast):
    """340102: 2 cases (a small cell), 340103: 7, 合肥市's own federation: 1."""
    register_cases(cast, {"340102": 2, "340103": 7, "340100": 1})
    return cast


def run(code: str, fmt: str, **params) -> bytes:
    region = Region.objects.get(code=code)
    scope = scope_for_region(region, {Capability.REPORT_EXPORT})
    params = {"period": PERIOD, **params}
    return export_report("statistics", scope=scope, actor=None, params=params, fmt=fmt).content


def sheet_of(content: bytes):
    return load_workbook(io.BytesIO(content)).worksheets[0]


def find_row(sheet, label: str) -> int:
    return next(row for row in range(1, sheet.max_row + 1) if sheet.cell(row, 1).value == label)


def test_the_xlsx_is_laid_out_like_a_statistical_form(data):
    sheet = sheet_of(run("340100", "xlsx"))
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    # Indicator, unit, two counties, own federation, total: A to F.
    assert {"A1:F1", "A2:F2", "A3:A4", "B3:B4", "C3:D3", "E3:E4", "F3:F4"} <= merged
    assert sheet["A1"].value == "合肥市 legal assistance statistics, 2026-Q3"
    assert sheet["A1"].font.b
    assert "2026-07-01" in sheet["A2"].value
    assert "2026-09-30" in sheet["A2"].value
    assert "合肥市残疾人联合会" in sheet["A2"].value
    assert "2026-10-08" in sheet["A2"].value
    header = [sheet.cell(3, column).value for column in range(1, 7)]
    assert header == ["Indicator", "Unit", "Areas", None, "Own federation", "Total"]
    assert [sheet["C4"].value, sheet["D4"].value] == ["瑶海区", "庐阳区"]
    assert sheet.freeze_panes == "C5"
    assert sheet["A5"].value == str(SECTIONS[0].label)
    assert "A5:F5" in merged
    assert sheet.column_dimensions["A"].width >= 20
    assert load_workbook(io.BytesIO(run("340100", "xlsx"))).sheetnames[1] == "About this export"


def test_every_xlsx_figure_equals_the_figure_table_with_small_cells_hidden(data):
    sheet = sheet_of(run("340100", "xlsx"))
    table = figure_table(Region.objects.get(code="340100"), periods.parse(PERIOD))
    labels = [sheet.cell(row, 1).value for row in range(5, sheet.max_row + 1)]
    for indicator in SHOWN:
        assert str(indicator.label) in labels, indicator.key
    registered = find_row(sheet, "Cases registered")
    figures = [sheet.cell(registered, column).value for column in range(2, 7)]
    assert figures == ["cases", "<5", "x", 1, 10]
    assert table.values["cases.registered"] == {"340102": 2, "340103": 7, "own": 1, "total": 10}
    for indicator in SHOWN:
        if indicator.kind == "count" and not indicator.suppress:
            row = find_row(sheet, str(indicator.label))
            assert sheet.cell(row, 6).value == table.values[indicator.key]["total"]
    assert isinstance(sheet.cell(registered, 6).value, int)
    assert sheet.cell(registered, 6).number_format == "#,##0"
    money = find_row(sheet, "Economic loss recovered")
    assert sheet.cell(money, 6).number_format == "#,##0.00"
    assert sheet.cell(money, 6).value == 0
    breakdown = find_row(sheet, "Face to face")
    assert sheet.cell(breakdown, 1).alignment.indent >= 1
    assert sheet.cell(registered, 1).alignment.indent == 0


def test_the_province_form_shows_its_cities_and_exact_city_figures(data):
    sheet = sheet_of(run("340000", "xlsx"))
    assert [sheet["C4"].value, sheet["D4"].value] == ["合肥市", "芜湖市"]
    registered = find_row(sheet, "Cases registered")
    # Cities are not a small-cell level: 合肥市 shows all 10 of its cases.
    assert [sheet.cell(registered, column).value for column in range(3, 7)] == [10, 0, 0, 10]


def test_a_county_form_has_only_its_total_and_hides_a_small_total(data):
    sheet = sheet_of(run("340102", "xlsx"))
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert {"A1:C1", "A3:A4", "B3:B4", "C3:C4"} <= merged
    assert sheet["C3"].value == "Total"
    assert sheet.cell(find_row(sheet, "Cases registered"), 3).value == "<5"


def test_the_csv_is_a_plain_table_with_keys_and_escaped_cells(data):
    Region.objects.filter(code="340103").update(name="=1+1")
    content = run("340100", "csv")
    assert content.startswith(b"\xef\xbb\xbf")
    header, *rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert header == [
        "Indicator key",
        "Indicator",
        "Unit",
        "瑶海区",
        "'=1+1",
        "Own federation",
        "Total",
    ]
    assert [row[0] for row in rows] == [indicator.key for indicator in SHOWN]
    by_key = {row[0]: row for row in rows}
    assert by_key["cases.registered"][1:] == ["Cases registered", "cases", "<5", "x", "1", "10"]
    assert by_key["money.recovered"][-1] == "0.00"


def test_a_formula_like_area_name_is_text_in_the_xlsx(data):
    Region.objects.filter(code="340103").update(name='=HYPERLINK("http://evil.example")')
    sheet = sheet_of(run("340100", "xlsx"))
    assert sheet["D4"].data_type == "s"
    assert sheet["D4"].value == '=HYPERLINK("http://evil.example")'


def test_suppression_can_be_switched_off(data, settings):
    settings.STATS_SMALL_CELL_THRESHOLD = 0
    content = run("340100", "csv").decode("utf-8-sig")
    row = next(line for line in content.splitlines() if line.startswith("cases.registered,"))
    assert row.endswith(",2,7,1,10")
    sheet = sheet_of(run("340100", "xlsx"))
    assert "protect the persons" not in " ".join(
        str(sheet.cell(row, 1).value) for row in range(1, sheet.max_row + 1)
    )


def test_the_pdf_is_the_same_form_with_small_cells_hidden(data, tmp_path):
    content = run("340100", "pdf")
    assert content.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "statistics.pdf"
    path.write_bytes(content)
    text = subprocess.run(  # noqa: S603
        ["pdftotext", "-layout", str(path), "-"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "合肥市 legal assistance statistics, 2026-Q3" in text
    for heading in ("Areas", "Own federation", "Total", "瑶海区", "庐阳区"):
        assert heading in text
    assert str(SECTIONS[1].label) in text
    line = next(line for line in text.splitlines() if "Cases registered" in line)
    assert line.split()[-5:] == ["cases", "<5", "x", "1", "10"]
    assert "protect the persons counted" in " ".join(text.split())


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"period": "2026-Q5"}, "A quarter is Q1 to Q4."),
        ({"period": ""}, "This field is required."),
        ({"region": "340202"}, "There is no region 340202 in your region."),
        ({"region": "34010"}, "Enter the region's six-digit code."),
    ],
)
def test_bad_parameters_are_refused_with_a_clear_message(data, params, message):
    with pytest.raises(DomainError) as excinfo:
        run("340100", "xlsx", **params)
    assert message in " ".join(excinfo.value.messages)


def test_the_export_command_writes_the_form(data, tmp_path):
    path = tmp_path / "statistics.xlsx"
    call_command(
        "export_report",
        "statistics",
        "--param",
        f"period={PERIOD}",
        "--region",
        "340100",
        "--format",
        "xlsx",
        "--output",
        str(path),
        stdout=io.StringIO(),
    )
    sheet = load_workbook(path).worksheets[0]
    assert sheet["A1"].value == "合肥市 legal assistance statistics, 2026-Q3"
    assert sheet.cell(find_row(sheet, "Cases registered"), 6).value == 10


def test_the_query_count_does_not_grow_with_the_data(cast):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            run("340000", "xlsx")
        return len(context.captured_queries)

    register_cases(cast, {"340102": 1})
    small = queries()
    register_cases(cast, {"340102": 6, "340103": 5, "340202": 4, "340100": 3})
    assert queries() == small


def test_the_form_rendering_places_header_cells_like_html():
    header = [
        [HeaderCell("A", rowspan=2), HeaderCell("B", colspan=2), HeaderCell("C", rowspan=2)],
        [HeaderCell("B1"), HeaderCell("B2")],
    ]
    placed = [(row, column, cell.title) for row, column, cell in header_positions(header)]
    assert placed == [(0, 0, "A"), (0, 1, "B"), (0, 3, "C"), (1, 1, "B1"), (1, 2, "B2")]


def test_a_layout_shows_its_form_columns_in_order():
    report = StatisticsReport()
    layout = Layout(columns=report.columns(), form_columns=["indicator", "total"])
    assert [column.key for column in layout.shown_columns()] == ["indicator", "total"]
    assert layout.shown_indexes() == [1, 3]
    assert FormRow.section("Cases").style == "section"
