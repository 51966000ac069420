"""What a report is: an identifier, a title, a parameter form, columns and rows.

An exporter only yields rows, read through selectors within the scope it is given; rendering to
XLSX, CSV and PDF, the capability check and the audit entry are done once, for every report, by
``reports.rendering`` and ``reports.services``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from django import forms
from django.utils.functional import Promise

from accounts.roles import Capability
from regions.scoping import Scope

ColumnKind = Literal["text", "int", "date", "datetime", "money"]
RowStyle = Literal["", "section", "heading"]


@dataclass(frozen=True)
class Column:
    """One column of a report: ``title`` is a lazy translation, ``width`` in characters."""

    key: str
    title: str | Promise
    width: int | None = None
    kind: ColumnKind = "text"

    @property
    def display_width(self) -> int:
        if self.width:
            return self.width
        return {"int": 10, "date": 12, "datetime": 20, "money": 14}.get(self.kind, 18)


@dataclass(frozen=True)
class HeaderCell:
    """One cell of a form's header, spanning columns and rows like an HTML ``th``."""

    title: str | Promise
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class FormRow:
    """A row of a report laid out like a form (one with a :class:`Layout`).

    ``values`` follow :attr:`Layout.columns`. A ``"section"`` row is a heading: its one value
    spans the table in XLSX and PDF; a ``"heading"`` row is a smaller heading inside a section,
    its one value in the first shown column and no figures; the machine-readable CSV leaves both
    out. ``indent`` indents the first shown column (a breakdown under its headline);
    ``number_format`` is the XLSX format of the row's numbers (``"#,##0.00"`` for money).
    """

    values: Sequence[Any]
    style: RowStyle = ""
    indent: int = 0
    number_format: str = ""

    @classmethod
    def section(cls, title: str | Promise) -> FormRow:
        return cls([title], style="section")

    @classmethod
    def heading(cls, title: str | Promise, indent: int = 0) -> FormRow:
        return cls([title], style="heading", indent=indent)


@dataclass(frozen=True)
class Layout:
    """How a report laid out like an official form is drawn; see :meth:`Exporter.layout`.

    ``columns`` are every column, as the CSV has them (one plain header row); ``form_columns``
    names those the XLSX and PDF show, in order (empty: all). XLSX and PDF put ``title`` across
    the table, then ``lines``, then the ``header`` rows (cells placed left to right, skipping
    places a cell above still spans, as in HTML; empty: one row of column titles), the rows, and
    ``notes`` under the table; ``frozen_columns`` stay in view when scrolling right.
    """

    columns: Sequence[Column]
    title: str = ""
    lines: Sequence[str] = ()
    header: Sequence[Sequence[HeaderCell]] = ()
    form_columns: Sequence[str] = ()
    notes: Sequence[str] = ()
    frozen_columns: int = 1

    def shown_columns(self) -> list[Column]:
        if not self.form_columns:
            return list(self.columns)
        by_key = {column.key: column for column in self.columns}
        return [by_key[key] for key in self.form_columns]

    def shown_indexes(self) -> list[int]:
        keys = [column.key for column in self.columns]
        return [keys.index(column.key) for column in self.shown_columns()]


class NoParameters(forms.Form):
    """The parameter form of a report that takes none."""


class Exporter:
    """Base class of every report; subclasses live in ``reports/exporters/``, one per module."""

    identifier: ClassVar[str] = ""
    title: ClassVar[str | Promise] = ""
    description: ClassVar[str | Promise] = ""
    capability: ClassVar[str] = Capability.REPORT_EXPORT
    form_class: ClassVar[type[forms.Form]] = NoParameters
    # A report that is a document rather than a table (a case file) names its own PDF template;
    # XLSX and CSV still render :meth:`rows`. The template gets :meth:`pdf_context` plus the
    # rows, the export's facts and the font list (``reports.rendering.render_pdf_document``).
    pdf_template: ClassVar[str] = ""

    def columns(self) -> Sequence[Column]:
        raise NotImplementedError

    def rows(self, scope: Scope, params: Mapping[str, Any]) -> Iterator[Sequence[Any]]:
        """Yield one sequence per row, in the order of :meth:`columns`.

        ``params`` is the parameter form's ``cleaned_data``. Read only through selectors, and only
        within ``scope``.
        """
        raise NotImplementedError

    def pdf_context(self, scope: Scope, params: Mapping[str, Any]) -> dict[str, Any]:
        """What :attr:`pdf_template` shows besides the rows; read within ``scope`` only."""
        return {}

    def layout(self, scope: Scope, params: Mapping[str, Any]) -> Layout | None:
        """A report laid out like an official form returns its :class:`Layout` (titles, header
        rows with merged cells) and yields :class:`FormRow` rows; ``None`` (the default) for a
        plain table of :meth:`columns`. Read within ``scope`` only."""
        return None

    def parameter_form(self, data: Mapping[str, Any] | None = None) -> forms.Form:
        return self.form_class(data)

    def __str__(self) -> str:
        return str(self.title)
