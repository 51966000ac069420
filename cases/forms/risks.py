"""Forms for raising and reviewing risk flags."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import RiskFlag


class RaiseRiskForm(forms.Form):
    kind = forms.ChoiceField(label=_("Risk"), choices=[("", _("Choose…")), *RiskFlag.Kind.choices])
    note = forms.CharField(label=_("What was seen"), widget=forms.Textarea(attrs={"rows": 3}))


class ReviewRiskForm(forms.Form):
    note = forms.CharField(
        label=_("Review"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was decided and why."),
    )


class RegisterFilterForm(forms.Form):
    open_only = forms.BooleanField(label=_("Only risks awaiting review"), required=False)
