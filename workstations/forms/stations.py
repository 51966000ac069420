"""Forms for the workstation: they parse input; the services decide."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from people.forms import DateInput
from workstations.models import PremisesItem, Workstation
from workstations.services.stations import TRANSITIONS


class WorkstationCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=128, help_text=_("For example 肥西县残疾人法律救助工作站")
    )
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    planned_on = forms.DateField(
        label=_("Planned since"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty for today. Not in the future."),
    )


class WorkstationEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=128)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    approved_on = forms.DateField(
        label=_("Approved on"),
        widget=DateInput(),
        required=False,
        help_text=_("The date the coordination group one level up approved the workstation."),
    )
    approval_document = forms.CharField(
        label=_("Approval document"),
        max_length=64,
        required=False,
        help_text=_("For example 合残联〔2020〕12号"),
    )
    head = forms.ModelChoiceField(
        label=_("Head"),
        queryset=None,
        required=False,
        help_text=_("Must be a formal staff member of this federation."),
    )
    daily_manager = forms.ModelChoiceField(
        label=_("Daily manager"),
        queryset=None,
        required=False,
        help_text=_("Anyone of this federation who is active."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, people: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["head"].queryset = people
        self.fields["daily_manager"].queryset = people

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["expected_version"] = data.pop("version")
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=())
    effective_on = forms.DateField(
        label=_("Effective on"), widget=DateInput(), help_text=_("Not in the future.")
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=200,
        required=False,
        help_text=_("Required when suspending or closing: say why."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, workstation: Workstation, **kwargs) -> None:
        kwargs.setdefault("initial", {"version": workstation.version})
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status, Workstation.Status(status).label)
            for status in TRANSITIONS.get(workstation.status, ())
        ]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["expected_version"] = data.pop("version")
        return data


class PremisesCheckForm(forms.Form):
    item = forms.ChoiceField(label=_("Item"), choices=PremisesItem.choices)
    present = forms.TypedChoiceField(
        label=_("Present"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        max_length=200,
        required=False,
        help_text=_("What shows it: a photo or document reference. Required for yes."),
    )
    checked_on = forms.DateField(
        label=_("Checked on"), widget=DateInput(), help_text=_("Not in the future.")
    )
