"""The form a province clerk adds a local criterion with: it parses; the service decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from compliance import standards
from compliance.indicators import INDICATORS


def _standard_choices() -> list[tuple[int, str]]:
    return [(spec.number, f"{spec.number}. {spec.title}") for spec in standards.STANDARDS]


def _measure_choices() -> list[tuple[str, str]]:
    by_measure = {c.measure: c for spec in standards.STANDARDS for c in spec.criteria if c.measure}
    choices = [("", str(_("None: judged on the evidence the workstation gives")))]
    for key, number in INDICATORS:
        criterion = by_measure.get(key)
        label = f"{number}: {criterion.text}" if criterion else key
        choices.append((key, label))
    return choices


class LocalCriterionForm(forms.Form):
    prefix = "criterion"

    standard = forms.TypedChoiceField(label=_("Standard"), coerce=int, choices=_standard_choices)
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("Unique within the standard, for example AH-4.3."),
    )
    text = forms.CharField(
        label=_("What the criterion asks"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    measure = forms.ChoiceField(
        label=_("How it is measured"),
        choices=_measure_choices,
        required=False,
        help_text=_(
            "An indicator already measured by a national criterion of the standard cannot be "
            "used again."
        ),
    )
