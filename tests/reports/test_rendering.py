import csv
import io
import shutil
import subprocess
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from lawstation.errors import DomainError
from reports.base import Column, Exporter
from reports.rendering import (
    ExportMeta,
    cell_text,
    escape_cell,
    pdf_column_widths,
    render_csv,
    render_pdf,
    render_xlsx,
    text_width,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


class SampleReport(Exporter):
    identifier = "sample"
    title = "样例报表"

    def columns(self):
        return [
            Column("name", "姓名"),
            Column("count", "Count", kind="int"),
            Column("day", "Day", kind="date"),
            Column("at", "Time", kind="datetime"),
        ]


ROWS = [
    ["张三", 3, date(2026, 11, 28), datetime(2026, 11, 28, 1, 30, tzinfo=UTC)],
    ['=HYPERLINK("http://evil.example","click")', -2, None, None],
    ["+8613800000000", 0, None, None],
    ["#N/A", 1, None, None],
]
META = ExportMeta(
    title="样例报表",
    region_code="340000",
    region_name="安徽省",
    parameters="date_from=2026-11-01",
    generated_at=datetime(2026, 11, 28, 2, 0, tzinfo=UTC),
    generated_by="auditor-340000",
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+86 138", "'+86 138"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("", ""),
        ("安徽省", "安徽省"),
        ("a=b", "a=b"),
        ("'quoted", "'quoted"),
        (" =spaced", " =spaced"),
    ],
)
def test_escape_cell_defuses_formula_prefixes_only(text, expected):
    assert escape_cell(text) == expected


def test_cell_text_shows_aware_times_in_shanghai_time():
    assert cell_text(datetime(2026, 11, 28, 16, 30, tzinfo=UTC)) == "2026-11-29 00:30:00"
    assert cell_text(date(2026, 1, 2)) == "2026-01-02"
    assert cell_text(None) == ""
    assert cell_text(7) == "7"


def test_csv_has_bom_header_and_escaped_text_cells():
    content = render_csv(SampleReport(), ROWS, META)
    assert content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert table[0] == ["姓名", "Count", "Day", "Time"]
    assert table[1] == ["张三", "3", "2026-11-28", "2026-11-28 09:30:00"]
    assert table[2][0] == '\'=HYPERLINK("http://evil.example","click")'
    assert table[2][1] == "-2"  # numbers are data, not text: never prefixed
    assert table[3][0] == "'+8613800000000"
    assert len(table) == 1 + len(ROWS)


def test_xlsx_is_readable_with_header_rows_and_about_sheet():
    content = render_xlsx(SampleReport(), ROWS, META)
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames[0] == "样例报表"
    sheet = workbook.worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("姓名", "Count", "Day", "Time")
    local = datetime(2026, 11, 28, 9, 30, tzinfo=SHANGHAI).replace(tzinfo=None)
    assert values[1] == ("张三", 3, local.replace(hour=0, minute=0), local)
    assert len(values) == 1 + len(ROWS)
    assert sheet["A1"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D5"
    about = dict(workbook.worksheets[1].iter_rows(values_only=True))
    assert "安徽省 (340000)" in about.values()
    assert "date_from=2026-11-01" in about.values()
    assert "auditor-340000" in about.values()


def test_xlsx_writes_formula_like_text_as_text():
    sheet = load_workbook(io.BytesIO(render_xlsx(SampleReport(), ROWS, META))).worksheets[0]
    assert sheet["A3"].data_type == "s"
    assert sheet["A3"].value == '=HYPERLINK("http://evil.example","click")'
    assert sheet["A5"].data_type == "s"
    assert sheet["A5"].value == "#N/A"


def test_xlsx_drops_control_characters_openpyxl_refuses():
    rows = [["bell\x07 and nul\x00", 1, None, None]]
    sheet = load_workbook(io.BytesIO(render_xlsx(SampleReport(), rows, META))).worksheets[0]
    assert sheet["A2"].value == "bell and nul"


def test_pdf_is_a_pdf_with_an_embedded_cjk_font(tmp_path):
    content = render_pdf(SampleReport(), ROWS, META)
    assert content.startswith(b"%PDF")
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed: font check skipped")
    path = tmp_path / "sample.pdf"
    path.write_bytes(content)
    fonts = subprocess.run(  # noqa: S603
        ["pdffonts", str(path)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    embedded_cjk = [
        line
        for line in fonts.splitlines()[2:]
        if ("CJK" in line or "SC" in line or "Hei" in line) and " yes " in line
    ]
    assert embedded_cjk, fonts


def test_pdf_with_no_rows_still_renders():
    assert render_pdf(SampleReport(), [], META).startswith(b"%PDF")


def test_pdf_refuses_more_rows_than_the_limit(settings):
    settings.REPORT_PDF_MAX_ROWS = 2
    with pytest.raises(DomainError) as excinfo:
        render_pdf(SampleReport(), ROWS, META)
    assert excinfo.value.code == "too_many_rows"


def test_pdf_column_widths_keep_short_words_whole_and_give_the_rest_to_long_text():
    header = ["Outcome", "Changes"]
    table = [[("Success", "text"), ("x" * 200, "text long")]]
    widths = [float(width.rstrip("%")) for width in pdf_column_widths(header, table)]
    assert abs(sum(widths) - 100) < 0.1
    # "Outcome" (bold) plus padding, out of the line; the long text takes what is left.
    assert widths[0] >= 100 * (len("Outcome") + 1 + 2) / 200
    assert widths[1] > widths[0] * 5


def test_text_width_counts_cjk_characters_double():
    assert text_width("abc") == 3
    assert text_width("安徽省") == 6
    assert text_width("ＡＢ") == 4
