"""The periodic statistical report (issue 7, item 2): the report form of a region for a period.

Laid out like an official statistical form: one row per shown indicator of ``stats.indicators``,
in order, under section heading rows (breakdowns indented); columns: the indicator, its unit,
one per area directly below the region, the region's own federation, the total. Read through the
same selector as the statistics page (``stats.selectors.figures.figure_table``), so the file and
the page agree, except that every exported format hides small counts (``stats.suppression``).

Parameters: ``region`` (six digits inside the scope; default the scope's own region) and
``period`` (required: any written period of ``lawstation.periods``, e.g. ``2026-Q3`` or
``2026``). XLSX and PDF draw the form (``reports.form_rendering``); the CSV is the plain table,
with each indicator's key, for machines. See ``docs/statistics.md``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import Capability
from lawstation import periods
from lawstation.errors import DomainError
from lawstation.periods import PeriodError
from regions.models import Federation, Region
from regions.scoping import Scope
from reports.base import Column, Exporter, FormRow, HeaderCell, Layout
from reports.parameters import period_key, region_field, region_of
from reports.registry import register
from stats.layout import Heading, form_blocks, own_area, sub_areas, suppression_note, total_area
from stats.selectors.figures import OWN, TOTAL, FigureTable, figure_table
from stats.suppression import policy_from_settings

NUMBER_FORMATS = {"count": "#,##0", "money": "#,##0.00", "ratio": "0.0"}


class StatisticsParameters(forms.Form):
    region = region_field(gettext_lazy("Leave empty for your own region."))
    period = forms.CharField(
        label=gettext_lazy("Period"),
        max_length=32,
        help_text=gettext_lazy(
            "A year (2026), a half-year (2026-H1), a quarter (2026-Q3), a month (2026-07) or "
            "two dates (2026-01-01..2026-03-31)."
        ),
    )

    def clean_period(self) -> str:
        return period_key(self.cleaned_data.get("period") or "")


@register
class StatisticsReport(Exporter):
    identifier = "statistics"
    title = gettext_lazy("Legal assistance statistics (periodic report form)")
    description = gettext_lazy(
        "The periodic statistical report of your region (or the region you name) for a month, a "
        "quarter, a year or any dates: every indicator by area below, the federation's own work "
        "and the total. Small counts at county level are shown as <5."
    )
    capability = Capability.REPORT_EXPORT
    form_class = StatisticsParameters

    def __init__(self) -> None:
        self._tables: dict[tuple[str, str, str], FigureTable] = {}

    def columns(self) -> Sequence[Column]:
        """The fixed columns; the area columns come with the region (:meth:`layout`)."""
        return [
            Column("key", gettext_lazy("Indicator key"), width=30),
            Column("indicator", gettext_lazy("Indicator"), width=36),
            Column("unit", gettext_lazy("Unit"), width=10),
            Column("total", gettext_lazy("Total"), kind="int"),
        ]

    def table(self, scope: Scope, params: Mapping[str, Any]) -> FigureTable:
        """The figure table of the region and period, read once per export."""
        key = (scope.region_code, params.get("region") or "", params.get("period") or "")
        if key not in self._tables:
            region = region_of(scope, params)
            try:
                period = periods.parse(params.get("period") or "")
            except PeriodError as error:
                raise DomainError(str(error), code=error.code) from error
            self._tables[key] = figure_table(region, period)
        return self._tables[key]

    def layout(self, scope: Scope, params: Mapping[str, Any]) -> Layout:
        table = self.table(scope, params)
        region, period = table.region, table.period
        subs, own, total = sub_areas(table), own_area(table), total_area(table)
        titles = {OWN: gettext_lazy("Own federation"), TOTAL: gettext_lazy("Total")}
        columns = [
            *self.columns()[:3],
            *(
                Column(f"area_{area.code}", titles.get(area.code, area.name), kind="int")
                for area in table.areas
            ),
        ]
        top = [HeaderCell(_("Indicator"), rowspan=2), HeaderCell(_("Unit"), rowspan=2)]
        if subs:
            top.append(HeaderCell(_("Areas"), colspan=len(subs)))
        if own:
            top.append(HeaderCell(_("Own federation"), rowspan=2))
        if total:
            top.append(HeaderCell(_("Total"), rowspan=2))
        return Layout(
            columns=columns,
            title=_("%(region)s legal assistance statistics, %(period)s")
            % {"region": region.name, "period": period.key},
            lines=[self._dates_line(region, table)],
            header=[top, [HeaderCell(area.name) for area in subs]],
            form_columns=[column.key for column in columns[1:]],
            notes=[note] if (note := suppression_note(policy_from_settings())) else [],
            frozen_columns=2,
        )

    def _dates_line(self, region: Region, table: FigureTable) -> str:
        try:
            unit = region.federation.name
        except Federation.DoesNotExist:
            unit = region.name
        return _("Period: %(start)s to %(end)s    Filling unit: %(unit)s    Date: %(date)s") % {
            "start": table.period.start.isoformat(),
            "end": table.period.end.isoformat(),
            "unit": unit,
            "date": timezone.localdate().isoformat(),
        }

    def rows(self, scope: Scope, params: Mapping[str, Any]) -> Iterator[FormRow]:
        table = self.table(scope, params)
        for block in form_blocks(table, suppressed=True):
            yield FormRow.section(str(block.section.label))
            for line in block.lines:
                if isinstance(line, Heading):
                    yield FormRow.heading(str(line.label), indent=line.depth)
                    continue
                indicator = line.indicator
                yield FormRow(
                    [
                        indicator.key,
                        str(indicator.label),
                        str(indicator.unit),
                        *(cell.value for cell in line.cells),
                    ],
                    indent=line.depth,
                    number_format=NUMBER_FORMATS[indicator.kind],
                )
