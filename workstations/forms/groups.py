"""Forms for the coordination group: they parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from people.forms import DateInput
from workstations.models import PartnerUnit
from workstations.services.groups import LATER_KINDS

DOCUMENT_HINT = _("For example 皖残联〔2019〕56号")


class GroupSetUpForm(forms.Form):
    established_on = forms.DateField(
        label=_("Set up on"), widget=DateInput(), help_text=_("Not in the future.")
    )
    document_number = forms.CharField(
        label=_("Document number"), max_length=64, help_text=DOCUMENT_HINT
    )
    document_date = forms.DateField(
        label=_("Document date"),
        widget=DateInput(),
        help_text=_("On or before the day the group was set up."),
    )
    office_location = forms.CharField(label=_("Office"), max_length=200, required=False)
    office_head = forms.CharField(label=_("Head of the office"), max_length=64, required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class GroupAdjustForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Adjustment"),
        choices=[(kind.value, kind.label) for kind in LATER_KINDS],
    )
    effective_on = forms.DateField(
        label=_("Effective on"), widget=DateInput(), help_text=_("Not in the future.")
    )
    document_number = forms.CharField(
        label=_("Document number"), max_length=64, help_text=DOCUMENT_HINT
    )
    document_date = forms.DateField(
        label=_("Document date"),
        widget=DateInput(),
        help_text=_("On or before the effective date."),
    )
    office_location = forms.CharField(label=_("Office"), max_length=200, required=False)
    office_head = forms.CharField(label=_("Head of the office"), max_length=64, required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def service_kwargs(self) -> dict:
        """The cleaned data as :func:`adjust_group` takes it."""
        data = dict(self.cleaned_data)
        data["expected_version"] = data.pop("version")
        return data


class GroupMemberForm(forms.Form):
    unit = forms.ChoiceField(label=_("Member unit"), choices=PartnerUnit.choices)
    unit_name = forms.CharField(
        label=_("Unit name"), max_length=128, help_text=_("For example 肥西县人民法院")
    )
    name = forms.CharField(label=_("Name"), max_length=64)
    post = forms.CharField(label=_("Post"), max_length=64)
    since = forms.DateField(
        label=_("Member since"), widget=DateInput(), help_text=_("Not in the future.")
    )


class MemberLeftForm(forms.Form):
    until = forms.DateField(
        label=_("Last day"), widget=DateInput(), help_text=_("Not in the future.")
    )
