"""Rendering of a report laid out like an official form (an exporter with a ``Layout``).

XLSX and PDF draw the form: a title across the table, the lines under it, header rows with
merged cells, section heading rows, indented breakdown rows, notes under the table. The CSV stays
a plain machine-readable table: one header row of every column and one row per data row (section
rows left out), every text cell escaped against formulas. ``reports.rendering`` calls these when
the exporter's :meth:`~reports.base.Exporter.layout` returns one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from reports import rendering
from reports.base import FormRow, HeaderCell, Layout

MIN_WIDTH = 6
PDF_LABEL_SHARE = 28
PDF_TEXT_SHARE = 7
MAX_WIDTH = 40
HEADER_FILL = PatternFill("solid", fgColor="E6E6E6")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def header_positions(header: Sequence[Sequence[HeaderCell]]) -> list[tuple[int, int, HeaderCell]]:
    """(row, column, cell) of every header cell, 0-based, placed as HTML places ``th`` cells:
    left to right, skipping the places a cell of a row above still spans."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for row, cells in enumerate(header):
        column = 0
        for cell in cells:
            while (row, column) in taken:
                column += 1
            placed.append((row, column, cell))
            taken |= {
                (row + down, column + across)
                for down in range(cell.rowspan)
                for across in range(cell.colspan)
            }
            column += cell.colspan
    return placed


def _header(layout: Layout) -> Sequence[Sequence[HeaderCell]]:
    return layout.header or [[HeaderCell(column.title) for column in layout.shown_columns()]]


def _style_and_values(row: Any) -> tuple[str, int, str, Sequence[Any]]:
    if isinstance(row, FormRow):
        return row.style, row.indent, row.number_format, row.values
    return "", 0, "", row


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


# --- CSV ------------------------------------------------------------------------------------


def render_form_csv(layout: Layout, rows: Iterable[Any]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([rendering.escape_cell(str(column.title)) for column in layout.columns])
    for row in rows:
        style, _indent, _format, values = _style_and_values(row)
        if not style:
            writer.writerow(
                [
                    rendering.cell_text(v) if _is_number(v) else rendering._csv_cell(v)
                    for v in values
                ]
            )
    return buffer.getvalue().encode("utf-8-sig")


# --- XLSX -----------------------------------------------------------------------------------


def _put(sheet: Any, row: int, column: int, value: Any) -> Any:
    """Write a value as data: text is never a formula and never an error code."""
    cell = sheet.cell(row=row, column=column)
    value = rendering._xlsx_value(sheet, value)
    if isinstance(value, Cell):  # text that looks like a formula or an error code
        cell.value = value.value
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def _band(sheet: Any, row: int, width: int, text: str, **style: Any) -> None:
    """One line of text across the whole table."""
    cell = _put(sheet, row, 1, text)
    cell.font = Font(**style)
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    if width > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def _write_xlsx_header(sheet: Any, layout: Layout, top: int, widths: list[int]) -> int:
    header = _header(layout)
    for row, column, head in header_positions(header):
        _put(sheet, top + row, column + 1, str(head.title))
        if head.colspan == 1:
            widths[column] = max(widths[column], rendering.text_width(str(head.title)) // 2 + 2)
        if head.colspan > 1 or head.rowspan > 1:
            sheet.merge_cells(
                start_row=top + row,
                start_column=column + 1,
                end_row=top + row + head.rowspan - 1,
                end_column=column + head.colspan,
            )
    for row in range(top, top + len(header)):
        for column in range(1, len(widths) + 1):
            cell = sheet.cell(row=row, column=column)
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.border = BOX
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return top + len(header)


def _write_xlsx_row(sheet: Any, r: int, row: Any, layout: Layout, widths: list[int]) -> None:
    style, indent, number_format, values = _style_and_values(row)
    if style == "section":
        _band(sheet, r, len(widths), str(values[0]), bold=True)
        sheet.cell(row=r, column=1).fill = SECTION_FILL
        return
    if style == "heading":
        cell = _put(sheet, r, 1, str(values[0]))
        cell.font = Font(italic=True)
        cell.alignment = Alignment(indent=indent * 2)
        for column in range(1, len(widths) + 1):
            sheet.cell(row=r, column=column).border = BOX
        return
    columns = layout.shown_columns()
    for position, index in enumerate(layout.shown_indexes()):
        value = values[index]
        cell = _put(sheet, r, position + 1, value)
        cell.border = BOX
        text = rendering.cell_text(value)
        if _is_number(value):
            cell.number_format = number_format or "0"
        elif columns[position].kind != "text":
            cell.alignment = Alignment(horizontal="right")
        if position == 0 and indent:
            cell.alignment = Alignment(indent=indent * 2)
        widths[position] = max(widths[position], rendering.text_width(text) + 2 + indent * 2)


def render_form_xlsx(layout: Layout, rows: Iterable[Any], meta: rendering.ExportMeta) -> bytes:
    """A normal (not write-only) workbook: a form is small, and merged cells need one."""
    workbook = Workbook()
    workbook.properties.title = layout.title or meta.title
    workbook.properties.creator = meta.generated_by
    sheet = workbook.active
    sheet.title = rendering._sheet_title(meta.title)
    width = len(layout.shown_columns())
    widths = [MIN_WIDTH] * width
    r = 1
    if layout.title:
        _band(sheet, r, width, layout.title, bold=True, size=14)
        sheet.row_dimensions[r].height = 24
        r += 1
    for line in layout.lines:
        _band(sheet, r, width, line)
        r += 1
    first = _write_xlsx_header(sheet, layout, r, widths)
    r = first
    count = 0
    for row in rows:
        _write_xlsx_row(sheet, r, row, layout, widths)
        r += 1
        count += 1
    for note in layout.notes:
        r += 1
        _band(sheet, r, width, note, italic=True)
        sheet.row_dimensions[r].height = 30
    for position, wanted in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = min(wanted, MAX_WIDTH)
    sheet.freeze_panes = f"{get_column_letter(layout.frozen_columns + 1)}{first}"
    rendering._write_meta_sheet(workbook, meta, count)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- PDF ------------------------------------------------------------------------------------


def _pdf_rows(layout: Layout, rows: Sequence[Any]) -> list[dict[str, Any]]:
    indexes = layout.shown_indexes()
    kinds = ["label"] + ["text" if c.kind == "text" else "num" for c in layout.shown_columns()[1:]]
    table = []
    for row in rows:
        style, indent, _format, values = _style_and_values(row)
        if style in ("section", "heading"):
            title = rendering.cell_text(values[0])
            blanks = [""] * (len(indexes) - 1)
            table.append({"style": style, "title": title, "indent": indent, "blanks": blanks})
            continue
        cells = [
            (rendering.cell_text(values[index]), kind)
            for index, kind in zip(indexes, kinds, strict=True)
        ]
        table.append({"style": style, "indent": indent, "cells": cells})
    return table


def pdf_form_widths(layout: Layout) -> list[str]:
    """CSS widths: the first column a good share, text columns narrow, figures share the rest."""
    kinds = [column.kind for column in layout.shown_columns()]
    figures = sum(1 for kind in kinds[1:] if kind != "text") or 1
    rest = 100 - PDF_LABEL_SHARE - PDF_TEXT_SHARE * sum(1 for kind in kinds[1:] if kind == "text")
    shares = [PDF_LABEL_SHARE] + [
        PDF_TEXT_SHARE if kind == "text" else rest / figures for kind in kinds[1:]
    ]
    return [f"{share:.2f}%" for share in shares]


def render_form_pdf(layout: Layout, rows: Sequence[Any], meta: rendering.ExportMeta) -> bytes:
    """A4 landscape like every report PDF; the header rows repeat on every page."""
    header = [
        [{"title": cell.title, "colspan": cell.colspan, "rowspan": cell.rowspan} for cell in cells]
        for cells in _header(layout)
    ]
    html = render_to_string(
        "reports/pdf_form.html",
        {
            **rendering._pdf_page_context(meta),
            "layout": layout,
            "header": header,
            "width": len(layout.shown_columns()),
            "widths": pdf_form_widths(layout),
            "rows": _pdf_rows(layout, rows),
        },
    )
    return rendering._write_pdf(html)
