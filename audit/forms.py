from django import forms
from django.utils.translation import gettext_lazy as _

from audit import actions
from audit.models import AuditEntry
from audit.selectors import AuditFilter


class AuditSearchForm(forms.Form):
    actor = forms.CharField(label=_("User"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("Action"), required=False)
    target = forms.CharField(label=_("Record"), required=False, max_length=100)
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=[("", _("Any outcome")), *AuditEntry.Outcome.choices],
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [
            ("", _("Any action")),
            *sorted(actions.ACTIONS.items(), key=lambda item: item[0]),
        ]

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def to_filter(self) -> AuditFilter:
        data = self.cleaned_data
        return AuditFilter(
            actor=data.get("actor") or "",
            action=data.get("action") or "",
            target=data.get("target") or "",
            outcome=data.get("outcome") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
