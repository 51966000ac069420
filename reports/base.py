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

ColumnKind = Literal["text", "int", "date", "datetime"]


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
        return {"int": 10, "date": 12, "datetime": 20}.get(self.kind, 18)


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

    def parameter_form(self, data: Mapping[str, Any] | None = None) -> forms.Form:
        return self.form_class(data)

    def __str__(self) -> str:
        return str(self.title)
