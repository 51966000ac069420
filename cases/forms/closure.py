"""Forms for closing, archiving, return visits and complaints: they parse; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cases import archive_rules
from cases.models import Case, ReturnVisit


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _blank(choices: list) -> list:
    return [("", _("Choose…")), *choices]


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=_blank(Case.Outcome.choices))
    termination_reason = forms.ChoiceField(
        label=_("Reason for termination (LAL Art. 48)"),
        choices=_blank(Case.Termination.choices),
        required=False,
        help_text=_("Required when the outcome is “Terminated”."),
    )
    money_recovered = forms.DecimalField(
        label=_("Economic loss recovered (yuan)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=False,
        help_text=_("Leave empty when no money was at stake."),
    )
    closing_summary = forms.CharField(
        label=_("Closing summary"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What was done, the result, the documents handed over (LAL Art. 50)."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ArchiveForm(forms.Form):
    confirmed = forms.MultipleChoiceField(
        label=_("Paper items in the file"),
        choices=[(code, archive_rules.ITEM_LABELS[code]) for code in archive_rules.CONFIRMABLE],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick the items that are in the paper file but were not uploaded."),
    )
    is_confidential = forms.BooleanField(
        label=_("Confidential file (密卷): the case involves privacy"), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ScheduleVisitForm(forms.Form):
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())


class ReturnVisitForm(forms.Form):
    done_on = forms.DateField(
        label=_("Date of the visit"), widget=DateInput(), help_text=_("Not in the future.")
    )
    method = forms.ChoiceField(
        label=_("How"), choices=ReturnVisit.Method.choices, widget=forms.RadioSelect
    )
    satisfaction = forms.TypedChoiceField(
        label=_("Satisfaction"),
        choices=ReturnVisit.Satisfaction.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Comments and quality feedback"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class ComplaintForm(forms.Form):
    received_on = forms.DateField(
        label=_("Received on"), widget=DateInput(), help_text=_("Not in the future.")
    )
    content = forms.CharField(label=_("Complaint"), widget=forms.Textarea(attrs={"rows": 4}))
    return_visit = forms.TypedChoiceField(
        label=_("Made at a return visit"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, visits=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["return_visit"].choices = [
            ("", _("No")),
            *[(visit.pk, visit.done_on or visit.due_on) for visit in visits],
        ]


class ResolveComplaintForm(forms.Form):
    resolved_on = forms.DateField(
        label=_("Resolved on"), widget=DateInput(), help_text=_("Not in the future.")
    )
    handling = forms.CharField(
        label=_("How it was handled"), widget=forms.Textarea(attrs={"rows": 3})
    )
