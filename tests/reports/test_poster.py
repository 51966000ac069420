"""The notice-board poster ``poster``: a workstation's notice on A4 with a QR code to its page."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from io import StringIO

import pytest
import segno
from django.core.management import CommandError, call_command

from accounts.roles import Role
from lawstation.errors import DomainError
from reports import registry, rendering
from reports.exporters.poster import poster_qr, station_url
from reports.services import export_report
from tests.cases.closure_helpers import scope_of
from tests.workstations.stations_helpers import COMPLETE_NOTICE, make_notice, make_station

pytestmark = pytest.mark.django_db
CONTACT = {
    "sms_number": "10690000123",
    "email": "help@example.cn",
    "sign_language_video": "微信视频号：合肥手语",
}


def run(cast, fmt, station="340102", code="340102"):
    return export_report(
        "poster",
        scope=scope_of(cast, code),
        actor=cast.user(code, Role.CLERK),
        params={"station": station},
        fmt=fmt,
    )


def pdf_tool(name, *args):
    if shutil.which(name) is None:
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return subprocess.run([name, *args], capture_output=True, text=True, check=True).stdout  # noqa: S603


def svg_matrix(svg: str) -> list[list[int]]:
    """Read the dark QR modules back out of segno's SVG path (``M x y`` / ``m dx dy`` moves, ``h n``
    dark runs along the row y - 0.5), quiet zone included."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    grid = [[0] * size for _ in range(size)]
    x = y = 0.0
    path = re.search(r'class="qrline"[^>]* d="([^"]+)"', svg).group(1)
    for command, numbers in re.findall(r"([MmHh])([-\d. ]+)", path):
        values = [float(n) for n in numbers.split()]
        if command in "Mm":
            x, y = (values[0], values[1]) if command == "M" else (x + values[0], y + values[1])
        else:
            run_length = values[0] if command == "h" else values[0] - x
            for column in range(int(x), int(x + run_length)):
                grid[int(y - 0.5)][column] = 1
            x += run_length
    return grid


def segno_matrix(url: str) -> list[list[int]]:
    qr = segno.make(url, error="m", micro=False)
    return [[1 if module else 0 for module in row] for row in qr.matrix_iter(border=4)]


@pytest.fixture
def public_base(settings):
    settings.PUBLIC_BASE_URL = "https://help.example.cn/"
    return "https://help.example.cn"


def test_the_poster_is_registered_with_a_station_parameter():
    report = registry.get("poster")
    assert "station" in report.parameter_form().fields
    assert report.pdf_template == "reports/poster.html"


def test_the_pdf_embeds_a_cjk_font_and_shows_the_five_items(cast, public_base, tmp_path):
    make_notice(cast, "340102", **CONTACT)
    result = run(cast, "pdf")
    assert result.content.startswith(b"%PDF")
    path = tmp_path / "poster.pdf"
    path.write_bytes(result.content)
    fonts = pdf_tool("pdffonts", str(path))
    embedded_cjk = [
        line
        for line in fonts.splitlines()[2:]
        if ("CJK" in line or "SC" in line or "Hei" in line) and " yes " in line
    ]
    assert embedded_cjk, fonts
    text = re.sub(r"\s+", "", pdf_tool("pdftotext", str(path), "-"))
    for value in [*COMPLETE_NOTICE.values(), *CONTACT.values()]:
        assert re.sub(r"\s+", "", value) in text
    assert make_station(cast, "340102").name in text
    assert f"{public_base}/stations/340102/" in text


def test_the_qr_code_encodes_the_workstation_page(cast, public_base, monkeypatch):
    make_notice(cast, "340102")
    report = registry.get("poster")
    context = report.pdf_context(scope_of(cast, "340102"), {"station": "340102"})
    url = f"{public_base}/stations/340102/"
    assert context["public_url"] == url == station_url("340102")
    assert context["qr_svg"] == poster_qr(url)
    assert svg_matrix(context["qr_svg"]) == segno_matrix(url)
    assert svg_matrix(context["qr_svg"]) != segno_matrix(f"{public_base}/stations/340103/")
    written = []
    monkeypatch.setattr(rendering, "_write_pdf", lambda html: written.append(html) or b"%PDF")
    run(cast, "pdf")
    assert context["qr_svg"] in written[0]


def test_the_default_address_is_the_local_server(settings):
    del settings.PUBLIC_BASE_URL
    assert station_url("340102") == "http://127.0.0.1:8000/stations/340102/"


def test_the_spreadsheet_has_the_five_items_as_rows(cast):
    make_notice(cast, "340102", **CONTACT)
    result = run(cast, "csv")
    assert result.row_count == 5
    text = result.content.decode("utf-8-sig")
    assert COMPLETE_NOTICE["working_hours"] in text
    assert CONTACT["email"] in text
    assert run(cast, "xlsx").content.startswith(b"PK")


def test_the_notice_in_force_is_shown(cast):
    make_notice(cast, "340102", effective_from=date(2020, 1, 1), working_hours="旧时间")
    make_notice(cast, "340102", effective_from=date(2021, 1, 1), working_hours="新时间")
    text = run(cast, "csv").content.decode("utf-8-sig")
    assert "新时间" in text
    assert "旧时间" not in text


def test_a_station_outside_the_region_is_refused(cast, english):
    make_notice(cast, "340102")
    with pytest.raises(DomainError) as excinfo:
        run(cast, "pdf", station="340102", code="340103")
    assert "There is no workstation of the region 340102" in excinfo.value.messages[0]


def test_a_region_without_a_workstation_is_refused(cast, english):
    with pytest.raises(DomainError) as excinfo:
        run(cast, "pdf", station="340103", code="340100")
    assert excinfo.value.code == "unknown_station"


def test_a_workstation_without_a_notice_in_force_is_refused(cast, english):
    make_station(cast, "340102")
    with pytest.raises(DomainError) as excinfo:
        run(cast, "pdf")
    assert "has no public notice in force" in excinfo.value.messages[0]


def test_a_malformed_station_code_is_refused(cast):
    with pytest.raises(DomainError):
        run(cast, "csv", station="34<script>")


def test_the_command_exports_the_pdf(cast, tmp_path):
    make_notice(cast, "340102")
    path = tmp_path / "poster.pdf"
    call_command(
        "export_report",
        "poster",
        "--param",
        "station=340102",
        "--region",
        "340100",
        "--format",
        "pdf",
        "--output",
        str(path),
        stdout=StringIO(),
    )
    assert path.read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError):
        call_command(
            "export_report",
            "poster",
            "--param",
            "station=340102",
            "--region",
            "340207",
            "--format",
            "pdf",
            "--output",
            str(tmp_path / "x.pdf"),
            stdout=StringIO(),
        )
