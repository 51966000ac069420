"""The coverage report: the page's table as a file, through the same selector."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import User
from accounts.roles import Capability, Role, capabilities_for
from audit.models import AuditEntry
from lawstation.demo import seed_demo
from regions.models import Region
from regions.scoping import scope_for_region
from reports import registry
from reports.exporters.coverage import CoverageReport
from reports.services import export_report

pytestmark = pytest.mark.django_db
KEYS = [column.key for column in CoverageReport().columns()]


class CoverageTable(HTMLParser):
    """The cell texts of the coverage table's body rows (list items joined by "; ")."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._in_table = self._in_body = False
        self._cell: list[str] | None = None
        self._items: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "table" and "coverage" in classes:
            self._in_table = True
        elif self._in_table and tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self.rows.append([])
        elif self._in_body and tag in ("td", "th"):
            self._cell, self._items = [], []
        elif self._cell is not None and tag == "li":
            self._items.append("")

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_table = self._in_body = False
        elif self._cell is not None and tag in ("td", "th"):
            text = "; ".join(self._items) if self._items else " ".join("".join(self._cell).split())
            self.rows[-1].append("" if text == "—" else text)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            if self._items:
                self._items[-1] += data.strip()
            else:
                self._cell.append(data)


def page_rows(client, user: User) -> list[list[str]]:
    client.force_login(user)
    response = client.get(reverse("coverage:table"))
    assert response.status_code == 200
    parser = CoverageTable()
    parser.feed(response.content.decode())
    return parser.rows


def cell(key: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if key == "funding":
        return f"{Decimal(str(value)):.2f}"
    return str(value)


def xlsx_rows(path) -> tuple[tuple, list[list[str]]]:
    header, *rows = load_workbook(path).worksheets[0].iter_rows(values_only=True)
    return header, [
        [cell(key, value) for key, value in zip(KEYS, row, strict=True)] for row in rows
    ]


def test_the_xlsx_of_the_demo_province_equals_the_page(client, tmp_path):
    seed_demo()
    path = tmp_path / "coverage.xlsx"
    call_command(
        "export_report", "coverage", "--region", "340000", "--format", "xlsx", "--output", str(path)
    )
    header, rows = xlsx_rows(path)
    assert header == tuple(str(column.title) for column in CoverageReport().columns())
    page = page_rows(client, User.objects.get(username="clerk-340000"))
    assert len(rows) == len(page) == 121
    assert rows == page
    assert any(row[KEYS.index("gaps")] for row in rows)
    assert any(not row[KEYS.index("gaps")] for row in rows)


def test_a_city_export_holds_only_the_city_and_its_counties(tmp_path):
    seed_demo()
    path = tmp_path / "coverage.xlsx"
    call_command(
        "export_report", "coverage", "--region", "340100", "--format", "xlsx", "--output", str(path)
    )
    _header, rows = xlsx_rows(path)
    codes = [row[KEYS.index("code")] for row in rows]
    assert codes[0] == "340100"
    assert len(codes) == 10
    assert all(code.startswith("3401") for code in codes)


def test_clerks_and_leaders_may_run_it_lawyers_may_not(cast):
    region = cast.regions["340100"]

    def available(role):
        scope = scope_for_region(region, capabilities_for(role))
        return "coverage" in [exporter.identifier for exporter in registry.available_for(scope)]

    assert CoverageReport.capability == Capability.REPORT_EXPORT
    assert available(Role.CLERK)
    assert available(Role.LEADER)
    assert not available(Role.LAWYER)


def test_a_csv_export_is_audited(cast, city_clerk):
    scope = scope_for_region(Region.objects.get(code="340100"), {Capability.REPORT_EXPORT})
    result = export_report("coverage", scope=scope, actor=city_clerk, params={}, fmt="csv")
    lines = result.content.decode("utf-8-sig").splitlines()
    assert result.row_count == 3
    assert len(lines) == 4
    assert "瑶海区" in result.content.decode("utf-8-sig")
    entry = AuditEntry.all_objects.get(action="report.exported")
    assert entry.changes["report"] == [None, "coverage"]
    assert entry.changes["rows"] == [None, 3]
