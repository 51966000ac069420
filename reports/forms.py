"""The web form to run a report: the report's own parameters plus the file format."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.base import Exporter
from reports.services import Format

FORMAT_FIELD = "file_format"


def run_form(exporter: Exporter, data: Mapping[str, Any] | None = None) -> forms.Form:
    """The exporter's parameter form with a ``file_format`` radio group added."""
    form = exporter.parameter_form(data)
    form.fields[FORMAT_FIELD] = forms.ChoiceField(
        label=_("File format"),
        choices=Format.choices,
        initial=Format.XLSX,
        widget=forms.RadioSelect,
    )
    return form


def parameter_data(form: forms.Form) -> dict[str, Any]:
    """The submitted values of the report's own parameters (the format left out)."""
    names = [name for name in form.fields if name != FORMAT_FIELD]
    return {name: form.data.get(name, "") for name in names}
