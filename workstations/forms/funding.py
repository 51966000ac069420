"""Forms for funding: they parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workstations.models import Budget, Expenditure


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class BudgetForm(forms.Form):
    prefix = "budget"

    year = forms.IntegerField(label=_("Year"), min_value=1, max_value=9999)
    source = forms.ChoiceField(label=_("Source"), choices=Budget.Source.choices)
    amount = forms.DecimalField(
        label=_("Amount (yuan)"),
        max_digits=12,
        decimal_places=2,
        help_text=_("Setting the same year and source again replaces the amount."),
    )


class ExpenditureForm(forms.Form):
    prefix = "expenditure"

    spent_on = forms.DateField(
        label=_("Date"), widget=DateInput(), help_text=_("Not in the future.")
    )
    category = forms.ChoiceField(label=_("Category"), choices=Expenditure.Category.choices)
    amount = forms.DecimalField(label=_("Amount (yuan)"), max_digits=12, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class FinancialRuleForm(forms.Form):
    prefix = "rule"

    document_number = forms.CharField(
        label=_("Document number"),
        max_length=64,
        help_text=_("For example 皖残联〔2019〕56号"),
    )
    adopted_on = forms.DateField(
        label=_("Adopted on"), widget=DateInput(), help_text=_("Not in the future.")
    )
