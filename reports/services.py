"""Running a report: check, validate, render, audit. Web views and the command call the same one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import record
from lawstation.errors import DomainError
from regions.models import Region
from regions.scoping import Scope
from reports import registry
from reports.base import Exporter
from reports.rendering import (
    ExportMeta,
    cell_text,
    render_csv,
    render_pdf,
    render_pdf_document,
    render_xlsx,
)


class Format(models.TextChoices):
    XLSX = "xlsx", gettext_lazy("Excel workbook (XLSX)")
    CSV = "csv", gettext_lazy("Comma-separated values (CSV)")
    PDF = "pdf", gettext_lazy("PDF, for reading and printing")


CONTENT_TYPES = {
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Format.CSV: "text/csv; charset=utf-8",
    Format.PDF: "application/pdf",
}
RENDERERS = {Format.XLSX: render_xlsx, Format.CSV: render_csv, Format.PDF: render_pdf}


@dataclass(frozen=True)
class ExportResult:
    filename: str
    content_type: str
    content: bytes
    row_count: int


class _CountedRows:
    """Passes rows through and counts them, for the audit entry.

    :meth:`close` ends the exporter's generator at once, even when a renderer stopped early (a
    PDF over its row limit): on PostgreSQL the rows come from a server-side cursor, which must be
    closed inside the transaction that opened it, not whenever the garbage collector runs.
    """

    def __init__(self, rows: Iterable[Sequence[Any]]) -> None:
        self._rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[Sequence[Any]]:
        for row in self._rows:
            self.count += 1
            yield row

    def close(self) -> None:
        close = getattr(self._rows, "close", None)
        if close is not None:
            close()


def exporter_for(identifier: str) -> Exporter:
    """The exporter for ``identifier``, or a :class:`DomainError` saying there is none."""
    try:
        return registry.get(identifier)
    except registry.UnknownReportError:
        raise DomainError(
            _("There is no report called %(identifier)s.") % {"identifier": identifier},
            code="unknown_report",
        ) from None


def validate_parameters(exporter: Exporter, params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameter form's cleaned data; unknown or invalid parameters raise ``DomainError``.

    The error carries one message per field (``error.message_dict``), so a view can put each on
    its field and the command can list them.
    """
    form = exporter.parameter_form(dict(params))
    unknown = sorted(set(params) - set(form.fields))
    if unknown:
        known = ", ".join(form.fields) or _("none")
        raise DomainError(
            _("Unknown parameter %(names)s. This report takes: %(known)s.")
            % {"names": ", ".join(unknown), "known": known},
            code="unknown_parameter",
        )
    if not form.is_valid():
        raise DomainError(form.errors.as_data())
    return {name: form.cleaned_data.get(name) for name in form.fields}


def _check_may_run(exporter: Exporter, scope: Scope, fmt: str) -> None:
    if not scope.can(exporter.capability):
        raise DomainError(
            _("You may not run the report %(title)s.") % {"title": exporter.title},
            code="forbidden",
        )
    if fmt not in RENDERERS:
        raise DomainError(
            _("Unknown file format %(format)s. Choose one of: %(formats)s.")
            % {"format": fmt, "formats": ", ".join(Format.values)},
            code="unknown_format",
        )


def parameters_text(params: Mapping[str, Any]) -> str:
    """``name=value`` for every parameter given, in form order: for the audit entry and the file."""
    given = [(name, value) for name, value in params.items() if value not in (None, "", [], ())]
    return ", ".join(f"{name}={cell_text(value)}" for name, value in given)


def _render(
    exporter: Exporter,
    fmt: str,
    rows: _CountedRows,
    meta: ExportMeta,
    *,
    scope: Scope,
    params: Mapping[str, Any],
) -> bytes:
    """The file's bytes: a document report's own PDF template, else the table renderer (a form
    when the exporter has a layout)."""
    if fmt == Format.PDF and exporter.pdf_template:
        return render_pdf_document(exporter, exporter.pdf_context(scope, params), rows, meta)
    return RENDERERS[fmt](exporter, rows, meta, layout=exporter.layout(scope, params))


def export_report(
    identifier: str,
    *,
    scope: Scope,
    actor: Any,
    params: Mapping[str, Any],
    fmt: str,
    actor_label: str | None = None,
) -> ExportResult:
    """Render report ``identifier`` within ``scope`` and record ``report.exported``.

    ``params`` are raw values (form data or the command's ``key=value`` pairs). The rows are read
    and rendered first and the audit entry is written in its own short transaction before the file
    is returned: no file leaves without its entry, and a long export does not hold the database's
    write lock (SQLite opens every transaction with ``BEGIN IMMEDIATE``).
    """
    exporter = exporter_for(identifier)
    _check_may_run(exporter, scope, fmt)
    cleaned = validate_parameters(exporter, params)
    region = Region.objects.get(code=scope.region_code)
    now = timezone.now()
    meta = ExportMeta(
        title=str(exporter.title),
        region_code=region.code,
        region_name=region.name,
        parameters=parameters_text(cleaned),
        generated_at=now,
        generated_by=actor_label or (actor.get_username() if actor is not None else ""),
    )
    rows = _CountedRows(exporter.rows(scope, cleaned))
    try:
        content = _render(exporter, fmt, rows, meta, scope=scope, params=cleaned)
    finally:
        rows.close()
    with transaction.atomic():
        record(
            "report.exported",
            None,
            actor=actor,
            actor_label=actor_label,
            region=region,
            changes={
                "report": [None, identifier],
                "format": [None, fmt],
                "params": [None, meta.parameters],
                "rows": [None, rows.count],
            },
        )
    filename = f"{identifier}-{region.code}-{timezone.localtime(now):%Y%m%d}.{fmt}"
    return ExportResult(filename, CONTENT_TYPES[fmt], content, rows.count)
